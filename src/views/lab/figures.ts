/**
 * Each experiment's summary drawn as the lab's figures: chart specs (chartLayout.ts) and, for
 * Table 2, the paper's table beside the measured one. Pure data, tested in Node.
 */

import type { Interval } from "../../sim/experiments/aggregate";
import type {
  ExperimentSummary,
  KeysMovedSummary,
  QuorumSweepSummary,
  StalenessSummary,
  StrategiesSummary,
  Table2Summary,
} from "../../sim/experiments/experiments";
import type { ChartPoint, ChartSeries, ChartSpec } from "./chartLayout";

export const LAB_COLOURS = [
  "#1f6fd1",
  "#d35400",
  "#1b8a5a",
  "#b0399a",
  "#6b4fbb",
  "#8a6d00",
  "#0e8a93",
  "#c8241d",
  "#465162",
];

export interface TableFigure {
  kind: "table";
  id: string;
  title: string;
  caption: string;
  columns: string[];
  rows: { label: string; cells: string[]; paper: boolean }[];
  /** the same table as data, for CSV */
  records: Record<string, string | number>[];
}

export type Figure = { kind: "chart"; spec: ChartSpec } | TableFigure;

const ms = (v: number) =>
  v >= 100 ? `${Math.round(v)} ms` : v >= 10 ? `${v.toFixed(0)} ms` : `${+v.toPrecision(2)} ms`;
const pct = (v: number) => `${+(v * 100).toPrecision(3)}%`;
const pctTick = (v: number) =>
  v >= 0.995 ? `${+(v * 100).toFixed(1)}%` : `${+(v * 100).toFixed(0)}%`;

function withInterval(x: number, y: Interval): ChartPoint {
  return { x, y: y.mean, yLo: y.lo, yHi: y.hi };
}

/**
 * What to read in the Table 2 table. Where client-driven is not lower everywhere, the usual cause is
 * a short run: p99.9 is then the slowest one or two requests, so it says so.
 */
function table2Caption(s: Table2Summary): string {
  const n = s.seeds.length;
  const seeds = n === 1 ? "seed" : "seeds";
  const verdict =
    s.clientDrivenFasterSeeds === n
      ? `Client-driven is lower than server-driven in every column in ${n === 1 ? "this seed" : `all ${n} seeds`}, and the gap is widest at p99.9.`
      : `Client-driven is lower than server-driven in every column in ${s.clientDrivenFasterSeeds} of ${n} ${seeds}. With few requests per mode, p99.9 is the slowest one or two requests of a run: more requests per mode steady the tail.`;
  const spread =
    n === 1
      ? "One seed gives no interval: run several to see how much the values vary."
      : "Measured values are means ± the 95% interval's half-width across seeds.";
  return `Compare each measured row with the paper's above it. ${verdict} ${spread}`;
}

