/**
 * Latency for frames: histograms of successful operations on log-spaced bins, and the twin run
 * behind the latency panel's side-by-side mode (the same scenario, seed and interventions under
 * the other coordination mode, kept at the live run's instant).
 */

import { type Intervention, Run, type Scenario } from "../sim";
import type { Coordination, LatencyHistograms, TwinLatency } from "./protocol";

/** Latency histogram bins: log-spaced from 0.05 ms to 2 s, four per factor of two and a half. */
export const HISTOGRAM_EDGES_MS: number[] = Array.from({ length: 47 }, (_, i) =>
  Number((0.05 * 10 ** (i / 10)).toPrecision(3)),
);

export function histogram(values: Float64Array): number[] {
  const edges = HISTOGRAM_EDGES_MS;
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (const v of values) {
    let lo = 0;
    let hi = edges.length - 1;
    if (v <= (edges[0] as number)) {
      counts[0] = (counts[0] as number) + 1;
      continue;
    }
    if (v >= (edges[hi] as number)) {
      counts[hi - 1] = (counts[hi - 1] as number) + 1;
      continue;
    }
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (v < (edges[mid] as number)) hi = mid;
      else lo = mid;
    }
    counts[lo] = (counts[lo] as number) + 1;
  }
  return counts;
}

/** Histograms of a run's successful gets and puts. */
export function histogramsOf(run: Run): LatencyHistograms {
  return {
    edgesMs: HISTOGRAM_EDGES_MS,
    get: histogram(run.latencies("get")),
    put: histogram(run.latencies("put")),
  };
}

/** The mode a side-by-side comparison sets against `mode`, if Table 2 compares it. */
export function otherMode(mode: Coordination): "server-driven" | "client-driven" | null {
  if (mode === "server-driven") return "client-driven";
  if (mode === "client-driven") return "server-driven";
  return null;
}

/**
 * The other coordination mode's run, following the live one. It is built from the same base
 * scenario and seed with the live interventions written into its timeline, and catches up to the
 * live run's instant when asked; interventions made since it was built are applied at their
 * instants. Seeking back or forking rebuilds it.
 */
export class Twin {
  private run: Run | null = null;
  private applied: Intervention[] = [];
  private key = "";

  /** Drops the twin (a new load, or side-by-side off). */
  reset(): void {
    this.run = null;
    this.applied = [];
    this.key = "";
  }

  /**
   * The twin's latency at the live run's instant, or null when the scenario's mode has no
   * counterpart in Table 2. Throws what the twin's run throws.
   */
  follow(
    base: Scenario,
    seed: number,
    live: readonly Intervention[],
    nowMs: number,
  ): TwinLatency | null {
    const mode = otherMode(base.workload.coordination);
    if (mode === null) {
      this.reset();
      return null;
    }
    const key = `${seed}:${mode}:${base.name}`;
    const prefixKept =
      this.run !== null &&
      key === this.key &&
      this.applied.length <= live.length &&
      this.applied.every((iv, i) => iv === live[i]) &&
      this.run.nowMs <= nowMs;
    if (!prefixKept) {
      this.run = new Run(
        {
          ...base,
          workload: { ...base.workload, coordination: mode },
          timeline: [...base.timeline, ...live],
        },
        seed,
        { keepHistory: false, traceWindow: 256 },
      );
      this.applied = [...live];
      this.key = key;
    }
    const run = this.run as Run;
    for (const iv of live.slice(this.applied.length)) {
      run.runUntilMs(iv.atMs);
      const { atMs: _, ...input } = iv;
      run.intervene(input);
      this.applied.push(iv);
    }
    run.runUntilMs(nowMs);
    return {
      coordination: mode,
      nowMs: run.nowMs,
      stats: run.stats(),
      histograms: histogramsOf(run),
    };
  }
}
