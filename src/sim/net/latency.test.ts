import { describe, expect, it } from "vitest";
import { Rng } from "../core/rng";
import { compileLatency, describeLatency, type LatencyDist, meanLatencyMs } from "./latency";

function sampleMean(dist: LatencyDist, n = 200_000, seed = 11): number {
  const rng = new Rng(seed);
  const sample = compileLatency(dist);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sample(rng);
  return sum / n;
}

const cases: [string, LatencyDist][] = [
  ["constant", { kind: "constant", ms: 3 }],
  ["uniform", { kind: "uniform", minMs: 1, maxMs: 5 }],
  ["exponential", { kind: "exponential", meanMs: 2 }],
  ["lognormal", { kind: "lognormal", medianMs: 1, sigma: 0.5 }],
  ["pareto", { kind: "pareto", scaleMs: 1.5, shape: 3.8 }],
  [
    "PBS lnkd-ssd mixture",
    {
      kind: "mixture",
      components: [
        { weight: 0.9122, dist: { kind: "pareto", scaleMs: 0.235, shape: 10 } },
        { weight: 0.0878, dist: { kind: "exponential", meanMs: 1 / 1.66 } },
      ],
    },
  ],
  ["shifted", { kind: "shifted", offsetMs: 75, dist: { kind: "exponential", meanMs: 2 } }],
];

describe("latency distributions", () => {
  for (const [name, dist] of cases) {
    it(`samples the ${name} distribution with its analytical mean (within 2%)`, () => {
      const expected = meanLatencyMs(dist);
      expect(Math.abs(sampleMean(dist) - expected) / expected).toBeLessThan(0.02);
    });
  }

  it("never samples a shifted distribution below its offset", () => {
    const rng = new Rng(5);
    const sample = compileLatency({
      kind: "shifted",
      offsetMs: 75,
      dist: { kind: "pareto", scaleMs: 1.05, shape: 1.51 },
    });
    for (let i = 0; i < 10_000; i++) expect(sample(rng)).toBeGreaterThanOrEqual(76.05);
    expect(
      describeLatency({ kind: "shifted", offsetMs: 75, dist: { kind: "constant", ms: 1 } }),
    ).toBe("75 ms + 1 ms");
  });

  it("samples a lognormal whose median is the configured median", () => {
    const rng = new Rng(3);
    const sample = compileLatency({ kind: "lognormal", medianMs: 4, sigma: 0.8 });
    const xs = Array.from({ length: 50_001 }, () => sample(rng)).sort((a, b) => a - b);
    expect(xs[25_000]).toBeGreaterThan(3.9);
    expect(xs[25_000]).toBeLessThan(4.1);
  });

  it("never samples a Pareto value below its scale", () => {
    const rng = new Rng(8);
    const sample = compileLatency({ kind: "pareto", scaleMs: 2, shape: 1.5 });
    for (let i = 0; i < 10_000; i++) expect(sample(rng)).toBeGreaterThanOrEqual(2);
  });

  it("picks mixture components in proportion to their weights", () => {
    const rng = new Rng(1);
    const sample = compileLatency({
      kind: "mixture",
      components: [
        { weight: 3, dist: { kind: "constant", ms: 1 } },
        { weight: 1, dist: { kind: "constant", ms: 100 } },
      ],
    });
    let slow = 0;
    for (let i = 0; i < 40_000; i++) if (sample(rng) === 100) slow++;
    expect(slow / 40_000).toBeCloseTo(0.25, 2);
  });

  it("describes distributions in words", () => {
    expect(describeLatency({ kind: "lognormal", medianMs: 1, sigma: 0.4 })).toBe(
      "lognormal, median 1 ms, sigma 0.4",
    );
  });
});