function table2Figures(s: Table2Summary): Figure[] {
  const names = { serverDriven: "server-driven", clientDriven: "client-driven" } as const;
  const cols = s.columns;
  const heads = ["p99.9 read", "p99.9 write", "mean read", "mean write"];
  const rows: TableFigure["rows"] = [];
  const records: TableFigure["records"] = [];
  for (const mode of ["serverDriven", "clientDriven"] as const) {
    rows.push({
      label: `${names[mode]} (paper)`,
      paper: true,
      cells: cols.map((c) => s.paper[mode][c].toFixed(2)),
    });
    rows.push({
      label: `${names[mode]} (measured)`,
      paper: false,
      cells: cols.map((c) => {
        const iv = s.measured[mode][c];
        return iv.n > 1
          ? `${iv.mean.toFixed(2)} ± ${(iv.hi - iv.mean).toFixed(2)}`
          : iv.mean.toFixed(2);
      }),
    });
    for (const c of cols) {
      const iv = s.measured[mode][c];
      records.push({
        mode: names[mode],
        measure: c,
        paper: s.paper[mode][c],
        mean: iv.mean,
        low: iv.lo,
        high: iv.hi,
        seeds: iv.n,
      });
    }
  }
  const table: TableFigure = {
    kind: "table",
    id: "table2",
    title: "Table 2: the paper's latencies (ms) beside the measured ones",
    caption: table2Caption(s),
    columns: heads,
    rows,
    records,
  };
  const series: ChartSeries[] = [];
  (["serverDriven", "clientDriven"] as const).forEach((mode, i) => {
    for (const op of ["get", "put"] as const) {
      series.push({
        name: `${names[mode]} ${op === "get" ? "reads" : "writes"}`,
        colour: LAB_COLOURS[i] as string,
        dashed: op === "put",
        line: true,
        dots: false,
        // intervals at the median and the nines only, so the bars stay readable
        points: s.cdf[mode][op].map((q, k) =>
          (k % 10 === 0 && k > 0) || k === 3
            ? { x: q.ms.mean, y: q.p, xLo: q.ms.lo, xHi: q.ms.hi }
            : { x: q.ms.mean, y: q.p },
        ),
      });
    }
  });
  series.push({
    name: "paper's p99.9 read",
    colour: "#1b2330",
    line: false,
    points: (["serverDriven", "clientDriven"] as const).flatMap((mode) => [
      { x: s.paper[mode].p999ReadMs, y: 0.999, label: mode === "serverDriven" ? "SD" : "CD" },
    ]),
  });
  const cdf: ChartSpec = {
    id: "table2-cdf",
    title: "Latency distribution per mode",
    caption: `Read a curve from left to right: the share of requests answered within each latency. ${
      s.clientDrivenFasterSeeds === s.seeds.length
        ? "Client-driven (orange) is left of server-driven (blue) all the way up, and the gap is widest in the tail, where server-driven requests wait for the balancer's queue and an extra hop."
        : "Client-driven (orange) should be left of server-driven (blue), most of all in the tail, where server-driven requests wait for the balancer's queue and an extra hop; where the curves cross at the top, the tail rests on too few requests: run more per mode."
    } Bars: 95% intervals across seeds at the median, p90, p99 and p99.9; black dots: the paper's p99.9 (SD server-, CD client-driven).`,
    xLabel: "latency (ms, log scale)",
    yLabel: "requests at most this slow",
    xKind: "log",
    yKind: "nines",
    yDomain: [0, 0.9995],
    xFormat: ms,
    yFormat: pctTick,
    series,
    xColumn: "latency ms",
    yColumn: "quantile",
    // four curves share each quantile: their bars side by side, not hidden under one another
    dodgeBars: 3,
  };
  return [table, { kind: "chart", spec: cdf }];
}

function strategiesFigures(s: StrategiesSummary): Figure[] {
  const series: ChartSeries[] = ([1, 2, 3] as const).map((strategy, i) => ({
    name: `Strategy ${strategy}`,
    colour: LAB_COLOURS[i] as string,
    line: true,
    points: s.points
      .filter((p) => p.strategy === strategy)
      .map((p) => withInterval(p.metadataBytesPerNode, p.efficiency)),
  }));
  return [
    {
      kind: "chart",
      spec: {
        id: "strategies",
        title: "Load-balancing efficiency at equal metadata (Figure 8)",
        caption:
          "Read across at any metadata size: Strategy 3 (equal fixed partitions) is highest, Strategy 2 lowest, as in Dynamo's Figure 8. Every strategy balances better with more metadata. Bars are 95% intervals across seeds.",
        xLabel: "membership metadata per node (bytes, log scale)",
        yLabel: "efficiency (mean load / max load)",
        xKind: "log",
        yKind: "linear",
        yDomain: [0, 1],
        xFormat: (v) => (v >= 1e6 ? `${v / 1e6} MB` : v >= 1000 ? `${v / 1000} kB` : `${v} B`),
        yFormat: (v) => v.toFixed(2),
        series,
        xColumn: "bytes per node",
        yColumn: "efficiency",
        wide: true,
      },
    },
  ];
}

