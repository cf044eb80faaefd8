/**
 * A latency histogram as bars on a log-scaled time axis (d3-scale), with the mean, p99 and p99.9
 * marked. Pure math for LatencyPanel.tsx.
 */

import { scaleLinear, scaleLog } from "d3-scale";

export interface HistogramLayout {
  bars: { x: number; width: number; y: number; height: number; count: number; fromMs: number }[];
  /** each mark's line; `label` is what is written above it ("" when a neighbour's label, too
   * close to be written apart, names both: "p99 / p99.9") and `labelX` where */
  marks: { name: string; x: number; ms: number; label: string; labelX: number }[];
  ticks: { x: number; label: string }[];
  width: number;
  height: number;
}

const PAD_L = 6;
const PAD_R = 6;
const PAD_T = 16;
const PAD_B = 16;

export function histogramLayout(
  edgesMs: readonly number[],
  counts: readonly number[],
  marks: { name: string; ms: number }[],
  width: number,
  height: number,
): HistogramLayout {
  // show the bins that hold something, with a little room either side
  let first = counts.findIndex((c) => c > 0);
  let last = counts.length - 1 - [...counts].reverse().findIndex((c) => c > 0);
  if (first < 0) {
    first = 10;
    last = 30;
  }
  first = Math.max(0, first - 2);
  last = Math.min(counts.length - 1, last + 2);
  const lo = edgesMs[first] as number;
  const hi = edgesMs[last + 1] as number;
  const x = scaleLog()
    .domain([lo, hi])
    .range([PAD_L, width - PAD_R])
    .clamp(true);
  const max = Math.max(1, ...counts);
  const y = scaleLinear()
    .domain([0, max])
    .range([height - PAD_B, PAD_T]);
  const bars = [];
  for (let i = first; i <= last; i++) {
    const c = counts[i] as number;
    const x0 = x(edgesMs[i] as number);
    const x1 = x(edgesMs[i + 1] as number);
    bars.push({
      x: x0,
      width: Math.max(1, x1 - x0 - 1),
      y: y(c),
      height: height - PAD_B - y(c),
      count: c,
      fromMs: edgesMs[i] as number,
    });
  }
  return {
    bars,
    marks: labelMarks(
      marks
        .filter((m) => Number.isFinite(m.ms) && m.ms > 0)
        .map((m) => ({ name: m.name, ms: m.ms, x: x(m.ms) })),
    ),
    // powers of ten only: a log axis reads by decades
    ticks: x
      .ticks()
      .filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9)
      .map((t) => ({
        x: x(t),
        label: t >= 1 ? `${t} ms` : `${t}`,
      })),
    width,
    height,
  };
}

/** Horizontal room, in drawing units, that one mark's label needs to be read apart from the next. */
const LABEL_ROOM = 34;

/**
 * Marks whose lines stand closer than a label's width share one label, written once at their
 * middle ("p99 / p99.9"), so labels never print over each other.
 */
function labelMarks(marks: { name: string; ms: number; x: number }[]): HistogramLayout["marks"] {
  const sorted = [...marks].sort((a, b) => a.x - b.x);
  const out: HistogramLayout["marks"] = [];
  let group: HistogramLayout["marks"] = [];
  const close = () => {
    const head = group[0];
    if (head === undefined) return;
    head.label = group.map((m) => m.name).join(" / ");
    head.labelX = (head.x + (group[group.length - 1] as (typeof group)[number]).x) / 2;
    out.push(...group);
    group = [];
  };
  for (const m of sorted) {
    const head = group[0];
    if (head !== undefined && m.x - head.x > LABEL_ROOM) close();
    group.push({ ...m, label: "", labelX: m.x });
  }
  close();
  return out;
}
