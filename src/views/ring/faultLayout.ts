/**
 * Where the ring draws the faults in force, as pure geometry: a cut link as a line with a cross
 * in its middle, a slow link as a dashed line, a partition as a wall between its groups; and the
 * gesture that draws a partition: a line dragged across the ring splits the processes into the
 * two sides of it.
 */

import type { ActiveFaults } from "../../worker/protocol";
import type { RingLayout } from "./ringLayout";

export interface Pt {
  x: number;
  y: number;
}

export interface LinkMark {
  from: Pt;
  to: Pt;
  /** "A→B", or "A↔B" when both directions share the fault */
  label: string;
  oneWay: boolean;
}

export interface FaultMarks {
  cuts: LinkMark[];
  slow: LinkMark[];
  /** the wall between the two groups of a partition (when there are two), across the ring */
  wall: { from: Pt; to: Pt } | null;
}

/** Where each process (nodes, then clients, by name) is drawn. */
export function placesByName(layout: RingLayout): Map<string, Pt> {
  const out = new Map<string, Pt>();
  for (const n of layout.nodes) out.set(n.name, { x: n.x, y: n.y });
  for (const c of layout.clients) out.set(c.label, { x: c.x, y: c.y });
  return out;
}

/** Directed links ("A→B") paired up where both directions appear. */
function linkMarks(links: readonly string[], at: Map<string, Pt>): LinkMark[] {
  const set = new Set(links);
  const out: LinkMark[] = [];
  const done = new Set<string>();
  for (const l of links) {
    if (done.has(l)) continue;
    const [a, b] = l.split("→") as [string, string];
    const back = `${b}→${a}`;
    const both = set.has(back);
    done.add(l);
    if (both) done.add(back);
    const from = at.get(a);
    const to = at.get(b);
    if (from === undefined || to === undefined) continue;
    out.push({ from, to, label: both ? `${a}↔${b}` : l, oneWay: !both });
  }
  return out;
}

/** Which side of the line a→b point p is on: +1, -1 (0 exactly on it). */
export function sideOf(a: Pt, b: Pt, p: Pt): number {
  return Math.sign((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x));
}

/**
 * The processes on each side of a line dragged from `a` to `b` (points on the line go with the
 * first side), the larger side first; null when the line is too short to mean anything or
 * leaves a side empty.
 */
export function splitByLine(a: Pt, b: Pt, at: Map<string, Pt>): [string[], string[]] | null {
  if (Math.hypot(b.x - a.x, b.y - a.y) < 20) return null;
  const one: string[] = [];
  const two: string[] = [];
  for (const [name, p] of at) (sideOf(a, b, p) >= 0 ? one : two).push(name);
  if (one.length === 0 || two.length === 0) return null;
  // the larger side first: the ring shows the other one as cut off
  return one.length >= two.length ? [one, two] : [two, one];
}

/**
 * A wall between two groups: the perpendicular bisector of their centroids, as far across as the
 * ring reaches.
 */
export function wallBetween(g1: Pt[], g2: Pt[], centre: Pt, reach: number) {
  if (g1.length === 0 || g2.length === 0) return null;
  const mean = (g: Pt[]) => ({
    x: g.reduce((s, p) => s + p.x, 0) / g.length,
    y: g.reduce((s, p) => s + p.y, 0) / g.length,
  });
  const c1 = mean(g1);
  const c2 = mean(g2);
  const dx = c2.x - c1.x;
  const dy = c2.y - c1.y;
  const len = Math.hypot(dx, dy);
  if (len < 1e-6) return null;
  const mid = { x: (c1.x + c2.x) / 2, y: (c1.y + c2.y) / 2 };
  // the wall runs along (-dy, dx), centred where the bisector passes closest to the ring's centre
  const ux = -dy / len;
  const uy = dx / len;
  const t = (centre.x - mid.x) * ux + (centre.y - mid.y) * uy;
  const foot = { x: mid.x + t * ux, y: mid.y + t * uy };
  return {
    from: { x: foot.x - reach * ux, y: foot.y - reach * uy },
    to: { x: foot.x + reach * ux, y: foot.y + reach * uy },
  };
}

/**
 * A wall that separates two groups when one straight line can: of the lines at whole degrees, the
 * one with the widest gap between the groups, halfway across the gap; else the bisector of their
 * centres (wallBetween), which then cuts through a group as the groups themselves interleave.
 */
export function separatingWall(g1: Pt[], g2: Pt[], centre: Pt, reach: number) {
  if (g1.length === 0 || g2.length === 0) return null;
  let best: { gap: number; nx: number; ny: number; offset: number } | null = null;
  for (let degree = 0; degree < 180; degree++) {
    const nx = Math.cos((degree * Math.PI) / 180);
    const ny = Math.sin((degree * Math.PI) / 180);
    const span = (g: Pt[]) => {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (const p of g) {
        const v = p.x * nx + p.y * ny;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      return { lo, hi };
    };
    const a = span(g1);
    const b = span(g2);
    const gap = Math.max(b.lo - a.hi, a.lo - b.hi);
    if (gap > 0 && (best === null || gap > best.gap + 1e-9)) {
      const offset = b.lo - a.hi > 0 ? (a.hi + b.lo) / 2 : (b.hi + a.lo) / 2;
      best = { gap, nx, ny, offset };
    }
  }
  if (best === null) return wallBetween(g1, g2, centre, reach);
  const { nx, ny, offset } = best;
  const t = offset - (centre.x * nx + centre.y * ny);
  const foot = { x: centre.x + t * nx, y: centre.y + t * ny };
  return {
    from: { x: foot.x + reach * ny, y: foot.y - reach * nx },
    to: { x: foot.x - reach * ny, y: foot.y + reach * nx },
  };
}

export function faultMarks(
  layout: RingLayout,
  faults: ActiveFaults | null,
  drawnWall: { from: Pt; to: Pt } | null,
): FaultMarks {
  if (faults === null) return { cuts: [], slow: [], wall: null };
  const at = placesByName(layout);
  let wall: FaultMarks["wall"] = null;
  const groups = faults.partition;
  if (groups !== null && groups.length === 2) {
    const pts = (g: string[]) => g.map((n) => at.get(n)).filter((p): p is Pt => p !== undefined);
    const [g1, g2] = [pts(groups[0] as string[]), pts(groups[1] as string[])];
    // the wall the user drew, if it still separates the groups; else one between their centres
    const separates =
      drawnWall !== null &&
      g1.every((p) => sideOf(drawnWall.from, drawnWall.to, p) >= 0) !==
        g2.every((p) => sideOf(drawnWall.from, drawnWall.to, p) >= 0) &&
      (g1.every((p) => sideOf(drawnWall.from, drawnWall.to, p) >= 0) ||
        g1.every((p) => sideOf(drawnWall.from, drawnWall.to, p) < 0));
    wall = separates
      ? drawnWall
      : separatingWall(g1, g2, { x: layout.cx, y: layout.cy }, layout.bandR * 1.25);
  }
  return { cuts: linkMarks(faults.cuts, at), slow: linkMarks(faults.slowLinks, at), wall };
}
