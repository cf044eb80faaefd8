/**
 * Where the history view draws what clients observed: one lane per client, each operation a bar
 * from its invocation to its completion on a shared time axis (d3-scale), and the instants a
 * linearization places the operations at. Pure math for HistoryView.tsx.
 */

import { scaleLinear } from "d3-scale";
import type { HistoryOp } from "../../sim";

export const LANE_H = 40;
const BAR_H = 20;
export const LEFT = 70;
const RIGHT = 16;
const TOP = 26;

export interface HistoryBar {
  op: HistoryOp;
  x: number;
  width: number;
  y: number;
  height: number;
  /** the bar is still open on the right (in flight, or indeterminate) */
  open: boolean;
  label: string;
}

export interface HistoryLayout {
  width: number;
  height: number;
  lanes: { client: string; y: number }[];
  bars: HistoryBar[];
  /** where an operation takes effect in the linearization, by op id */
  points: { op: number; x: number; y: number }[];
  ticks: { x: number; label: string }[];
  /** retries, duplicates applied and de-duplication hits, on their operations' bars */
  rpc: RpcMarkPlace[];
}

export interface RpcMarkPlace {
  op: number;
  kind: HistoryOp["rpc"][number]["kind"];
  x: number;
  /** the top of the operation's bar */
  y: number;
  /** the glyph drawn: retry ↻, one more application +1, answered from the table = */
  glyph: string;
  text: string;
}

const RPC_GLYPH: Record<RpcMarkPlace["kind"], string> = {
  retry: "↻",
  duplicate: "+1",
  "dedup-hit": "=",
};

/** What a mark means, in words. */
export function rpcMarkText(m: HistoryOp["rpc"][number]): string {
  switch (m.kind) {
    case "retry":
      return `${m.at} sent the request again at ${m.atMs.toFixed(3)} ms (no answer in time)`;
    case "duplicate":
      return `${m.at} applied the put again at ${m.atMs.toFixed(3)} ms: a duplicate`;
    case "dedup-hit":
      return `${m.at} answered a repeat from its de-duplication table at ${m.atMs.toFixed(3)} ms, without applying it`;
  }
}

export function opLabel(op: HistoryOp): string {
  if (op.f === "put") return `put ${op.key}=${op.values[0] ?? ""}`;
  if (op.outcome !== "ok") return `get ${op.key}`;
  const got = op.values.length === 0 ? "nil" : op.values.join(" | ");
  return `get ${op.key} → ${got}`;
}

export function historyLayout(
  ops: readonly HistoryOp[],
  points: readonly { op: number; atMs: number }[],
  width: number,
  nowMs: number,
): HistoryLayout {
  const clients = [...new Set(ops.map((o) => o.client))].sort((a, b) =>
    a.localeCompare(b, "en", { numeric: true }),
  );
  const lane = new Map(clients.map((c, i) => [c, i]));
  // the span of the operations shown (to now only while some are in flight), a little padded
  const first = ops.length === 0 ? nowMs : Math.min(...ops.map((o) => o.invokeMs));
  const last = ops.length === 0 ? nowMs : Math.max(...ops.map((o) => o.completeMs ?? nowMs));
  const pad = Math.max(0.5, (last - first) * 0.03);
  const t0 = Math.max(0, first - pad);
  const t1 = Math.max(last + pad, t0 + 1);
  const x = scaleLinear()
    .domain([t0, t1])
    .range([LEFT, Math.max(LEFT + 100, width - RIGHT)]);
  const yOf = (client: string) => TOP + (lane.get(client) ?? 0) * LANE_H;
  const bars = ops.map((op) => {
    const end = op.completeMs ?? nowMs;
    const x0 = x(op.invokeMs);
    return {
      op,
      x: x0,
      width: Math.max(4, x(end) - x0),
      y: yOf(op.client) + (LANE_H - BAR_H) / 2,
      height: BAR_H,
      open: op.completeMs === null || op.outcome === "info",
      label: opLabel(op),
    };
  });
  const byId = new Map(ops.map((o) => [o.id, o]));
  const shown = points
    .filter((p) => byId.has(p.op))
    .map((p) => ({
      op: p.op,
      x: x(p.atMs),
      y: yOf((byId.get(p.op) as HistoryOp).client) + LANE_H / 2,
    }));
  const rpc: RpcMarkPlace[] = [];
  for (const b of bars) {
    for (const m of b.op.rpc) {
      rpc.push({
        op: b.op.id,
        kind: m.kind,
        x: x(m.atMs),
        y: b.y,
        glyph: RPC_GLYPH[m.kind],
        text: rpcMarkText(m),
      });
    }
  }
  return {
    rpc,
    width,
    height: TOP + clients.length * LANE_H + 6,
    lanes: clients.map((client) => ({ client, y: yOf(client) })),
    bars,
    points: shown,
    ticks: x.ticks(6).map((t) => ({ x: x(t), label: `${t} ms` })),
  };
}
