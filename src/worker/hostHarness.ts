/**
 * For tests: a SimHost on a fake clock, whose timers run only when the test says so, with what it
 * posted kept for reading.
 */

import { type HostEnv, SimHost } from "./host";
import type { Frame, FromWorker } from "./protocol";

export interface HarnessOptions {
  /** the fake clock moves this much each time the host reads it (default 0) */
  msPerNowCall?: number;
  /** keep structured clones of what is posted, as a worker's receiver would get (default false) */
  clone?: boolean;
}

export function hostHarness(options: HarnessOptions = {}) {
  const posted: FromWorker[] = [];
  let clock = 0;
  let timers: { fn: () => void; at: number; id: number }[] = [];
  let nextId = 1;
  const env: HostEnv = {
    post: (m) => posted.push(options.clone === true ? structuredClone(m) : m),
    now: () => {
      clock += options.msPerNowCall ?? 0;
      return clock;
    },
    setTimer: (fn, ms) => {
      const id = nextId++;
      timers.push({ fn, at: clock + ms, id });
      return id;
    },
    clearTimer: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const host = new SimHost(env);
  return {
    host,
    posted,
    frames: (): Frame[] => posted.flatMap((m) => (m.type === "frame" ? [m.frame] : [])),
    lastFrame: (): Frame => {
      const f = posted.findLast((m) => m.type === "frame");
      if (f?.type !== "frame") throw new Error("no frame posted");
      return f.frame;
    },
    errors: () => posted.filter((m) => m.type === "error"),
    timers: () => timers,
    pendingTimers: () => timers.length,
    /** runs due timers one at a time, new ones included, moving the clock to each; returns how many ran */
    runTimers(max = 1_000_000): number {
      let ran = 0;
      while (timers.length > 0 && ran < max) {
        timers.sort((a, b) => a.at - b.at);
        const t = timers.shift() as (typeof timers)[number];
        clock = Math.max(clock, t.at);
        t.fn();
        ran++;
      }
      return ran;
    },
    /** runs the timers pending now (not those they arm), in time order */
    runPendingTimers(): void {
      const due = [...timers].sort((a, b) => a.at - b.at);
      timers = [];
      for (const t of due) {
        clock = Math.max(clock, t.at);
        t.fn();
      }
    },
  };
}
