import fc from "fast-check";
import { describe, expect, it } from "vitest";
import vectors from "../../../../shared/external/vectors/test-vectors.json";
import { Rng, splitmix64 } from "./rng";

describe("SplitMix64 (seed expansion)", () => {
  it("matches the published sequence for seed 1234567", () => {
    let s = 1234567n;
    const out: string[] = [];
    for (let i = 0; i < 5; i++) {
      const [next, z] = splitmix64(s);
      s = next;
      out.push(z.toString());
    }
    expect(out).toEqual(vectors.splitmix64.seed_1234567_first5);
  });

  it("matches the published sequence for seed 0", () => {
    const [s1, a] = splitmix64(0n);
    const [, b] = splitmix64(s1);
    expect([a, b].map((x) => `0x${x.toString(16).padStart(16, "0")}`)).toEqual(
      vectors.splitmix64.seed_0_first2_hex,
    );
  });
});

describe("the PRNG and its streams", () => {
  it("gives the same numbers for the same seed, and different ones for another seed", () => {
    const draw = (seed: number) => {
      const r = new Rng(seed);
      return Array.from({ length: 20 }, () => r.nextU32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it("forks a stream that depends only on the seed and the label, not on earlier draws", () => {
    const a = new Rng(7);
    const b = new Rng(7);
    for (let i = 0; i < 100; i++) b.float(); // b has drawn, a has not
    const fa = a.fork("net");
    const fb = b.fork("net");
    expect(Array.from({ length: 10 }, () => fa.nextU32())).toEqual(
      Array.from({ length: 10 }, () => fb.nextU32()),
    );
  });

  it("keeps each labelled stream unchanged when other streams are added", () => {
    const root = new Rng(99);
    const before = root.fork("node:C");
    root.fork("node:F"); // a new node joins
    const after = new Rng(99).fork("node:C");
    expect(before.nextU32()).toBe(after.nextU32());
  });

  it("gives unrelated streams for different labels", () => {
    const root = new Rng(1);
    const x = root.fork("node:A");
    const y = root.fork("node:B");
    const xs = Array.from({ length: 8 }, () => x.nextU32());
    const ys = Array.from({ length: 8 }, () => y.nextU32());
    expect(xs).not.toEqual(ys);
  });

  it("draws floats strictly inside (0, 1) and integers inside [0, n) (property)", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
        const r = new Rng(seed);
        for (let i = 0; i < 200; i++) {
          const f = r.float();
          expect(f).toBeGreaterThan(0);
          expect(f).toBeLessThan(1);
          const k = r.int(n);
          expect(Number.isInteger(k) && k >= 0 && k < n).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("is uniform enough: 100,000 floats have mean 0.5 and each decile about 10%", () => {
    const r = new Rng(2024);
    const deciles = new Array(10).fill(0);
    let sum = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const f = r.float();
      sum += f;
      deciles[Math.floor(f * 10)]++;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    for (const d of deciles) expect(Math.abs(d / n - 0.1)).toBeLessThan(0.005);
  });

  it("samples exponentials with the requested mean", () => {
    const r = new Rng(5);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) sum += r.exponential(3);
    expect(sum / 100_000).toBeCloseTo(3, 1);
  });
});
