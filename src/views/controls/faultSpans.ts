/**
 * The faults of a run as spans of time, for the bands under the timeline scrubber: each crash from
 * the crash to the recovery, each partition from the partition to the heal (or the next partition,
 * which replaces it), each cut link until it is restored, each changed latency, loss or duplication
 * rate until it is changed again, each slowed node and skewed clock until it is set back. A fault
 * the timeline never ends is open: it lasts to the end of the run as far as anyone knows yet.
 *
 * Pure: the timeline's interventions in, spans, rows and sentences out (tested in Node).
 */

import type { Intervention } from "../../sim";

export type FaultKind =
  | "crash"
  | "partition"
  | "cut"
  | "latency"
  | "loss"
  | "duplicate"
  | "slow"
  | "skew";

export interface FaultSpan {
  kind: FaultKind;
  /** what the fault is on: "C", "A↔B", "A→B", "network", or the partition's groups */
  subject: string;
  startMs: number;
  /** when the timeline ends it, or null: still in force at the end of what is known */
  endMs: number | null;
  /** the rate (loss, duplicate), factor (slow) or clock change (skew) it set, in words */
  detail: string;
}

/** Bands in the order they are stacked, each with the word that names it. */
export const BANDS: readonly { name: string; kinds: readonly FaultKind[] }[] = [
  { name: "crashed", kinds: ["crash"] },
  { name: "partition", kinds: ["partition"] },
  { name: "links", kinds: ["cut", "latency", "loss", "duplicate"] },
  { name: "slow", kinds: ["slow"] },
  { name: "clocks", kinds: ["skew"] },
];

interface Open {
  startMs: number;
  detail: string;
}

const percent = (p: number) => `${Math.round(p * 1000) / 10}%`;

/** What the scenario sets from the start: the network's rates and skewed clocks. */
export interface InitialFaults {
  loss?: number;
  duplicate?: number;
  clocks?: readonly { node: string; offsetMs: number; drift: number }[];
}

