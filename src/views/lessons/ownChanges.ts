/**
 * The changes a student made to a lesson's run: live interventions on the timeline that are not
 * the lesson's own actions (steps up to the current one stamp theirs as live interventions too).
 * Next and Back rebuild the run from the lesson, so these are what they would set aside.
 */

import type { LessonPlan } from "../../sim/lessons/plan";
import type { TimelineEntry } from "../../worker/protocol";

/** A stable text for plain data: object keys sorted, so equal interventions compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** How many live timeline entries are the student's, not the lesson's (steps 0..index). */
export function ownChanges(
  timeline: readonly TimelineEntry[],
  plan: LessonPlan | null,
  index: number,
): number {
  const lessons = new Map<string, number>();
  for (const step of plan?.steps.slice(0, index + 1) ?? []) {
    for (const action of step.actions) {
      const key = canonical(action);
      lessons.set(key, (lessons.get(key) ?? 0) + 1);
    }
  }
  let own = 0;
  for (const entry of timeline) {
    if (!entry.live) continue;
    const key = canonical(entry.intervention);
    const left = lessons.get(key) ?? 0;
    if (left > 0) lessons.set(key, left - 1);
    else own++;
  }
  return own;
}
