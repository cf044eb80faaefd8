/**
 * The space-time (Lamport) diagram's data, computed in the worker from the trace.
 *
 * Every event a process takes part in (a send, a delivery, a timer firing, a recovery, a client's
 * invocation and completion) advances that process's entry of its vector clock; a delivery first
 * takes the entry-wise maximum with the clock the message was sent with (Lamport 1978; Mattern
 * 1989). Event e happened before event f exactly when e's own entry is at most f's entry for e's
 * process, so the app can tell the causal past, future and the concurrent events of a selection
 * from the clocks alone. Lamport times come from the trace, where the loop keeps them.
 *
 * The tracker reads every trace event from its origin on, but frames carry only a bounded number
 * of the newest (SPACETIME_MAX_PER_FRAME), and each event's clock as a delta: the entries that
 * changed since the last event of the same process that a frame carried. When the tracker cannot
 * see every event (a load, a seek, the trace window passed it by), it starts again from a new
 * origin: the clocks then count events from that instant, which keeps happened-before exact among
 * the events shown (a causal path between two events runs through events between them in time).
 */

import type { Trace, TraceEvent } from "../sim";
import { ticksToMs } from "../sim";
import type { SpaceEvent, SpaceKind, SpacetimeFrame } from "./protocol";

/** At most this many events per frame (the newest); the others still count in the clocks. */
export const SPACETIME_MAX_PER_FRAME = 600;
/** On a fresh start the tracker first reads this many of the trace's newest events. */
export const SPACETIME_PREFILL = 1500;

const KINDS: Partial<Record<TraceEvent["kind"], SpaceKind>> = {
  send: "send",
  deliver: "deliver",
  drop: "drop",
  duplicate: "duplicate",
  timer: "timer",
  crash: "crash",
  recover: "recover",
  invoke: "invoke",
  complete: "complete",
};

export class SpacetimeTracker {
  private procs = 0;
  /** each process's vector clock now */
  private clocks: Int32Array[] = [];
  /** each process's clock as the last frame carried it */
  private sent: Int32Array[] = [];
  /** the sender's clock of each message still on its way, with the copies yet to arrive */
  private readonly inFlight = new Map<number, { clock: Int32Array; copies: number }>();
  /** the next trace index to read */
  private next = 0;
  private originMs = 0;
  private pendingReset = true;
  private pending: SpaceEvent[] = [];
  private omitted = 0;

  /** Starts again at the trace's present, reading back up to SPACETIME_PREFILL events first. */
  reset(trace: Trace, procs: number): void {
    this.procs = procs;
    this.clocks = Array.from({ length: procs }, () => new Int32Array(procs));
    this.sent = Array.from({ length: procs }, () => new Int32Array(procs));
    this.inFlight.clear();
    this.next = Math.max(trace.oldest, trace.length - SPACETIME_PREFILL);
    const first = trace.get(this.next);
    this.originMs = first !== undefined ? ticksToMs(first.at) : 0;
    this.pendingReset = true;
    this.pending = [];
    this.omitted = 0;
  }

  /** Reads the trace up to its present. */
  consume(trace: Trace): void {
    if (this.next < trace.oldest) {
      // events left the window unread: the clocks would be wrong, so start again
      this.reset(trace, this.procs);
    }
    for (let k = this.next; k < trace.length; k++) {
      const e = trace.get(k) as TraceEvent;
      const out = this.apply(e);
      if (out !== null) this.pending.push(out);
    }
    this.next = trace.length;
    if (this.pending.length > 4 * SPACETIME_MAX_PER_FRAME) this.trim();
  }

  /** What the next frame carries: the newest events since the last frame, with clock deltas. */
  take(): SpacetimeFrame {
    this.trim();
    const events = this.pending;
    for (const e of events) this.encode(e);
    const frame: SpacetimeFrame = {
      originMs: this.pendingReset ? this.originMs : null,
      procs: this.procs,
      events,
      omitted: this.omitted,
    };
    this.pending = [];
    this.omitted = 0;
    this.pendingReset = false;
    return frame;
  }

  private trim(): void {
    const over = this.pending.length - SPACETIME_MAX_PER_FRAME;
    if (over > 0) {
      this.pending = this.pending.slice(over);
      this.omitted += over;
    }
  }

  /** Replaces the full clock an event was recorded with by its delta against the last one sent. */
  private encode(e: SpaceEvent): void {
    const full = e.vc;
    if (full.length === 0) return;
    const last = this.sent[e.proc] as Int32Array;
    const delta: number[] = [];
    for (let q = 0; q < this.procs; q++) {
      const v = full[q] as number;
      if (v !== last[q]) {
        delta.push(q, v);
        last[q] = v;
      }
    }
    e.vc = delta;
  }

  private apply(e: TraceEvent): SpaceEvent | null {
    const kind = KINDS[e.kind];
    if (kind === undefined || e.proc < 0 || e.proc >= this.procs) return null;
    const clock = this.clocks[e.proc] as Int32Array;
    let vc: number[] = [];
    let aux = e.aux;
    switch (kind) {
      case "send": {
        clock[e.proc] = (clock[e.proc] as number) + 1;
        vc = Array.from(clock);
        if (e.aux >= 0) this.inFlight.set(e.id, { clock: clock.slice(), copies: 1 });
        aux = e.aux < 0 ? -1 : ticksToMs(e.aux);
        break;
      }
      case "duplicate": {
        const f = this.inFlight.get(e.id);
        if (f !== undefined) f.copies++;
        aux = ticksToMs(e.aux);
        break;
      }
      case "deliver": {
        const f = this.inFlight.get(e.id);
        if (f !== undefined) {
          for (let q = 0; q < this.procs; q++) {
            const v = f.clock[q] as number;
            if (v > (clock[q] as number)) clock[q] = v;
          }
          this.arrived(e.id, f);
        }
        clock[e.proc] = (clock[e.proc] as number) + 1;
        vc = Array.from(clock);
        aux = ticksToMs(e.aux); // when it was sent
        break;
      }
      case "drop": {
        // recorded at the destination, which takes no part in it: no clock of its own
        const f = this.inFlight.get(e.id);
        if (f !== undefined) this.arrived(e.id, f);
        break;
      }
      case "crash":
        vc = Array.from(clock);
        break;
      default:
        clock[e.proc] = (clock[e.proc] as number) + 1;
        vc = Array.from(clock);
        break;
    }
    return {
      index: e.index,
      atMs: ticksToMs(e.at),
      kind,
      proc: e.proc,
      peer: e.peer,
      id: e.id,
      type: e.type,
      lamport: e.lamport,
      aux,
      vc,
    };
  }

  private arrived(id: number, f: { copies: number }): void {
    f.copies--;
    if (f.copies <= 0) this.inFlight.delete(id);
  }
}
