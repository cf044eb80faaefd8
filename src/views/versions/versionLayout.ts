/**
 * Where the version graph of one key is drawn (Dynamo's Figure 3): versions in columns by depth
 * (a version stands one column right of the latest version it supersedes), versions of one column
 * stacked top to bottom in the order given, and an edge from each version to each version it
 * directly supersedes. Pure math for VersionView.tsx.
 */

import type { VersionNode } from "../../sim";

export const BOX_W = 196;
export const BOX_H = 58;
const GAP_X = 48;
const GAP_Y = 16;
const PAD = 8;

export interface PlacedVersion {
  v: VersionNode;
  x: number;
  y: number;
}

export interface VersionEdge {
  from: string;
  to: string;
  /** an SVG path from the superseded version's right side to the successor's left side */
  d: string;
  /** the successor merges several versions (a reconciliation) */
  merge: boolean;
}

export interface VersionLayout {
  boxes: PlacedVersion[];
  edges: VersionEdge[];
  width: number;
  height: number;
}

export function versionLayout(versions: readonly VersionNode[]): VersionLayout {
  const columns: VersionNode[][] = [];
  for (const v of versions) {
    const col = columns[v.depth] ?? [];
    col.push(v);
    columns[v.depth] = col;
  }
  const boxes: PlacedVersion[] = [];
  const at = new Map<string, PlacedVersion>();
  columns.forEach((col, depth) => {
    col.forEach((v, row) => {
      const placed = { v, x: PAD + depth * (BOX_W + GAP_X), y: PAD + row * (BOX_H + GAP_Y) };
      boxes.push(placed);
      at.set(v.id, placed);
    });
  });
  const edges: VersionEdge[] = [];
  for (const child of boxes) {
    for (const parentId of child.v.parents) {
      const parent = at.get(parentId);
      if (parent === undefined) continue;
      const x1 = parent.x + BOX_W;
      const y1 = parent.y + BOX_H / 2;
      const x2 = child.x;
      const y2 = child.y + BOX_H / 2;
      const mid = (x1 + x2) / 2;
      edges.push({
        from: parentId,
        to: child.v.id,
        d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`,
        merge: child.v.parents.length > 1,
      });
    }
  }
  const tallest = Math.max(0, ...columns.map((c) => c?.length ?? 0));
  return {
    boxes,
    edges,
    width: PAD * 2 + Math.max(0, columns.length * (BOX_W + GAP_X) - GAP_X),
    height: PAD * 2 + Math.max(0, tallest * (BOX_H + GAP_Y) - GAP_Y),
  };
}

/**
 * The versions a replica still holds, split: `current`, those no other held version descends
 * from (siblings when there are several), and `behind`, those a held version already supersedes
 * (a reconciling write that has reached some replicas but not yet the others).
 */
export function currentVersions(versions: readonly VersionNode[]): {
  current: VersionNode[];
  behind: VersionNode[];
} {
  const byId = new Map(versions.map((v) => [v.id, v]));
  const live = versions.filter((v) => v.live);
  // every version some held version descends from, following parents
  const superseded = new Set<string>();
  const stack = live.flatMap((v) => v.parents);
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (superseded.has(id)) continue;
    superseded.add(id);
    for (const p of byId.get(id)?.parents ?? []) stack.push(p);
  }
  return {
    current: live.filter((v) => !superseded.has(v.id)),
    behind: live.filter((v) => superseded.has(v.id)),
  };
}
