/**
 * A Dynamo storage node: its state, its configuration, and the dispatcher that routes each message
 * and timer to the handler of its concept (routing.ts, coordinator.ts, replica.ts, handoff.ts,
 * antiEntropy.ts, gossip.ts).
 *
 * Nodes are processes 0..S-1 of the simulation, so a node's index on the ring is its process id.
 * What survives a crash is the disk (NodeDisk: the store with its hinted replicas, the membership
 * view, the counters); everything else (requests in flight, suspicions) is lost.
 */

import type { RpcProbe } from "../client/rpc";
import type { CoordinationMode, RpcMode } from "../client/workload";
import { IdMap } from "../core/idMap";
import type { Rng } from "../core/rng";
import type { Behavior, Ctx, Envelope, TimerId } from "../core/simulation";
import { unreachable } from "../core/types";
import { compileLatency, type LatencyDist, type Sampler } from "../net/latency";
import {
  onAntiEntropyCompare,
  onAntiEntropyRound,
  onAntiEntropySync,
  startAntiEntropy,
} from "./antiEntropy";
import {
  type DedupEntry,
  onReplicaReadOk,
  onReplicaTimeout,
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
import { onHandoff, onHandoffOk, onHandoffRound, startHandoff } from "./handoff";
import type { MembershipView } from "./membership";
import type { Msg, Timer } from "./messages";
import { onTransfer, onTransferOk } from "./rebalance";
import { onReadRepair, onReplicaRead, onReplicaWrite } from "./replica";
import type { Ring } from "./ring";
import { handleClientRequest, onClientRequest, onMembershipReq, onRelayedAnswer } from "./routing";
import { Storage } from "./storage";
import type { ConflictMode, Siblings } from "./versioning";

export interface QuorumConfig {
  /** replicas per key */
  n: number;
  /** replies a get waits for */
  r: number;
  /** acknowledgements a put waits for, the coordinator's own included */
  w: number;
  /** a coordinator fails a request that has not reached its quorum after this long */
  requestTimeoutMs: number;
  /** sloppy: the first N healthy nodes of the walk, with hints; strict: the preference list only */
  sloppy: boolean;
}

export interface ReplicationConfig {
  /** siblings by vector clock, or last-write-wins by the coordinator's physical clock */
  conflicts: ConflictMode;
  /** after a get, send the newest versions to replicas that answered with stale ones */
  readRepair: boolean;
  /** a replica silent this long after being asked is presumed down (and, sloppy, replaced) */
  replicaTimeoutMs: number;
  /** a node presumed down is tried again after this long, or as soon as it is heard from */
  retryDownMs: number;
  /** how often a stand-in offers its hinted replicas to their owners (0: never) */
  handoffIntervalMs: number;
  /** how often a node starts a Merkle-tree exchange for one of its ranges (0: never) */
  antiEntropyIntervalMs: number;
  /** depth of each range's Merkle tree: 2^depth leaves */
  merkleDepth: number;
  /** a vector clock keeps at most this many entries (Dynamo: about 10); oldest dropped first */
  clockMaxEntries: number;
  /** hinted replicas survive a crash (true) or live in memory (false) */
  hintsDurable: boolean;
}

/** What a node counts about its replication work (kept on disk, so it survives crashes). */
export interface ReplicationStats {
  hintsStored: number;
  hintsDelivered: number;
  readRepairs: number;
  aeExchanges: number;
  aeMessages: number;
  aeKeysSent: number;
  /** keys sent to new replicas after a ring change, and keys deleted once they confirmed */
  transfersSent: number;
  keysHandedOver: number;
}

export interface MembershipConfig {
  mode: "oracle" | "gossip";
  gossipIntervalMs: number;
  failureTimeoutMs: number;
  /** seed nodes, by index */
  seeds: readonly number[];
}

/** RPC semantics as coordinators see them (client/rpc.ts). */
export interface NodeRpcConfig {
  mode: RpcMode;
  /** at-most-once: how long a request id and its answer are remembered */
  dedupWindowMs: number;
}

export interface NodeConfig extends QuorumConfig {
  /** who picks the coordinator (routing.ts) */
  coordination: CoordinationMode;
  /** what a node spends on each client request before acting on it; undefined: nothing */
  serviceTime: LatencyDist | undefined;
  rpc: NodeRpcConfig;
  /** the run's RPC measurements (reported to, never read), or null under rpc "none" */
  probe: RpcProbe | null;
  ring: Ring;
  /** node names by index: vector clocks name nodes */
  names: readonly string[];
  replication: ReplicationConfig;
  membership: MembershipConfig;
  /** the view every node starts from */
  initialView: MembershipView;
}

export interface NodeDisk {
  storage: Storage;
  /** this node's membership view (kept across crashes, as Dynamo persists membership) */
  view: MembershipView;
  stats: ReplicationStats;
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
  readonly requests: IdMap<Request>;
  nextRequestId: number;
  /** null under oracle membership */
  readonly gossip: GossipState | null;
  /** nodes this node presumes down, until when (its own clock, ms): local failure detection */
  readonly down: Map<number, number>;
  /** the key ranges this node replicates, computed on first use (anti-entropy), and for which ring */
  aeRanges: readonly number[] | null;
  aeRing: Ring | null;
  /** the ring this node last moved keys for, and keys awaiting confirmation (rebalance.ts) */
  rebalancedRing: Ring | null;
  rebalancedRevision: number;
  readonly outgoing: Map<string, { siblings: Siblings; waiting: Set<number>; ring: Ring }>;
  /** the service time's sampler (null: none) and its own random stream (routing.ts) */
  readonly serviceTime: Sampler | null;
  readonly serviceRng: Rng;
  /** requests this node forwarded, by the id of the forwarded message: whom to answer */
  readonly relays: Map<number, { to: Envelope<Msg>; atMs: number }>;
  /** at-most-once: request ids this node coordinated, with their answers (volatile) */
  readonly dedup: Map<string, DedupEntry>;
}

export type NodeCtx = Ctx<Msg, Timer>;

export function nodeBehavior(config: NodeConfig): Behavior<NodeState, NodeDisk, Msg, Timer> {
  const serviceTime = config.serviceTime === undefined ? null : compileLatency(config.serviceTime);
  return {
    start: (disk, ctx) => {
      if (disk !== undefined && !config.replication.hintsDurable) disk.storage.clearHints();
      const state: NodeState = {
        disk: disk ?? {
          storage: new Storage(config.replication.conflicts, config.replication.clockMaxEntries),
          view: config.initialView,
          stats: emptyStats(),
        },
        config,
        requests: new IdMap(),
        nextRequestId: 1,
        gossip:
          config.membership.mode === "gossip"
            ? { suspects: new Set(), awaiting: new Map(), rounds: 0 }
            : null,
        down: new Map(),
        aeRanges: null,
        aeRing: null,
        rebalancedRing: null,
        rebalancedRevision: -1,
        outgoing: new Map(),
        serviceTime,
        // a stream of its own, so that service times shift no other draw of the node
        serviceRng: ctx.rng.fork("service"),
        relays: new Map(),
        dedup: new Map(),
      };
      startGossip(state, ctx);
      startHandoff(state, ctx);
      startAntiEntropy(state, ctx);
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
  if (state.down.size > 0) state.down.delete(env.src); // it answers, so it is up
  switch (body.type) {
    case "get":
    case "put":
      return onClientRequest(state, env, ctx);
    case "replica_read":
      return onReplicaRead(state, env, body, ctx);
    case "replica_read_ok":
      return onReplicaReadOk(state, env, body, ctx);
    case "replica_write":
    case "hinted_write":
      return onReplicaWrite(state, env, body, ctx);
    case "replica_write_ok":
      return onReplicaWriteOk(state, env, body, ctx);
    case "read_repair":
      return onReadRepair(state, body);
    case "handoff":
      return onHandoff(state, env, body, ctx);
    case "handoff_ok":
      return onHandoffOk(state, env, body);
    case "ae_compare":
      return onAntiEntropyCompare(state, env, body, ctx);
    case "ae_sync":
      return onAntiEntropySync(state, env, body, ctx);
    case "transfer":
      return onTransfer(state, env, body, ctx);
    case "transfer_ok":
      return onTransferOk(state, env, body);
    case "gossip":
      return onGossip(state, env, body, ctx);
    case "gossip_ok":
      return onGossipOk(state, body);
    case "get_ok":
    case "put_ok":
    case "request_failed":
      return onRelayedAnswer(state, env, body, ctx); // answers to a request it forwarded
    case "membership_req":
      return onMembershipReq(state, env, ctx);
    case "membership_ok":
      return state; // meant for clients
    default:
      return unreachable(body);
  }
}

function dispatchTimer(state: NodeState, timer: Timer, ctx: NodeCtx): NodeState {
  switch (timer.type) {
    case "request_timeout":
      return onRequestTimeout(state, timer, ctx);
    case "replica_timeout":
      return onReplicaTimeout(state, timer, ctx);
    case "handoff_round":
      return onHandoffRound(state, ctx);
    case "ae_round":
      return onAntiEntropyRound(state, ctx);
    case "gossip_round":
      return onGossipRound(state, ctx);
    case "gossip_timeout":
      return onGossipTimeout(state, timer.peer);
    case "serve":
      return handleClientRequest(state, timer.env, ctx);
    case "next_op":
    case "script_op":
    case "op_timeout":
    case "lb_forward":
    case "rpc_retry":
    case "view_refresh":
    case "probe_write":
    case "probe_read":
      return state; // client and load-balancer timers
    default:
      return unreachable(timer);
  }
}

export function emptyStats(): ReplicationStats {
  return {
    hintsStored: 0,
    hintsDelivered: 0,
    readRepairs: 0,
    aeExchanges: 0,
    aeMessages: 0,
    aeKeysSent: 0,
    transfersSent: 0,
    keysHandedOver: 0,
  };
}

/** What a view shows about a node. */
export interface NodeSummary {
  keys: number;
  /** hinted replicas it holds for other nodes, counted by key */
  hints: number;
  /** the nodes those hints are for, by index */
  hintOwners: number[];
  pendingRequests: number;
  /** nodes this node suspects to be down (gossip membership only), by index */
  suspects: number[];
  /** its replication counters */
  stats: ReplicationStats;
}

export function summarizeNode(
  state: NodeState | undefined,
  disk: NodeDisk | undefined,
): NodeSummary {
  return {
    keys: (state?.disk ?? disk)?.storage.size ?? 0,
    hints: (state?.disk ?? disk)?.storage.hintCount ?? 0,
    hintOwners: (state?.disk ?? disk)?.storage.hintOwners() ?? [],
    pendingRequests: state?.requests.size ?? 0,
    suspects: state?.gossip ? [...state.gossip.suspects].sort((a, b) => a - b) : [],
    stats: { ...((state?.disk ?? disk)?.stats ?? emptyStats()) },
  };
}
