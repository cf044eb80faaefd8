/**
 * The lesson panel, above the stage while a lesson is open: the step's narration, where the run
 * is (playing toward the step's condition, or paused for the student), the handlers the step
 * makes run with their Dynamo paper sections, Back / Next, the contents with a link to each step,
 * and "Try it yourself", which leaves the lesson with the run as it is.
 */

import { useState } from "react";
import { useLessons } from "../../app/LessonsContext";
import { lessonHash } from "../../app/lessons";
import { describeCondition } from "../../sim/lessons/describe";
import type { Lesson } from "../../sim/lessons/types";
import { useAppStore } from "../../store/appStore";
import {
  selectLesson,
  selectLessonError,
  selectLessonIndex,
  selectLessonPhase,
  selectLessonPlan,
  useLessonStore,
} from "../../store/lessonStore";
import { selectNowMs, selectStatus, selectTimeline } from "../../store/selectors";
import { formatMs } from "../format";
import { ownChanges } from "./ownChanges";
import "./lessons.css";

export function LessonPanel() {
  const phase = useLessonStore(selectLessonPhase);
  const lesson = useLessonStore(selectLesson);
  const error = useLessonStore(selectLessonError);
  const lessons = useLessons();
  if (phase === "closed") return null;
  if (phase === "failed" || lesson === null) {
    return (
      <section className="lesson" aria-label="Lesson">
        <p className="lesson-status lesson-problem">{error ?? "The lesson could not be opened."}</p>
        <div className="lesson-nav">
          <button type="button" onClick={lessons.close}>
            Close lesson
          </button>
        </div>
      </section>
    );
  }
  return <OpenLesson lesson={lesson} />;
}

function OpenLesson({ lesson }: { lesson: Lesson }) {
  const lessons = useLessons();
  const phase = useLessonStore(selectLessonPhase);
  const index = useLessonStore(selectLessonIndex);
  const [toc, setToc] = useState(false);
  const step = lesson.steps[index];
  const n = lesson.steps.length;
  const done = phase === "done";
  const busy = phase === "planning";
  return (
    <section className="lesson" aria-label="Lesson" data-phase={phase}>
      <div className="lesson-head">
        <div className="lesson-titles">
          <p className="lesson-kicker">Lesson · {lesson.title}</p>
          <h2 className="lesson-step-title">
            {done ? "Lesson complete" : `Step ${index + 1} of ${n}: ${step?.title ?? ""}`}
          </h2>
        </div>
        <div className="lesson-nav" role="toolbar" aria-label="Lesson steps">
          <button
            type="button"
            onClick={lessons.back}
            disabled={busy || (index === 0 && !done)}
            aria-keyshortcuts="B PageUp"
            title="Back (B)"
          >
            ← Back
          </button>
          <button
            type="button"
            className="primary"
            onClick={lessons.next}
            disabled={busy || done}
            aria-keyshortcuts="N PageDown"
            title="Next (N)"
          >
            {index + 1 === n && !done ? "Finish" : "Next"} →
          </button>
          <button type="button" onClick={() => setToc((t) => !t)} aria-expanded={toc}>
            Contents
          </button>
          <button type="button" onClick={lessons.exit} title="Leave the lesson and keep this run">
            Try it yourself
          </button>
          <button type="button" className="lesson-close" onClick={lessons.close}>
            Close lesson
          </button>
        </div>
      </div>
      {done ? (
        <p className="lesson-text">
          That was the last step. Go back to any step from the contents, or press Try it yourself to
          keep this run and experiment freely.
        </p>
      ) : (
        <p className="lesson-text">{step?.text}</p>
      )}
      {!done && <StepStatus lesson={lesson} />}
      {!done && <Handlers lesson={lesson} />}
      {(toc || done) && (
        <nav className="lesson-toc" aria-label="Lesson contents">
          <ol>
            {lesson.steps.map((s, i) => (
              <li key={s.title}>
                <a
                  href={lessonHash(lesson.id, i)}
                  aria-current={i === index && !done ? "step" : undefined}
                >
                  {s.title}
                </a>
              </li>
            ))}
          </ol>
        </nav>
      )}
    </section>
  );
}

