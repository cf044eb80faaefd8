/**
 * `lesson [--json]` lists the lessons; `lesson <id> [--json]` runs one headless, step by step, as
 * the app's lesson panel would (the same plan), and reports each step: its instants, whether its
 * wait was met within its bound, and how often each handler it points at ran. A wait that was not
 * met is an error (exit status 1), so the command doubles as a check of a lesson being written.
 */

import { lessonById, lessons } from "../sim/lessons/catalog";
import { describeCondition } from "../sim/lessons/describe";
import { planLesson } from "../sim/lessons/plan";
import { UsageError } from "./commands";

export class LessonCheckError extends Error {
  override name = "LessonCheckError";
}

export function lessonCommand(args: string[]): string {
  const json = args.includes("--json");
  const unknown = args.find((a) => a.startsWith("--") && a !== "--json");
  if (unknown !== undefined) throw new UsageError(`unknown option ${unknown}`);
  const positional = args.filter((a) => !a.startsWith("--"));
  if (positional.length > 1) throw new UsageError("lesson takes at most one lesson id");
  const [id] = positional;
  if (id === undefined) {
    if (json)
      return `${JSON.stringify(lessons.map((l) => ({ id: l.id, title: l.title, steps: l.steps.length })))}\n`;
    const width = Math.max(...lessons.map((l) => l.id.length));
    return `${lessons.map((l) => `${l.id.padEnd(width)}  ${l.title} (${l.steps.length} steps)`).join("\n")}\n`;
  }
  const lesson = lessonById(id);
  if (lesson === undefined)
    throw new UsageError(`unknown lesson "${id}"; lessons: ${lessons.map((l) => l.id).join(", ")}`);
  const plan = planLesson(lesson);
  const steps = plan.steps.map((s) => {
    const step = lesson.steps[s.index];
    return {
      step: s.index + 1,
      title: step?.title ?? "",
      startMs: s.startMs,
      endMs: s.endMs,
      wait: step?.wait !== undefined ? describeCondition(step.wait.until) : null,
      met: s.met,
      actions: s.actions,
      handlers: (step?.handlers ?? []).map((h) => ({
        handler: h.handler,
        section: h.section,
        ran: h.message !== null ? (s.delivered[h.message] ?? 0) : null,
      })),
      traceHash: s.endHash,
    };
  });
  const unmet = steps.filter((s) => !s.met);
  const out = json
    ? `${JSON.stringify({ lesson: lesson.id, preset: plan.preset, seed: plan.seed, steps })}\n`
    : `${lesson.title} (${plan.preset}, seed ${plan.seed})\n${steps
        .map(
          (s) =>
            `${String(s.step).padStart(2)}. ${s.title}: ${s.startMs} -> ${s.endMs} ms${s.wait !== null ? `, ${s.wait}: ${s.met ? "met" : "NOT MET"}` : ""}${s.handlers
              .filter((h) => h.ran !== null)
              .map((h) => `; ${h.handler} ran ${h.ran}x`)
              .join("")}`,
        )
        .join("\n")}\n`;
  if (unmet.length > 0) {
    throw new LessonCheckError(
      `${out.trimEnd()}\nlesson ${lesson.id}: the wait of step ${unmet.map((s) => s.step).join(", ")} was not met within its bound`,
    );
  }
  return out;
}