/** The spans of a timeline, ordered by start (then by band). */
export function faultSpans(
  timeline: readonly { atMs: number; intervention: Intervention }[],
  initial: InitialFaults = {},
): FaultSpan[] {
  const out: FaultSpan[] = [];
  const open = new Map<string, Open & { kind: FaultKind; subject: string }>();
  const start = (kind: FaultKind, subject: string, atMs: number, detail = "") => {
    const key = `${kind}|${subject}`;
    if (!open.has(key)) open.set(key, { kind, subject, startMs: atMs, detail });
  };
  const end = (kind: FaultKind, subject: string, atMs: number) => {
    const key = `${kind}|${subject}`;
    const o = open.get(key);
    if (o === undefined) return;
    open.delete(key);
    out.push({ kind, subject, startMs: o.startMs, endMs: atMs, detail: o.detail });
  };
  /** a rate, factor or setting replaced by another: the old span ends, a new one starts if set */
  const change = (kind: FaultKind, subject: string, atMs: number, detail: string | null) => {
    end(kind, subject, atMs);
    if (detail !== null) start(kind, subject, atMs, detail);
  };
  const clocks = new Map<string, { offsetMs: number; drift: number }>();
  let partition: string | null = null;
  // the scenario's own settings are in force from the start
  if ((initial.loss ?? 0) > 0) start("loss", "network", 0, `loses ${percent(initial.loss ?? 0)}`);
  if ((initial.duplicate ?? 0) > 0) {
    start("duplicate", "network", 0, `duplicates ${percent(initial.duplicate ?? 0)}`);
  }
  for (const c of initial.clocks ?? []) {
    clocks.set(c.node, { offsetMs: c.offsetMs, drift: c.drift });
    const d = clockText(c);
    if (d !== null) start("skew", c.node, 0, d);
  }

  const ordered = timeline
    .map((t, i) => ({ ...t, i }))
    .sort((a, b) => a.atMs - b.atMs || a.i - b.i);
  for (const { atMs, intervention: iv } of ordered) {
    switch (iv.kind) {
      case "crash":
        start("crash", iv.node, atMs);
        break;
      case "recover":
        end("crash", iv.node, atMs);
        break;
      case "partition": {
        // a new partition replaces the one in force
        if (partition !== null) end("partition", partition, atMs);
        partition = iv.groups.map((g) => g.join(",")).join(iv.oneWay ? " -/-> " : " | ");
        start("partition", partition, atMs);
        break;
      }
      case "heal":
        if (partition !== null) end("partition", partition, atMs);
        partition = null;
        break;
      case "link": {
        const directions = iv.bothWays
          ? [`${iv.from}→${iv.to}`, `${iv.to}→${iv.from}`]
          : [`${iv.from}→${iv.to}`];
        for (const link of directions) {
          if (iv.cut === true) start("cut", link, atMs);
          if (iv.cut === false) end("cut", link, atMs);
          if (iv.latency !== undefined) change("latency", link, atMs, "its own latency");
          if (iv.loss !== undefined)
            change("loss", link, atMs, iv.loss > 0 ? `loses ${percent(iv.loss)}` : null);
          if (iv.duplicate !== undefined) {
            const d = iv.duplicate > 0 ? `duplicates ${percent(iv.duplicate)}` : null;
            change("duplicate", link, atMs, d);
          }
        }
        break;
      }
      case "network":
        if (iv.loss !== undefined)
          change("loss", "network", atMs, iv.loss > 0 ? `loses ${percent(iv.loss)}` : null);
        if (iv.duplicate !== undefined) {
          const d = iv.duplicate > 0 ? `duplicates ${percent(iv.duplicate)}` : null;
          change("duplicate", "network", atMs, d);
        }
        break;
      case "slow":
        change("slow", iv.node, atMs, iv.factor > 1 ? `×${iv.factor}` : null);
        break;
      case "skew": {
        const before = clocks.get(iv.node) ?? { offsetMs: 0, drift: 0 };
        const now = {
          offsetMs: iv.offsetMs ?? before.offsetMs,
          drift: iv.drift ?? before.drift,
        };
        clocks.set(iv.node, now);
        change("skew", iv.node, atMs, clockText(now));
        break;
      }
      case "join":
      case "leave":
        break; // changes of membership, not faults
    }
  }
  for (const o of open.values()) out.push({ ...o, endMs: null });
  return pairLinks(out).sort(
    (a, b) =>
      a.startMs - b.startMs || bandOf(a.kind) - bandOf(b.kind) || (a.subject < b.subject ? -1 : 1),
  );
}

/** "+30 ms, drift 0.01", or null for a clock that keeps time */
function clockText(c: { offsetMs: number; drift: number }): string | null {
  const parts: string[] = [];
  if (c.offsetMs !== 0) parts.push(`off by ${c.offsetMs > 0 ? "+" : ""}${c.offsetMs} ms`);
  if (c.drift !== 0) parts.push(`drifting ${c.drift}`);
  return parts.length > 0 ? parts.join(", ") : null;
}

/** A link fault both directions share (same kind, instants and detail) becomes one "A↔B" span. */
function pairLinks(spans: FaultSpan[]): FaultSpan[] {
  const linkKinds: FaultKind[] = ["cut", "latency", "loss", "duplicate"];
  const out: FaultSpan[] = [];
  const used = new Set<FaultSpan>();
  for (const s of spans) {
    if (used.has(s)) continue;
    used.add(s);
    if (!linkKinds.includes(s.kind) || !s.subject.includes("→")) {
      out.push(s);
      continue;
    }
    const [a, b] = s.subject.split("→") as [string, string];
    const back = spans.find(
      (t) =>
        !used.has(t) &&
        t.kind === s.kind &&
        t.subject === `${b}→${a}` &&
        t.startMs === s.startMs &&
        t.endMs === s.endMs &&
        t.detail === s.detail,
    );
    if (back === undefined) out.push(s);
    else {
      used.add(back);
      out.push({ ...s, subject: `${a}↔${b}` });
    }
  }
  return out;
}

