/**
 * The header's "Lessons" entry: a menu of the lessons, each opening at its first step, and
 * presenter mode (also the P key).
 */

import { useEffect, useRef, useState } from "react";
import { useLessons } from "../../app/LessonsContext";
import { lessons as catalogue } from "../../sim/lessons/catalog";
import { setPresenter, useLessonStore } from "../../store/lessonStore";
import "./lessons.css";

export function LessonsMenu() {
  const lessons = useLessons();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (box.current !== null && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    window.addEventListener("pointerdown", away);
    window.addEventListener("keydown", esc);
    return () => {
      window.removeEventListener("pointerdown", away);
      window.removeEventListener("keydown", esc);
    };
  }, [open]);
  return (
    <div className="lessons-menu" ref={box}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="lessons-list"
        onClick={() => setOpen((o) => !o)}
      >
        Lessons
      </button>
      {open && (
        <ul id="lessons-list" className="lessons-list" aria-label="Lessons">
          {catalogue.map((l) => (
            <li key={l.id}>
              <button
                type="button"
                onClick={() => {
                  setOpen(false);
                  lessons.open(l.id, 0);
                }}
              >
                <strong>{l.title}</strong>
                <span>{l.summary}</span>
              </button>
            </li>
          ))}
          <li className="lessons-presenter">
            <button
              type="button"
              aria-keyshortcuts="P"
              onClick={() => {
                setOpen(false);
                setPresenter(!useLessonStore.getState().presenter);
              }}
            >
              <strong>Presenter mode</strong>
              <span>
                The stage alone, large and high-contrast, for a projector; keyboard control (P to
                leave, ? for the keys).
              </span>
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
