/**
 * Compacts trace events into what a frame carries for animation and for the event log.
 *
 * Only message events, client completions and faults matter to the views; timers and invocations
 * are left out. Times become simulated milliseconds.
 */

import { type TraceEvent, ticksToMs } from "../sim";
import {
  LOG_MAX,
  type LogEntry,
  type MessageDrop,
  type MessageSend,
  type OpComplete,
} from "./protocol";

export interface Compacted {
  sends: MessageSend[];
  drops: MessageDrop[];
  completes: OpComplete[];
  delivered: number;
  log: LogEntry[];
}

const OUTCOMES = ["ok", "ok", "fail", "info"] as const;

export function compactEvents(events: readonly TraceEvent[]): Compacted {
  const sends: MessageSend[] = [];
  const drops: MessageDrop[] = [];
  const completes: OpComplete[] = [];
  const log: LogEntry[] = [];
  let delivered = 0;
  for (const e of events) {
    switch (e.kind) {
      case "send":
      case "duplicate": {
        const deliverAtMs = e.aux < 0 ? -1 : ticksToMs(e.aux);
        sends.push({
          id: e.id,
          src: e.proc,
          dst: e.peer,
          type: e.type,
          sentAtMs: ticksToMs(e.at),
          deliverAtMs,
          duplicate: e.kind === "duplicate",
        });
        log.push({
          kind: e.kind,
          atMs: ticksToMs(e.at),
          id: e.id,
          src: e.proc,
          dst: e.peer,
          type: e.type,
          deliverAtMs,
        });
        break;
      }
      case "drop": {
        // a drop is recorded at the destination: proc is where it was going, peer who sent it
        const drop = {
          id: e.id,
          src: e.peer,
          dst: e.proc,
          type: e.type,
          atMs: ticksToMs(e.at),
          reason: e.aux,
        };
        drops.push(drop);
        log.push({ kind: "drop", ...drop });
        break;
      }
      case "deliver":
        delivered++;
        break;
      case "complete":
        completes.push({
          client: e.proc,
          opId: e.id,
          f: e.type,
          outcome: OUTCOMES[e.aux] ?? "info",
          atMs: ticksToMs(e.at),
        });
        break;
      case "crash":
      case "recover":
        log.push({ kind: e.kind, atMs: ticksToMs(e.at), proc: e.proc });
        break;
      default:
        break;
    }
  }
  return {
    sends,
    drops,
    completes,
    delivered,
    log: log.length > LOG_MAX ? log.slice(log.length - LOG_MAX) : log,
  };
}
