/**
 * Messages in flight, for the animation: a mutable board outside React state. The session feeds it
 * each frame; the message canvas reads it every animation frame (requestAnimationFrame), so 60
 * redraws a second never re-render a component.
 *
 * The board also keeps the display clock: the simulated instant the canvas draws. While playing it
 * runs smoothly at the achieved speed, a little (LAG_WALL_MS) behind the newest frame, so that every
 * message it draws is already known and a message never pops up half-way; it never runs backwards
 * and never passes the newest frame. While paused it glides to the frame's instant, so a Step shows
 * the message moving rather than jumping.
 */

import { type MessageFamily, messageFamily } from "../sim/catalog";
import type { Frame } from "../worker/protocol";

export type Family = MessageFamily;

export interface Flight {
  src: number;
  dst: number;
  type: string;
  family: Family;
  sentAtMs: number;
  /** when it stops moving: its delivery, or where the network lost it */
  endMs: number;
  /** the fraction of the path it covers by endMs (below 1 for a message lost on the way) */
  fEnd: number;
  duplicate: boolean;
  /** why it was dropped (a DropReason code), or 0 */
  dropReason: number;
}

export interface Fall {
  src: number;
  dst: number;
  f: number;
  family: Family;
  type: string;
  reason: number;
  startWall: number;
}

/** Past this many messages on screen, the canvas draws them as a crowd (and panels refresh less). */
export const CROWD = 400;
/** the display clock trails the newest frame by this much wall time while playing */
export const LAG_WALL_MS = 50;
/** how long a dropped message takes to fall off and fade (wall ms) */
export const FALL_WALL_MS = 1600;
/** where on its path a message lost by the network is shown falling off */
export const LOST_AT = 0.45;
const GLIDE_TAU_MS = 90;
const MAX_FALLS = 60;
const MAX_FLIGHTS = 5000;

export class FlightBoard {
  readonly flights = new Map<number, Flight>();
  falls: Fall[] = [];
  /** bumped on every load, so drawers can drop their caches */
  epoch = 0;
  /** what was drawn last: messages on screen */
  inFlight = 0;
  /** message families the user chose not to see (e.g. gossip); they are kept, only not drawn */
  readonly hidden = new Set<Family>();

  private frameNowMs = 0;
  private frameWall = 0;
  private rate = 0;
  private playing = false;
  private displayMs = 0;
  private lastWall = 0;
  /** a typical one-way latency, for how long a lost message is seen before it falls */
  private typicalMs = 1;

  reset(nowMs = 0): void {
    this.flights.clear();
    this.falls = [];
    this.frameNowMs = nowMs;
    this.displayMs = nowMs;
    this.playing = false;
    this.rate = 0;
    this.epoch++;
  }

  ingest(frame: Frame, wall: number): void {
    if (frame.cause === "load") this.reset(frame.nowMs);
    this.frameNowMs = frame.nowMs;
    this.frameWall = wall;
    this.rate = frame.rate;
    this.playing = frame.playing;

    for (const s of frame.sends) {
      const lost = s.deliverAtMs < 0;
      if (!lost) this.typicalMs = 0.95 * this.typicalMs + 0.05 * (s.deliverAtMs - s.sentAtMs);
      this.flights.set(flightKey(s.id, s.duplicate), {
        src: s.src,
        dst: s.dst,
        type: s.type,
        family: messageFamily(s.type),
        sentAtMs: s.sentAtMs,
        endMs: lost ? s.sentAtMs + LOST_AT * this.typicalMs : s.deliverAtMs,
        fEnd: lost ? LOST_AT : 1,
        duplicate: s.duplicate,
        dropReason: 0,
      });
    }
    for (const d of frame.drops) {
      // a drop at sending time is the message just sent; a drop on arrival is the copy due then
      for (const key of [flightKey(d.id, false), flightKey(d.id, true)]) {
        const f = this.flights.get(key);
        if (f === undefined || f.dropReason !== 0) continue;
        if (f.fEnd < 1 ? f.sentAtMs === d.atMs : Math.abs(f.endMs - d.atMs) < 1e-6) {
          f.dropReason = d.reason;
          break;
        }
      }
    }
    if (this.flights.size > MAX_FLIGHTS) this.prune(this.frameNowMs);
  }

  /** The simulated instant to draw at wall time `wall` (ms, performance.now()). */
  displayNow(wall: number): number {
    const dt = Math.max(0, wall - this.lastWall);
    this.lastWall = wall;
    const known = this.frameNowMs;
    if (this.playing) {
      const t = known + (wall - this.frameWall - LAG_WALL_MS) * this.rate;
      this.displayMs = Math.min(known, Math.max(this.displayMs, t));
    } else if (this.displayMs < known) {
      this.displayMs += (known - this.displayMs) * (1 - Math.exp(-dt / GLIDE_TAU_MS));
      if (known - this.displayMs < 1e-4) this.displayMs = known;
    } else {
      this.displayMs = known;
    }
    return this.displayMs;
  }

  /**
   * Moves messages that reached their end at `nowMs` out of the board: delivered ones vanish,
   * dropped ones start falling (at wall time `wall`).
   */
  retire(nowMs: number, wall: number): void {
    // forEach, not for...of: thousands of messages, every animation frame, without an entry array
    // each (deleting the current entry during forEach is allowed)
    this.flights.forEach((f, key) => {
      if (f.endMs > nowMs) return;
      this.flights.delete(key);
      if (f.dropReason !== 0) {
        this.falls.push({
          src: f.src,
          dst: f.dst,
          f: f.fEnd,
          family: f.family,
          type: f.type,
          reason: f.dropReason,
          startWall: wall,
        });
      }
    });
    if (this.falls.length > 0) {
      this.falls = this.falls.filter((x) => wall - x.startWall < FALL_WALL_MS);
      if (this.falls.length > MAX_FALLS) this.falls = this.falls.slice(-MAX_FALLS);
    }
  }

  private prune(beforeMs: number): void {
    for (const [key, f] of this.flights) if (f.endMs < beforeMs) this.flights.delete(key);
  }
}

export function flightKey(id: number, duplicate: boolean): number {
  return id * 2 + (duplicate ? 1 : 0);
}

/** The one board the app animates. */
export const flightBoard = new FlightBoard();