function keysMovedFigures(s: KeysMovedSummary): Figure[] {
  const placements = ["consistent hashing", "strategy 3", "mod-n"] as const;
  return (["join", "leave"] as const).map((change) => {
    const pts = s.points.filter((p) => p.change === change);
    const nodes = [...new Set(pts.map((p) => p.nodes))].sort((a, b) => a - b);
    const series: ChartSeries[] = placements.map((placement, i) => ({
      name:
        placement === "mod-n"
          ? "hash mod N"
          : placement === "strategy 3"
            ? "Strategy 3 (fixed partitions)"
            : "consistent hashing (32 tokens/node)",
      colour: LAB_COLOURS[i] as string,
      line: true,
      points: pts
        .filter((p) => p.placement === placement)
        .map((p) => withInterval(p.nodes, p.fractionMoved)),
    }));
    series.push({
      name: change === "join" ? "ideal: 1/(S+1)" : "ideal: 1/S",
      colour: "#465162",
      dashed: true,
      line: true,
      dots: false,
      points: nodes.map((n) => ({ x: n, y: change === "join" ? 1 / (n + 1) : 1 / n })),
    });
    const spec: ChartSpec = {
      id: `keys-moved-${change}`,
      title:
        change === "join"
          ? "Keys that change owner when one node joins"
          : "Keys that change owner when one node leaves",
      caption:
        change === "join"
          ? "Mod-N moves almost every key whatever the cluster's size; consistent hashing (32 random tokens per node) and Strategy 3 (64 fixed partitions per node) move only the newcomer's share, on the dashed ideal line, which falls as the cluster grows. Bars: 95% intervals across seeds."
          : "A leave moves only the leaver's keys on the ring (about 1/S); mod-N reshuffles nearly all of them again.",
      xLabel: "nodes before the change (S, log scale)",
      yLabel: "share of keys moved (log scale)",
      xKind: "log",
      yKind: "log",
      yDomain: [0.003, 1],
      xFormat: (v) => String(v),
      yFormat: pct,
      series,
      xColumn: "nodes",
      yColumn: "fraction moved",
    };
    return { kind: "chart", spec } satisfies Figure;
  });
}

function stalenessFigures(s: StalenessSummary): Figure[] {
  const series: ChartSeries[] = s.curves.map((c, i) => ({
    name: `${c.model} R=${c.r} W=${c.w}`,
    colour: LAB_COLOURS[i % LAB_COLOURS.length] as string,
    line: true,
    band: true,
    dots: true,
    points: c.curve.filter((pt) => pt.tMs > 0).map((pt) => withInterval(pt.tMs, pt.p)),
  }));
  const closed = new Map<string, number>();
  for (const c of s.curves) closed.set(`R=${c.r} W=${c.w}`, c.closedForm);
  const ts = s.curves.flatMap((c) => c.curve.map((p) => p.tMs)).filter((t) => t > 0);
  const tLo = ts.length > 0 ? Math.min(...ts) : 0.1;
  const tHi = ts.length > 0 ? Math.max(...ts) : 1000;
  for (const [rw, p] of closed) {
    series.push({
      name: `closed form ${rw}`,
      colour: "#465162",
      dashed: true,
      line: true,
      dots: false,
      points: [
        { x: tLo, y: p },
        { x: tHi, y: p },
      ],
    });
  }
  const table4 = s.curves
    .filter((c) => c.paper !== null && (c.paper?.tMs ?? 0) > 0)
    .map((c) => ({ x: c.paper?.tMs as number, y: 0.999 }));
  if (table4.length > 0)
    series.push({
      name: "PBS Table 4: t for 99.9%",
      colour: "#1b2330",
      line: false,
      points: table4,
    });
  const minP = Math.min(
    0.5,
    ...s.curves.flatMap((c) => c.curve.map((p) => p.p.lo)),
    ...[...closed.values()],
  );
  return [
    {
      kind: "chart",
      spec: {
        id: "staleness",
        title: "P(consistent read) against time since commit",
        caption:
          "Each curve climbs towards certainty as the write spreads; larger R or W starts higher. Where PBS's Table 4 gives a time for 99.9%, a black dot marks it: the matching curve should cross the 99.9% line near it. Dashed lines are the closed form (a write that never spreads past W replicas); shading is the 95% interval across seeds.",
        xLabel: "time since the write committed (ms, log scale)",
        yLabel: "P(read returns the write)",
        xKind: "log",
        yKind: "nines",
        yDomain: [Math.max(0, Math.floor(Math.max(0, minP) * 10) / 10), 0.9995],
        xFormat: ms,
        yFormat: pctTick,
        series,
        xColumn: "t ms",
        yColumn: "p consistent",
        wide: true,
      },
    },
  ];
}

