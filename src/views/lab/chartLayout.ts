/**
 * The lab's charts as data: series of points with intervals, on linear, log or "nines" axes
 * (d3-scale), laid out into paths, dots, error bars, ticks and a legend for Chart.tsx to render.
 * Every chart also flattens to rows for its CSV. Pure math, tested in Node.
 *
 * The "nines" scale places a probability p at -log10(1 - p), so 0.9, 0.99 and 0.999 are evenly
 * spaced: a latency CDF drawn on it shows the tail where Dynamo's Table 2 lives (p99.9).
 */

import { scaleLinear, scaleLog } from "d3-scale";

export interface ChartPoint {
  x: number;
  y: number;
  /** the interval of y (and of x), across seeds */
  yLo?: number;
  yHi?: number;
  xLo?: number;
  xHi?: number;
  /** a label drawn beside the point */
  label?: string;
}

export interface ChartSeries {
  name: string;
  colour: string;
  dashed?: boolean;
  /** join the points with a line (else dots only) */
  line: boolean;
  /** draw dots (default true) */
  dots?: boolean;
  /** draw the y interval as a shaded band instead of bars (for dense curves) */
  band?: boolean;
  points: ChartPoint[];
}

export type AxisKind = "linear" | "log" | "nines";

export interface ChartSpec {
  id: string;
  title: string;
  /** what to look at, in a sentence */
  caption: string;
  xLabel: string;
  yLabel: string;
  xKind: AxisKind;
  yKind: AxisKind;
  xDomain?: [number, number];
  yDomain?: [number, number];
  /**
   * the values the quantity can take (a share: [0, 1]): an axis fitted to the data stops there,
   * and an interval reaching past it ends in an arrow
   */
  xBounds?: [number, number];
  yBounds?: [number, number];
  xFormat: (v: number) => string;
  yFormat: (v: number) => string;
  series: ChartSeries[];
  /** names of the CSV columns for x and y */
  xColumn: string;
  yColumn: string;
  /** drawn across the whole results area (a figure that needs room) */
  wide?: boolean;
  /**
   * px between the horizontal interval bars of successive series (0 or absent: none), so that
   * bars of several series at one y (a CDF's quantiles) sit side by side instead of one over another
   */
  dodgeBars?: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  xTicks: { at: number; label: string }[];
  yTicks: { at: number; label: string }[];
  series: {
    name: string;
    colour: string;
    dashed: boolean;
    path: string | null;
    band: string | null;
    dots: { cx: number; cy: number; title: string }[];
    /**
     * error bars from (x1, y1), the interval's low end, to (x2, y2), its high end; an open end is
     * one the plot cuts off (beyond the axis, or at or below zero on a log axis)
     */
    bars: { x1: number; y1: number; x2: number; y2: number; open1: boolean; open2: boolean }[];
    /**
     * point labels; a label moved off its point's line (others were in the way) has a leader: the
     * point it names, from which a thin line is drawn to it
     */
    labels: { x: number; y: number; text: string; leader: { x: number; y: number } | null }[];
  }[];
  legend: { x: number; y: number; name: string; colour: string; dashed: boolean; line: boolean }[];
}

const MARGIN = { left: 64, right: 16, top: 12, bottom: 46 };

interface Point2 {
  x: number;
  y: number;
}
const LEGEND_ROW = 20;
const NINES_MAX = 3.5;

function ninesOf(p: number): number {
  return Math.min(NINES_MAX, -Math.log10(Math.max(1e-12, 1 - p)));
}

