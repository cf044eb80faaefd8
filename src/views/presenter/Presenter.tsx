/**
 * Presenter mode and embed mode.
 *
 * Presenter mode (the P key, or the header's button) shows the stage alone, full screen where the
 * browser allows it, in large type and high contrast, with a small control bar; it is driven from
 * the keyboard: N / B (or Page Down / Page Up, as presentation remotes send) for the lesson's next
 * and previous step, Space to play or pause, S to step, Shift + a node's letter to crash or
 * recover it, T for the lesson text, L for a laser pointer that follows the mouse, Esc to leave.
 * `?embed=1` (for slides) shows the stage and the play controls only.
 *
 * The root element carries the mode as a class (`presenter`, `embed`), so the stylesheet does the
 * hiding and the sizing.
 */

import { useEffect, useRef } from "react";
import { useLessons } from "../../app/LessonsContext";
import { useSession } from "../../app/SessionContext";
import { useAppStore } from "../../store/appStore";
import {
  selectEmbed,
  selectLaser,
  selectLesson,
  selectLessonIndex,
  selectLessonPhase,
  selectPresenter,
  selectShowText,
  setPresenter,
  toggleLaser,
  toggleShowText,
  useLessonStore,
} from "../../store/lessonStore";
import { selectStatus } from "../../store/selectors";
import { Handlers } from "../lessons/LessonPanel";
import "./presenter.css";

/** The key that crashes or recovers each node: its name if one letter, else its last letter. */
export function nodeKeys(names: readonly string[]): Map<string, number> {
  const keys = new Map<string, number>();
  const taken = new Set<string>();
  names.forEach((name, i) => {
    const k = (name.length === 1 ? name : name.slice(-1)).toUpperCase();
    if (!/^[A-Z]$/.test(k)) return;
    if (taken.has(k)) keys.delete(k);
    else keys.set(k, i);
    taken.add(k);
  });
  return keys;
}

function typing(t: EventTarget | null): boolean {
  return (
    t instanceof HTMLElement &&
    (t.isContentEditable ||
      t.tagName === "TEXTAREA" ||
      t.tagName === "SELECT" ||
      (t.tagName === "INPUT" && (t as HTMLInputElement).type !== "range"))
  );
}

export function PresenterLayer() {
  const presenter = useLessonStore(selectPresenter);
  const embed = useLessonStore(selectEmbed);
  const laser = useLessonStore(selectLaser);
  const narrated = useLessonStore(
    (s) =>
      s.presenter &&
      s.showText &&
      s.lesson !== null &&
      s.phase !== "closed" &&
      s.phase !== "failed",
  );
  const lessonOpen = useLessonStore((s) => s.phase !== "closed");
  useRootClass("lesson-open", lessonOpen);
  useRootClass("presenter", presenter);
  useRootClass("presenter-text", narrated);
  useRootClass("embed", embed);
  useFullscreen(presenter);
  usePresenterKeys();
  return (
    <>
      {presenter && <PresenterNarration />}
      {presenter && <PresenterBar />}
      {presenter && laser && <Laser />}
    </>
  );
}

function useRootClass(name: string, on: boolean) {
  useEffect(() => {
    document.documentElement.classList.toggle(name, on);
    return () => document.documentElement.classList.remove(name);
  }, [name, on]);
}

/** Full screen while presenting, where the browser allows it (a headless one may refuse). */
function useFullscreen(on: boolean) {
  useEffect(() => {
    if (!on) return;
    const root = document.documentElement;
    if (document.fullscreenElement === null && typeof root.requestFullscreen === "function") {
      root.requestFullscreen().catch(() => {
        // refused (no user gesture, or not allowed here): the stage still fills the window
      });
    }
    return () => {
      if (document.fullscreenElement !== null) document.exitFullscreen().catch(() => {});
    };
  }, [on]);
}

