/**
 * Plans a lesson: runs it once, step by step, as a student would see it, and records where each
 * step begins and ends. A step's actions become live interventions stamped at its first instant;
 * its wait runs the simulation in slices of `everyMs` until the condition holds (or the bound runs
 * out, which the lesson's test reports as a bug).
 *
 * Because the run is deterministic, the plan makes a step's state a function of (lesson, step):
 * the scenario with the actions of steps up to i written into its timeline, run to the step's
 * instant, is the very run the student saw (`replayToStep`; the test compares trace hashes). That
 * is what Back and a link to a step do.
 */

import { ticksToMs } from "../core/types";
import { Run } from "../run";
import { presetScenario } from "../scenario/presets";
import type { Intervention } from "../scenario/schema";
import { conditionHolds } from "./conditions";
import type { Lesson } from "./types";

export interface StepPlan {
  index: number;
  /** the instant the step begins (its actions are stamped with it) */
  startMs: number;
  /** the instant its wait was met (the start, for a step without a wait) */
  endMs: number;
  /** the step's actions as the interventions they became */
  actions: Intervention[];
  /** the wait was met within its bound (always true without a wait) */
  met: boolean;
  /** deliveries and timers during the step, by message or timer type (which handlers ran, how often) */
  delivered: Record<string, number>;
  /** the instants (ms) of those deliveries and timers, in order, for a count that follows the clock */
  ranAtMs: Record<string, number[]>;
  /** trace hash at the start (after the actions) and at the end */
  startHash: string;
  endHash: string;
}

export interface LessonPlan {
  lesson: string;
  preset: string;
  seed: number;
  steps: StepPlan[];
}

export class LessonError extends Error {}

export function planLesson(lesson: Lesson): LessonPlan {
  const run = new Run(presetScenario(lesson.preset), lesson.seed);
  const steps: StepPlan[] = [];
  lesson.steps.forEach((step, index) => {
    const startMs = run.nowMs;
    const startTick = run.sim.now;
    let actions: Intervention[];
    try {
      actions = (step.actions ?? []).map((a) => run.intervene(a));
    } catch (err) {
      throw new LessonError(
        `lesson ${lesson.id}, step ${index + 1}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const startHash = run.sim.trace.digest;
    const delivered: Record<string, number> = {};
    const ranAtMs: Record<string, number[]> = {};
    let read = run.sim.trace.length;
    const count = () => {
      for (const e of run.sim.trace.since(read)) {
        if (e.kind !== "deliver" && e.kind !== "timer") continue;
        delivered[e.type] = (delivered[e.type] ?? 0) + 1;
        const at = ranAtMs[e.type];
        if (at === undefined) ranAtMs[e.type] = [ticksToMs(e.at)];
        else at.push(ticksToMs(e.at));
      }
      read = run.sim.trace.length;
    };
    let met = true;
    const wait = step.wait;
    if (wait !== undefined) {
      const deadline = Math.min(startMs + wait.withinMs, run.endMs);
      const every = wait.everyMs ?? 1;
      met = conditionHolds(wait.until, run, startTick);
      while (!met && run.nowMs < deadline) {
        run.runUntilMs(Math.min(run.nowMs + every, deadline));
        count();
        met = conditionHolds(wait.until, run, startTick);
      }
    }
    steps.push({
      index,
      startMs,
      endMs: run.nowMs,
      actions,
      met,
      delivered,
      ranAtMs,
      startHash,
      endHash: run.sim.trace.digest,
    });
  });
  return { lesson: lesson.id, preset: lesson.preset, seed: lesson.seed, steps };
}

/** The actions of steps 0..i, in order: what a run at step i has had done to it. */
export function actionsUpTo(plan: LessonPlan, i: number): Intervention[] {
  return plan.steps.slice(0, i + 1).flatMap((s) => s.actions);
}

/** The lesson's run at step i, rebuilt from the scenario: at its start, or at its end. */
export function replayToStep(plan: LessonPlan, i: number, at: "start" | "end"): Run {
  const step = plan.steps[i];
  if (step === undefined) throw new LessonError(`the lesson has no step ${i + 1}`);
  const scenario = presetScenario(plan.preset);
  const run = new Run(
    { ...scenario, timeline: [...scenario.timeline, ...actionsUpTo(plan, i)] },
    plan.seed,
  );
  run.runUntilMs(at === "start" ? step.startMs : step.endMs);
  return run;
}
