/**
 * The space-time diagram's window of recent events, outside React state (like the flight board):
 * the session feeds it each frame's `spacetime` share, the diagram reads it when it redraws.
 *
 * Frames carry each event's vector clock as a delta against the previous event of its process
 * in the stream; the board applies the deltas and keeps every event's full clock, so the view can
 * compare any two events. It keeps the newest SPACETIME_WINDOW events.
 */

import { create } from "zustand";
import type { MessageDetail, SpaceEvent, SpacetimeFrame } from "../worker/protocol";

/** Events the board keeps (the diagram shows the ones in its time span). */
export const SPACETIME_WINDOW = 4000;

/** An event with its whole vector clock (null for drops and duplicates: no clock of their own). */
export interface StEvent extends Omit<SpaceEvent, "vc"> {
  vc: Int32Array | null;
}

export class SpacetimeBoard {
  events: StEvent[] = [];
  /** vector clocks count events from this instant (ms) */
  originMs = 0;
  /** events the worker left out since the origin (the window is not complete around them) */
  omitted = 0;
  /** bumped on every change, so a view redraws only when something is new */
  version = 0;
  private procs = 0;
  private lanes: Int32Array[] = [];
  private readonly listeners = new Set<() => void>();

  ingest(frame: SpacetimeFrame | null): void {
    if (frame === null) return;
    if (frame.originMs !== null || frame.procs !== this.procs) {
      this.procs = frame.procs;
      this.lanes = Array.from({ length: frame.procs }, () => new Int32Array(frame.procs));
      this.events = [];
      this.originMs = frame.originMs ?? 0;
      this.omitted = 0;
    }
    if (frame.events.length === 0 && frame.originMs === null && frame.omitted === 0) return;
    this.omitted += frame.omitted;
    for (const e of frame.events) this.events.push(this.decode(e));
    if (this.events.length > SPACETIME_WINDOW) {
      this.events = this.events.slice(this.events.length - SPACETIME_WINDOW);
    }
    this.changed();
  }

  private decode(e: SpaceEvent): StEvent {
    const { vc: delta, ...rest } = e;
    if (delta.length === 0 && (e.kind === "drop" || e.kind === "duplicate")) {
      return { ...rest, vc: null };
    }
    const lane = this.lanes[e.proc];
    if (lane === undefined) return { ...rest, vc: null };
    for (let k = 0; k + 1 < delta.length; k += 2) lane[delta[k] as number] = delta[k + 1] as number;
    return { ...rest, vc: lane.slice() };
  }

  clear(): void {
    this.events = [];
    this.procs = 0;
    this.lanes = [];
    this.omitted = 0;
    this.changed();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }
}

export const spacetimeBoard = new SpacetimeBoard();

/** What the diagram and the message inspector show; small, so plain zustand. */
export interface SpacetimeUi {
  open: boolean;
  /** the message the inspector shows (by id), its detail once the worker answered */
  messageId: number | null;
  message: MessageDetail | null | "loading";
}

export const useSpacetimeUi = create<SpacetimeUi>(() => ({
  open: false,
  messageId: null,
  message: null,
}));