function usePresenterKeys() {
  const session = useSession();
  const lessons = useLessons();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const st = useLessonStore.getState();
      const lessonOpen = st.phase !== "closed" && st.phase !== "failed";
      const k = e.key;
      let handled = true;
      if (k === "p" || (k === "P" && !st.presenter)) setPresenter(!st.presenter);
      else if ((k === "n" || k === "PageDown") && lessonOpen) lessons.next();
      else if ((k === "b" || k === "PageUp") && lessonOpen) lessons.back();
      else if (st.presenter && k === "t") toggleShowText();
      else if (st.presenter && k === "l") toggleLaser();
      else if (st.presenter && k === "Escape" && document.querySelector(".help-overlay") === null)
        setPresenter(false);
      else if (st.presenter && e.shiftKey && /^[A-Z]$/.test(k)) {
        const names = useAppStore.getState().info?.nodeNames ?? [];
        const i = nodeKeys(names).get(k);
        if (i !== undefined) session.toggleNode(i);
        else handled = false;
      } else handled = false;
      if (handled) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    };
    // capture: runs before the live view's own keys, so Shift + S crashes node S rather than stepping
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [session, lessons]);
}

/** The step's narration, large, over the stage (T hides it). */
function PresenterNarration() {
  const show = useLessonStore(selectShowText);
  const lesson = useLessonStore(selectLesson);
  const index = useLessonStore(selectLessonIndex);
  const phase = useLessonStore(selectLessonPhase);
  if (!show || lesson === null || phase === "closed" || phase === "failed") return null;
  const step = lesson.steps[index];
  const done = phase === "done";
  return (
    <section className="presenter-narration" aria-label="Lesson text">
      <p className="presenter-kicker">
        {lesson.title} · {done ? "complete" : `step ${index + 1} of ${lesson.steps.length}`}
      </p>
      {!done && step !== undefined && (
        <>
          <h2>{step.title}</h2>
          <p>{step.text}</p>
          <Handlers lesson={lesson} />
        </>
      )}
    </section>
  );
}

function PresenterBar() {
  const session = useSession();
  const lessons = useLessons();
  const status = useAppStore(selectStatus);
  const phase = useLessonStore(selectLessonPhase);
  const showText = useLessonStore(selectShowText);
  const laser = useLessonStore(selectLaser);
  const running = status === "running";
  const idle = status === "loading" || status === "failed" || status === "finished";
  const lessonOpen = phase !== "closed" && phase !== "failed";
  return (
    <div className="presenter-bar" role="toolbar" aria-label="Presenter controls">
      {lessonOpen && (
        <button type="button" onClick={lessons.back} aria-keyshortcuts="B PageUp">
          ← Previous step
        </button>
      )}
      <button
        type="button"
        className="primary"
        onClick={running ? session.pause : session.play}
        disabled={idle}
        aria-keyshortcuts="Space"
      >
        {running ? "Pause" : "Play"}
      </button>
      <button type="button" onClick={session.step} disabled={idle} aria-keyshortcuts="S">
        Step
      </button>
      {lessonOpen && (
        <button type="button" onClick={lessons.next} aria-keyshortcuts="N PageDown">
          Next step →
        </button>
      )}
      {lessonOpen && (
        <button
          type="button"
          aria-pressed={showText}
          onClick={toggleShowText}
          aria-keyshortcuts="T"
        >
          Text
        </button>
      )}
      <button type="button" aria-pressed={laser} onClick={toggleLaser} aria-keyshortcuts="L">
        Laser
      </button>
      <button type="button" onClick={() => setPresenter(false)} aria-keyshortcuts="Escape">
        Exit presenter
      </button>
    </div>
  );
}

/** A red dot that follows the pointer (moved outside React, every pointer event). */
function Laser() {
  const dot = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const move = (e: PointerEvent) => {
      const el = dot.current;
      if (el === null) return;
      el.style.transform = `translate(${e.clientX}px, ${e.clientY}px)`;
      el.hidden = false;
    };
    window.addEventListener("pointermove", move);
    return () => window.removeEventListener("pointermove", move);
  }, []);
  return <div className="laser" ref={dot} hidden data-testid="laser" aria-hidden="true" />;
}
