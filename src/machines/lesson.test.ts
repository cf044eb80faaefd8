import { describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { lessonById } from "../sim/lessons/catalog";
import type { LessonPlan } from "../sim/lessons/plan";
import type { Lesson } from "../sim/lessons/types";
import { type LessonClient, lessonMachine, lessonPhase } from "./lesson";

/** A three-step lesson: narration, a wait from 0 to 40 ms, a wait from 40 to 90 ms. */
const lesson: Lesson = {
  id: "toy",
  title: "Toy",
  summary: "A toy lesson.",
  preset: "default",
  seed: 1,
  speed: 1,
  steps: [
    { title: "One", text: "Narration only, nothing runs." },
    { title: "Two", text: "Waits.", wait: { until: { kind: "time", ms: 40 }, withinMs: 100 } },
    { title: "Three", text: "Waits.", wait: { until: { kind: "time", ms: 90 }, withinMs: 100 } },
  ],
};

const plan: LessonPlan = {
  lesson: "toy",
  preset: "default",
  seed: 1,
  steps: [
    {
      index: 0,
      startMs: 0,
      endMs: 0,
      actions: [],
      met: true,
      delivered: {},
      ranAtMs: {},
      startHash: "a",
      endHash: "a",
    },
    {
      index: 1,
      startMs: 0,
      endMs: 40,
      actions: [],
      met: true,
      delivered: {},
      ranAtMs: {},
      startHash: "a",
      endHash: "b",
    },
    {
      index: 2,
      startMs: 40,
      endMs: 90,
      actions: [],
      met: true,
      delivered: {},
      ranAtMs: {},
      startHash: "b",
      endHash: "c",
    },
  ],
};

function start() {
  const calls: string[] = [];
  const client: LessonClient = {
    plan: (l) => calls.push(`plan ${l.id}`),
    enter: (_l, _p, i) => calls.push(`enter ${i}`),
    play: (_l, p, i) => calls.push(`play to ${p.steps[i]?.endMs}`),
    skip: (p, i) => calls.push(`skip to ${p.steps[i]?.endMs}`),
    leave: (l, sandbox) => calls.push(`leave ${l.id}${sandbox ? " to the sandbox" : ""}`),
  };
  const actor = createActor(lessonMachine, {
    input: { client, find: (id) => (id === "toy" ? lesson : lessonById(id)) },
  }).start();
  const phase = () => lessonPhase(actor.getSnapshot());
  const index = () => actor.getSnapshot().context.index;
  /** the run reloads, then settles paused at `nowMs` */
  const loads = (nowMs: number) => {
    actor.send({ type: "STATUS", status: "loading", nowMs: 999 });
    actor.send({ type: "STATUS", status: "paused", nowMs });
  };
  return { actor, calls, phase, index, loads };
}

describe("the lesson machine", () => {
  it("plans, enters the first step and waits for the student when the step only narrates", () => {
    const { actor, calls, phase, loads } = start();
    expect(phase()).toBe("closed");
    actor.send({ type: "OPEN", lesson: "toy" });
    expect(phase()).toBe("planning");
    actor.send({ type: "PLANNED", plan });
    expect(phase()).toBe("entering");
    // the old run's status does not count: the step's own load has not begun
    actor.send({ type: "STATUS", status: "paused", nowMs: 0 });
    expect(phase()).toBe("entering");
    loads(0);
    expect(phase()).toBe("ready");
    expect(calls).toEqual(["plan toy", "enter 0"]);
  });

  it("Next enters a waiting step, plays it to its end, then pauses for the student", () => {
    const { actor, calls, phase, index, loads } = start();
    actor.send({ type: "OPEN", lesson: "toy" });
    actor.send({ type: "PLANNED", plan });
    loads(0);
    actor.send({ type: "NEXT" });
    expect(index()).toBe(1);
    expect(phase()).toBe("entering");
    loads(0);
    expect(phase()).toBe("waiting");
    expect(calls.at(-1)).toBe("play to 40");
    actor.send({ type: "STATUS", status: "running", nowMs: 12 });
    // the student paused halfway: still waiting; Continue plays on
    actor.send({ type: "STATUS", status: "paused", nowMs: 20 });
    expect(phase()).toBe("waiting");
    actor.send({ type: "CONTINUE" });
    expect(calls.at(-1)).toBe("play to 40");
    actor.send({ type: "STATUS", status: "paused", nowMs: 40 });
    expect(phase()).toBe("ready");
  });

  it("Skip jumps to the end of the wait; Back rebuilds the step before", () => {
    const { actor, calls, phase, index, loads } = start();
    actor.send({ type: "OPEN", lesson: "toy", step: 2 });
    actor.send({ type: "PLANNED", plan });
    expect(index()).toBe(2);
    loads(40);
    expect(phase()).toBe("waiting");
    actor.send({ type: "SKIP" });
    expect(calls.at(-1)).toBe("skip to 90");
    actor.send({ type: "STATUS", status: "seeking", nowMs: 40 });
    actor.send({ type: "STATUS", status: "paused", nowMs: 90 });
    expect(phase()).toBe("ready");
    actor.send({ type: "BACK" });
    expect(index()).toBe(1);
    expect(calls.at(-1)).toBe("enter 1");
    expect(phase()).toBe("entering");
  });

  it("Back on the first step and Go to a step that does not exist change nothing", () => {
    const { actor, phase, index, loads } = start();
    actor.send({ type: "OPEN", lesson: "toy" });
    actor.send({ type: "PLANNED", plan });
    loads(0);
    actor.send({ type: "BACK" });
    actor.send({ type: "GOTO", index: 7 });
    actor.send({ type: "GOTO", index: -1 });
    expect(index()).toBe(0);
    expect(phase()).toBe("ready");
    actor.send({ type: "GOTO", index: 2 });
    expect(index()).toBe(2);
    expect(phase()).toBe("entering");
  });

  it("Next after the last step is done; Try it yourself leaves the run as it is", () => {
    const { actor, calls, phase, loads } = start();
    actor.send({ type: "OPEN", lesson: "toy", step: 2 });
    actor.send({ type: "PLANNED", plan });
    loads(40);
    actor.send({ type: "STATUS", status: "paused", nowMs: 90 });
    actor.send({ type: "NEXT" });
    expect(phase()).toBe("done");
    actor.send({ type: "EXIT" });
    expect(phase()).toBe("closed");
    expect(calls.at(-1)).toBe("leave toy to the sandbox");
  });

  it("opening the planned lesson at another step goes there without planning again", () => {
    const { actor, calls, phase, index, loads } = start();
    actor.send({ type: "OPEN", lesson: "toy" });
    actor.send({ type: "PLANNED", plan });
    loads(0);
    actor.send({ type: "OPEN", lesson: "toy", step: 1 });
    expect(index()).toBe(1);
    expect(phase()).toBe("entering");
    expect(calls.filter((c) => c.startsWith("plan"))).toHaveLength(1);
    expect(calls.at(-1)).toBe("enter 1");
  });

  it("an unknown lesson or a failed plan says so; a step number past the end is clamped", () => {
    const { actor, phase, index } = start();
    actor.send({ type: "OPEN", lesson: "nope" });
    expect(phase()).toBe("failed");
    expect(actor.getSnapshot().context.error).toContain('"nope"');
    actor.send({ type: "OPEN", lesson: "toy", step: 99 });
    expect(index()).toBe(2);
    actor.send({ type: "PLAN_FAILED", message: "step 3: bad" });
    expect(phase()).toBe("failed");
    expect(actor.getSnapshot().context.error).toBe("step 3: bad");
  });

  it("a run that fails under a step fails the lesson, with a message", () => {
    const { actor, phase, loads } = start();
    actor.send({ type: "OPEN", lesson: "toy", step: 1 });
    actor.send({ type: "PLANNED", plan });
    loads(0);
    actor.send({ type: "STATUS", status: "failed", nowMs: 3 });
    expect(phase()).toBe("failed");
    expect(actor.getSnapshot().context.error).toMatch(/stopped/);
  });

  it("loading another scenario detaches the lesson, leaving the address alone", () => {
    const { actor, calls, phase, loads } = start();
    actor.send({ type: "OPEN", lesson: "toy", step: 1 });
    actor.send({ type: "PLANNED", plan });
    loads(0);
    actor.send({ type: "DETACH" });
    expect(phase()).toBe("closed");
    expect(calls.some((c) => c.startsWith("leave"))).toBe(false);
  });
});
