import { describe, expect, it } from "vitest";
import { checkConsistency } from "../check/consistency";
import { checkRun } from "../check/invariants";
import { lostWrites, replicationReport, staleReads } from "../check/versions";
import { Run } from "../run";
import { presetScenario } from "./presets";
import { scenarioFrom } from "./schema";

function ran(preset: string, seed = 1, overrides: Record<string, unknown> = {}): Run {
  const run = new Run(scenarioFrom({ ...presetScenario(preset), ...overrides }), seed);
  run.runToEnd();
  return run;
}

describe("the presets tell their stories", () => {
  it("figure-3: D1 [(Sx,1)] -> D2 [(Sx,2)] -> D3 and D4 as siblings -> D5 [(Sx,3),(Sy,1),(Sz,1)]", () => {
    const run = ran("figure-3");
    const puts = run.history.filter((op) => op.f === "put");
    const clocks = puts.map((op) => {
      const v = (op.result as { version: { clock: { node: string; counter: number }[] } }).version;
      return `${op.value} [${v.clock.map((e) => `(${e.node},${e.counter})`).join(",")}]`;
    });
    expect(clocks).toEqual([
      "D1 [(Sx,1)]",
      "D2 [(Sx,2)]",
      "D3 [(Sx,2),(Sy,1)]",
      "D4 [(Sx,2),(Sz,1)]",
      "D5 [(Sx,3),(Sy,1),(Sz,1)]",
    ]);
    // The read before D5 returned both siblings, with the merged context.
    const gets = run.history.filter((op) => op.f === "get");
    const beforeD5 = gets.at(-1)?.result as { values: string[] };
    expect([...beforeD5.values].sort()).toEqual(["D3", "D4"]);
    expect(replicationReport(run).keys).toEqual({
      cart: {
        versions: [{ value: "D5", clock: { Sx: 3, Sy: 1, Sz: 1 }, lamport: expect.any(Number) }],
      },
    });
  });

  it("shopping-cart: concurrent adds become siblings, and the union keeps every item", () => {
    const run = ran("shopping-cart");
    const final = replicationReport(run).keys.cart?.versions.map((v) => v.value);
    expect(final).toEqual(["bread,eggs,milk"]);
  });

  it("clock-truncation: a clock cut to two entries forgets A, and A's superseded write comes back as a sibling", () => {
    const run = ran("clock-truncation");
    const last = run.history.filter((op) => op.f === "get").at(-1)?.result as { values: string[] };
    expect([...last.values].sort()).toEqual(["v1", "v4"]);
    expect(replicationReport(run).keys.doc?.versions.map((v) => [v.value, v.clock])).toEqual([
      ["v1", { A: 1 }],
      ["v4", { C: 1, D: 1 }],
    ]);
    // With room for every entry, v4 descends from v1 and supersedes it.
    const whole = ran("clock-truncation", 1, {
      replication: { clockMaxEntries: 10, readRepair: false, antiEntropyIntervalMs: 0 },
    });
    expect(replicationReport(whole).keys.doc?.versions.map((v) => v.value)).toEqual(["v4"]);
  });

  it("lww-skew: B's slow clock makes last-write-wins drop the later, acknowledged write", () => {
    const run = ran("lww-skew");
    expect(run.history.filter((op) => op.f === "put").map((op) => op.outcome)).toEqual([
      "ok",
      "ok",
    ]);
    const lost = lostWrites(run);
    expect(lost.map((l) => [l.put.value, l.beatenBy?.value])).toEqual([["second", "first"]]);
    expect(lost[0]?.why).toMatch(/B's clock stamped it 12 ms and A's stamped first 22 ms/);
    // Both later reads see the earlier write.
    const reads = run.history.filter((op) => op.f === "get");
    expect(reads.map((op) => (op.result as { values: string[] }).values)).toEqual([
      ["first"],
      ["first"],
    ]);
    // Under vector clocks, the same two writes are siblings and nothing is lost.
    const vc = ran("lww-skew", 1, { replication: { conflicts: "vector-clock" } });
    expect(lostWrites(vc)).toEqual([]);
    expect(replicationReport(vc).keys.profile?.versions.map((v) => v.value)).toEqual([
      "first",
      "second",
    ]);
  });

  it("cap-partition: strict quorum refuses writes on the small side; sloppy quorum takes them with hints, and reads go stale", () => {
    for (const seed of [1, 2, 3]) {
      const strict = ran("cap-partition", seed);
      const base = presetScenario("cap-partition");
      const sloppy = ran("cap-partition", seed, { quorum: { ...base.quorum, sloppy: true } });
      const okDuring = (run: Run) =>
        run.history.filter(
          (op) => op.invokeAt > 200_000 && op.invokeAt < 800_000 && op.outcome === "ok",
        ).length;
      expect(okDuring(sloppy)).toBeGreaterThan(okDuring(strict));
      const strictReport = replicationReport(strict);
      const sloppyReport = replicationReport(sloppy);
      expect(strictReport.replication.hintsStored).toBe(0);
      expect(sloppyReport.replication.hintsStored).toBeGreaterThan(0);
      expect(sloppyReport.replication.hintsHeld).toBe(0); // all handed back after the heal
      expect(staleReads(strict.history, "vector-clock")).toEqual([]);
      expect(staleReads(sloppy.history, "vector-clock").length).toBeGreaterThan(0);
    }
  });

  it("join-leave: F joins mid-run and takes over only the keys of its new range; nothing is lost", () => {
    const base = presetScenario("join-leave");
    const run = ran("join-leave", 1, {
      timeline: [
        { atMs: 2000, kind: "join", node: "F" },
        { atMs: 6000, kind: "leave", node: "C" },
      ],
      workload: { ...base.workload, stopMs: 8000 },
    });
    const [join, leave] = run.membershipChanges;
    expect(join?.fractionMoved).toBeCloseTo(0.1, 1); // half of one fifth of the ring
    expect(join?.modNFraction).toBeGreaterThan(0.8);
    expect(leave?.nodesAfter).toBe(5);
    expect(run.nodeSummary(run.sim.procId("F")).keys).toBeGreaterThan(0);
    expect(run.nodeSummary(run.sim.procId("C")).keys).toBe(0);
    expect(checkRun(run, true)).toEqual([]);
  });

  it("linearizability-violation: with R = W = 1 a read through C misses v1, whose write had completed", () => {
    const run = ran("linearizability-violation");
    const stale = staleReads(run.history, "vector-clock");
    expect(
      stale.map((s) => [s.missed.value, (s.get.result as { values: string[] }).values]),
    ).toEqual([["v1", ["v0"]]]);
    const last = run.history.at(-1)?.result as { values: string[] };
    expect(last.values).toEqual(["v1"]); // eventually consistent
  });

  it("read-repair: the read after the cut link is restored repairs C", () => {
    const run = ran("read-repair");
    expect(replicationReport(run).replication.readRepairs).toBe(1);
    const c = run.sim.diskOf(run.sim.procId("C")) as {
      storage: { siblings(k: string): { versions: { value: string }[] } };
    };
    expect(c.storage.siblings("x").versions.map((v) => v.value)).toEqual(["v2"]);
  });

  it("anti-entropy: C catches up on the writes it missed through Merkle exchanges alone", () => {
    const run = ran("anti-entropy");
    const r = replicationReport(run);
    expect(r.replication.hintsDelivered).toBe(0);
    expect(r.replication.readRepairs).toBe(0);
    expect(r.replication.aeKeysSent).toBeGreaterThan(0);
    expect(checkRun(run, false)).toEqual([]);
    const { replicasDiffer } = checkConsistency(run);
    expect(replicasDiffer).toEqual([]);
  });

  it("lamport-vs-vector: Lamport times order two concurrent writes that vector clocks keep as siblings", () => {
    const run = ran("lamport-vs-vector");
    const versions = replicationReport(run).keys.x?.versions ?? [];
    expect(versions.map((v) => v.value)).toEqual(["from-Sy", "from-Sz"]);
    expect(versions[0]?.lamport).not.toBe(versions[1]?.lamport);
  });

  it("sloppy-quorum: writes meant for C while it is down land at stand-ins as hints, and reach C after it recovers", () => {
    const run = new Run(presetScenario("sloppy-quorum"), 1);
    run.runUntilMs(690);
    const held = run.nodeSummary(run.sim.procId("C"));
    expect(held.hints).toBe(0);
    const standIns = [0, 1, 3, 4].map((i) => run.nodeSummary(i).hints);
    expect(standIns.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    run.runToEnd();
    const report = replicationReport(run);
    expect(report.replication.hintsDelivered).toBeGreaterThan(0);
    expect(report.replication.hintsHeld).toBe(0);
  });
});
