/**
 * The lesson lifecycle: which step of which lesson is shown, and what the run is doing for it.
 *
 *   closed -> planning -> step (entering -> waiting -> ready) -> ... -> done
 *
 * A step is entered by rebuilding its run from the plan (a load of the preset with the actions of
 * steps up to it, to its first instant: deterministic, so Back and a link to a step show exactly
 * what Next did); if it waits, the run then plays until the instant the plan found the condition
 * met; then it pauses for the student. Next, Back and Go to work from any step state; Skip jumps
 * to the end of the wait; Try it yourself leaves the lesson with the run as it is, a free sandbox.
 *
 * The machine learns what the run does from STATUS events (the playback status and the run's
 * instant, which the app forwards from its store), and acts through an injected client.
 */

import { and, assign, type SnapshotFrom, setup } from "xstate";
import type { LessonPlan } from "../sim/lessons/plan";
import type { Lesson } from "../sim/lessons/types";
import type { PlaybackStatus } from "./playback";

export interface LessonClient {
  /** plans the lesson: the answer comes back as PLANNED or PLAN_FAILED */
  plan(lesson: Lesson): void;
  /** rebuilds the run at the first instant of step `index` (a load) */
  enter(lesson: Lesson, plan: LessonPlan, index: number): void;
  /** plays the run, at the step's speed, until the end of step `index` */
  play(lesson: Lesson, plan: LessonPlan, index: number): void;
  /** jumps to the end of step `index` */
  skip(plan: LessonPlan, index: number): void;
  /** leaves the lesson; `sandbox`: the run stays as it is, for the student to play with */
  leave(lesson: Lesson, sandbox: boolean): void;
}

export interface LessonInput {
  client: LessonClient;
  /** finds a lesson by id */
  find(id: string): Lesson | undefined;
}

export interface LessonContext extends LessonInput {
  lesson: Lesson | null;
  plan: LessonPlan | null;
  index: number;
  error: string | null;
}

export type LessonEvent =
  /** opens a lesson at a step (0-based; clamped to the lesson's steps) */
  | { type: "OPEN"; lesson: string; step?: number }
  | { type: "PLANNED"; plan: LessonPlan }
  | { type: "PLAN_FAILED"; message: string }
  | { type: "STATUS"; status: PlaybackStatus; nowMs: number }
  | { type: "NEXT" }
  | { type: "BACK" }
  | { type: "GOTO"; index: number }
  /** to the end of the current step's wait at once */
  | { type: "SKIP" }
  /** play on toward the end of the step (after the student paused) */
  | { type: "CONTINUE" }
  /** "Try it yourself": leave the lesson, keep the run */
  | { type: "EXIT" }
  | { type: "CLOSE" }
  /** another scenario was loaded: the lesson is over, and the address is the new one's */
  | { type: "DETACH" };

const stepCount = (c: LessonContext) => c.lesson?.steps.length ?? 0;
const endOf = (c: LessonContext) => c.plan?.steps[c.index]?.endMs ?? 0;
const waits = (c: LessonContext) => {
  const s = c.plan?.steps[c.index];
  return s !== undefined && s.endMs > s.startMs;
};

