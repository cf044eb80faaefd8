/**
 * One message, as the message inspector shows it: found in the trace window by its id, with its
 * body (the live run keeps each event's envelope), its route, when it left, and the fate of every
 * copy the network made (delivered, dropped and why, or still on its way).
 */

import type { Trace, TraceEvent } from "../sim";
import { ticksToMs } from "../sim";
import type { MessageDetail } from "./protocol";

/** Bodies longer than this (as JSON) are cut, with a note. */
export const BODY_MAX_CHARS = 4000;

const MESSAGE_KINDS = new Set(["send", "deliver", "drop", "duplicate"]);

export function messageDetail(trace: Trace, id: number): MessageDetail | null {
  const events: TraceEvent[] = [];
  for (let k = trace.length - 1; k >= trace.oldest; k--) {
    const e = trace.get(k) as TraceEvent;
    if (e.id === id && MESSAGE_KINDS.has(e.kind)) events.push(e);
    // a message's events all come at or after its send: stop at the send
    if (e.id === id && e.kind === "send") break;
  }
  events.reverse();
  const send = events[0];
  if (send === undefined || send.kind !== "send") return null;
  const env = send.ref as { body?: unknown; inReplyTo?: number } | undefined;
  const copies: MessageDetail["copies"] = [];
  // each copy: the send itself and any duplicate; each ends in a delivery or a drop, matched by
  // the instant the network chose for it (a copy lost at once is dropped at the send's instant)
  const planned: { duplicate: boolean; at: number }[] = [{ duplicate: false, at: send.aux }];
  for (const e of events) if (e.kind === "duplicate") planned.push({ duplicate: true, at: e.aux });
  const ends = events.filter((e) => e.kind === "deliver" || e.kind === "drop");
  for (const p of planned) {
    const at = p.at < 0 ? send.at : p.at;
    const i = ends.findIndex((e) => e.at === at);
    const end = i >= 0 ? ends.splice(i, 1)[0] : undefined;
    if (end === undefined) {
      copies.push({ duplicate: p.duplicate, fate: "in flight", atMs: ticksToMs(p.at), reason: 0 });
    } else if (end.kind === "deliver") {
      copies.push({
        duplicate: p.duplicate,
        fate: "delivered",
        atMs: ticksToMs(end.at),
        reason: 0,
      });
    } else {
      copies.push({
        duplicate: p.duplicate,
        fate: "dropped",
        atMs: ticksToMs(end.at),
        reason: end.aux,
      });
    }
  }
  return {
    id,
    type: send.type,
    src: send.proc,
    dst: send.peer,
    sentAtMs: ticksToMs(send.at),
    lamport: send.lamport,
    inReplyTo: typeof env?.inReplyTo === "number" ? env.inReplyTo : 0,
    body: env?.body !== undefined ? bodyJson(env.body) : null,
    copies,
  };
}

/** JSON for a message body: maps as objects, sets and typed arrays as lists; cut when long. */
export function bodyJson(body: unknown): string {
  const seen = new WeakSet<object>();
  const text = JSON.stringify(
    body,
    (_key, value: unknown) => {
      if (typeof value === "bigint") return value.toString();
      if (typeof value === "function") return undefined;
      if (value instanceof Map)
        return Object.fromEntries([...value].map(([k, v]) => [String(k), v]));
      if (value instanceof Set) return [...value];
      if (ArrayBuffer.isView(value) && !(value instanceof DataView))
        return Array.from(value as unknown as ArrayLike<number>);
      if (typeof value === "object" && value !== null) {
        if (seen.has(value)) return "(shown above)";
        seen.add(value);
      }
      return value;
    },
    2,
  );
  if (text === undefined) return "null";
  return text.length > BODY_MAX_CHARS
    ? `${text.slice(0, BODY_MAX_CHARS)}\n… (${text.length - BODY_MAX_CHARS} more characters)`
    : text;
}
