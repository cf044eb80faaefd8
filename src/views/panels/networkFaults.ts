/**
 * Pure helpers of the network faults controls: a latency distribution made `factor` times slower
 * (every time it can draw, multiplied), in the scenario format's own shapes.
 */

/** A latency distribution as the scenario format writes it (see sim/scenario/schema.ts). */
export type LatencySpec =
  | { kind: "constant"; ms: number }
  | { kind: "uniform"; minMs: number; maxMs: number }
  | { kind: "exponential"; meanMs: number }
  | { kind: "lognormal"; medianMs: number; sigma: number }
  | { kind: "pareto"; scaleMs: number; shape: number }
  | { kind: "mixture"; components: { weight: number; dist: LatencySpec }[] }
  | { kind: "shifted"; offsetMs: number; dist: LatencySpec };

/** `spec` with every delay it draws multiplied by `factor`, or null if it is not a known shape. */
export function scaleLatency(spec: unknown, factor: number): LatencySpec | null {
  if (typeof spec !== "object" || spec === null) return null;
  const d = spec as LatencySpec;
  switch (d.kind) {
    case "constant":
      return { kind: "constant", ms: d.ms * factor };
    case "uniform":
      return { kind: "uniform", minMs: d.minMs * factor, maxMs: d.maxMs * factor };
    case "exponential":
      return { kind: "exponential", meanMs: d.meanMs * factor };
    case "lognormal":
      return { kind: "lognormal", medianMs: d.medianMs * factor, sigma: d.sigma };
    case "pareto":
      return { kind: "pareto", scaleMs: d.scaleMs * factor, shape: d.shape };
    case "mixture": {
      const components = d.components.map((c) => ({
        weight: c.weight,
        dist: scaleLatency(c.dist, factor),
      }));
      if (components.some((c) => c.dist === null)) return null;
      return { kind: "mixture", components: components as { weight: number; dist: LatencySpec }[] };
    }
    case "shifted": {
      const dist = scaleLatency(d.dist, factor);
      return dist === null ? null : { kind: "shifted", offsetMs: d.offsetMs * factor, dist };
    }
    default:
      return null;
  }
}

/** The rates the controls offer, as fractions. */
export const RATE_CHOICES = [0, 0.01, 0.05, 0.1, 0.25, 0.5];