export const lessonMachine = setup({
  types: {
    context: {} as LessonContext,
    events: {} as LessonEvent,
    input: {} as LessonInput,
  },
  actions: {
    plan: ({ context }) => {
      if (context.lesson !== null) context.client.plan(context.lesson);
    },
    enter: ({ context }) => {
      if (context.lesson !== null && context.plan !== null)
        context.client.enter(context.lesson, context.plan, context.index);
    },
    play: ({ context }) => {
      if (context.lesson !== null && context.plan !== null)
        context.client.play(context.lesson, context.plan, context.index);
    },
    skip: ({ context }) => {
      if (context.plan !== null) context.client.skip(context.plan, context.index);
    },
    toSandbox: ({ context }) => {
      if (context.lesson !== null) context.client.leave(context.lesson, true);
    },
    close: ({ context }) => {
      if (context.lesson !== null) context.client.leave(context.lesson, false);
    },
  },
  guards: {
    known: ({ context, event }) =>
      event.type === "OPEN" && context.find(event.lesson) !== undefined,
    samePlanned: ({ context, event }) =>
      event.type === "OPEN" && context.plan !== null && context.plan.lesson === event.lesson,
    isLoading: ({ event }) => event.type === "STATUS" && event.status === "loading",
    isFailed: ({ event }) => event.type === "STATUS" && event.status === "failed",
    settled: ({ event }) =>
      event.type === "STATUS" && (event.status === "paused" || event.status === "finished"),
    waits: ({ context }) => waits(context),
    reachedEnd: ({ context, event }) =>
      event.type === "STATUS" &&
      (event.status === "paused" || event.status === "finished") &&
      event.nowMs >= endOf(context) - 1e-9,
    hasNext: ({ context }) => context.index + 1 < stepCount(context),
    hasPrevious: ({ context }) => context.index > 0,
    validGoto: ({ context, event }) =>
      event.type === "GOTO" &&
      Number.isInteger(event.index) &&
      event.index >= 0 &&
      event.index < stepCount(context),
  },
}).createMachine({
  id: "lesson",
  context: ({ input }) => ({ ...input, lesson: null, plan: null, index: 0, error: null }),
  initial: "closed",
  on: {
    DETACH: { target: ".closed" },
    OPEN: [
      {
        guard: "samePlanned",
        target: ".step",
        reenter: true,
        actions: assign(({ context, event }) => ({
          index: clampStep(context.lesson, (event as { step?: number }).step),
        })),
      },
      {
        guard: "known",
        target: ".planning",
        reenter: true,
        actions: assign(({ context, event }) => {
          const e = event as { lesson: string; step?: number };
          const lesson = context.find(e.lesson) ?? null;
          return { lesson, plan: null, error: null, index: clampStep(lesson, e.step) };
        }),
      },
      {
        target: ".failed",
        actions: assign(({ event }) => ({
          lesson: null,
          plan: null,
          error: `There is no lesson "${(event as { lesson: string }).lesson}".`,
        })),
      },
    ],
  },
  states: {
    closed: {},
    planning: {
      entry: "plan",
      on: {
        PLANNED: {
          target: "step",
          actions: assign(({ event }) => ({ plan: event.plan })),
        },
        PLAN_FAILED: {
          target: "failed",
          actions: assign(({ event }) => ({ error: event.message })),
        },
        CLOSE: { target: "closed" },
      },
    },
    step: {
      initial: "entering",
      states: {
        entering: {
          entry: "enter",
          initial: "requested",
          states: {
            // the load was asked for: the run shown is still the old one until the status says
            // "loading"
            requested: {},
            loading: {
              on: {
                STATUS: [
                  { guard: and(["settled", "waits"]), target: "#lesson.step.waiting" },
                  { guard: "settled", target: "#lesson.step.ready" },
                ],
              },
            },
          },
          on: { STATUS: { guard: "isLoading", target: ".loading" } },
        },
        waiting: {
          entry: "play",
          on: {
            STATUS: { guard: "reachedEnd", target: "ready" },
            SKIP: { actions: "skip" },
            CONTINUE: { target: "waiting", reenter: true },
          },
        },
        ready: {},
      },
      on: {
        STATUS: {
          guard: "isFailed",
          target: "failed",
          actions: assign({
            error: "The simulation stopped; reload the scenario, then open the lesson again.",
          }),
        },
        NEXT: [
          {
            guard: "hasNext",
            target: "step",
            reenter: true,
            actions: assign(({ context }) => ({ index: context.index + 1 })),
          },
          { target: "done" },
        ],
        BACK: {
          guard: "hasPrevious",
          target: "step",
          reenter: true,
          actions: assign(({ context }) => ({ index: context.index - 1 })),
        },
        GOTO: {
          guard: "validGoto",
          target: "step",
          reenter: true,
          actions: assign(({ event }) => ({ index: event.index })),
        },
        EXIT: { target: "closed", actions: "toSandbox" },
        CLOSE: { target: "closed", actions: "close" },
      },
    },
    done: {
      on: {
        BACK: {
          target: "step",
          actions: assign(({ context }) => ({ index: stepCount(context) - 1 })),
        },
        GOTO: {
          guard: "validGoto",
          target: "step",
          actions: assign(({ event }) => ({ index: event.index })),
        },
        EXIT: { target: "closed", actions: "toSandbox" },
        CLOSE: { target: "closed", actions: "close" },
      },
    },
    failed: { on: { CLOSE: { target: "closed" } } },
  },
});

export type LessonSnapshot = SnapshotFrom<typeof lessonMachine>;
export type LessonPhase =
  | "closed"
  | "planning"
  | "entering"
  | "waiting"
  | "ready"
  | "done"
  | "failed";

/** The state as one word, for views. */
export function lessonPhase(snapshot: LessonSnapshot): LessonPhase {
  const v = snapshot.value;
  if (typeof v === "string") return v as LessonPhase;
  const step = (v as { step?: unknown }).step;
  if (typeof step === "string") return step as LessonPhase;
  return "entering";
}

function clampStep(lesson: Lesson | null, step: number | undefined): number {
  const n = lesson?.steps.length ?? 1;
  if (step === undefined || !Number.isFinite(step)) return 0;
  return Math.min(Math.max(Math.trunc(step), 0), n - 1);
}
