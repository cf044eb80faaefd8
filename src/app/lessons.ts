/**
 * The lesson controller: runs the lesson machine against the session. A step is entered by loading
 * the lesson's preset with the actions of the steps up to it, to the step's first instant (the
 * worker's shared-run replay), and played with a stopping instant; the plan comes from the worker.
 * It forwards the playback status to the machine, mirrors the machine into the lesson store, and
 * keeps the address at `#lesson=<id>&step=<n>` (n from 1) while a lesson is open.
 */

import { createActor } from "xstate";
import { type LessonClient, lessonMachine, lessonPhase } from "../machines/lesson";
import { lessonById } from "../sim/lessons/catalog";
import type { LessonPlan } from "../sim/lessons/plan";
import type { Lesson } from "../sim/lessons/types";
import { useAppStore } from "../store/appStore";
import { useLessonStore } from "../store/lessonStore";
import type { Session } from "./session";
import { formatHash } from "./url";

export interface Lessons {
  /** opens a lesson at a step (0-based) */
  open(id: string, step?: number): void;
  next(): void;
  back(): void;
  goto(index: number): void;
  skip(): void;
  resume(): void;
  /** "Try it yourself": leaves the lesson; the run stays as it is */
  exit(): void;
  close(): void;
  /** another scenario is being loaded: the lesson closes, the address is left alone */
  detach(): void;
  dispose(): void;
}

/** A link to a step: `#lesson=<id>&step=<n>`, n counting from 1. */
export function lessonHash(id: string, index: number): string {
  return `#lesson=${encodeURIComponent(id)}&step=${index + 1}`;
}

export type LessonLink =
  /** `problem`: the step asked for was not one of the lesson's (the lesson opens at `step`) */
  { ok: true; lesson: string; step: number; problem?: string } | { ok: false; problem: string };

/** Reads `#lesson=..&step=..`; null when the address is not a lesson link. */
export function parseLessonHash(hash: string): LessonLink | null {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  const id = params.get("lesson");
  if (id === null) return null;
  const lesson = lessonById(id);
  if (lesson === undefined) {
    // control characters would only confuse: show them as "?"
    const clean = Array.from(id, (ch) => (ch < " " || ch === "\u007f" ? "?" : ch)).join("");
    const shown = clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
    return {
      ok: false,
      problem: `Unknown lesson "${shown}" in the address; the Lessons menu lists them.`,
    };
  }
  const raw = params.get("step");
  const n = raw !== null && /^\d{1,4}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  const count = lesson.steps.length;
  if (raw === null) return { ok: true, lesson: id, step: 0 };
  const step = Number.isNaN(n) ? 1 : Math.min(Math.max(n, 1), count);
  if (step === n) return { ok: true, lesson: id, step: step - 1 };
  const shown = raw.length > 20 ? `${raw.slice(0, 20)}…` : raw;
  return {
    ok: true,
    lesson: id,
    step: step - 1,
    problem: `The lesson "${lesson.title}" has steps 1 to ${count}, not "${shown}"; opening step ${step}.`,
  };
}

function replaceHash(hash: string): void {
  if (window.location.hash !== hash) {
    window.history.replaceState(
      null,
      "",
      `${window.location.pathname}${window.location.search}${hash}`,
    );
  }
}

export function createLessons(session: Session): Lessons {
  const speedOf = (lesson: Lesson, index: number) => lesson.steps[index]?.speed ?? lesson.speed;
  const client: LessonClient = {
    plan(lesson) {
      session.planLesson(lesson.id, (result) => {
        if (typeof result === "string") actor.send({ type: "PLAN_FAILED", message: result });
        else actor.send({ type: "PLANNED", plan: result });
      });
    },
    enter(lesson, plan, index) {
      const step = plan.steps[index];
      if (step === undefined) return;
      const live = plan.steps.slice(0, index + 1).flatMap((s) => s.actions);
      session.setSpeed(speedOf(lesson, index));
      session.load({ preset: plan.preset, live, atMs: step.startMs }, plan.seed);
      if (lesson.focusKey !== undefined) session.inspect({ key: lesson.focusKey });
      replaceHash(lessonHash(lesson.id, index));
    },
    play(lesson, plan: LessonPlan, index) {
      const step = plan.steps[index];
      if (step === undefined) return;
      session.setSpeed(speedOf(lesson, index));
      session.playUntil(step.endMs);
    },
    skip(plan, index) {
      const step = plan.steps[index];
      if (step !== undefined) session.seek(step.endMs);
    },
    leave(lesson) {
      replaceHash(formatHash(lesson.preset, lesson.seed));
    },
  };
  const actor = createActor(lessonMachine, { input: { client, find: lessonById } });
  const sub = actor.subscribe((snapshot) => {
    const c = snapshot.context;
    useLessonStore.setState({
      phase: lessonPhase(snapshot),
      lesson: c.lesson,
      plan: c.plan,
      index: c.index,
      error: c.error,
    });
  });
  actor.start();
  const unwatch = useAppStore.subscribe((state, before) => {
    if (state.status !== before.status) {
      actor.send({ type: "STATUS", status: state.status, nowMs: state.run?.nowMs ?? 0 });
    }
  });
  return {
    open: (id, step) =>
      actor.send({ type: "OPEN", lesson: id, ...(step !== undefined && { step }) }),
    next: () => actor.send({ type: "NEXT" }),
    back: () => actor.send({ type: "BACK" }),
    goto: (index) => actor.send({ type: "GOTO", index }),
    skip: () => actor.send({ type: "SKIP" }),
    resume: () => actor.send({ type: "CONTINUE" }),
    exit: () => actor.send({ type: "EXIT" }),
    close: () => actor.send({ type: "CLOSE" }),
    detach: () => actor.send({ type: "DETACH" }),
    dispose() {
      unwatch();
      sub.unsubscribe();
      actor.stop();
    },
  };
}
