/**
 * A Dynamo storage node: its state, its configuration, and the dispatcher that routes each message
 * and timer to the handler of its concept (coordinator.ts, replica.ts).
 *
 * Nodes are processes 0..S-1 of the simulation, so a node's index on the ring is its process id.
 * Membership is static here: every node knows the whole ring from the scenario.
 */

import type { Behavior, Ctx, Envelope } from "../core/simulation";
import { unreachable } from "../core/types";
import {
  onGet,
  onPut,
  onReplicaReadOk,
  onReplicaWriteOk,
  onRequestTimeout,
  type Request,
} from "./coordinator";
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

export interface NodeConfig extends QuorumConfig {
  ring: Ring;
}

export interface NodeDisk {
  storage: Storage;
}

export interface NodeState {
  readonly disk: NodeDisk;
  readonly config: NodeConfig;
  /** requests this node coordinates, by request id (volatile: lost on a crash) */
  readonly requests: Map<number, Request>;
  nextRequestId: number;
}

export type NodeCtx = Ctx<Msg, Timer>;

export function nodeBehavior(config: NodeConfig): Behavior<NodeState, NodeDisk, Msg, Timer> {
  return {
    start: (disk) => ({
      disk: disk ?? { storage: new Storage() },
      config,
      requests: new Map(),
      nextRequestId: 1,
    }),
    disk: (state) => state.disk,
    onMessage: dispatchMessage,
    onTimer: dispatchTimer,
  };
}

function dispatchMessage(state: NodeState, env: Envelope<Msg>, ctx: NodeCtx): NodeState {
  const body = env.body;
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
}

export function summarizeNode(
  state: NodeState | undefined,
  disk: NodeDisk | undefined,
): NodeSummary {
  return {
    keys: (state?.disk ?? disk)?.storage.size ?? 0,
    pendingRequests: state?.requests.size ?? 0,
  };
}