/** A scale from data to pixels, and nice ticks, for one axis. */
function axis(
  kind: AxisKind,
  domain: [number, number],
  range: [number, number],
  format: (v: number) => string,
) {
  if (kind === "log") {
    const lo = Math.max(domain[0], 1e-6);
    const hi = Math.max(domain[1], lo * 10);
    const s = scaleLog().domain([lo, hi]).range(range).clamp(true);
    const decades: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      const v = 10 ** e;
      if (v >= lo * 0.999 && v <= hi * 1.001) decades.push(v);
    }
    const ticks = decades.length >= 2 ? decades : s.ticks(4);
    return {
      at: (v: number) => s(Math.max(v, lo)),
      inside: (v: number) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9),
      ticks: ticks.map((t) => ({ at: s(t), label: format(t) })),
    };
  }
  if (kind === "nines") {
    const s = scaleLinear()
      .domain([ninesOf(domain[0]), ninesOf(domain[1])])
      .range(range)
      .clamp(true);
    const ticks = [0, 0.5, 0.9, 0.99, 0.999].filter(
      (p) => p >= domain[0] - 1e-9 && p <= domain[1] + 1e-9,
    );
    const [n0, n1] = s.domain() as [number, number];
    return {
      at: (v: number) => s(ninesOf(v)),
      inside: (v: number) => v >= 0 && v < 1 && ninesOf(v) >= n0 - 1e-9 && ninesOf(v) <= n1 + 1e-9,
      ticks: ticks.map((t) => ({ at: s(ninesOf(t)), label: format(t) })),
    };
  }
  const s = scaleLinear().domain(domain).range(range).nice();
  const [d0, d1] = s.domain() as [number, number];
  const slack = 1e-9 * Math.max(1, Math.abs(d1 - d0));
  return {
    at: (v: number) => s(v),
    inside: (v: number) => v >= d0 - slack && v <= d1 + slack,
    ticks: distinctLabels(s.ticks(5).map((t) => ({ at: s(t), label: format(t) }))),
  };
}

/** Ticks whose labels a format rounds to the same text (98.7% three times) are shown once. */
function distinctLabels(ticks: { at: number; label: string }[]): { at: number; label: string }[] {
  return ticks.filter((t, i) => i === 0 || t.label !== (ticks[i - 1] as { label: string }).label);
}

function extent(values: number[], kind: AxisKind): [number, number] {
  const xs = values.filter((v) => Number.isFinite(v) && (kind !== "log" || v > 0));
  if (xs.length === 0) return kind === "log" ? [1, 10] : [0, 1];
  let lo = Math.min(...xs);
  let hi = Math.max(...xs);
  if (lo === hi) {
    lo = kind === "log" ? lo / 2 : lo - 0.5;
    hi = kind === "log" ? hi * 2 : hi + 0.5;
  }
  return [lo, hi];
}

/**
 * Moves point labels that would print over each other (points close together: configurations
 * with the same stale rate) to the nearest free line above or below, in the order they come,
 * at most eight lines away.
 */
function spreadLabels(
  labels: { x: number; y: number; text: string; leader: { x: number; y: number } | null }[],
): void {
  const LINE = 13;
  const placed: { x: number; y: number; w: number }[] = [];
  for (const l of labels) {
    const w = 7 * l.text.length;
    const free = (y: number) =>
      !placed.some((p) => l.x < p.x + p.w && p.x < l.x + w && Math.abs(y - p.y) < LINE);
    const home = l.y;
    for (let k = 0; k <= 16; k++) {
      // 0, +1, -1, +2, -2, ... lines
      const y = home + (k % 2 === 1 ? 1 : -1) * Math.ceil(k / 2) * LINE;
      if (free(y)) {
        l.y = y;
        break;
      }
    }
    if (l.y !== home) l.leader = { x: l.x - 6, y: home + 6 };
    placed.push({ x: l.x, y: l.y, w });
  }
}

/** A domain cut to the bounds of what the quantity can be (kept at least a little wide). */
function within(domain: [number, number], bounds: [number, number] | undefined): [number, number] {
  if (bounds === undefined) return domain;
  let lo = Math.max(domain[0], bounds[0]);
  let hi = Math.min(domain[1], bounds[1]);
  if (!(hi > lo)) {
    const span = (bounds[1] - bounds[0]) / 10;
    lo = Math.max(bounds[0], Math.min(lo, hi) - span);
    hi = Math.min(bounds[1], lo + 2 * span);
  }
  return [lo, hi];
}

/** A legend column wide enough for the longest name (about 7 px a character at 12 px). */
function legendColumn(spec: ChartSpec): number {
  return Math.max(120, 36 + 7 * Math.max(0, ...spec.series.map((s) => s.name.length)));
}

