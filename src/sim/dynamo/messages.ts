/**
 * The messages of the Dynamo protocol and the timers its processes arm.
 *
 * Requests and replies pair up by name (`put` / `put_ok`) and by the envelope's `inReplyTo`.
 * Clients talk to a coordinator with get / put; the coordinator talks to the replicas it chose
 * (replica_read / replica_write, correlated by its own `requestId`) and repairs stale ones
 * (read_repair). Stand-ins hand hinted replicas back to their owners (handoff), replicas compare
 * Merkle trees (ae_*), and nodes gossip their membership views (gossip).
 */

import type { Envelope } from "../core/simulation";
import type { MemberEntry } from "./membership";
import type { Ring } from "./ring";
import type { VectorClock } from "./vectorClock";
import type { Siblings, Version } from "./versioning";

/** One key's versions, as replication messages carry them. */
export interface KeyVersions {
  readonly key: string;
  readonly siblings: Siblings;
}

export type Msg =
  // client <-> coordinator
  /** rid: the client's request id (client name and sequence), under at-least/at-most-once */
  | { type: "get"; key: string; rid?: string }
  /** every causally maximal version the read quorum returned, and their merged clock */
  | {
      type: "get_ok";
      key: string;
      versions: readonly Version[];
      context: VectorClock;
      /** the replicas whose replies made the answer (the first R to reply) */
      from: readonly number[];
    }
  /** a put with the context of an earlier get supersedes the versions that context covers */
  | { type: "put"; key: string; value: string; context: VectorClock | null; rid?: string }
  | { type: "put_ok"; key: string; version: Version }
  | { type: "request_failed"; key: string; reason: string }
  // coordinator <-> replica; hintFor >= 0 names the owner a stand-in serves (sloppy quorum)
  | { type: "replica_read"; key: string; requestId: number; hintFor: number }
  | { type: "replica_read_ok"; key: string; requestId: number; siblings: Siblings }
  /** what the coordinator holds for the key once the new version joined it */
  | {
      type: "replica_write";
      key: string;
      requestId: number;
      siblings: Siblings;
      hintFor: number;
    }
  /** a write to a stand-in, to keep as a hinted replica for `hintFor` (sloppy quorum) */
  | {
      type: "hinted_write";
      key: string;
      requestId: number;
      siblings: Siblings;
      hintFor: number;
    }
  | { type: "replica_write_ok"; key: string; requestId: number }
  /** after a get, the newest versions for a replica that answered with stale ones */
  | { type: "read_repair"; key: string; siblings: Siblings }
  // stand-in -> owner: hinted replicas handed back (handoff.ts)
  | { type: "handoff"; items: readonly (KeyVersions & { rev: number })[] }
  | { type: "handoff_ok"; items: readonly { key: string; rev: number }[] }
  // old replica -> new replica: keys that moved when the ring changed (rebalance.ts)
  | { type: "transfer"; items: readonly KeyVersions[] }
  | { type: "transfer_ok"; keys: readonly string[] }
  // replica <-> replica: Merkle-tree anti-entropy over one key range (antiEntropy.ts)
  | { type: "ae_compare"; range: number; level: number; nodes: number[]; hashes: number[] }
  | {
      type: "ae_sync";
      range: number;
      leaves: number[];
      entries: readonly KeyVersions[];
      /** true: the receiver answers with what it holds that the sender lacks */
      reply: boolean;
    }
  // node <-> node: membership gossip (gossip.ts)
  | { type: "gossip"; view: readonly GossipEntry[] }
  | { type: "gossip_ok"; view: readonly GossipEntry[] }
  // client -> node: a client-driven client polls a node for the membership (Dynamo section 6.4)
  | { type: "membership_req" }
  | { type: "membership_ok"; ring: Ring };

/** One node's membership entry as gossip carries it. */
export type GossipEntry = readonly [name: string, entry: MemberEntry];

export type MsgType = Msg["type"];

export type Timer =
  | { type: "request_timeout"; requestId: number }
  /** replicas of a request that have not answered yet are presumed down (sloppy quorum) */
  | { type: "replica_timeout"; requestId: number }
  /** a node's next scan of its hinted replicas */
  | { type: "handoff_round" }
  /** a node's next anti-entropy exchange */
  | { type: "ae_round" }
  | { type: "next_op" }
  /** a client's scripted operation number `index` is due */
  | { type: "script_op"; index: number }
  /** a client gives up on the operation it sent as message `msgId` */
  | { type: "op_timeout"; msgId: number }
  /** a node's next gossip round */
  | { type: "gossip_round" }
  /** a gossip partner did not answer in time: suspect it */
  | { type: "gossip_timeout"; peer: number }
  /** a node has spent its service time on a client request: act on it now */
  | { type: "serve"; env: Envelope<Msg> }
  /** the load balancer has queued and processed a client request: forward it now */
  | { type: "lb_forward"; env: Envelope<Msg> }
  /** a client's attempt at the operation it first sent as `msgId` went unanswered: send again */
  | { type: "rpc_retry"; msgId: number }
  /** a client-driven client asks a node for the membership again */
  | { type: "view_refresh" }
  /** staleness probe: trial `trial` starts (its write) */
  | { type: "probe_write"; trial: number }
  /** staleness probe: the read of trial `trial` at delay number `index` is due */
  | { type: "probe_read"; trial: number; index: number };

/** What a message is about, for colouring and filtering. */
export type MessageFamily =
  | "get"
  | "put"
  | "fail"
  | "repair"
  | "hint"
  | "antiEntropy"
  | "transfer"
  | "gossip"
  | "other";

export function messageFamily(type: string): MessageFamily {
  switch (type) {
    case "get":
    case "get_ok":
    case "replica_read":
    case "replica_read_ok":
      return "get";
    case "put":
    case "put_ok":
    case "replica_write":
    case "replica_write_ok":
      return "put";
    case "request_failed":
      return "fail";
    case "read_repair":
      return "repair";
    case "hinted_write":
    case "handoff":
    case "handoff_ok":
      return "hint";
    case "ae_compare":
    case "ae_sync":
      return "antiEntropy";
    case "transfer":
    case "transfer_ok":
      return "transfer";
    case "gossip":
    case "gossip_ok":
    case "membership_req":
    case "membership_ok":
      return "gossip";
    default:
      return "other";
  }
}