export function bandOf(kind: FaultKind): number {
  return BANDS.findIndex((b) => b.kinds.includes(kind));
}

export interface PlacedSpan extends FaultSpan {
  /** the row it is drawn in, from the top, 0-based */
  row: number;
  /** its band's word ("crashed", "links", ...) */
  band: string;
}

/**
 * Rows for the spans: each band that has spans gets rows of its own, spans that overlap in time go
 * to separate rows of their band, and past `maxRows` rows in all a band's extra spans share its
 * last row. `endMs` is where open spans stop.
 */
export function placeSpans(
  spans: readonly FaultSpan[],
  endMs: number,
  maxRows = 6,
): { spans: PlacedSpan[]; rows: number } {
  const placed: PlacedSpan[] = [];
  let row = 0;
  for (let band = 0; band < BANDS.length; band++) {
    const mine = spans.filter((s) => bandOf(s.kind) === band);
    if (mine.length === 0) continue;
    // greedy interval packing: the first row of this band free at the span's start
    const rowEnds: number[] = [];
    for (const s of mine) {
      const stop = s.endMs ?? Math.max(endMs, s.startMs);
      let r = rowEnds.findIndex((e) => e <= s.startMs);
      if (r < 0) {
        if (row + rowEnds.length < maxRows || rowEnds.length === 0) {
          rowEnds.push(stop);
          r = rowEnds.length - 1;
        } else r = rowEnds.length - 1;
      }
      rowEnds[r] = Math.max(rowEnds[r] as number, stop);
      placed.push({ ...s, row: row + r, band: BANDS[band]?.name ?? "" });
    }
    row += rowEnds.length;
  }
  return { spans: placed, rows: row };
}

/** "300 ms", "2.5 ms", "2.0 s" */
export function formatSpanTime(ms: number): string {
  if (ms < 1000) {
    const r = Math.round(ms * 10) / 10;
    return `${Number.isInteger(r) ? r : r.toFixed(1)} ms`;
  }
  return `${(ms / 1000).toFixed(1)} s`;
}

/** What the span says, as a sentence: "B crashed 2.0 s – 5.5 s", "C crashed at 1.2 s, still down". */
export function spanText(span: FaultSpan, nowMs: number): string {
  const what = ((): { name: string; still: string } => {
    switch (span.kind) {
      case "crash":
        return { name: `${span.subject} crashed`, still: "still down" };
      case "partition":
        return { name: `Partition ${span.subject}`, still: "not healed yet" };
      case "cut":
        return { name: `Link ${span.subject} cut`, still: "still cut" };
      case "latency":
        return { name: `Link ${span.subject} has its own latency`, still: "" };
      case "loss":
      case "duplicate":
        return {
          name: `${span.subject === "network" ? "The network" : `Link ${span.subject}`} ${span.detail} of messages`,
          still: "",
        };
      case "slow":
        return { name: `${span.subject} slowed ${span.detail}`, still: "still slow" };
      case "skew":
        return { name: `${span.subject}'s clock is ${span.detail}`, still: "" };
    }
  })();
  const from = formatSpanTime(span.startMs);
  if (span.endMs !== null) return `${what.name} ${from} – ${formatSpanTime(span.endMs)}`;
  if (span.startMs > nowMs) return `${what.name} at ${from}, to the end of the run`;
  if (what.still !== "") return `${what.name} at ${from}, ${what.still}`;
  return `${what.name} ${span.startMs === 0 ? "from the start" : `since ${from}`}`;
}

/** Spans in force at `nowMs` (started, not yet ended). */
export function activeAt(spans: readonly FaultSpan[], nowMs: number): FaultSpan[] {
  return spans.filter((s) => s.startMs <= nowMs && (s.endMs === null || s.endMs > nowMs));
}
