import { describe, expect, it } from "vitest";
import { closedFormStaleness, stalenessExperiment } from "./staleness";
import { table2Experiment } from "./table2";

describe("Table 2: client- against server-driven coordination", () => {
  it("client-driven is lower in all four columns, for five seeds", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = table2Experiment({ seed, requests: 6_000 });
      const s = r.serverDriven;
      const c = r.clientDriven;
      expect(r.requests.serverDriven, `seed ${seed}`).toBeGreaterThanOrEqual(6_000);
      expect(c.get.p999Ms, `seed ${seed}: p99.9 read`).toBeLessThan(s.get.p999Ms);
      expect(c.put.p999Ms, `seed ${seed}: p99.9 write`).toBeLessThan(s.put.p999Ms);
      expect(c.get.meanMs, `seed ${seed}: mean read`).toBeLessThan(s.get.meanMs);
      expect(c.put.meanMs, `seed ${seed}: mean write`).toBeLessThan(s.put.meanMs);
      expect(r.clientDrivenFaster).toBe(true);
    }
  });
});

describe("staleness (PBS) measured by the simulator", () => {
  // The closed form p_s = C(N-W, R) / C(N, R) is exact when the write is held by exactly W
  // replicas and by no other before the read, and the read's R responders are a uniformly random
  // subset of the N. nonExpanding makes the write links to all but the first W replicas lose every
  // message (so exactly W hold it, forever), and the read delays are i.i.d. and continuous, so
  // which R replicas answer first is uniform and independent of which W hold the write. Then the
  // measured share of consistent reads is 1 - p_s up to Monte Carlo error.
  const iid: Parameters<typeof stalenessExperiment>[0] = {
    latency: {
      w: { kind: "exponential", meanMs: 1 },
      a: { kind: "exponential", meanMs: 1 },
      r: { kind: "exponential", meanMs: 1 },
      s: { kind: "exponential", meanMs: 1 },
    },
    nonExpanding: true,
    curveMs: [0, 10],
    trials: 3_000,
  };

  for (const [n, r, w] of [
    [3, 1, 1],
    [3, 1, 2],
    [5, 2, 2],
  ] as const) {
    it(`matches the closed form within Monte Carlo error, N = ${n}, R = ${r}, W = ${w}`, () => {
      const result = stalenessExperiment({ ...iid, n, r, w, seed: n * 10 + r + w });
      const expected = 1 - closedFormStaleness(n, r, w);
      const sigma = Math.sqrt((expected * (1 - expected)) / result.committed);
      expect(result.committed).toBe(3_000);
      expect(result.closedForm.assumptionsHold).toBe(true);
      expect(result.closedForm.pConsistent).toBeCloseTo(expected, 12);
      for (const point of result.curve) {
        expect(Math.abs(point.p - expected), `t = ${point.tMs}`).toBeLessThan(4 * sigma);
      }
    });
  }

  it("under WARS the write keeps spreading: at least the closed form, and 1 once every replica has it", () => {
    const result = stalenessExperiment({ latency: "lnkd-ssd", trials: 1_000, curveMs: [0, 1_000] });
    expect(result.pConsistentAtCommit).toBeGreaterThan(result.closedForm.pConsistent);
    expect(result.curve[1]?.p).toBe(1);
    expect(result.paper?.pConsistentAtCommit).toBe(0.974);
  });

  it("wan: before the 75 ms wide-area hop only a read coordinated in the writer's datacenter sees the write", () => {
    // R = W = 1: the write commits on the ack of the replica local to its coordinator; a read
    // asks its own local replica first, which is the writer's with probability 1/N = 1/3.
    const result = stalenessExperiment({ latency: "wan", trials: 1_500, curveMs: [0, 50, 1_000] });
    const sigma = Math.sqrt(((1 / 3) * (2 / 3)) / result.committed);
    expect(result.committed).toBe(1_500);
    expect(Math.abs((result.curve[0]?.p ?? 0) - 1 / 3)).toBeLessThan(4 * sigma);
    expect(Math.abs((result.curve[1]?.p ?? 0) - 1 / 3)).toBeLessThan(4 * sigma);
    // lnkd-disk's write delay has a heavy Pareto tail: nearly every replica has the write by 1 s.
    expect(result.curve[2]?.p).toBeGreaterThanOrEqual(0.999);
    expect(result.tMsFor999).toBe(1_000);
    expect(result.get.p999Ms).toBeLessThan(75);
    expect(result.closedForm.assumptionsHold).toBe(false);
    expect(result.paper).toBeNull();
  });
});
