/**
 * Key lookup, as pure math: where a key lands on the ring and which nodes store it (Dynamo, SOSP
 * 2007, section 4.2 and Figure 2). A key K sits at MD5(K); the first token clockwise at or after it
 * owns the range (A, B] that K falls in, and the first N distinct nodes of the walk from there are
 * K's preference list, the first of them its coordinator.
 *
 * The ring is rebuilt on the main thread from ScenarioInfo's tokens with the core's own `Ring`, so
 * the answer is the one the simulated nodes use. RingView and KeyFinder only draw what this returns.
 */

import {
  keyPosition,
  partitionStart,
  positionToUnit,
  Ring,
  unitToPosition,
} from "../../sim/catalog";
import type { Point, RingInput, RingLayout } from "./ringLayout";

export interface KeyPlacement {
  key: string;
  /** MD5 of the key: 32 hex digits */
  hash: string;
  /** the key's position as a fraction of the ring in [0, 1) */
  unit: number;
  /** the range (startUnit, endUnit] the key falls in, wrapping past 1 when startUnit > endUnit */
  startUnit: number;
  endUnit: number;
  /** the node of the token before the range (A) and the node owning it (B) */
  fromNode: number;
  toNode: number;
  /** the preference list, coordinator first: node indices, at most N */
  replicas: number[];
  /** with fixed partitions: the key's partition (0-based) of `count`, whose range is shown */
  partition?: { index: number; count: number };
}

/**
 * The core's Ring for a scenario's tokens (each token's unit back to a position), or null when the
 * scenario places keys without tokens (mod-N). Nodes without tokens are off the ring.
 */
export function ringOfInfo(input: RingInput): Ring | null {
  const perNode: string[][] = input.nodeNames.map(() => []);
  // exact positions when known: tokens on partition boundaries (Strategy 3) need every bit
  for (const t of input.tokens) perNode[t.node]?.push(t.position ?? unitToPosition(t.unit));
  // no tokens at all: mod-N; some nodes without: they are off the ring (standby, or left)
  if (perNode.length === 0 || perNode.every((list) => list.length === 0)) return null;
  try {
    return new Ring(input.nodeNames, perNode, {
      partitions: input.partitions ?? 0,
      absentAllowed: true,
    });
  } catch {
    return null;
  }
}

/** Where `key` lands on `ring` and its first `n` replicas. */
export function placeKey(ring: Ring, key: string, n: number): KeyPlacement {
  const hash = keyPosition(key);
  const t = ring.tokens;
  const k = ring.successorToken(hash);
  const owner = t[k] as (typeof t)[number];
  const prev = t[(k - 1 + t.length) % t.length] as (typeof t)[number];
  const q = ring.partitionCount;
  if (q > 0) {
    // Strategies 2 and 3: the key belongs to a fixed partition, placed from the partition's end
    const index = ring.partitionOf(hash);
    return {
      key,
      hash,
      unit: positionToUnit(hash),
      startUnit: positionToUnit(partitionStart(index, q)),
      endUnit: positionToUnit(partitionStart((index + 1) % q, q)),
      fromNode: prev.node,
      toNode: owner.node,
      replicas: ring.preferenceList(key, n),
      partition: { index, count: q },
    };
  }
  return {
    key,
    hash,
    unit: Number.parseInt(hash.slice(0, 13), 16) / 2 ** 52,
    startUnit: prev.unit,
    endUnit: owner.unit,
    fromNode: prev.node,
    toNode: owner.node,
    replicas: ring.preferenceList(key, n),
  };
}

/** "C", "C and D", "C, D and E" */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** The placement in one sentence, with the nodes by name. */
export function keySentence(p: KeyPlacement, nodeNames: readonly string[]): string {
  const name = (i: number) => nodeNames[i] ?? "?";
  const replicas = p.replicas.map(name);
  const coordinator = replicas[0] ?? "?";
  const where =
    p.partition !== undefined
      ? `Key "${p.key}" hashes to ${p.unit.toFixed(4)} of the ring, in partition ${p.partition.index + 1} of ${p.partition.count}`
      : `Key "${p.key}" hashes to ${p.unit.toFixed(4)} of the ring, in the range (${name(p.fromNode)}, ${name(p.toNode)}]`;
  if (replicas.length <= 1) return `${where}: it is stored at ${coordinator} only.`;
  return `${where}: it is stored at ${listNames(replicas)} (${coordinator} coordinates).`;
}

