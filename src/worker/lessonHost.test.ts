import { describe, expect, it } from "vitest";
import { actionsUpTo, type LessonPlan, lessonById } from "../sim";
import { type HostEnv, SimHost } from "./host";
import type { Frame, FromWorker } from "./protocol";

/** A host on a fake clock whose timers run when the test says. */
function fakeHost() {
  const posted: FromWorker[] = [];
  let clock = 0;
  let timers: { fn: () => void; at: number; id: number }[] = [];
  let nextId = 1;
  const env: HostEnv = {
    post: (m) => posted.push(structuredClone(m)),
    now: () => clock,
    setTimer: (fn, ms) => {
      timers.push({ fn, at: clock + ms, id: nextId });
      return nextId++;
    },
    clearTimer: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  return {
    host: new SimHost(env),
    posted,
    lastFrame(): Frame {
      const f = posted.filter((m) => m.type === "frame").at(-1);
      if (f?.type !== "frame") throw new Error("no frame posted");
      return f.frame;
    },
    runTimers(max = 100_000) {
      for (let ran = 0; timers.length > 0 && ran < max; ran++) {
        timers.sort((a, b) => a.at - b.at);
        const t = timers.shift() as (typeof timers)[number];
        clock = Math.max(clock, t.at);
        t.fn();
      }
    },
  };
}

function planOf(h: ReturnType<typeof fakeHost>, id: string): LessonPlan {
  h.host.handle({ type: "lessonPlan", lesson: id });
  const m = h.posted.at(-1);
  if (m?.type !== "lessonPlan") throw new Error(`no plan: ${JSON.stringify(m)}`);
  return m.plan;
}

describe("lessons in the host", () => {
  it("plans a lesson on request, apart from the live run", () => {
    const h = fakeHost();
    h.host.handle({ type: "load", source: { preset: "default" }, seed: 3 });
    const before = h.lastFrame().traceHash;
    const plan = planOf(h, "sloppy-quorum");
    expect(plan.steps).toHaveLength(lessonById("sloppy-quorum")?.steps.length ?? -1);
    h.host.handle({ type: "pause" });
    expect(h.lastFrame().traceHash).toBe(before);
  });

  it("an unknown lesson is a message, not a failure", () => {
    const h = fakeHost();
    h.host.handle({ type: "lessonPlan", lesson: "no-such-lesson" });
    expect(h.posted.at(-1)).toMatchObject({ type: "error", fatal: false, during: "command" });
    expect(String((h.posted.at(-1) as { message: string }).message)).toContain("no-such-lesson");
  });

  it("a step loaded as the app loads it, then played until its end, is the planned run", () => {
    const h = fakeHost();
    const plan = planOf(h, "consistent-hashing");
    for (const step of plan.steps) {
      h.host.handle({
        type: "load",
        source: { preset: plan.preset, live: actionsUpTo(plan, step.index), atMs: step.startMs },
        seed: plan.seed,
        speed: 1,
      });
      expect(h.lastFrame().traceHash).toBe(step.startHash);
      h.host.handle({ type: "play", untilMs: step.endMs });
      h.runTimers();
      const f = h.lastFrame();
      expect(f.cause).toBe("reached");
      expect(f.playing).toBe(false);
      expect(f.nowMs).toBe(step.endMs);
      expect(f.traceHash).toBe(step.endHash);
    }
  });

  it("a play until an instant stops there, and a pause forgets the instant", () => {
    const h = fakeHost();
    h.host.handle({ type: "load", source: { preset: "default" }, seed: 1, speed: 1 });
    h.host.handle({ type: "play", untilMs: 37 });
    h.runTimers();
    expect(h.lastFrame()).toMatchObject({ cause: "reached", playing: false, nowMs: 37 });
    h.host.handle({ type: "play", untilMs: 80 });
    h.host.handle({ type: "pause" });
    h.host.handle({ type: "play" });
    // it plays on past 80 now (16 ms a tick at 1x)
    h.runTimers(10);
    expect(h.lastFrame()).toMatchObject({ cause: "tick", playing: true });
    expect(h.lastFrame().nowMs).toBeGreaterThan(80);
  });
});
