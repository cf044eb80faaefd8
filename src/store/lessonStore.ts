/**
 * What the lesson panel and presenter mode show: the lesson open (if any), its step and phase,
 * its plan, and the presentation switches (presenter mode, lesson text, laser pointer, embed).
 * The lesson controller (app/lessons.ts) writes it; views read it.
 */

import { create } from "zustand";
import type { LessonPhase } from "../machines/lesson";
import type { LessonPlan } from "../sim/lessons/plan";
import type { Lesson } from "../sim/lessons/types";

export interface LessonState {
  phase: LessonPhase;
  lesson: Lesson | null;
  plan: LessonPlan | null;
  index: number;
  error: string | null;
  /** presenter mode: the stage full screen, large type, high contrast, keyboard control */
  presenter: boolean;
  /** the lesson's narration on the stage in presenter mode */
  showText: boolean;
  /** a highlight that follows the pointer */
  laser: boolean;
  /** `?embed=1`: the stage and the play controls only */
  embed: boolean;
}

export const useLessonStore = create<LessonState>(() => ({
  phase: "closed",
  lesson: null,
  plan: null,
  index: 0,
  error: null,
  presenter: false,
  showText: true,
  laser: false,
  embed: false,
}));

export const selectLessonPhase = (s: LessonState) => s.phase;
export const selectLesson = (s: LessonState) => s.lesson;
export const selectLessonPlan = (s: LessonState) => s.plan;
export const selectLessonIndex = (s: LessonState) => s.index;
export const selectLessonError = (s: LessonState) => s.error;
export const selectPresenter = (s: LessonState) => s.presenter;
export const selectShowText = (s: LessonState) => s.showText;
export const selectLaser = (s: LessonState) => s.laser;
export const selectEmbed = (s: LessonState) => s.embed;

export function setPresenter(on: boolean): void {
  useLessonStore.setState({ presenter: on, ...(on ? {} : { laser: false }) });
}
export function toggleShowText(): void {
  useLessonStore.setState((s) => ({ showText: !s.showText }));
}
export function toggleLaser(): void {
  useLessonStore.setState((s) => ({ laser: !s.laser }));
}
export function setEmbed(on: boolean): void {
  useLessonStore.setState({ embed: on });
}