function quorumFigures(s: QuorumSweepSummary): Figure[] {
  const pts = s.points;
  const bothWays = (x: Interval, y: Interval, label: string): ChartPoint => ({
    x: x.mean,
    xLo: x.lo,
    xHi: x.hi,
    y: y.mean,
    yLo: y.lo,
    yHi: y.hi,
    label,
  });
  const latency: ChartSpec = {
    id: "quorum-latency",
    title: "Latency against stale reads",
    caption:
      "Moving right costs consistency, moving up costs speed: configurations with larger R have fewer stale reads but slower reads (they wait for more, and slower, replicas); larger W slows writes. Bars are 95% intervals across seeds.",
    xLabel: "stale reads (share of successful reads)",
    yLabel: "p99 latency (ms)",
    xKind: "linear",
    yKind: "linear",
    xBounds: [0, 1],
    yBounds: [0, Number.POSITIVE_INFINITY],
    xFormat: pct,
    yFormat: (v) => `${+v.toFixed(1)} ms`,
    series: [
      {
        name: "reads (p99)",
        colour: LAB_COLOURS[0] as string,
        line: false,
        points: pts.map((p) => bothWays(p.staleRate, p.getP99Ms, p.config)),
      },
      {
        name: "writes (p99)",
        colour: LAB_COLOURS[1] as string,
        line: false,
        points: pts.map((p) => bothWays(p.staleRate, p.putP99Ms, p.config)),
      },
    ],
    xColumn: "stale rate",
    yColumn: "p99 ms",
  };
  const availability: ChartSpec = {
    id: "quorum-availability",
    title: "Availability against stale reads",
    caption:
      "Under a fault, asking more replicas buys consistency with availability: the configurations with the fewest stale reads are those whose requests fail most often when replicas cannot be reached.",
    xLabel: "stale reads (share of successful reads)",
    yLabel: "requests that succeeded",
    xKind: "linear",
    yKind: "linear",
    xBounds: [0, 1],
    yBounds: [0, 1],
    xFormat: pct,
    yFormat: pct,
    series: [
      {
        name: "configurations",
        colour: LAB_COLOURS[2] as string,
        line: false,
        points: pts.map((p) => bothWays(p.staleRate, p.availability, p.config)),
      },
    ],
    xColumn: "stale rate",
    yColumn: "availability",
  };
  return [
    { kind: "chart", spec: latency },
    { kind: "chart", spec: availability },
  ];
}

export function figuresOf(summary: ExperimentSummary): Figure[] {
  switch (summary.experiment) {
    case "table2":
      return table2Figures(summary);
    case "strategies":
      return strategiesFigures(summary);
    case "keys-moved":
      return keysMovedFigures(summary);
    case "staleness":
      return stalenessFigures(summary);
    case "quorum-sweep":
      return quorumFigures(summary);
  }
}
