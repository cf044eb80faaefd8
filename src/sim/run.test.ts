import { describe, expect, it } from "vitest";
import { InterventionError, Run } from "./run";
import { presetNames, presetScenario } from "./scenario/presets";
import { scenarioFrom } from "./scenario/schema";

function hashOf(preset: string, seed: number, untilMs?: number): string {
  const run = new Run(presetScenario(preset), seed);
  if (untilMs === undefined) run.runToEnd();
  else run.runUntilMs(untilMs);
  return run.summary().traceHash;
}

describe("a run", () => {
  it("gives the same trace hash for the same scenario and seed, twice", () => {
    expect(hashOf("default", 7)).toBe(hashOf("default", 7));
  });

  it("gives a different trace hash for a different seed", () => {
    expect(hashOf("default", 7)).not.toBe(hashOf("default", 8));
  });

  it("is deterministic for every preset", () => {
    for (const name of presetNames.filter((n) => n !== "bench-64")) {
      expect(hashOf(name, 3), name).toBe(hashOf(name, 3));
    }
  });

  it("reaches the same state whether run in one go, in slices, or event by event", () => {
    const whole = new Run(presetScenario("crash-recover"), 5);
    whole.runUntilMs(4000);
    const sliced = new Run(presetScenario("crash-recover"), 5);
    for (let t = 0; t <= 4000; t += 16.7) sliced.runUntilMs(t);
    sliced.runUntilMs(4000);
    const stepped = new Run(presetScenario("crash-recover"), 5);
    while (stepped.step()) {
      // one event at a time, to the end
    }
    stepped.runUntilMs(4000);
    expect(sliced.summary()).toEqual(whole.summary());
    expect(stepped.summary()).toEqual(whole.summary());
  });

  it("records a live intervention in its timeline at the current instant and applies it", () => {
    const run = new Run(presetScenario("default"), 1);
    run.runUntilMs(1234.5);
    const iv = run.intervene({ kind: "crash", node: "C" });
    expect(iv).toEqual({ atMs: 1234.5, kind: "crash", node: "C" });
    expect(run.timeline).toContainEqual(iv);
    expect(run.sim.isUp(run.sim.procId("C"))).toBe(false);
  });

  it("replays a live intervention exactly when it is written into the scenario", () => {
    const live = new Run(presetScenario("default"), 9);
    live.runUntilMs(2000);
    live.intervene({ kind: "crash", node: "B" });
    live.runToEnd();
    const scripted = new Run(
      scenarioFrom({
        ...presetScenario("default"),
        timeline: [{ atMs: 2000, kind: "crash", node: "B" }],
      }),
      9,
    );
    scripted.runToEnd();
    expect(live.summary().traceHash).toBe(scripted.summary().traceHash);
  });

  it("rejects an intervention on a process that does not exist, and keeps running", () => {
    const run = new Run(presetScenario("default"), 1);
    expect(() => run.intervene({ kind: "crash", node: "Z" })).toThrow(InterventionError);
    expect(() => run.intervene({ kind: "crash", node: "Z" })).toThrow(/Z is not a node or client/);
    run.runToEnd();
    expect(run.finished).toBe(true);
  });

  it("ends every operation before the end of the run", () => {
    const run = new Run(presetScenario("partition"), 2);
    run.runToEnd();
    expect(run.history.every((op) => op.outcome !== "pending")).toBe(true);
    const s = run.summary();
    expect(s.ops.get.count).toBe(s.ops.get.ok + s.ops.get.failed);
    expect(s.ops.put.failed).toBeGreaterThan(0); // the partition costs something
  });

  it("keeps memory flat on long runs: the trace window is bounded", () => {
    const run = new Run(presetScenario("default"), 1, { traceWindow: 1000, keepHistory: false });
    run.runToEnd();
    expect(run.sim.trace.length).toBeGreaterThan(10_000);
    expect(run.sim.trace.since(0)).toHaveLength(1000);
  });
});
