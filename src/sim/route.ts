/**
 * The route of one client operation, hop by hop, read off the trace: every message sent while
 * handling the operation or what it set off (the events whose origin is the operation), in order,
 * with where each went and what became of it. Messages sent by one handler share a step: the
 * coordinator's requests to its replicas are one step, fanned out. Server-driven, a get reads
 * client -> lb -> a node -> (forwarded) the coordinator -> the replicas -> back; client-driven
 * the client goes straight to a node of the preference list.
 *
 * Only events still in the trace's window can be read: an operation older than the window has no
 * route (`complete` says whether the whole operation, invocation to last message, was in it).
 */

import { dropReasonNames } from "./core/trace";
import { ticksToMs } from "./core/types";
import type { Run } from "./run";

export interface RouteHop {
  /** handlers in the order they sent: hops of one step were sent together */
  step: number;
  /** message id */
  id: number;
  type: string;
  from: string;
  to: string;
  /** process indices, for drawing */
  src: number;
  dst: number;
  sentMs: number;
  /** delivery time, or null if it was dropped or is still in flight */
  deliveredMs: number | null;
  fate: "delivered" | "dropped" | "in flight";
  /** why it was dropped */
  why: string;
  /** the network delivered it a second time */
  duplicated: boolean;
}

/** Time a process spent on the operation before acting: the load balancer's queue, a service time. */
export interface RouteWait {
  at: string;
  /** timer name: lb_forward (the balancer's queueing), serve (a node's service time), rpc_retry, ... */
  type: string;
  atMs: number;
}

export interface RequestRoute {
  op: number;
  client: string;
  f: string;
  key: string;
  hops: RouteHop[];
  waits: RouteWait[];
  /** the invocation is still in the trace's window (else the start of the route is missing) */
  complete: boolean;
}

/** Timers that stand for time spent on a request (other timers, such as think time, are not). */
const WAIT_TIMERS = new Set(["lb_forward", "serve", "rpc_retry"]);

export function requestRoute(run: Run, opId: number): RequestRoute | null {
  const op = run.history.find((o) => o.id === opId);
  if (op === undefined) return null;
  const trace = run.sim.trace;
  const name = (i: number) => run.sim.procName(i as never);
  const hops: RouteHop[] = [];
  const waits: RouteWait[] = [];
  const byId = new Map<number, RouteHop>();
  let complete = false;
  let step = 0;
  // the handler event whose sends are being read, and whether it has sent yet
  let handlerSent = false;
  for (let i = trace.oldest; i < trace.length; i++) {
    const e = trace.get(i);
    if (e === undefined || e.origin !== opId) continue;
    switch (e.kind) {
      case "invoke":
        if (e.id === opId) complete = true;
        handlerSent = false;
        break;
      case "deliver": {
        const hop = byId.get(e.id);
        if (hop !== undefined && hop.deliveredMs === null) {
          hop.deliveredMs = ticksToMs(e.at);
          hop.fate = "delivered";
        }
        handlerSent = false;
        break;
      }
      case "timer":
        if (WAIT_TIMERS.has(e.type))
          waits.push({ at: name(e.proc), type: e.type, atMs: ticksToMs(e.at) });
        handlerSent = false;
        break;
      case "send": {
        if (!handlerSent) {
          step++;
          handlerSent = true;
        }
        const hop: RouteHop = {
          step,
          id: e.id,
          type: e.type,
          from: name(e.proc),
          to: name(e.peer),
          src: e.proc,
          dst: e.peer,
          sentMs: ticksToMs(e.at),
          deliveredMs: null,
          fate: "in flight",
          why: "",
          duplicated: false,
        };
        hops.push(hop);
        byId.set(e.id, hop);
        break;
      }
      case "drop": {
        const hop = byId.get(e.id);
        if (hop !== undefined && hop.fate === "in flight") {
          hop.fate = "dropped";
          hop.why = dropReasonNames[e.aux] ?? "dropped";
        }
        break;
      }
      case "duplicate": {
        const hop = byId.get(e.id);
        if (hop !== undefined) hop.duplicated = true;
        break;
      }
      default:
        break;
    }
  }
  return {
    op: opId,
    client: name(op.proc),
    f: op.f,
    key: op.key,
    hops,
    waits,
    complete,
  };
}
