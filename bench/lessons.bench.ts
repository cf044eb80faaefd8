/**
 * `npm run --silent bench:lessons`: what a student waits for in a lesson, as one JSON object.
 *
 * planMs: planning a lesson (the worker does it once, when the lesson opens): every step run in
 * order, each wait evaluated after every slice. stepMaxMs: the slowest rebuild of one step's run
 * from the scenario to the end of its wait (what Next, Back and a link to a step cost before the
 * step plays). Each time is the median of 5 runs after 2 warm-up runs, in ms.
 *
 * The targets: a plan well under half a second, a step rebuilt in under 100 ms.
 */

import { lessons } from "../src/sim/lessons/catalog";
import { planLesson, replayToStep } from "../src/sim/lessons/plan";

const REPEATS = 5;
const WARMUP = 2;
const PLAN_TARGET_MS = 500;
const STEP_TARGET_MS = 100;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
}

const rows: Record<string, { steps: number; planMs: number; stepMaxMs: number }> = {};
for (const lesson of lessons) {
  const planTimes: number[] = [];
  let plan = planLesson(lesson);
  for (let i = 0; i < WARMUP + REPEATS; i++) {
    const [p, ms] = timed(() => planLesson(lesson));
    plan = p;
    if (i >= WARMUP) planTimes.push(ms);
  }
  let stepMaxMs = 0;
  for (const step of plan.steps) {
    const times: number[] = [];
    for (let i = 0; i < WARMUP + REPEATS; i++) {
      const [, ms] = timed(() => replayToStep(plan, step.index, "end"));
      if (i >= WARMUP) times.push(ms);
    }
    stepMaxMs = Math.max(stepMaxMs, median(times));
  }
  rows[lesson.id] = {
    steps: plan.steps.length,
    planMs: Number(median(planTimes).toFixed(1)),
    stepMaxMs: Number(stepMaxMs.toFixed(1)),
  };
}

const worstPlanMs = Math.max(...Object.values(rows).map((r) => r.planMs));
const worstStepMs = Math.max(...Object.values(rows).map((r) => r.stepMaxMs));
console.log(
  JSON.stringify({
    lessons: rows,
    worstPlanMs,
    worstStepMs,
    planTargetMs: PLAN_TARGET_MS,
    stepTargetMs: STEP_TARGET_MS,
    meetsTargets: worstPlanMs < PLAN_TARGET_MS && worstStepMs < STEP_TARGET_MS,
  }),
);
