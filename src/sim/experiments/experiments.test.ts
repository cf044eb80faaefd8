import { describe, expect, it } from "vitest";
import { parseScenario } from "../scenario/schema";
import {
  aggregate,
  EXPERIMENT_NAMES,
  EXPERIMENTS,
  type SeedRun,
  type Table2Summary,
} from "./experiments";
import { ExperimentError, openableRuns, runExperiment } from "./labRuns";
import { checkParams, defaultParams, readParams } from "./params";

/** Small sizes, so each experiment runs in well under a second per seed. */
const SMALL = {
  table2: { requests: 2000, nodes: 10 },
  strategies: { nodes: 20, replicas: 3, sweep: [1, 8] },
  "keys-moved": { nodes: [5, 40], keys: 2000 },
  staleness: { models: ["lnkd-disk"], quorums: ["R1W1", "R2W2"], trials: 100 },
  "quorum-sweep": {
    fault: "partition",
    quorum: "strict",
    configs: ["N3R1W1", "N3R2W2"],
    rate: 100,
  },
} as const;

describe("the experiments registry", () => {
  it("names each experiment once, with a title, a source and defaults its own checks accept", () => {
    for (const name of EXPERIMENT_NAMES) {
      const spec = EXPERIMENTS[name];
      expect(spec.name).toBe(name);
      expect(spec.title.length).toBeGreaterThan(10);
      expect(checkParams(spec.params, defaultParams(spec.params))).toMatchObject({ ok: true });
      expect(readParams(spec.params, {}, true).problems).toEqual([]);
      expect(checkParams(spec.params, SMALL[name])).toMatchObject({ ok: true });
    }
  });

  it("runs every experiment as a pure function of (params, seed), and every run opens as a valid scenario", () => {
    for (const name of EXPERIMENT_NAMES) {
      const a = runExperiment(name, SMALL[name], 3);
      expect(a.experiment).toBe(name);
      expect(runExperiment(name, SMALL[name], 3)).toEqual(a);
      const open = openableRuns(name, SMALL[name], 3);
      expect(open.length).toBeGreaterThan(0);
      for (const run of open) {
        const parsed = parseScenario(JSON.parse(JSON.stringify(run.scenario)));
        expect(
          parsed.ok,
          `${name} ${run.label}: ${parsed.ok ? "" : parsed.problems.join("; ")}`,
        ).toBe(true);
        expect(run.seed).toBe(3);
      }
    }
  });

  it("refuses bad parameters with a message naming them", () => {
    expect(() => runExperiment("table2", { requests: 5, nodes: 10 }, 1)).toThrow(ExperimentError);
    expect(() => runExperiment("table2", { requests: 5, nodes: 10 }, 1)).toThrow(
      /requests must be a whole number from 1000/,
    );
    expect(() => runExperiment("strategies", { nodes: 4, replicas: 5, sweep: [1] }, 1)).toThrow(
      /replicas \(5\) must not exceed nodes \(4\)/,
    );
    expect(() => runExperiment("keys-moved", SMALL["keys-moved"], -1)).toThrow(/seed/);
  });

  it("aggregates the same runs to the same summary whatever order they arrive in, listing the seeds", () => {
    const runs: SeedRun[] = [1, 2, 3].map((seed) => ({
      seed,
      result: runExperiment("keys-moved", SMALL["keys-moved"], seed),
    }));
    const forward = aggregate("keys-moved", runs);
    expect(aggregate("keys-moved", [...runs].reverse())).toEqual(forward);
    expect(forward.seeds).toEqual([1, 2, 3]);
  });

  it("shows consistent hashing moving about 1/(S+1) of the keys on a join, and mod-N nearly all", () => {
    const runs = [1, 2, 3, 4].map((seed) => ({
      seed,
      result: runExperiment("keys-moved", SMALL["keys-moved"], seed),
    }));
    const s = aggregate("keys-moved", runs);
    if (s.experiment !== "keys-moved") throw new Error("wrong summary");
    const at = (placement: string, nodes: number) =>
      s.points.find((p) => p.placement === placement && p.nodes === nodes && p.change === "join");
    expect(at("mod-n", 40)?.fractionMoved.mean).toBeGreaterThan(0.9);
    expect(at("consistent hashing", 40)?.fractionMoved.mean).toBeLessThan(0.06);
    expect(at("consistent hashing", 40)?.fractionMoved.n).toBe(4);
  });

  it("puts Table 2's paper figures beside intervals measured across seeds, client-driven faster on average", () => {
    const runs = [1, 2, 3].map((seed) => ({
      seed,
      result: runExperiment("table2", SMALL.table2, seed),
    }));
    const s = aggregate("table2", runs) as Table2Summary;
    expect(s.paper.serverDriven.p999ReadMs).toBe(68.9);
    expect(s.measured.clientDriven.meanReadMs.mean).toBeLessThan(
      s.measured.serverDriven.meanReadMs.mean,
    );
    expect(s.measured.serverDriven.meanReadMs.n).toBe(3);
    const cdf = s.cdf.serverDriven.get;
    expect(cdf).toHaveLength(31);
    // a CDF's latencies never decrease with the quantile
    for (let i = 1; i < cdf.length; i++)
      expect((cdf[i]?.ms.mean as number) >= (cdf[i - 1]?.ms.mean as number)).toBe(true);
  });

  it("keeps more replicas reachable as the cost of fewer stale reads: R = W = 2 under a strict-quorum partition", () => {
    const runs = [1, 2].map((seed) => ({
      seed,
      result: runExperiment("quorum-sweep", SMALL["quorum-sweep"], seed),
    }));
    const s = aggregate("quorum-sweep", runs);
    if (s.experiment !== "quorum-sweep") throw new Error("wrong summary");
    const [one, two] = s.points;
    expect(one?.config).toBe("N3R1W1");
    expect(two?.staleRate.mean).toBeLessThanOrEqual(one?.staleRate.mean as number);
    expect(two?.availability.mean).toBeLessThan(one?.availability.mean as number);
  });
});