export function chartLayout(spec: ChartSpec, width: number, height: number): ChartLayout {
  const column = legendColumn(spec);
  const perRow = Math.max(1, Math.floor((width - MARGIN.left) / column));
  const legendRows = Math.ceil(spec.series.length / perRow);
  const plot = {
    left: MARGIN.left,
    top: MARGIN.top,
    right: width - MARGIN.right,
    bottom: height - MARGIN.bottom - legendRows * LEGEND_ROW,
  };
  const pts = spec.series.flatMap((s) => s.points);
  const xDomain =
    spec.xDomain ??
    extent(
      pts.flatMap((p) => [p.x, p.xLo ?? p.x, p.xHi ?? p.x]),
      spec.xKind,
    );
  const yDomain =
    spec.yDomain ??
    extent(
      pts.flatMap((p) => [p.y, p.yLo ?? p.y, p.yHi ?? p.y]),
      spec.yKind,
    );
  const x = axis(spec.xKind, within(xDomain, spec.xBounds), [plot.left, plot.right], spec.xFormat);
  const y = axis(spec.yKind, within(yDomain, spec.yBounds), [plot.bottom, plot.top], spec.yFormat);
  const clampY = (v: number) => Math.max(plot.top, Math.min(plot.bottom, y.at(v)));
  const clampX = (v: number) => Math.max(plot.left, Math.min(plot.right, x.at(v)));
  const ok = (p: ChartPoint) =>
    Number.isFinite(p.x) && Number.isFinite(p.y) && (spec.xKind !== "log" || p.x > 0);
  const barred = spec.series.filter(
    (s) => !s.band && s.points.some((p) => p.xLo !== undefined && p.xHi !== undefined),
  );
  const dodgeOf = (s: ChartSeries) =>
    (barred.indexOf(s) - (barred.length - 1) / 2) * (spec.dodgeBars ?? 0);
  const series = spec.series.map((s) => {
    const shown = s.points.filter(ok);
    const dodge = barred.includes(s) ? dodgeOf(s) : 0;
    const path =
      s.line && shown.length > 1
        ? shown
            .map(
              (p, i) => `${i === 0 ? "M" : "L"}${clampX(p.x).toFixed(1)},${clampY(p.y).toFixed(1)}`,
            )
            .join("")
        : null;
    const withBand = shown.filter((p) => p.yLo !== undefined && p.yHi !== undefined);
    const band =
      s.band && withBand.length > 1
        ? `${withBand.map((p, i) => `${i === 0 ? "M" : "L"}${clampX(p.x).toFixed(1)},${clampY(p.yHi as number).toFixed(1)}`).join("")}${[
            ...withBand,
          ]
            .reverse()
            .map((p) => `L${clampX(p.x).toFixed(1)},${clampY(p.yLo as number).toFixed(1)}`)
            .join("")}Z`
        : null;
    const bars: ChartLayout["series"][number]["bars"] = [];
    if (!s.band) {
      // a bar from the interval's low end to its high end; an end outside the axis is open
      const bar = (lo: Point2, hi: Point2, loInside: boolean, hiInside: boolean, dy = 0) =>
        bars.push({
          x1: clampX(lo.x),
          y1: clampY(lo.y) + dy,
          x2: clampX(hi.x),
          y2: clampY(hi.y) + dy,
          open1: !loInside,
          open2: !hiInside,
        });
      for (const p of shown) {
        if (p.yLo !== undefined && p.yHi !== undefined && p.yHi > p.yLo)
          bar({ x: p.x, y: p.yLo }, { x: p.x, y: p.yHi }, y.inside(p.yLo), y.inside(p.yHi));
        if (p.xLo !== undefined && p.xHi !== undefined && p.xHi > p.xLo)
          bar({ x: p.xLo, y: p.y }, { x: p.xHi, y: p.y }, x.inside(p.xLo), x.inside(p.xHi), dodge);
      }
    }
    return {
      name: s.name,
      colour: s.colour,
      dashed: s.dashed ?? false,
      path,
      band,
      dots:
        s.dots === false
          ? []
          : shown.map((p) => ({
              cx: clampX(p.x),
              cy: clampY(p.y),
              title: `${s.name}${p.label !== undefined ? ` ${p.label}` : ""}: ${spec.xColumn} ${spec.xFormat(p.x)}, ${spec.yColumn} ${spec.yFormat(p.y)}${
                p.yLo !== undefined && p.yHi !== undefined
                  ? ` [${spec.yFormat(p.yLo)}, ${spec.yFormat(p.yHi)}]`
                  : ""
              }`,
            })),
      bars,
      labels: shown
        .filter((p) => p.label !== undefined)
        .map((p) => ({
          x: clampX(p.x) + 6,
          y: clampY(p.y) - 6,
          text: p.label as string,
          leader: null as { x: number; y: number } | null,
        })),
    };
  });
  spreadLabels(series.flatMap((s) => s.labels));
  const legend = spec.series.map((s, i) => ({
    x: MARGIN.left + (i % perRow) * column,
    y: height - legendRows * LEGEND_ROW + Math.floor(i / perRow) * LEGEND_ROW + 4,
    name: s.name,
    colour: s.colour,
    dashed: s.dashed ?? false,
    line: s.line,
  }));
  return { width, height, plot, xTicks: x.ticks, yTicks: y.ticks, series, legend };
}

