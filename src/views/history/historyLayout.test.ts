import { describe, expect, it } from "vitest";
import { checkConsistency, historyOps } from "../../sim/check/consistency";
import { Run } from "../../sim/run";
import { presetScenario } from "../../sim/scenario/presets";
import { historyLayout, LEFT } from "./historyLayout";

describe("the history of linearizability-violation", () => {
  const run = new Run(presetScenario("linearizability-violation"), 1);
  run.runToEnd();
  const report = checkConsistency(run);
  const ops = historyOps(run);

  it("is not linearizable, and the witness is client2's read of v0 after v1's write completed", () => {
    expect(report.linearizable).toBe(false);
    const witness = ops.find((o) => o.id === report.witness?.op);
    expect(witness).toMatchObject({ client: "client2", f: "get", values: ["v0"] });
    expect(report.witness?.explanation).toMatch(/holds "v1", but it read "v0"/);
    expect(report.staleReads).toEqual([
      {
        get: witness?.id,
        missed: expect.any(Number),
        key: "x",
        versionsBehind: 1,
        msBehind: 8,
        answeredBy: ["C"],
        missedValue: "v1",
        writtenVia: "A",
      },
    ]);
  });

  it("draws one lane per client, and bars in time order inside the width", () => {
    const layout = historyLayout(ops, report.points, 800, run.nowMs);
    expect(layout.lanes.map((l) => l.client)).toEqual(["client1", "client2"]);
    expect(layout.bars).toHaveLength(5);
    const xs = layout.bars.map((b) => b.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    for (const b of layout.bars) {
      expect(b.x).toBeGreaterThanOrEqual(LEFT);
      expect(b.x + b.width).toBeLessThanOrEqual(800);
    }
    expect(layout.bars[3]?.label).toBe("get x → v0");
  });

  it("gives the points of a linearization when there is one", () => {
    const ok = new Run(presetScenario("linearizability-violation"), 1);
    ok.runUntilMs(35); // before the stale read
    const r = checkConsistency(ok);
    expect(r.linearizable).toBe(true);
    expect(r.points.length).toBe(3);
    const layout = historyLayout(historyOps(ok), r.points, 800, ok.nowMs);
    expect(layout.points).toHaveLength(3);
  });
});
