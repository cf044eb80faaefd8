import { describe, expect, it } from "vitest";
import { presetScenario, Run } from "../sim";
import { presetNames } from "../sim/catalog";
import { CheckpointError, pourRun } from "./checkpoint";

const fresh = (preset: string, seed: number) =>
  new Run(presetScenario(preset), seed, { traceRefs: true });

describe("a run poured into a skeleton", () => {
  // bench-64 (a speed benchmark: 64 nodes, 128 clients) takes the same paths as the others, and
  // tens of seconds on a shared machine
  const named = presetNames.filter((p) => p !== "bench-64");
  it.each(named)("goes on exactly as the run it copies (%s, seed 7)", (preset) => {
    const original = fresh(preset, 7);
    const cap = 1500;
    const t1 = Math.round(Math.min(original.endMs / 3, cap));
    const t2 = Math.round(Math.min((2 * original.endMs) / 3, 2 * cap));
    original.runUntilMs(t1);
    const checkpoint = pourRun(original, fresh(preset, 7), true);
    expect(checkpoint.sim.trace.digest).toBe(original.sim.trace.digest);
    original.runUntilMs(t2);
    // the original ran on; the checkpoint did not move, and a copy of it runs to the same end
    expect(checkpoint.nowMs).toBe(t1);
    const resumed = pourRun(checkpoint, fresh(preset, 7));
    resumed.runUntilMs(t2);
    expect(resumed.sim.trace.digest).toBe(original.sim.trace.digest);
    expect(resumed.sim.trace.length).toBe(original.sim.trace.length);
    expect(resumed.history.length).toBe(original.history.length);
    expect(resumed.stats()).toEqual(original.stats());
    // and the copy again, once more: a checkpoint can be used many times
    const again = pourRun(checkpoint, fresh(preset, 7));
    again.runUntilMs(t2);
    expect(again.sim.trace.digest).toBe(original.sim.trace.digest);
  });

  it("fills the skeleton's own instances in place, and copies of copies go on as the original", () => {
    // the simulation's objects stay those its constructor made (V8 keeps one shape per class, so
    // the code that runs them stays optimised), generation after generation of copies
    // F joins live at 500 ms: the ring the copies carry is no longer the scenario's
    const base = presetScenario("join-leave");
    const original = new Run(base, 5, { traceRefs: true });
    original.runUntilMs(500);
    const joined = original.intervene({ kind: "join", node: "F" });
    original.runUntilMs(700);
    const skeleton = () =>
      new Run({ ...base, timeline: [...base.timeline, joined] }, 5, { traceRefs: true });
    const first = skeleton();
    const sim = first.sim;
    const queue = (sim as unknown as { queue: object }).queue;
    const checkpoint = pourRun(original, first, true);
    expect(checkpoint.sim).toBe(sim);
    expect((checkpoint.sim as unknown as { queue: object }).queue).toBe(queue);
    let run = pourRun(checkpoint, skeleton());
    for (const t of [1400, 2100, 2800]) {
      run.runUntilMs(t);
      run = pourRun(pourRun(run, skeleton(), true), skeleton());
    }
    original.runUntilMs(3500);
    run.runUntilMs(3500);
    expect(run.members).toContain("F");
    expect(run.sim.trace.digest).toBe(original.sim.trace.digest);
    expect(run.ring.tokens).toEqual(original.ring.tokens);
    expect(run.stats()).toEqual(original.stats());
  });

  it("carries live interventions made before the checkpoint, and scheduled ones after it", () => {
    const base = presetScenario("default");
    const later = { atMs: 900, kind: "recover" as const, node: "C" };
    const scenario = { ...base, timeline: [...base.timeline, later] };
    const original = new Run(scenario, 3, { traceRefs: true });
    original.runUntilMs(300);
    original.intervene({ kind: "crash", node: "C" });
    original.runUntilMs(600);
    const skeleton = () =>
      new Run(
        {
          ...scenario,
          timeline: [
            ...scenario.timeline,
            ...original.timeline.filter((iv) => iv.kind === "crash"),
          ],
        },
        3,
        { traceRefs: true },
      );
    const checkpoint = pourRun(original, skeleton(), true);
    original.runUntilMs(1500);
    const resumed = pourRun(checkpoint, skeleton());
    resumed.runUntilMs(1500);
    expect(resumed.sim.trace.digest).toBe(original.sim.trace.digest);
    expect(resumed.sim.isUp(2)).toBe(true);
  });

  it("refuses a skeleton that lacks an intervention the source has scheduled", () => {
    const base = presetScenario("default");
    const scenario = {
      ...base,
      timeline: [...base.timeline, { atMs: 900, kind: "crash" as const, node: "A" }],
    };
    const original = new Run(scenario, 1);
    original.runUntilMs(100);
    expect(() => pourRun(original, new Run(base, 1))).toThrow(CheckpointError);
  });
});