/** The chart's data as rows: series, x, y, and the interval where there is one. */
export function chartRows(spec: ChartSpec): Record<string, string | number>[] {
  return spec.series.flatMap((s) =>
    s.points.map((p) => ({
      series: s.name,
      [spec.xColumn]: p.x,
      [spec.yColumn]: p.y,
      [`${spec.yColumn} low`]: p.yLo ?? "",
      [`${spec.yColumn} high`]: p.yHi ?? "",
      ...(p.xLo !== undefined && {
        [`${spec.xColumn} low`]: p.xLo,
        [`${spec.xColumn} high`]: p.xHi ?? "",
      }),
    })),
  );
}

/** RFC 4180 CSV: a header of every column seen, then one line per row; fields quoted when needed. */
export function toCsv(rows: readonly Record<string, string | number | null | undefined>[]): string {
  const columns: string[] = [];
  for (const row of rows)
    for (const k of Object.keys(row)) if (!columns.includes(k)) columns.push(k);
  const field = (v: string | number | null | undefined) => {
    const s =
      v === null || v === undefined
        ? ""
        : typeof v === "number"
          ? Number.isFinite(v)
            ? String(v)
            : ""
          : v;
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${[columns.map(field).join(","), ...rows.map((r) => columns.map((c) => field(r[c])).join(","))].join("\r\n")}\r\n`;
}

const CAP = 4;
const ARROW_LENGTH = 7;

/**
 * The ends of an error bar as SVG paths: a cap across each closed end, and an arrowhead pointing
 * out of each open one (the interval goes on past the axis). Empty for a bar of no length.
 */
export function barEnds(b: ChartLayout["series"][number]["bars"][number]): {
  caps: string;
  arrows: string;
} {
  const dx = b.x2 - b.x1;
  const dy = b.y2 - b.y1;
  const length = Math.hypot(dx, dy);
  if (length < 1e-6) return { caps: "", arrows: "" };
  const ux = dx / length;
  const uy = dy / length;
  const f = (v: number) => v.toFixed(1);
  let caps = "";
  let arrows = "";
  // (x, y) is the end; (ox, oy) points outwards, away from the bar's other end
  const end = (x: number, y: number, ox: number, oy: number, open: boolean) => {
    if (!open) {
      caps += `M${f(x - uy * CAP)},${f(y + ux * CAP)}L${f(x + uy * CAP)},${f(y - ux * CAP)}`;
      return;
    }
    const bx = x - ox * ARROW_LENGTH;
    const by = y - oy * ARROW_LENGTH;
    arrows += `M${f(x)},${f(y)}L${f(bx - uy * CAP)},${f(by + ux * CAP)}L${f(bx + uy * CAP)},${f(by - ux * CAP)}Z`;
  };
  end(b.x1, b.y1, -ux, -uy, b.open1);
  end(b.x2, b.y2, ux, uy, b.open2);
  return { caps, arrows };
}

/** True when some error bar of the layout runs past an axis. */
export function hasOpenBars(l: ChartLayout): boolean {
  return l.series.some((s) => s.bars.some((b) => b.open1 || b.open2));
}
