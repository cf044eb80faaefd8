/**
 * The space-time (Lamport) diagram's geometry and causality, as pure functions: one lane per
 * process (nodes, then clients), simulated time left to right over the last `spanMs`, each message
 * an arrow from its send to its delivery (or to where it was dropped), events as marks on their
 * lanes.
 *
 * Dense stretches are aggregated rather than drawn as a wall: arrows between the same two lanes
 * of the same kind that leave within BUNDLE_PX of each other become one arrow with a count, and
 * events on a lane within MARK_PX of each other one mark with a count. Lamport times label the
 * marks where there is room.
 *
 * Causality comes from the vector clocks (see worker/spacetime.ts): event e happened before the
 * selected event s when e's own entry is at most s's entry for e's process; s happened before e
 * when s's own entry is at most e's; otherwise they are concurrent.
 */

import { scaleLinear } from "d3-scale";
import { type MessageFamily, messageFamily } from "../../sim/catalog";
import type { StEvent } from "../../store/spacetime";

export const LEFT = 72;
export const RIGHT = 14;
export const TOP = 22;
export const BOTTOM = 8;
/** arrows of one kind between two lanes leaving within this many pixels are drawn as one */
export const BUNDLE_PX = 6;
/** events on one lane within this many pixels are drawn as one mark */
export const MARK_PX = 5;
/** a Lamport label needs this much room to the next mark on its lane */
export const LABEL_ROOM_PX = 28;

export type Causal = "none" | "self" | "past" | "future" | "concurrent" | "mixed";

export type Fate = "delivered" | "dropped" | "lost" | "in flight" | "unseen";

export interface Lane {
  proc: number;
  name: string;
  y: number;
  client: boolean;
  /** draw its name (there is room for every lane's, or this is one of every few) */
  labelled: boolean;
}

export interface Mark {
  x: number;
  y: number;
  proc: number;
  /** the first event's kind, or "many" for an aggregate of different kinds */
  kind: StEvent["kind"] | "many";
  count: number;
  /** the trace index of the first event it stands for */
  index: number;
  /** the Lamport time to print beside it, or null (no room, or an aggregate) */
  label: string | null;
  causal: Causal;
  /** a completed operation's outcome (1 ok, 2 fail, 3 info), else 0 */
  outcome: number;
}

export interface Arrow {
  x1: number;
  y1: number;
  /** where it ends now (in flight: how far it got) */
  x2: number;
  y2: number;
  src: number;
  dst: number;
  family: MessageFamily;
  type: string;
  fate: Fate;
  duplicate: boolean;
  count: number;
  /** the message id of the first message it stands for */
  id: number;
  /** the trace index of that message's send */
  sendIndex: number;
  causal: Causal;
}

/** A stretch of a lane while its process was down (crashed), in pixels. */
export interface DownSpan {
  proc: number;
  x1: number;
  x2: number;
  y: number;
}

export interface Selection {
  event: StEvent;
  past: number;
  concurrent: number;
  future: number;
}

export interface SpacetimeLayout {
  lanes: Lane[];
  marks: Mark[];
  arrows: Arrow[];
  ticks: { x: number; label: string }[];
  /** crashed stretches of lanes, drawn greyed */
  down: DownSpan[];
  /** x of simulated instant `ms` */
  x: (ms: number) => number;
  startMs: number;
  endMs: number;
  /** events in the span, and how many were folded into aggregates */
  shown: number;
  folded: number;
  selection: Selection | null;
}

export interface SpacetimeInput {
  events: readonly StEvent[];
  /** nodes first, then clients (as processes are numbered) */
  laneNames: readonly string[];
  nodeCount: number;
  width: number;
  height: number;
  /** the right edge: the playhead */
  endMs: number;
  spanMs: number;
  /** trace index of the selected event */
  selected: number | null;
  /** message families not drawn (the user hid them) */
  hidden?: ReadonlySet<MessageFamily>;
  /** processes down at the right edge (crashed before the window shows it) */
  downNow?: ReadonlySet<number>;
}

/** How e stands to the selected event s (both with clocks). */
export function causalTo(s: StEvent, e: StEvent): Causal {
  if (s.vc === null || e.vc === null) return "none";
  if (e.index === s.index) return "self";
  if ((e.vc[e.proc] as number) <= (s.vc[e.proc] as number)) return "past";
  if ((s.vc[s.proc] as number) <= (e.vc[s.proc] as number)) return "future";
  return "concurrent";
}

function merge(a: Causal, b: Causal): Causal {
  return a === b ? a : "mixed";
}

