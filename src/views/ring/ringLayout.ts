/**
 * The ring's geometry, as pure d3 math: where nodes and clients sit, the key range each token owns
 * as an arc, and the paths messages travel. RingView and MessageCanvas only draw what this returns.
 *
 * Ring position 0 is at 12 o'clock and positions increase clockwise, as in the Dynamo paper's
 * Figure 2; a token at position B owns the keys in (A, B], back to the previous token A.
 * Messages between two nodes travel on a curve bent toward the centre, and the two directions of a
 * pair are offset to either side, so a request and its reply travel in separate lanes.
 */

import { scaleLinear } from "d3-scale";
import { arc } from "d3-shape";

export interface RingInput {
  nodeNames: readonly string[];
  clientNames: readonly string[];
  /** sorted by unit; unit is the fraction of the ring in [0, 1) */
  tokens: readonly { unit: number; node: number; position?: string }[];
  /** Q equal fixed partitions (Strategies 2 and 3), or 0 when the token ranges are the partitions */
  partitions?: number;
  /**
   * the network partition in force, as groups of process names: each client chip then moves from
   * the centre toward its group's nodes, so one line can wall the groups apart
   */
  partition?: readonly (readonly string[])[] | null;
}

export interface Size {
  width: number;
  height: number;
  /** how far from the left edge something is drawn over the stage (the legend): kept clear when there is room */
  insetLeft?: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface NodePlace extends Point {
  name: string;
  /** angle in radians, 0 at 12 o'clock, clockwise */
  angle: number;
  /** where the node's status line (keys, crashed) sits, just outside the ring */
  labelX: number;
  labelY: number;
  /** which side of the label the text hangs from */
  labelAnchor: "start" | "middle" | "end";
  /** false for a node with no tokens (standby, or left the ring): drawn beside the ring */
  onRing: boolean;
}

export interface RangeArc {
  /** path centred on (0, 0): draw it translated to (cx, cy) */
  d: string;
  node: number;
  /** the range (startUnit, endUnit] of the ring, wrapping past 1 when startUnit > endUnit */
  startUnit: number;
  endUnit: number;
}

export interface ClientChip extends Point {
  width: number;
  height: number;
  label: string;
}

export interface RingLayout {
  width: number;
  height: number;
  cx: number;
  cy: number;
  r: number;
  nodeR: number;
  bandWidth: number;
  /** radius of the key-range band: the ring itself, or inside the nodes with virtual nodes */
  bandR: number;
  nodes: NodePlace[];
  arcs: RangeArc[];
  /** token marks on the ring (one per token; nodes with one token have one) */
  ticks: (Point & { node: number })[];
  clients: ClientChip[];
  /** for each client process k (process nodeCount + k), its chip */
  clientChip: number[];
  /** whether the layout has room for per-node status lines */
  showNodeStatus: boolean;
}

/** A quadratic Bézier curve: from p0 to p1, pulled toward c. */
export interface QuadPath {
  x0: number;
  y0: number;
  cx: number;
  cy: number;
  x1: number;
  y1: number;
}

/** ring fraction -> angle in radians, clockwise from 12 o'clock */
const angleOf = scaleLinear()
  .domain([0, 1])
  .range([0, 2 * Math.PI]);

/** The load balancer's process name (server-driven coordination), drawn with the clients. */
export const LOAD_BALANCER_CHIP = "lb";

/** At most this many client chips; beyond it one chip stands for all clients. */
export const MAX_CLIENT_CHIPS = 4;

/** How far a node's status line ("3 keys · 1 pending") is taken to reach beyond its circle. */
const STATUS_REACH = 74;

export function ringLayout(input: RingInput, size: Size): RingLayout {
  const { width, height } = size;
  const n = input.nodeNames.length;
  let cx = width / 2;
  const cy = height / 2;
  const half = Math.max(40, Math.min(width, height) / 2);
  // room around the ring for node circles (0.17 r) and, outside them, their status lines
  const showNodeStatus = n <= 16;
  let r = Math.max(20, showNodeStatus ? (half - 34) / 1.17 : half - 24);
  // beside the legend on a narrow stage, the ring gives up to a quarter of its radius so that the
  // ring with its status lines fits between the legend and the right edge
  const insetLeft = size.insetLeft ?? 0;
  if (insetLeft > 0) {
    const room = (width - insetLeft - 16) / 2 - (showNodeStatus ? STATUS_REACH : 8);
    r = Math.max(r * 0.75, Math.min(r, room / 1.17));
  }

  // Each node sits at its token. With virtual nodes (more tokens than nodes) a node has no single
  // place on the ring: nodes then sit evenly spaced in index order, and the coloured ranges on the
  // band show where their tokens are. Nodes must not overlap their neighbours.
  const virtualNodes = input.tokens.length > n;
  const firstUnit = new Array<number>(n).fill(Number.NaN);
  for (const t of input.tokens) {
    if (Number.isNaN(firstUnit[t.node] as number)) firstUnit[t.node] = t.unit;
  }
  if (virtualNodes) for (let i = 0; i < n; i++) firstUnit[i] = (i + 0.5) / n;
  const hasTokens = new Array<boolean>(n).fill(false);
  for (const t of input.tokens) hasTokens[t.node] = true;
  const placed = firstUnit
    .map((u, i) => ({ u: Number.isNaN(u) ? i / Math.max(n, 1) : u, i }))
    .filter((p) => hasTokens[p.i])
    .sort((a, b) => a.u - b.u);
  let minGap = 1;
  for (let k = 0; k < placed.length; k++) {
    const a = placed[k] as { u: number };
    const b = placed[(k + 1) % placed.length] as { u: number };
    const gap = k + 1 < placed.length ? b.u - a.u : b.u + 1 - a.u;
    if (placed.length > 1) minGap = Math.min(minGap, gap);
  }
  const chord = 2 * r * Math.sin(Math.min(Math.PI / 2, (minGap * 2 * Math.PI) / 2));
  const nodeR = clamp(Math.min(r * 0.17, chord * 0.42), 9, 46);
  const bandWidth = clamp(r * 0.075, 6, 20);
  // clear of the legend: the ring moves right (no further than its labels allow) until the status
  // lines on its left start past the inset
  if (insetLeft > 0) {
    const reach = r + nodeR + (showNodeStatus ? STATUS_REACH : 8);
    const lo = insetLeft + 8 + reach;
    const hi = width - 8 - reach;
    cx = clamp(lo, cx, Math.max(cx, hi));
  }

  let offRing = 0;
  const nodes: NodePlace[] = input.nodeNames.map((name, i) => {
    if (!hasTokens[i]) {
      // beside the ring: at the right edge, from the middle down (clear of the buttons in the
      // bottom corner), when the stage is wide enough; else bottom right, one after another
      // leftwards. The label above, right-aligned.
      const besideRight = width - (cx + r + nodeR) > 2 * nodeR + 90;
      const x = besideRight ? width - 16 - nodeR : width - 16 - nodeR - offRing * (2 * nodeR + 12);
      const y = besideRight
        ? Math.min(cy + offRing * (2 * nodeR + 30), height - nodeR - 96)
        : height - nodeR - 16;
      offRing++;
      return {
        name,
        angle: 0,
        x,
        y,
        labelX: x + nodeR,
        labelY: y - nodeR - 10,
        labelAnchor: "end" as const,
        onRing: false,
      };
    }
    const unit = Number.isNaN(firstUnit[i] as number) ? i / n : (firstUnit[i] as number);
    const angle = angleOf(unit);
    const p = polar(cx, cy, r, angle);
    const lp = polar(cx, cy, r + nodeR + 14, angle);
    const sin = Math.sin(angle);
    const labelAnchor = Math.abs(sin) < 0.3 ? "middle" : sin > 0 ? "start" : "end";
    // below the ring's equator the label hangs under its point, above it sits over it
    const dy = Math.cos(angle) < -0.3 ? 10 : Math.cos(angle) > 0.3 ? -4 : 4;
    return { name, angle, ...p, labelX: lp.x, labelY: lp.y + dy, labelAnchor, onRing: true };
  });

  // With virtual nodes the nodes sit evenly on the ring and would hide the ranges: the band of
  // ranges moves just inside them.
  const bandR = virtualNodes ? r - nodeR - bandWidth : r;
  const band = arc<{ start: number; end: number }>()
    .innerRadius(bandR - bandWidth / 2)
    .outerRadius(bandR + bandWidth / 2)
    .startAngle((d) => d.start)
    .endAngle((d) => d.end)
    // gaps separate ranges; with hundreds of ranges they would eat the band, so there are none
    .padAngle(
      input.tokens.length > 1 && input.tokens.length <= 256
        ? Math.min(0.012, (minGap * Math.PI) / 8)
        : 0,
    )
    .padRadius(bandR);
  const tokens = input.tokens;
  const arcs: RangeArc[] = tokens.map((t, k) => {
    const prev = tokens[(k - 1 + tokens.length) % tokens.length] as { unit: number };
    let start = angleOf(prev.unit);
    const end = angleOf(t.unit);
    if (tokens.length === 1) start = end - 2 * Math.PI;
    else if (start >= end) start -= 2 * Math.PI;
    return {
      d: band({ start, end }) ?? "",
      node: t.node,
      startUnit: prev.unit,
      endUnit: t.unit,
    };
  });
  const ticks = tokens.map((t) => ({ node: t.node, ...polar(cx, cy, bandR, angleOf(t.unit)) }));

  // clients: a row of chips across the centre, or one chip for many
  const chipH = clamp(r * 0.13, 22, 34);
  // a small ring (a drawer open below it) takes narrower chips, in smaller type
  let chipW = clamp(r * 0.42, r < 110 ? 52 : 64, 110);
  const clients: ClientChip[] = [];
  const clientChip: number[] = [];
  const m = input.clientNames.length;
  if (m > 0 && m <= MAX_CLIENT_CHIPS) {
    const gap = chipW * 0.18;
    const vgap = 4;
    // a row across the centre; on a ring too small to hold it clear of the nodes (a drawer or a
    // lesson open above and below), the fewest rows that fit inside, down to a column
    const clear = r - bandWidth / 2 - nodeR - 4;
    const blockOf = (cols: number) => {
      const rows = Math.ceil(m / cols);
      return {
        cols,
        w: cols * chipW + (cols - 1) * gap,
        h: rows * chipH + (rows - 1) * vgap,
      };
    };
    const corner = (b: { w: number; h: number }) => Math.hypot(b.w / 2, b.h / 2);
    let block = blockOf(m);
    for (let cols = m; cols >= 1; cols--) {
      const b = blockOf(cols);
      if (corner(b) < corner(block)) block = b;
      if (corner(b) <= clear) {
        block = b;
        break;
      }
    }
    // chips narrower than their labels at the usual 14 px (bold: about 0.6 em a character) widen
    // as far as the room inside the ring allows, so the labels need not shrink
    const longest = Math.max(...input.clientNames.map((name) => name.length));
    const need = 10 + 0.6 * 14 * longest;
    if (need > chipW) {
      const halfW = Math.sqrt(Math.max(0, clear * clear - (block.h / 2) ** 2));
      const fits = (2 * halfW - (block.cols - 1) * gap) / block.cols;
      chipW = Math.max(chipW, Math.min(need, fits));
      block = { ...block, w: block.cols * chipW + (block.cols - 1) * gap };
    }
    input.clientNames.forEach((label, k) => {
      const col = k % block.cols;
      const row = Math.floor(k / block.cols);
      // a last row that is not full is centred under the others
      const inRow = Math.min(block.cols, m - row * block.cols);
      const rowW = inRow * chipW + (inRow - 1) * gap;
      clients.push({
        x: cx - rowW / 2 + chipW / 2 + col * (chipW + gap),
        y: cy - block.h / 2 + chipH / 2 + row * (chipH + vgap),
        width: chipW,
        height: chipH,
        label,
      });
      clientChip.push(k);
    });
  } else if (m > 0) {
    // many clients share one chip; a load balancer (the process after them) keeps its own, so a
    // request's hop through it can be drawn
    const lb = input.clientNames[m - 1] === LOAD_BALANCER_CHIP;
    const many = lb ? m - 1 : m;
    const w = chipW * 1.1;
    const lbW = chipW * 0.5;
    const gap = chipW * 0.18;
    const x0 = lb ? cx - (lbW + gap) / 2 : cx;
    clients.push({ x: x0, y: cy, width: w, height: chipH, label: `${many} clients` });
    for (let k = 0; k < many; k++) clientChip.push(0);
    if (lb) {
      clients.push({
        x: x0 + w / 2 + gap + lbW / 2,
        y: cy,
        width: lbW,
        height: chipH,
        label: LOAD_BALANCER_CHIP,
      });
      clientChip.push(1);
    }
  }
  if (input.partition != null && input.partition.length >= 2)
    sideClients(clients, input.partition, nodes, cx, cy, r, chipH);

  return {
    width,
    height,
    cx,
    cy,
    r,
    nodeR,
    bandWidth,
    bandR,
    nodes,
    arcs,
    ticks,
    clients,
    clientChip,
    showNodeStatus,
  };
}

/**
 * Moves each client chip of a partitioned network toward the nodes of its group: to the centre
 * plus 0.45 r along the direction of the group's on-ring nodes (seen from the centre), the chips of
 * one group stacked there. A chip whose group has no node, or whose nodes surround the centre
 * evenly, keeps its place; so does a chip standing for many clients.
 */
function sideClients(
  clients: ClientChip[],
  groups: readonly (readonly string[])[],
  nodes: readonly NodePlace[],
  cx: number,
  cy: number,
  r: number,
  chipH: number,
): void {
  const groupOf = new Map<string, number>();
  groups.forEach((g, k) => {
    for (const name of g) groupOf.set(name, k);
  });
  const direction = groups.map(() => ({ x: 0, y: 0, count: 0 }));
  for (const node of nodes) {
    const k = groupOf.get(node.name);
    if (k === undefined || !node.onRing) continue;
    const d = direction[k] as { x: number; y: number; count: number };
    d.x += node.x - cx;
    d.y += node.y - cy;
    d.count++;
  }
  const stacks = new Map<number, ClientChip[]>();
  for (const chip of clients) {
    const k = groupOf.get(chip.label);
    if (k === undefined) continue;
    const d = direction[k] as { x: number; y: number; count: number };
    if (d.count === 0 || Math.hypot(d.x, d.y) < 0.2 * r * d.count) continue;
    const stack = stacks.get(k) ?? [];
    stack.push(chip);
    stacks.set(k, stack);
  }
  for (const [k, stack] of stacks) {
    const d = direction[k] as { x: number; y: number };
    const len = Math.hypot(d.x, d.y);
    const x = cx + (d.x / len) * 0.45 * r;
    const y = cy + (d.y / len) * 0.45 * r;
    const step = chipH * 1.25;
    stack.forEach((chip, i) => {
      chip.x = x;
      chip.y = y + (i - (stack.length - 1) / 2) * step;
    });
  }
}

/** The centre of process `proc` (a node, or a client's chip). */
export function processPoint(layout: RingLayout, proc: number): Point {
  const node = layout.nodes[proc];
  if (node !== undefined) return node;
  const chip = layout.clients[layout.clientChip[proc - layout.nodes.length] ?? -1];
  return chip ?? { x: layout.cx, y: layout.cy };
}

/** The curve a message from `src` to `dst` travels, from the edge of one to the edge of the other. */
export function messagePath(layout: RingLayout, src: number, dst: number): QuadPath {
  const a = processPoint(layout, src);
  const b = processPoint(layout, dst);
  const n = layout.nodes.length;
  if (src === dst) {
    // to itself: a small loop outside the ring
    const node = layout.nodes[src];
    const angle = node?.angle ?? 0;
    const s = polar(layout.cx, layout.cy, layout.r, angle - 0.12);
    const e = polar(layout.cx, layout.cy, layout.r, angle + 0.12);
    const c = polar(layout.cx, layout.cy, layout.r + layout.nodeR * 3, angle);
    return { x0: s.x, y0: s.y, cx: c.x, cy: c.y, x1: e.x, y1: e.y };
  }
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  // node to node: bent toward the centre; client and node: nearly straight. Either way the two
  // directions of a pair are a lane apart (to the right of travel), so replies pass requests.
  const bend = src < n && dst < n ? 0.4 : 0;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const lane = layout.nodeR * (src < n && dst < n ? 0.55 : 0.35);
  const c: Point = {
    x: mid.x + (layout.cx - mid.x) * bend - (dy / len) * lane,
    y: mid.y + (layout.cy - mid.y) * bend + (dx / len) * lane,
  };
  const p0 = edgePoint(layout, src, a, c);
  const p1 = edgePoint(layout, dst, b, c);
  return { x0: p0.x, y0: p0.y, cx: c.x, cy: c.y, x1: p1.x, y1: p1.y };
}

/** The point at fraction f (0 at the source, 1 at the destination) along a path. */
export function pointAt(path: QuadPath, f: number): Point {
  const t = clamp(f, 0, 1);
  const u = 1 - t;
  return {
    x: u * u * path.x0 + 2 * u * t * path.cx + t * t * path.x1,
    y: u * u * path.y0 + 2 * u * t * path.cy + t * t * path.y1,
  };
}

/** Where a line from a process's centre toward `toward` leaves its circle or chip. */
function edgePoint(layout: RingLayout, proc: number, centre: Point, toward: Point): Point {
  const dx = toward.x - centre.x;
  const dy = toward.y - centre.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  if (proc < layout.nodes.length) {
    const d = layout.nodeR + 2;
    return { x: centre.x + ux * d, y: centre.y + uy * d };
  }
  const chip = layout.clients[layout.clientChip[proc - layout.nodes.length] ?? -1];
  if (chip === undefined) return centre;
  const t = Math.min(
    Math.abs(ux) > 1e-9 ? chip.width / 2 / Math.abs(ux) : Number.POSITIVE_INFINITY,
    Math.abs(uy) > 1e-9 ? chip.height / 2 / Math.abs(uy) : Number.POSITIVE_INFINITY,
  );
  return { x: centre.x + ux * (t + 2), y: centre.y + uy * (t + 2) };
}

function polar(cx: number, cy: number, radius: number, angle: number): Point {
  return { x: cx + radius * Math.sin(angle), y: cy - radius * Math.cos(angle) };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

export interface Ownership {
  /** the ranges (from, to] the node owns, by the names of the tokens' nodes */
  ranges: { from: string; to: string }[];
  /** for the node's first range: the nodes storing its keys (the preference list), owner first */
  replicas: string[];
}

/**
 * What a node is responsible for: the key ranges ending at its tokens, and which N nodes store
 * the keys of its (first) range: itself and the next distinct nodes clockwise.
 */
export function ownership(input: RingInput, node: number, n: number): Ownership {
  const t = input.tokens;
  const ranges: { from: string; to: string }[] = [];
  let first = -1;
  t.forEach((tok, k) => {
    if (tok.node !== node) return;
    if (first < 0) first = k;
    const prev = t[(k - 1 + t.length) % t.length] as { node: number };
    ranges.push({
      from: input.nodeNames[prev.node] ?? "?",
      to: input.nodeNames[node] ?? "?",
    });
  });
  const replicas: string[] = [];
  if (first >= 0) {
    const seen = new Set<number>();
    for (let k = 0; k < t.length && replicas.length < n; k++) {
      const owner = (t[(first + k) % t.length] as { node: number }).node;
      if (seen.has(owner)) continue;
      seen.add(owner);
      replicas.push(input.nodeNames[owner] ?? "?");
    }
  }
  return { ranges, replicas };
}
