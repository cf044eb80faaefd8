/**
 * The last fatal failure of the simulation, for the notice that explains it: what went wrong, a
 * link that reproduces the run up to the failure (the share link of the run as it was), and
 * whether the worker was restarted on the same scenario.
 */

import { create } from "zustand";

export interface CrashReport {
  message: string;
  /** the share link of the run at the failure; null while it is being made, or for scenario JSON */
  link: string | null;
  restarted: boolean;
  /** wall ms (performance.now) of the failure */
  at: number;
}

export const useCrash = create<{ report: CrashReport | null }>(() => ({ report: null }));

/** Restarts allowed within RESTART_WINDOW_MS: more means the failure comes back at once. */
export const MAX_RESTARTS = 2;
export const RESTART_WINDOW_MS = 30_000;

/** Whether a failure at `now` may restart the worker, given the earlier restarts' times. */
export function mayRestart(restarts: readonly number[], now: number): boolean {
  return restarts.filter((t) => now - t < RESTART_WINDOW_MS).length < MAX_RESTARTS;
}