export function spacetimeLayout(input: SpacetimeInput): SpacetimeLayout {
  const { events, laneNames, nodeCount, width, height, endMs, spanMs, selected } = input;
  const hidden = input.hidden;
  const startMs = endMs - Math.max(spanMs, 1e-6);
  const scale = scaleLinear()
    .domain([startMs, endMs])
    .range([LEFT, Math.max(LEFT + 1, width - RIGHT)]);
  const x = (ms: number) => scale(ms);
  const laneH = Math.max(1, (height - TOP - BOTTOM) / Math.max(1, laneNames.length));
  const every = Math.max(1, Math.ceil(12 / laneH));
  const lanes: Lane[] = laneNames.map((name, proc) => ({
    proc,
    name,
    y: TOP + (proc + 0.5) * laneH,
    client: proc >= nodeCount,
    labelled: proc % every === 0,
  }));
  const yOf = (proc: number) => lanes[proc]?.y ?? TOP;

  // the selection and its causal relation to every event with a clock
  const sel =
    selected === null ? undefined : events.find((e) => e.index === selected && e.vc !== null);
  const sendOf = new Map<number, StEvent>();
  const ends = new Map<string, StEvent>();
  for (const e of events) {
    if (e.kind === "send") sendOf.set(e.id, e);
    else if (e.kind === "deliver" || e.kind === "drop") ends.set(`${e.id}@${e.atMs}`, e);
  }
  const causalOf = (e: StEvent): Causal => {
    if (sel === undefined) return "none";
    if (e.vc !== null) return causalTo(sel, e);
    const s = sendOf.get(e.id);
    return s === undefined ? "none" : causalTo(sel, s);
  };
  let selection: Selection | null = null;
  if (sel !== undefined) {
    selection = { event: sel, past: 0, concurrent: 0, future: 0 };
    for (const e of events) {
      if (e.vc === null || e.atMs < startMs || e.atMs > endMs) continue;
      const c = causalTo(sel, e);
      if (c === "past") selection.past++;
      else if (c === "future") selection.future++;
      else if (c === "concurrent") selection.concurrent++;
    }
  }

  // arrows: one per copy of a message (the send, and any duplicate), bundled when close
  const arrows: Arrow[] = [];
  const bundles = new Map<string, Arrow>();
  let shown = 0;
  let folded = 0;
  for (const e of events) {
    if (e.kind !== "send" && e.kind !== "duplicate") continue;
    if (e.proc === e.peer) continue;
    const family = messageFamily(e.type);
    if (hidden?.has(family)) continue;
    const send = e.kind === "send" ? e : sendOf.get(e.id);
    const sentAt = send?.atMs ?? e.atMs;
    const lostAtOnce = e.aux < 0;
    const plannedEnd = lostAtOnce ? sentAt : e.aux;
    if (sentAt > endMs || plannedEnd < startMs) continue;
    const end = ends.get(`${e.id}@${plannedEnd}`);
    let fate: Fate;
    if (lostAtOnce) fate = "lost";
    else if (end?.kind === "deliver") fate = "delivered";
    else if (end?.kind === "drop") fate = "dropped";
    else fate = plannedEnd > endMs ? "in flight" : "unseen";
    const y1 = yOf(e.proc);
    const yTarget = yOf(e.peer);
    let x1 = x(sentAt);
    let x2: number;
    let y2: number;
    if (lostAtOnce) {
      // a message the network lost at once: a short stub towards its destination
      x2 = x1 + 10;
      y2 = y1 + (yTarget - y1) * 0.35;
    } else {
      const t2 = Math.min(plannedEnd, endMs);
      const f = plannedEnd > sentAt ? (t2 - sentAt) / (plannedEnd - sentAt) : 1;
      x2 = x(t2);
      y2 = y1 + (yTarget - y1) * f;
    }
    let y1Shown = y1;
    if (x1 < LEFT) {
      // sent before the span: start it at the left edge, on its line
      const f = (LEFT - x1) / Math.max(1e-9, x2 - x1);
      y1Shown = y1 + (y2 - y1) * f;
      x1 = LEFT;
    }
    shown++;
    const causal = causalOf(end?.kind === "deliver" ? end : e);
    const key = `${e.proc}>${e.peer}:${family}:${fate}:${Math.floor(x1 / BUNDLE_PX)}`;
    const b = bundles.get(key);
    if (b !== undefined) {
      b.count++;
      b.causal = merge(b.causal, causal);
      folded++;
      continue;
    }
    const arrow: Arrow = {
      x1,
      y1: y1Shown,
      x2,
      y2,
      src: e.proc,
      dst: e.peer,
      family,
      type: e.type,
      fate,
      duplicate: e.kind === "duplicate",
      count: 1,
      id: e.id,
      sendIndex: send?.index ?? e.index,
      causal,
    };
    bundles.set(key, arrow);
    arrows.push(arrow);
  }

  // marks: the events of each lane, aggregated per MARK_PX column
  const marks: Mark[] = [];
  const byColumn = new Map<string, Mark>();
  for (const e of events) {
    if (e.vc === null && e.kind !== "drop") continue;
    if (e.kind === "drop" || e.kind === "duplicate") continue; // drawn at their arrow's end
    if (e.atMs < startMs || e.atMs > endMs) continue;
    if ((e.kind === "send" || e.kind === "deliver") && hidden?.has(messageFamily(e.type))) continue;
    const mx = x(e.atMs);
    const key = `${e.proc}:${Math.floor(mx / MARK_PX)}`;
    const causal = causalOf(e);
    const m = byColumn.get(key);
    if (m !== undefined) {
      m.count++;
      if (m.kind !== e.kind) m.kind = "many";
      m.causal = merge(m.causal, causal);
      if (causal === "self") m.causal = "self";
      m.label = null;
      folded++;
      continue;
    }
    const mark: Mark = {
      x: mx,
      y: yOf(e.proc),
      proc: e.proc,
      kind: e.kind,
      count: 1,
      index: e.index,
      label: String(e.lamport),
      causal,
      outcome: e.kind === "complete" ? e.aux : 0,
    };
    byColumn.set(key, mark);
    marks.push(mark);
  }
  // Lamport labels only where they fit: room to the next mark on the same lane, and lanes tall
  // enough for text
  const lastOnLane = new Map<number, Mark>();
  for (const m of [...marks].sort((a, b) => a.proc - b.proc || a.x - b.x)) {
    const prev = lastOnLane.get(m.proc);
    if (prev !== undefined && m.x - prev.x < LABEL_ROOM_PX) prev.label = null;
    lastOnLane.set(m.proc, m);
  }
  if (laneH < 16) for (const m of marks) m.label = null;

  // crashed stretches: from each crash to the next recovery on the lane (or the right edge)
  const down: DownSpan[] = [];
  const since = new Map<number, number>();
  const seenLane = new Set<number>();
  for (const e of events) {
    if (e.kind !== "crash" && e.kind !== "recover") continue;
    if (e.kind === "crash") since.set(e.proc, e.atMs);
    else {
      const from = since.get(e.proc) ?? (seenLane.has(e.proc) ? undefined : startMs);
      since.delete(e.proc);
      if (from !== undefined && e.atMs >= startMs && from <= endMs) {
        down.push({
          proc: e.proc,
          x1: x(Math.max(from, startMs)),
          x2: x(Math.min(e.atMs, endMs)),
          y: yOf(e.proc),
        });
      }
    }
    seenLane.add(e.proc);
  }
  for (const [proc, from] of since) {
    if (from <= endMs)
      down.push({ proc, x1: x(Math.max(from, startMs)), x2: x(endMs), y: yOf(proc) });
  }
  for (const proc of input.downNow ?? []) {
    if (!seenLane.has(proc)) down.push({ proc, x1: x(startMs), x2: x(endMs), y: yOf(proc) });
  }

  const ticks = scale.ticks(Math.max(2, Math.floor((width - LEFT - RIGHT) / 110))).map((t) => ({
    x: scale(t),
    label: formatTick(t),
  }));
  return {
    lanes,
    marks,
    arrows,
    ticks,
    down,
    x,
    startMs,
    endMs,
    shown: shown + marks.length,
    folded,
    selection,
  };
}

