/**
 * A lesson is a narrated script over a live run (DESIGN, rule 12): a preset and a seed, then steps.
 * Each step says what to watch, may act on the run (crash C, cut a link, skew a clock: live
 * interventions at the step's first instant), may wait for a condition on the simulation state
 * (a hint for C is stored, a read returned two siblings, a write was lost), and points at the
 * handlers that do the work with the Dynamo paper section they follow.
 *
 * Plain data, free of the simulator, so that the app's main thread can list lessons cheaply; the
 * plan (plan.ts) runs them.
 */

import type { LiveIntervention } from "../scenario/schema";

/** What a wait waits for, evaluated on the run after each slice of simulated time. */
export type Condition =
  /** the run's clock reaches this instant (ms from the start of the run) */
  | { kind: "time"; ms: number }
  /** some node (or `at`) holds at least `count` (default 1) hinted replicas meant for `for` */
  | { kind: "hint"; for: string; at?: string; count?: number }
  /** no node holds a hint any more, and at least one was handed off */
  | { kind: "hintsHandedOff" }
  /**
   * at least `count` (default 1) client operations completed since the step began, matching `f`,
   * the key, the outcome and (for gets) the number of versions returned
   */
  | {
      kind: "completed";
      f?: "get" | "put";
      key?: string;
      outcome?: "ok" | "fail" | "info";
      siblings?: number;
      count?: number;
    }
  /** a replica of `key` holds at least `count` live versions (siblings) */
  | { kind: "siblings"; key: string; count: number }
  /** a get returned a value older than a put that had completed before it began */
  | { kind: "staleRead" }
  /** an acknowledged write is no longer kept anywhere (last-write-wins) */
  | { kind: "lostWrite" }
  /** the consistency checker finds the history not linearizable */
  | { kind: "notLinearizable" }
  /** the replicas of `key` hold the same versions */
  | { kind: "converged"; key: string };

export interface Wait {
  until: Condition;
  /** the wait fails (a bug in the lesson, caught by its test) if not met within this many ms */
  withinMs: number;
  /** how often the condition is evaluated, in simulated ms (default 1) */
  everyMs?: number;
}

/** A handler the step makes happen, named as in the source, with the paper's section. */
export interface HandlerRef {
  /** message (or timer) type whose deliveries run it (counted in the plan), or null for a local step */
  message: string | null;
  /** e.g. "coordinator.onPut" */
  handler: string;
  /** e.g. "§4.5 get() and put()" (the paper's section, its title shortened) */
  section: string;
}

export interface LessonStep {
  title: string;
  /** what to watch: short and concrete */
  text: string;
  /** live interventions applied at the step's first instant, in order */
  actions?: LiveIntervention[];
  /** run until this holds (animated in the app); without it the step only narrates */
  wait?: Wait;
  handlers?: HandlerRef[];
  /** simulated ms per wall ms while this step plays (default: the lesson's) */
  speed?: number;
}

export interface Lesson {
  id: string;
  title: string;
  /** one sentence: what the student will understand */
  summary: string;
  preset: string;
  seed: number;
  /** simulated ms per wall ms while steps play */
  speed: number;
  /** a key whose versions the lesson keeps open beside the ring */
  focusKey?: string;
  steps: LessonStep[];
}
