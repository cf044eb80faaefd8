/**
 * Latency statistics of client operations, computed exactly from every sample.
 *
 * Percentiles use the nearest-rank definition: p99 is the smallest latency that at least 99% of the
 * samples do not exceed. Latencies are those of successful operations, from the client's invoke to
 * its completion, in ms of true (not skewed) time. Failed and indeterminate operations are counted
 * but have no latency.
 */

export interface Stats {
  count: number;
  ok: number;
  failed: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

export class LatencyRecorder {
  private samples = new Float64Array(1024);
  private n = 0;
  private sum = 0;
  count = 0;
  failed = 0;

  invoked(): void {
    this.count++;
  }

  ok(latencyMs: number): void {
    if (this.n === this.samples.length) {
      const bigger = new Float64Array(this.samples.length * 2);
      bigger.set(this.samples);
      this.samples = bigger;
    }
    this.samples[this.n++] = latencyMs;
    this.sum += latencyMs;
  }

  fail(): void {
    this.failed++;
  }

  get okCount(): number {
    return this.n;
  }

  /** A copy of the successful latencies, in completion order. */
  values(): Float64Array {
    return this.samples.slice(0, this.n);
  }

  stats(): Stats {
    const sorted = this.samples.slice(0, this.n).sort();
    return {
      count: this.count,
      ok: this.n,
      failed: this.failed,
      meanMs: this.n === 0 ? 0 : round3(this.sum / this.n),
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      p999Ms: percentile(sorted, 0.999),
      maxMs: this.n === 0 ? 0 : round3(sorted[this.n - 1] as number),
    };
  }
}

/** Nearest-rank percentile of ascending samples; 0 when there are none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return round3(sorted[Math.min(rank, sorted.length) - 1] as number);
}

/** Rounds to the microsecond (3 decimals of a ms), the simulation's resolution. */
export function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
