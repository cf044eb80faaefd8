/**
 * A Dynamo storage node: its state, its configuration, and the dispatcher that routes each message
 * and timer to the handler of its concept (coordinator.ts, replica.ts).
 *
 * Nodes are processes 0..S-1 of the simulation, so a node's index on the ring is its process id.
 * Membership is static here: every node knows the whole ring from the scenario.
 */

import type { Behavior, Ctx, Envelope, TimerId } from "../core/simulation";
import { unreachable } from "../core/types";
import {
  onGet,
  onPut,
  onReplicaReadOk,
  onReplicaWriteOk,
  onRequestTimeout,
  type Request,
} from "./coordinator";
import {
  heardFrom,
  onGossip,
  onGossipOk,
  onGossipRound,
  onGossipTimeout,
  startGossip,
} from "./gossip";
import type { MembershipView } from "./membership";
import type { Msg, Timer } from "./messages";
import { onReplicaRead, onReplicaWrite } from "./replica";
import type { Ring } from "./ring";
import { Storage } from "./storage";

export interface QuorumConfig {
  /** replicas per key */
  n: number;
  /** replies a get waits for */
  r: number;
  /** acknowledgements a put waits for, the coordinator's own included */
  w: number;
  /** a coordinator fails a request that has not reached its quorum after this long */
  requestTimeoutMs: number;
}

export interface MembershipConfig {
  mode: "oracle" | "gossip";
  gossipIntervalMs: number;
  failureTimeoutMs: number;
  /** seed nodes, by index */
  seeds: readonly number[];
}

export interface NodeConfig extends QuorumConfig {
  ring: Ring;
  membership: MembershipConfig;
  /** the view every node starts from */
  initialView: MembershipView;
}

export interface NodeDisk {
  storage: Storage;
  /** this node's membership view (kept across crashes, as Dynamo persists membership) */
  view: MembershipView;
}

/** A node's gossip state: volatile, so a recovered node trusts everyone again. */
export interface GossipState {
  /** peers this node believes are down: its own, local opinion */
  readonly suspects: Set<number>;
  /** gossip partners that owe an answer, with the timer that will suspect them */
  readonly awaiting: Map<number, TimerId>;
  rounds: number;
}

export interface NodeState {
  readonly disk: NodeDisk;
  readonly config: NodeConfig;
  /** requests this node coordinates, by request id (volatile: lost on a crash) */
  readonly requests: Map<number, Request>;
  nextRequestId: number;
  /** null under oracle membership */
  readonly gossip: GossipState | null;
}

export type NodeCtx = Ctx<Msg, Timer>;

export function nodeBehavior(config: NodeConfig): Behavior<NodeState, NodeDisk, Msg, Timer> {
  return {
    start: (disk, ctx) => {
      const state: NodeState = {
        disk: disk ?? { storage: new Storage(), view: config.initialView },
        config,
        requests: new Map(),
        nextRequestId: 1,
        gossip:
          config.membership.mode === "gossip"
            ? { suspects: new Set(), awaiting: new Map(), rounds: 0 }
            : null,
      };
      startGossip(state, ctx);
      return state;
    },
    disk: (state) => state.disk,
    onMessage: dispatchMessage,
    onTimer: dispatchTimer,
  };
}

function dispatchMessage(state: NodeState, env: Envelope<Msg>, ctx: NodeCtx): NodeState {
  const body = env.body;
  if (state.gossip !== null) heardFrom(state, env.src, ctx);
  switch (body.type) {
    case "get":
      return onGet(state, env, body, ctx);
    case "put":
      return onPut(state, env, body, ctx);
    case "replica_read":
      return onReplicaRead(state, env, body, ctx);
    case "replica_read_ok":
      return onReplicaReadOk(state, body, ctx);
    case "replica_write":
      return onReplicaWrite(state, env, body, ctx);
    case "replica_write_ok":
      return onReplicaWriteOk(state, body, ctx);
    case "gossip":
      return onGossip(state, env, body, ctx);
    case "gossip_ok":
      return onGossipOk(state, body);
    case "get_ok":
    case "put_ok":
    case "request_failed":
      return state; // replies meant for clients; a node never asks, so it ignores strays
    default:
      return unreachable(body);
  }
}

function dispatchTimer(state: NodeState, timer: Timer, ctx: NodeCtx): NodeState {
  switch (timer.type) {
    case "request_timeout":
      return onRequestTimeout(state, timer, ctx);
    case "gossip_round":
      return onGossipRound(state, ctx);
    case "gossip_timeout":
      return onGossipTimeout(state, timer.peer);
    case "next_op":
    case "op_timeout":
      return state; // client timers
    default:
      return unreachable(timer);
  }
}

/** What a view shows about a node. */
export interface NodeSummary {
  keys: number;
  pendingRequests: number;
  /** nodes this node suspects to be down (gossip membership only), by index */
  suspects: number[];
}

export function summarizeNode(
  state: NodeState | undefined,
  disk: NodeDisk | undefined,
): NodeSummary {
  return {
    keys: (state?.disk ?? disk)?.storage.size ?? 0,
    pendingRequests: state?.requests.size ?? 0,
    suspects: state?.gossip ? [...state.gossip.suspects].sort((a, b) => a - b) : [],
  };
}