export interface KeyMarks {
  /** the key's point on the ring */
  marker: Point;
  /** where the key's name sits, inside the ring next to the marker */
  label: Point & { anchor: "start" | "middle" | "end" };
  /** the key's range (startUnit, endUnit] as a band a little wider than the ring's: centred on (0, 0) */
  rangePath: string;
  /** the walk from the key clockwise to its coordinator's token, just outside the ring: centred on (0, 0) */
  walkPath: string;
}

/** ring fraction -> angle in radians, clockwise from 12 o'clock (as in ringLayout) */
function angleOf(unit: number): number {
  return unit * 2 * Math.PI;
}

/** A point at `radius` and `angle` around (0, 0), angle clockwise from 12 o'clock. */
function at(radius: number, angle: number): Point {
  return { x: radius * Math.sin(angle), y: -radius * Math.cos(angle) };
}

/** An SVG arc from angle a0 clockwise to a1 (a1 >= a0) at `radius`, centred on (0, 0). */
function arcPath(radius: number, a0: number, a1: number): string {
  const s = at(radius, a0);
  const e = at(radius, a1);
  const large = a1 - a0 > Math.PI ? 1 : 0;
  return `M${fmt(s.x)},${fmt(s.y)}A${fmt(radius)},${fmt(radius)} 0 ${large} 1 ${fmt(e.x)},${fmt(e.y)}`;
}

/** The closed band between two radii from angle a0 clockwise to a1, centred on (0, 0). */
function bandPath(inner: number, outer: number, a0: number, a1: number): string {
  if (a1 - a0 >= 2 * Math.PI - 1e-9) {
    // the whole ring (one token): two full circles, drawn even-odd
    const circle = (r: number) =>
      `M0,${fmt(-r)}A${fmt(r)},${fmt(r)} 0 1 1 0,${fmt(r)}A${fmt(r)},${fmt(r)} 0 1 1 0,${fmt(-r)}Z`;
    return circle(outer) + circle(inner);
  }
  const o0 = at(outer, a0);
  const o1 = at(outer, a1);
  const i1 = at(inner, a1);
  const i0 = at(inner, a0);
  const large = a1 - a0 > Math.PI ? 1 : 0;
  return (
    `M${fmt(o0.x)},${fmt(o0.y)}A${fmt(outer)},${fmt(outer)} 0 ${large} 1 ${fmt(o1.x)},${fmt(o1.y)}` +
    `L${fmt(i1.x)},${fmt(i1.y)}A${fmt(inner)},${fmt(inner)} 0 ${large} 0 ${fmt(i0.x)},${fmt(i0.y)}Z`
  );
}

function fmt(v: number): string {
  return (Math.round(v * 100) / 100).toString();
}

/** The marks that show a key's placement on a laid-out ring. */
export function keyMarks(layout: RingLayout, p: KeyPlacement): KeyMarks {
  const { cx, cy, bandR: r, bandWidth, nodeR } = layout;
  const keyAngle = angleOf(p.unit);
  let a0 = angleOf(p.startUnit);
  const a1 = angleOf(p.endUnit);
  if (p.startUnit === p.endUnit)
    a0 = a1 - 2 * Math.PI; // one token: the range is the whole ring
  else if (a0 >= a1) a0 -= 2 * Math.PI;
  let walkEnd = a1;
  if (walkEnd < keyAngle) walkEnd += 2 * Math.PI;
  // stop short of the coordinator's circle, so the arrowhead shows
  const walkR = r + bandWidth * 1.6;
  walkEnd = Math.max(keyAngle, walkEnd - (nodeR + 6) / walkR);
  const m = at(r, keyAngle);
  const l = at(r - bandWidth - 16, keyAngle);
  const sin = Math.sin(keyAngle);
  // inside the ring the label hangs toward the centre: on the right half it ends at its point
  const anchor = Math.abs(sin) < 0.3 ? "middle" : sin > 0 ? "end" : "start";
  return {
    marker: { x: cx + m.x, y: cy + m.y },
    label: { x: cx + l.x, y: cy + l.y, anchor },
    rangePath: bandPath(r - bandWidth * 0.95, r + bandWidth * 0.95, a0, a1),
    walkPath: arcPath(walkR, keyAngle, walkEnd),
  };
}
