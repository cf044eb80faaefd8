/**
 * A run's trace, whole, as data to save: every event from the start to an instant, with process
 * names, in the order the loop ran them. The live run keeps only a window of its trace, so the
 * export re-runs the scenario (same scenario, same seed: the same events) and reads the trace in
 * slices small enough that nothing leaves the window unread. The trace hash at the instant is
 * included, so a file can be matched to the run it came from.
 */

import type { TraceEvent, TraceKindName } from "../core/trace";
import { msToTicks, ticksToMs } from "../core/types";
import { Run } from "../run";
import type { Scenario } from "../scenario/schema";

/** One event as a file holds it. */
export interface TraceRecord {
  /** position in the run's trace, from 0 */
  i: number;
  /** simulated time, ms (microsecond ticks, so three decimals) */
  atMs: number;
  kind: TraceKindName;
  /** the process the event happened at; "world" for an intervention */
  proc: string;
  /** the other side of a message, when there is one */
  peer?: string;
  /** message id (send, deliver, drop, duplicate), timer serial, operation id */
  id: number;
  /** message type, timer name, operation kind or intervention kind */
  type: string;
  lamport: number;
  /** send: delivery tick (-1 when dropped at once); drop: reason; complete: 1 ok, 2 fail, 3 info */
  aux: number;
}

export interface CollectedTrace {
  scenario: string;
  seed: number;
  /** the instant the trace runs to */
  untilMs: number;
  /** the trace hash at that instant: the live run's, when it is the same run */
  traceHash: string;
  /** events up to the instant */
  total: number;
  /** the first `records.length` of them (all of them unless `maxEvents` cut the list) */
  records: TraceRecord[];
  processes: string[];
}

/** Trace events read per slice; the run's trace window is larger than this. */
const WINDOW = 1 << 16;

/**
 * Runs `scenario` with `seed` from its start to `untilMs`, keeping the first `maxEvents` events
 * of its trace.
 */
export function collectTrace(
  scenario: Scenario,
  seed: number,
  untilMs: number,
  maxEvents = 100_000,
): CollectedTrace {
  const run = new Run(scenario, seed, { traceWindow: 4 * WINDOW, keepHistory: false });
  const until = Math.min(Math.max(0, untilMs), scenario.durationMs);
  const trace = run.sim.trace;
  const names = Array.from({ length: run.sim.processCount }, (_, i) => run.sim.procName(i));
  const records: TraceRecord[] = [];
  let next = 0;
  const drain = () => {
    if (trace.oldest > next && records.length < maxEvents) {
      throw new Error(`the trace outran its window (${trace.oldest - next} events unread)`);
    }
    for (; next < trace.length; next++) {
      if (records.length >= maxEvents) {
        next = trace.length;
        break;
      }
      records.push(toRecord(trace.get(next) as TraceEvent, names));
    }
  };
  // slices of simulated time, narrowed where events are dense so a slice stays under the window
  let t = 0;
  let sliceMs = 1;
  const endTicks = msToTicks(until);
  while (msToTicks(t) < endTicks) {
    const before = trace.length;
    t = Math.min(until, t + sliceMs);
    run.runUntilMs(t);
    drain();
    const n = trace.length - before;
    if (n > WINDOW / 4) sliceMs = Math.max(0.001, sliceMs / 2);
    else if (n < WINDOW / 64) sliceMs = Math.min(1000, sliceMs * 2);
  }
  if (until === 0) drain();
  return {
    scenario: scenario.name,
    seed,
    untilMs: ticksToMs(msToTicks(until)),
    traceHash: trace.digest,
    total: trace.length,
    records,
    processes: names,
  };
}

function toRecord(e: TraceEvent, names: readonly string[]): TraceRecord {
  const record: TraceRecord = {
    i: e.index,
    atMs: ticksToMs(e.at),
    kind: e.kind,
    proc: e.proc >= 0 ? (names[e.proc] ?? `p${e.proc}`) : "world",
    id: e.id,
    type: e.type,
    lamport: e.lamport,
    aux: e.aux,
  };
  if (e.peer >= 0) record.peer = names[e.peer] ?? `p${e.peer}`;
  return record;
}

/** The trace as a JSON document (one event per line inside `events`, so diffs stay readable). */
export function traceJson(t: CollectedTrace): string {
  const head = {
    format: "ringlab-trace",
    version: 1,
    scenario: t.scenario,
    seed: t.seed,
    untilMs: t.untilMs,
    traceHash: t.traceHash,
    total: t.total,
    exported: t.records.length,
    processes: t.processes,
  };
  const lines = t.records.map((r) => `    ${JSON.stringify(r)}`);
  const headText = JSON.stringify(head, null, 2).replace(/\n}$/, "");
  return `${headText},\n  "events": [\n${lines.join(",\n")}\n  ]\n}\n`;
}
