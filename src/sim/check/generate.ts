/**
 * Histories made by a real sequential register, for the checker's tests and benchmark.
 *
 * Each client runs its planned operations one after another; each operation takes effect at one
 * instant strictly inside its interval, on one register per key, and a read returns what its
 * register holds at that instant. Such a history is linearizable by construction: the instants are
 * a linearization. The plan (gaps, durations, where each takes effect) is passed in, so the
 * randomness lives with the caller (fast-check, or a seeded Rng).
 */

import type { History, HistoryEvent, Value } from "./history";

export interface PlannedOp {
  f: "read" | "write";
  key?: string;
  /** time from the client's previous completion to this invocation (>= 0) */
  gapBefore: number;
  /** time from invocation to completion (> 0) */
  duration: number;
  /** where in its interval it takes effect, in (0, 1) */
  effectAt: number;
}

export interface GeneratedHistory {
  history: History;
  /** the operations in the order they took effect: [client, index in the client's plan] */
  effects: [number, number][];
}

/**
 * Runs one plan per client against registers that start at `initial` (nil by default). Writes
 * write distinct values 1, 2, 3, ... so every read names the write it saw.
 */
export function sequentialRegisterHistory(
  plans: readonly (readonly PlannedOp[])[],
  initial: Value = null,
): GeneratedHistory {
  interface Timed {
    client: number;
    index: number;
    op: PlannedOp;
    invoke: number;
    complete: number;
    effect: number;
    value: Value;
  }
  const timed: Timed[] = [];
  plans.forEach((plan, client) => {
    let t = 0;
    plan.forEach((op, index) => {
      if (!(op.duration > 0) || !(op.effectAt > 0 && op.effectAt < 1) || !(op.gapBefore >= 0)) {
        throw new RangeError(
          `client ${client}, op ${index}: need duration > 0, 0 < effectAt < 1, gapBefore >= 0`,
        );
      }
      const invoke = t + op.gapBefore;
      const complete = invoke + op.duration;
      timed.push({
        client,
        index,
        op,
        invoke,
        complete,
        effect: invoke + op.effectAt * op.duration,
        value: null,
      });
      t = complete;
    });
  });

  // Take effect in order of the instants; writes write 1, 2, 3, ... in that order.
  const byEffect = [...timed].sort(
    (a, b) => a.effect - b.effect || a.client - b.client || a.index - b.index,
  );
  const registers = new Map<string, Value>();
  let written = 0;
  for (const x of byEffect) {
    const key = x.op.key ?? "";
    if (x.op.f === "write") {
      written++;
      x.value = written;
      registers.set(key, written);
    } else {
      x.value = registers.has(key) ? (registers.get(key) as Value) : initial;
    }
  }

  // Events in time order; at one instant completions first, so a client's next invocation never
  // comes before its previous completion (the effects are strictly inside the intervals, so an
  // operation completing at t took effect before one invoked at t).
  const events: { at: number; order: number; client: number; event: HistoryEvent }[] = [];
  for (const x of timed) {
    const base = {
      process: x.client,
      f: x.op.f,
      ...(x.op.key === undefined ? {} : { key: x.op.key }),
    };
    events.push({
      at: x.invoke,
      order: 1,
      client: x.client,
      event: {
        ...base,
        type: "invoke",
        value: x.op.f === "write" ? x.value : null,
        time: x.invoke,
      },
    });
    events.push({
      at: x.complete,
      order: 0,
      client: x.client,
      event: { ...base, type: "ok", value: x.value, time: x.complete },
    });
  }
  events.sort((a, b) => a.at - b.at || a.order - b.order || a.client - b.client);
  return {
    history: events.map((e) => e.event),
    effects: byEffect.map((x) => [x.client, x.index]),
  };
}