function formatTick(ms: number): string {
  if (Math.abs(ms) >= 1000) return `${Number((ms / 1000).toFixed(3))} s`;
  return `${Number(ms.toFixed(3))} ms`;
}

export type Hit =
  | { kind: "event"; index: number }
  | { kind: "message"; id: number; sendIndex: number };

/** What is under the pointer: the nearest mark within 7 px, else the nearest arrow within 5 px. */
export function hitTest(layout: SpacetimeLayout, px: number, py: number): Hit | null {
  let best: Mark | null = null;
  let bestD = 49;
  for (const m of layout.marks) {
    const d = (m.x - px) ** 2 + (m.y - py) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = m;
    }
  }
  if (best !== null) return { kind: "event", index: best.index };
  let arrow: Arrow | null = null;
  let arrowD = 25;
  for (const a of layout.arrows) {
    const d = segmentDistance2(px, py, a.x1, a.y1, a.x2, a.y2);
    if (d <= arrowD) {
      arrowD = d;
      arrow = a;
    }
  }
  return arrow === null ? null : { kind: "message", id: arrow.id, sendIndex: arrow.sendIndex };
}

function segmentDistance2(
  px: number,
  py: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len2));
  return (x1 + t * dx - px) ** 2 + (y1 + t * dy - py) ** 2;
}

/** A vector clock in the usual notation, naming only the entries above zero: "[A:3, C:1]". */
export function formatVectorClock(vc: Int32Array | null, names: readonly string[]): string {
  if (vc === null) return "—";
  const parts: string[] = [];
  for (let q = 0; q < vc.length; q++) {
    const v = vc[q] as number;
    if (v > 0) parts.push(`${names[q] ?? q}:${v}`);
  }
  return `[${parts.join(", ")}]`;
}