/** Where the run is for this step, and what the student can do about it. */
function StepStatus({ lesson }: { lesson: Lesson }) {
  const lessons = useLessons();
  const phase = useLessonStore(selectLessonPhase);
  const index = useLessonStore(selectLessonIndex);
  const plan = useLessonStore(selectLessonPlan);
  const status = useAppStore(selectStatus);
  const timeline = useAppStore(selectTimeline);
  const step = lesson.steps[index];
  const planned = plan?.steps[index];
  const own = phase === "waiting" || phase === "ready" ? ownChanges(timeline, plan, index) : 0;
  let text: string;
  let action: { label: string; run: () => void } | null = null;
  switch (phase) {
    case "planning":
      text = "Preparing the lesson…";
      break;
    case "entering":
      text = `Setting up step ${index + 1}: the run is rebuilt from the scenario.`;
      break;
    case "waiting": {
      const until = step?.wait !== undefined ? describeCondition(step.wait.until) : "";
      const at = planned !== undefined ? ` (t = ${formatMs(planned.endMs)})` : "";
      if (status === "running") {
        text = `Playing ${until}${at}.`;
        action = { label: "Skip ahead", run: lessons.skip };
      } else {
        text = `Paused. The step goes on ${until}${at}.`;
        action = { label: "Continue", run: lessons.resume };
      }
      break;
    }
    default:
      text =
        index + 1 === lesson.steps.length
          ? "Your turn: look around, then Finish."
          : "Your turn: look around, then press Next.";
      if (status === "paused" && planned !== undefined && planned.endMs > planned.startMs) {
        action = { label: "Replay this step", run: () => lessons.goto(index) };
      }
  }
  return (
    <>
      <p className="lesson-status" data-testid="lesson-status">
        <span aria-live="polite">{text}</span>
        {action !== null && (
          <button type="button" className="lesson-inline" onClick={action.run}>
            {action.label}
          </button>
        )}
        <a className="lesson-link" href={lessonHash(lesson.id, index)}>
          Link to this step
        </a>
      </p>
      {own > 0 && (
        <p className="lesson-own" role="note">
          You changed this run ({own === 1 ? "one change" : `${own} changes`} of your own). Next and
          Back follow the lesson and set {own === 1 ? "it" : "them"} aside; Try it yourself keeps
          {own === 1 ? " it" : " them"}.
        </p>
      )}
    </>
  );
}

/** How many of `sorted` are at or before `t`. */
function countUpTo(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= t + 1e-9) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The handlers this step makes run, with their paper sections. A handler run by a message (or a
 * timer) counts its runs as the clock passes the instants the plan recorded, and lights up when
 * it has run: the picture and the protocol, side by side.
 */
export function Handlers({ lesson }: { lesson: Lesson }) {
  const index = useLessonStore(selectLessonIndex);
  const plan = useLessonStore(selectLessonPlan);
  const phase = useLessonStore(selectLessonPhase);
  const nowMs = useAppStore(selectNowMs);
  const refs = lesson.steps[index]?.handlers ?? [];
  if (refs.length === 0) return null;
  const planned = plan?.steps[index];
  const live = phase === "waiting" || phase === "ready";
  return (
    <ul className="lesson-handlers" aria-label="Handlers in this step">
      {refs.map((ref) => {
        const ran =
          ref.message !== null && planned !== undefined && live
            ? countUpTo(planned.ranAtMs[ref.message] ?? [], nowMs)
            : null;
        return (
          <li key={ref.handler} className={ran !== null && ran > 0 ? "ran" : undefined}>
            <code>{ref.handler}</code>
            <span className="lesson-section">{ref.section}</span>
            {ran !== null && (ran > 0 || phase === "ready") && (
              <span className="lesson-ran" key={ran}>
                {ran === 0
                  ? "did not run"
                  : phase === "ready"
                    ? `ran ${ran}× in this step`
                    : `ran ${ran}× so far`}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
