import { describe, expect, it } from "vitest";
import { Run } from "../run";
import { presetScenario } from "../scenario/presets";
import { describeIntervention } from "./interventions";

const sendsBetween = (run: Run, fromMs: number, toMs: number) =>
  run.sim.trace
    .since(0)
    .filter((e) => e.kind === "send" && e.at >= fromMs * 1000 && e.at < toMs * 1000);

describe("network-wide loss and duplication, as interventions", () => {
  it("loses every message while loss is 1, and none once it is back to 0 (default, seed 5)", () => {
    const base = presetScenario("default");
    const run = new Run(
      {
        ...base,
        timeline: [
          { atMs: 100, kind: "network", loss: 1 },
          { atMs: 200, kind: "network", loss: 0 },
        ],
      },
      5,
      { traceWindow: 1 << 17 },
    );
    run.runUntilMs(300);
    const during = sendsBetween(run, 100, 200);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((e) => e.aux < 0)).toBe(true);
    const after = sendsBetween(run, 200, 300);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((e) => e.aux >= 0)).toBe(true);
    expect(sendsBetween(run, 0, 100).every((e) => e.aux >= 0)).toBe(true);
  });

  it("duplicates every message while duplication is 1, made live (default, seed 5)", () => {
    const run = new Run(presetScenario("default"), 5, { traceWindow: 1 << 17 });
    run.runUntilMs(50);
    const iv = run.intervene({ kind: "network", duplicate: 1 });
    expect(describeIntervention(iv)).toBe("network: duplicate 1");
    run.runUntilMs(150);
    const trace = run.sim.trace.since(0).filter((e) => e.at > 50_000);
    const sends = trace.filter((e) => e.kind === "send" && e.aux >= 0).length;
    const copies = trace.filter((e) => e.kind === "duplicate").length;
    expect(sends).toBeGreaterThan(0);
    expect(copies).toBe(sends);
  });
});
