import { describe, expect, it } from "vitest";
import type { Operation } from "../core/simulation";
import type { ConflictMode } from "../dynamo/versioning";
import { holdsVersion } from "../dynamo/versioning";
import { Run } from "../run";
import { nodeNames, scenarioFrom } from "../scenario/schema";
import { getSiblings, putVersion, staleReads } from "./versions";

/** The definition, read literally: every get against every earlier put of its key. */
function staleReadsByDefinition(history: readonly Operation[], mode: ConflictMode) {
  const out: { get: number; missed: number }[] = [];
  for (const get of history) {
    if (get.f !== "get" || get.outcome !== "ok") continue;
    const seen = getSiblings(get);
    const missed = history.find(
      (put) =>
        put.f === "put" &&
        put.outcome === "ok" &&
        put.key === get.key &&
        (put.completeAt as number) < get.invokeAt &&
        !holdsVersion(seen, putVersion(put), mode),
    );
    if (missed !== undefined) out.push({ get: get.id, missed: missed.id });
  }
  return out;
}

/** R = W = 1 over a lossy, skewed network: reads often miss writes that completed before them. */
function staleProne(mode: ConflictMode, seed: number): Run {
  const scenario = scenarioFrom({
    version: 1,
    durationMs: 3000,
    cluster: { nodes: nodeNames(5).map((name) => ({ name })) },
    quorum: { n: 3, r: 1, w: 1, requestTimeoutMs: 200, sloppy: true },
    replication: { conflicts: mode },
    network: { latency: { kind: "exponential", meanMs: 4 }, loss: 0.1 },
    clocks: [{ node: "B", offsetMs: -30 }],
    workload: { clients: 4, mode: "open", ratePerSec: 400, keys: { count: 3 } },
  });
  const run = new Run(scenario, seed);
  run.runToEnd();
  return run;
}

describe("stale reads, found by sweeping the gets in order of their start", () => {
  const cases = [1, 2, 3, 4].flatMap((seed) =>
    (["vector-clock", "lww"] as const).map((mode) => ({ mode, seed })),
  );
  it.each(cases)("are exactly the definition's ($mode, seed $seed)", ({ mode, seed }) => {
    const run = staleProne(mode, seed);
    const found = staleReads(run.history, mode).map((s) => ({
      get: s.get.id,
      missed: s.missed.id,
    }));
    const expected = staleReadsByDefinition(run.history, mode);
    // the scenario is made to produce them: a comparison of two empty lists would prove nothing
    expect(expected.length).toBeGreaterThan(5);
    expect(found).toEqual(expected);
  });
});
