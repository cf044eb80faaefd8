/**
 * The messages of the Dynamo protocol and the timers its processes arm.
 *
 * Requests and replies pair up by name (`put` / `put_ok`) and by the envelope's `inReplyTo`.
 * Clients talk to a coordinator with get / put; the coordinator talks to the other replicas of the
 * key's preference list with replica_read / replica_write, correlated by its own `requestId`.
 * Nodes gossip their membership views with gossip / gossip_ok.
 */

import type { MemberEntry } from "./membership";

/**
 * The version a replica stores with a value. For now a total order: the coordinator's Lamport time
 * when it accepted the put, ties broken by the coordinator's index.
 */
export interface Version {
  readonly counter: number;
  readonly node: number;
}

export function compareVersions(a: Version, b: Version): number {
  return a.counter !== b.counter ? a.counter - b.counter : a.node - b.node;
}

export type Msg =
  // client <-> coordinator
  | { type: "get"; key: string }
  | { type: "get_ok"; key: string; value: string | null; version: Version | null }
  | { type: "put"; key: string; value: string }
  | { type: "put_ok"; key: string; version: Version }
  | { type: "request_failed"; key: string; reason: string }
  // coordinator <-> replica
  | { type: "replica_read"; key: string; requestId: number }
  | {
      type: "replica_read_ok";
      key: string;
      requestId: number;
      value: string | null;
      version: Version | null;
    }
  | { type: "replica_write"; key: string; requestId: number; value: string; version: Version }
  | { type: "replica_write_ok"; key: string; requestId: number }
  // node <-> node: membership gossip (gossip.ts)
  | { type: "gossip"; view: readonly GossipEntry[] }
  | { type: "gossip_ok"; view: readonly GossipEntry[] };

/** One node's membership entry as gossip carries it. */
export type GossipEntry = readonly [name: string, entry: MemberEntry];

export type MsgType = Msg["type"];

export type Timer =
  | { type: "request_timeout"; requestId: number }
  | { type: "next_op" }
  /** a client gives up on the operation it sent as message `msgId` */
  | { type: "op_timeout"; msgId: number }
  /** a node's next gossip round */
  | { type: "gossip_round" }
  /** a gossip partner did not answer in time: suspect it */
  | { type: "gossip_timeout"; peer: number };

/** The family of a message, for colouring and filtering: what the message is about. */
export function messageFamily(type: string): "get" | "put" | "fail" | "gossip" | "other" {
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
    case "gossip":
    case "gossip_ok":
      return "gossip";
    default:
      return "other";
  }
}
