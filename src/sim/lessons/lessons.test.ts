import { describe, expect, it } from "vitest";
import { presetNames } from "../scenario/presets";
import { lessonById, lessons } from "./catalog";
import { conditionHolds } from "./conditions";
import { describeCondition } from "./describe";
import { planLesson, replayToStep } from "./plan";

describe("every lesson runs from start to end headless, its waits satisfied", () => {
  for (const lesson of lessons) {
    it(`${lesson.id} (${lesson.preset}, seed ${lesson.seed})`, () => {
      expect(presetNames).toContain(lesson.preset);
      const plan = planLesson(lesson);
      expect(plan.steps).toHaveLength(lesson.steps.length);
      let at = 0;
      plan.steps.forEach((s, i) => {
        const step = lesson.steps[i];
        if (step === undefined) throw new Error("no step");
        // steps follow one another in time, each wait met within its bound
        expect(s.startMs).toBe(at);
        expect({ step: i + 1, met: s.met }).toEqual({ step: i + 1, met: true });
        if (step.wait !== undefined) {
          expect(s.endMs - s.startMs).toBeLessThanOrEqual(step.wait.withinMs);
          // the condition holds where the step ends, on the run rebuilt from the scenario
          const rebuilt = replayToStep(plan, i, "end");
          expect(conditionHolds(step.wait.until, rebuilt, Math.round(s.startMs * 1000))).toBe(true);
        } else {
          expect(s.endMs).toBe(s.startMs);
        }
        // a handler the step points at by message actually ran during it
        for (const ref of step.handlers ?? []) {
          if (ref.message !== null && step.wait !== undefined)
            expect({ step: i + 1, [ref.message]: (s.delivered[ref.message] ?? 0) > 0 }).toEqual({
              step: i + 1,
              [ref.message]: true,
            });
        }
        at = s.endMs;
      });
    });
  }
});

describe("a step's state is a function of (lesson, step)", () => {
  it("rebuilding any step from the scenario gives the trace the student saw, at its start and its end", () => {
    for (const lesson of lessons) {
      const plan = planLesson(lesson);
      for (const s of plan.steps) {
        expect(replayToStep(plan, s.index, "start").sim.trace.digest).toBe(s.startHash);
        expect(replayToStep(plan, s.index, "end").sim.trace.digest).toBe(s.endHash);
      }
    }
  });

  it("planning twice gives the same plan", () => {
    const lesson = lessonById("sloppy-quorum");
    if (lesson === undefined) throw new Error("no lesson");
    expect(planLesson(lesson)).toEqual(planLesson(lesson));
  });

  it("an action applied at a step is on the rebuilt run's timeline, at the step's instant", () => {
    const lesson = lessonById("consistent-hashing");
    if (lesson === undefined) throw new Error("no lesson");
    const plan = planLesson(lesson);
    const crash = plan.steps[3];
    expect(crash?.actions).toEqual([{ kind: "crash", node: "B", atMs: crash?.startMs }]);
    const run = replayToStep(plan, 3, "start");
    expect(run.sim.isUp(run.ring.names.indexOf("B"))).toBe(false);
    // one step before, B is still up
    const before = replayToStep(plan, 2, "end");
    expect(before.sim.isUp(before.ring.names.indexOf("B"))).toBe(true);
  });
});

describe("the catalogue", () => {
  it("has at least six lessons with distinct ids, each step with text", () => {
    expect(lessons.length).toBeGreaterThanOrEqual(6);
    expect(new Set(lessons.map((l) => l.id)).size).toBe(lessons.length);
    for (const l of lessons) {
      expect(l.steps.length).toBeGreaterThan(1);
      for (const s of l.steps) expect(s.text.length).toBeGreaterThan(20);
    }
  });

  it("a lesson that names a node its scenario lacks is refused with the step", () => {
    const bad = {
      ...(lessonById("sloppy-quorum") as NonNullable<ReturnType<typeof lessonById>>),
      steps: [
        {
          title: "x",
          text: "crash a node that is not there",
          actions: [{ kind: "crash" as const, node: "Q" }],
        },
      ],
    };
    expect(() => planLesson(bad)).toThrow(/step 1: .*Q is not a node/);
  });
});

describe("conditions in words", () => {
  it("reads as English for every wait of every lesson", () => {
    for (const l of lessons)
      for (const s of l.steps)
        if (s.wait !== undefined)
          expect(describeCondition(s.wait.until)).toMatch(/^until [a-z0-9]/);
    expect(describeCondition({ kind: "completed", outcome: "ok", count: 1 })).toBe(
      "until an operation completes successfully",
    );
    expect(describeCondition({ kind: "completed", f: "get", key: "cart", siblings: 2 })).toBe(
      "until a get of cart completes with 2 versions",
    );
    expect(describeCondition({ kind: "hint", for: "C", count: 3 })).toBe(
      "until a node holds 3 hints for C",
    );
  });
});
