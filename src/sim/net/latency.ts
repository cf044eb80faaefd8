/**
 * Latency distributions for network links, in milliseconds.
 *
 * A distribution is plain data (it lives in scenarios and URLs); `compileLatency` turns it into a
 * sampler once, so the hot path does no dispatch on the shape. The mixture form lets a scenario use
 * the fits of Bailis et al. (PBS, VLDB 2012, Table 3), e.g. 91.22% Pareto(0.235, 10) + 8.78%
 * Exponential(rate 1.66/ms), which is `{ kind: "mixture", components: [{ weight: 0.9122, dist:
 * { kind: "pareto", scaleMs: 0.235, shape: 10 } }, { weight: 0.0878, dist: { kind: "exponential",
 * meanMs: 1 / 1.66 } }] }`.
 */

import type { Rng } from "../core/rng";

export type LatencyDist =
  | { kind: "constant"; ms: number }
  | { kind: "uniform"; minMs: number; maxMs: number }
  | { kind: "exponential"; meanMs: number }
  /** ln(ms) is normal with median e^mu = medianMs and standard deviation sigma */
  | { kind: "lognormal"; medianMs: number; sigma: number }
  /** Pareto(x_m = scaleMs, alpha = shape): samples scaleMs / U^(1/shape) */
  | { kind: "pareto"; scaleMs: number; shape: number }
  | { kind: "mixture"; components: { weight: number; dist: LatencyDist }[] }
  /** `dist` plus a fixed `offsetMs`: e.g. a wide-area hop on top of a datacenter's latency */
  | { kind: "shifted"; offsetMs: number; dist: LatencyDist };

export type Sampler = (rng: Rng) => number;

export function compileLatency(dist: LatencyDist): Sampler {
  switch (dist.kind) {
    case "constant": {
      const ms = dist.ms;
      return () => ms;
    }
    case "uniform": {
      const { minMs, maxMs } = dist;
      return (rng) => rng.uniform(minMs, maxMs);
    }
    case "exponential": {
      const mean = dist.meanMs;
      return (rng) => rng.exponential(mean);
    }
    case "lognormal": {
      const mu = Math.log(dist.medianMs);
      const sigma = dist.sigma;
      return (rng) => Math.exp(mu + sigma * rng.normal());
    }
    case "pareto": {
      const { scaleMs, shape } = dist;
      const inv = 1 / shape;
      return (rng) => scaleMs / rng.float() ** inv;
    }
    case "mixture": {
      const total = dist.components.reduce((s, c) => s + c.weight, 0);
      const cumulative: number[] = [];
      let acc = 0;
      for (const c of dist.components) {
        acc += c.weight / total;
        cumulative.push(acc);
      }
      const samplers = dist.components.map((c) => compileLatency(c.dist));
      const last = samplers.length - 1;
      return (rng) => {
        const u = rng.float();
        let i = 0;
        while (i < last && u >= (cumulative[i] as number)) i++;
        return (samplers[i] as Sampler)(rng);
      };
    }
    case "shifted": {
      const offset = dist.offsetMs;
      const inner = compileLatency(dist.dist);
      return (rng) => offset + inner(rng);
    }
  }
}

/** The distribution's mean in ms (Infinity for a Pareto with shape <= 1). */
export function meanLatencyMs(dist: LatencyDist): number {
  switch (dist.kind) {
    case "constant":
      return dist.ms;
    case "uniform":
      return (dist.minMs + dist.maxMs) / 2;
    case "exponential":
      return dist.meanMs;
    case "lognormal":
      return dist.medianMs * Math.exp((dist.sigma * dist.sigma) / 2);
    case "pareto":
      return dist.shape <= 1
        ? Number.POSITIVE_INFINITY
        : (dist.shape * dist.scaleMs) / (dist.shape - 1);
    case "mixture": {
      const total = dist.components.reduce((s, c) => s + c.weight, 0);
      return dist.components.reduce((s, c) => s + (c.weight / total) * meanLatencyMs(c.dist), 0);
    }
    case "shifted":
      return dist.offsetMs + meanLatencyMs(dist.dist);
  }
}

/** A short human description, e.g. "lognormal, median 1 ms". */
export function describeLatency(dist: LatencyDist): string {
  switch (dist.kind) {
    case "constant":
      return `${dist.ms} ms`;
    case "uniform":
      return `uniform ${dist.minMs}-${dist.maxMs} ms`;
    case "exponential":
      return `exponential, mean ${dist.meanMs} ms`;
    case "lognormal":
      return `lognormal, median ${dist.medianMs} ms, sigma ${dist.sigma}`;
    case "pareto":
      return `Pareto, scale ${dist.scaleMs} ms, shape ${dist.shape}`;
    case "mixture":
      return `mixture of ${dist.components
        .map((c) => `${Math.round(c.weight * 1000) / 10}% ${describeLatency(c.dist)}`)
        .join(" + ")}`;
    case "shifted":
      return `${dist.offsetMs} ms + ${describeLatency(dist.dist)}`;
  }
}
