/**
 * The experiments lab's registry: every experiment a student can rerun and vary, by name, with its
 * parameters (their kinds, ranges and defaults) and the aggregator that summarises its runs
 * across seeds. One run is a pure function (experiment, params, seed) -> result, in `labRuns.ts`;
 * it runs in the CLI (`ringlab experiment <name> --seeds 1..20`) and in the browser's worker pool
 * alike, and the same seed gives the same result in both.
 *
 * This file imports no simulator code (only types and the papers' figures), so the app's main
 * thread can read the registry and aggregate results as they stream in.
 */

import { type Interval, interval } from "./aggregate";
import { PBS_AT_COMMIT_R1W1, PBS_TABLE4, TABLE2_PAPER, type WarsFitName } from "./paper";
import type { ParamSpec, Params } from "./params";

export const EXPERIMENT_NAMES = [
  "table2",
  "strategies",
  "keys-moved",
  "staleness",
  "quorum-sweep",
] as const;
export type ExperimentName = (typeof EXPERIMENT_NAMES)[number];

export function isExperimentName(name: string): name is ExperimentName {
  return (EXPERIMENT_NAMES as readonly string[]).includes(name);
}

export interface ExperimentSpec {
  readonly name: ExperimentName;
  readonly title: string;
  /** where in the papers it comes from */
  readonly source: string;
  /** what the experiment shows, in a sentence or two */
  readonly about: string;
  readonly params: readonly ParamSpec[];
  /** the seeds a run uses when none are given */
  readonly defaultSeeds: string;
}

/** The quantiles at which each run records its latency distribution: 0, 0.5, 0.9, ... 0.999. */
export const CDF_NINES: readonly number[] = Array.from(
  { length: 31 },
  (_, k) => 1 - 10 ** (-k / 10),
);

export const WARS_FITS = ["lnkd-ssd", "lnkd-disk", "ymmr"] as const;
export const STALENESS_QUORUMS = ["R1W1", "R1W2", "R2W1", "R2W2", "R1W3", "R3W1"] as const;
export const QUORUM_CONFIG_OPTIONS = [
  "N3R1W1",
  "N3R1W2",
  "N3R2W1",
  "N3R2W2",
  "N3R1W3",
  "N3R3W1",
  "N5R1W1",
  "N5R2W2",
  "N5R3W3",
] as const;
export const QUORUM_FAULT_OPTIONS = ["none", "crash", "partition", "slow"] as const;
export const KEYS_MOVED_PLACEMENTS = ["consistent hashing", "strategy 3", "mod-n"] as const;

export const EXPERIMENTS: Readonly<Record<ExperimentName, ExperimentSpec>> = {
  table2: {
    name: "table2",
    title: "Client- vs server-driven coordination (Table 2)",
    source: "Dynamo, SOSP 2007, section 6.4, Table 2",
    about:
      "The same cluster and workload, once through a load balancer (server-driven) and once with clients that route by the ring themselves (client-driven). Client-driven skips the balancer's queue and the extra hop, so it is faster on average and much faster at the 99.9th percentile.",
    params: [
      {
        key: "requests",
        label: "Requests per mode",
        kind: "int",
        min: 1000,
        max: 200_000,
        default: 20_000,
      },
      { key: "nodes", label: "Nodes", kind: "int", min: 4, max: 64, default: 20 },
    ],
    defaultSeeds: "1..8",
  },
  strategies: {
    name: "strategies",
    title: "Partitioning strategies at equal metadata (Figure 8)",
    source: "Dynamo, SOSP 2007, section 6.2, Figure 8",
    about:
      "Load-balancing efficiency (mean load over the hottest node's) of Strategies 1, 2 and 3 when each may keep the same bytes of membership metadata per node. Strategy 3 (equal fixed partitions, Q/S per node) balances best; Strategy 2 pays for a token map and a partition table, so it balances worst.",
    params: [
      { key: "nodes", label: "Nodes (S)", kind: "int", min: 4, max: 100, default: 30 },
      { key: "replicas", label: "Replicas (N)", kind: "int", min: 1, max: 5, default: 3 },
      {
        key: "sweep",
        label: "Strategy 2 tokens per node",
        kind: "ints",
        min: 1,
        max: 256,
        maxCount: 10,
        default: [1, 2, 4, 8, 16, 32, 64],
      },
    ],
    defaultSeeds: "1..10",
  },
  "keys-moved": {
    name: "keys-moved",
    title: "Keys moved by a join: consistent hashing vs mod-N",
    source: "Dynamo, SOSP 2007, sections 4.2 and 6.2",
    about:
      "The share of keys whose coordinator changes when one node joins a cluster of S. With hash(key) mod S almost every key moves; on a consistent-hashing ring only the newcomer's share, about 1/(S+1), moves.",
    params: [
      {
        key: "nodes",
        label: "Cluster sizes (S)",
        kind: "ints",
        min: 2,
        max: 200,
        maxCount: 10,
        default: [5, 10, 20, 40, 80],
      },
      { key: "keys", label: "Sampled keys", kind: "int", min: 100, max: 100_000, default: 10_000 },
    ],
    defaultSeeds: "1..10",
  },
  staleness: {
    name: "staleness",
    title: "Staleness after commit (PBS)",
    source: "Bailis et al., PBS, VLDB 2012, sections 3-5, Tables 3 and 4",
    about:
      "The probability that a read t ms after a write commits returns it, measured by simulation in PBS's WARS model for each latency fit and R, W (N = 3). The closed form 1 - C(N-W,R)/C(N,R) is what a read right at commit would see if the write never spread further; Table 4's t for 99.9% is marked where the paper gives it.",
    params: [
      {
        key: "models",
        label: "Latency fits",
        kind: "set",
        options: WARS_FITS,
        default: ["lnkd-ssd", "lnkd-disk"],
      },
      {
        key: "quorums",
        label: "R and W (N = 3)",
        kind: "set",
        options: STALENESS_QUORUMS,
        default: ["R1W1", "R1W2", "R2W1"],
      },
      { key: "trials", label: "Writes per curve", kind: "int", min: 50, max: 20_000, default: 500 },
    ],
    defaultSeeds: "1..8",
  },
  "quorum-sweep": {
    name: "quorum-sweep",
    title: "N, R, W: latency, staleness and availability under a fault",
    source: "Dynamo, SOSP 2007, sections 4.5 and 6",
    about:
      "Each N/R/W configuration runs the same six-node cluster and workload through the same fault (the middle 40% of a 3 s run). Larger R and W read and write more replicas, so fewer reads are stale, but requests wait for slower replicas and fail when too few are reachable.",
    params: [
      {
        key: "fault",
        label: "Fault",
        kind: "choice",
        options: QUORUM_FAULT_OPTIONS,
        default: "partition",
      },
      {
        key: "quorum",
        label: "Quorum",
        kind: "choice",
        options: ["sloppy", "strict"],
        default: "sloppy",
      },
      {
        key: "configs",
        label: "Configurations",
        kind: "set",
        options: QUORUM_CONFIG_OPTIONS,
        default: ["N3R1W1", "N3R2W1", "N3R1W2", "N3R2W2", "N3R1W3", "N3R3W1"],
      },
      { key: "rate", label: "Requests per second", kind: "int", min: 50, max: 2000, default: 400 },
    ],
    defaultSeeds: "1..8",
  },
};

// ---- what one run returns (JSON) ----------------------------------------------------------------

export interface OpStats {
  count: number;
  ok: number;
  failed: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

export interface Table2ModeRun {
  get: OpStats;
  put: OpStats;
  /** latency (ms) at each of CDF_NINES, of gets and of puts */
  cdf: { get: number[]; put: number[] };
}

export interface Table2Run {
  experiment: "table2";
  seed: number;
  nodes: number;
  requestsTarget: number;
  serverDriven: Table2ModeRun;
  clientDriven: Table2ModeRun;
}

export interface StrategiesRun {
  experiment: "strategies";
  seed: number;
  rows: {
    strategy: 1 | 2 | 3;
    sweep: number;
    tokensPerNode: number;
    partitions: number;
    metadataBytesPerNode: number;
    efficiency: number;
  }[];
}

export interface KeysMovedRun {
  experiment: "keys-moved";
  seed: number;
  rows: {
    nodes: number;
    placement: string;
    change: "join" | "leave";
    node: string;
    fractionMoved: number;
    idealFraction: number;
  }[];
}

export interface StalenessCurveRun {
  model: string;
  quorum: string;
  r: number;
  w: number;
  committed: number;
  curve: { tMs: number; p: number }[];
  tMsFor999: number | null;
  closedForm: number;
}

export interface StalenessRun {
  experiment: "staleness";
  seed: number;
  curves: StalenessCurveRun[];
}

export interface QuorumSweepRun {
  experiment: "quorum-sweep";
  seed: number;
  points: {
    config: string;
    n: number;
    r: number;
    w: number;
    getP99Ms: number;
    putP99Ms: number;
    getMeanMs: number;
    putMeanMs: number;
    staleRate: number;
    availability: number;
    requests: number;
  }[];
}

export type ExperimentRun =
  | Table2Run
  | StrategiesRun
  | KeysMovedRun
  | StalenessRun
  | QuorumSweepRun;

/** A single run a user can open in the live view: its scenario (as JSON) and seed. */
export interface OpenableRun {
  label: string;
  scenario: unknown;
  seed: number;
}

// ---- aggregation across seeds ---------------------------------------------------------------

export interface Table2Summary {
  experiment: "table2";
  seeds: number[];
  columns: readonly ["p999ReadMs", "p999WriteMs", "meanReadMs", "meanWriteMs"];
  measured: Record<
    "serverDriven" | "clientDriven",
    Record<"p999ReadMs" | "p999WriteMs" | "meanReadMs" | "meanWriteMs", Interval>
  >;
  paper: typeof TABLE2_PAPER;
  /** per mode and operation, the latency at each of CDF_NINES across seeds */
  cdf: Record<
    "serverDriven" | "clientDriven",
    Record<"get" | "put", { p: number; ms: Interval }[]>
  >;
  /** seeds in which client-driven is lower in all four columns */
  clientDrivenFasterSeeds: number;
}

export interface StrategiesSummary {
  experiment: "strategies";
  seeds: number[];
  points: {
    strategy: 1 | 2 | 3;
    sweep: number;
    tokensPerNode: number;
    partitions: number;
    metadataBytesPerNode: number;
    efficiency: Interval;
  }[];
}

export interface KeysMovedSummary {
  experiment: "keys-moved";
  seeds: number[];
  points: {
    nodes: number;
    placement: string;
    change: "join" | "leave";
    fractionMoved: Interval;
    idealFraction: number;
  }[];
}

export interface StalenessSummary {
  experiment: "staleness";
  seeds: number[];
  curves: {
    model: string;
    quorum: string;
    r: number;
    w: number;
    curve: { tMs: number; p: Interval }[];
    tMsFor999: Interval;
    /** seeds whose curve never reached 99.9% */
    neverReached999: number;
    closedForm: number;
    /** PBS Table 4's t for 99.9% consistency (N = 3), and section 5.6's p at commit for R = W = 1 */
    paper: { tMs: number; pAtCommit?: number } | null;
  }[];
}

export interface QuorumSweepSummary {
  experiment: "quorum-sweep";
  seeds: number[];
  points: {
    config: string;
    n: number;
    r: number;
    w: number;
    getP99Ms: Interval;
    putP99Ms: Interval;
    staleRate: Interval;
    availability: Interval;
  }[];
}

export type ExperimentSummary =
  | Table2Summary
  | StrategiesSummary
  | KeysMovedSummary
  | StalenessSummary
  | QuorumSweepSummary;

export interface SeedRun<R extends ExperimentRun = ExperimentRun> {
  seed: number;
  result: R;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list === undefined) m.set(k, [it]);
    else list.push(it);
  }
  return m;
}

function seedsOf(runs: readonly SeedRun[]): number[] {
  return runs.map((r) => r.seed).sort((a, b) => a - b);
}

function aggregateTable2(runs: readonly SeedRun<Table2Run>[]): Table2Summary {
  const modes = ["serverDriven", "clientDriven"] as const;
  const col = (m: Table2ModeRun) => ({
    p999ReadMs: m.get.p999Ms,
    p999WriteMs: m.put.p999Ms,
    meanReadMs: m.get.meanMs,
    meanWriteMs: m.put.meanMs,
  });
  const columns = ["p999ReadMs", "p999WriteMs", "meanReadMs", "meanWriteMs"] as const;
  const measured = Object.fromEntries(
    modes.map((mode) => [
      mode,
      Object.fromEntries(
        columns.map((c) => [c, interval(runs.map((r) => col(r.result[mode])[c]))]),
      ),
    ]),
  ) as Table2Summary["measured"];
  const cdf = Object.fromEntries(
    modes.map((mode) => [
      mode,
      Object.fromEntries(
        (["get", "put"] as const).map((op) => [
          op,
          CDF_NINES.map((p, i) => ({
            p,
            ms: interval(runs.map((r) => r.result[mode].cdf[op][i] as number)),
          })),
        ]),
      ),
    ]),
  ) as Table2Summary["cdf"];
  const faster = runs.filter((r) => {
    const s = col(r.result.serverDriven);
    const c = col(r.result.clientDriven);
    return columns.every((k) => c[k] < s[k]);
  }).length;
  return {
    experiment: "table2",
    seeds: seedsOf(runs),
    columns,
    measured,
    paper: TABLE2_PAPER,
    cdf,
    clientDrivenFasterSeeds: faster,
  };
}

function aggregateStrategies(runs: readonly SeedRun<StrategiesRun>[]): StrategiesSummary {
  const rows = runs.flatMap((r) => r.result.rows);
  const groups = groupBy(rows, (row) => `${row.sweep}:${row.strategy}`);
  const points = [...groups.values()].map((g) => {
    const first = g[0] as StrategiesRun["rows"][number];
    return {
      strategy: first.strategy,
      sweep: first.sweep,
      tokensPerNode: first.tokensPerNode,
      partitions: first.partitions,
      metadataBytesPerNode: first.metadataBytesPerNode,
      efficiency: interval(g.map((x) => x.efficiency)),
    };
  });
  points.sort((a, b) => a.sweep - b.sweep || a.strategy - b.strategy);
  return { experiment: "strategies", seeds: seedsOf(runs), points };
}

function aggregateKeysMoved(runs: readonly SeedRun<KeysMovedRun>[]): KeysMovedSummary {
  const rows = runs.flatMap((r) => r.result.rows);
  const groups = groupBy(rows, (row) => `${row.placement}:${row.change}:${row.nodes}`);
  const points = [...groups.values()].map((g) => {
    const first = g[0] as KeysMovedRun["rows"][number];
    return {
      nodes: first.nodes,
      placement: first.placement,
      change: first.change,
      fractionMoved: interval(g.map((x) => x.fractionMoved)),
      idealFraction: first.idealFraction,
    };
  });
  const order = (p: string) =>
    KEYS_MOVED_PLACEMENTS.indexOf(p as (typeof KEYS_MOVED_PLACEMENTS)[number]);
  points.sort(
    (a, b) =>
      order(a.placement) - order(b.placement) ||
      a.change.localeCompare(b.change) ||
      a.nodes - b.nodes,
  );
  return { experiment: "keys-moved", seeds: seedsOf(runs), points };
}

function aggregateStaleness(runs: readonly SeedRun<StalenessRun>[]): StalenessSummary {
  const curves = runs.flatMap((r) => r.result.curves);
  const groups = groupBy(curves, (c) => `${c.model}:${c.quorum}`);
  const out = [...groups.values()].map((g) => {
    const first = g[0] as StalenessCurveRun;
    const table4 = PBS_TABLE4[first.model as WarsFitName]?.[`${first.r},${first.w}`];
    const atCommit =
      first.r === 1 && first.w === 1 ? PBS_AT_COMMIT_R1W1[first.model as WarsFitName] : undefined;
    return {
      model: first.model,
      quorum: first.quorum,
      r: first.r,
      w: first.w,
      curve: first.curve.map((pt, i) => ({
        tMs: pt.tMs,
        p: interval(g.map((c) => (c.curve[i] as { p: number }).p)),
      })),
      tMsFor999: interval(g.map((c) => (c.tMsFor999 === null ? Number.NaN : c.tMsFor999))),
      neverReached999: g.filter((c) => c.tMsFor999 === null).length,
      closedForm: first.closedForm,
      paper:
        table4 === undefined
          ? null
          : { tMs: table4.tMs, ...(atCommit !== undefined && { pAtCommit: atCommit }) },
    };
  });
  return { experiment: "staleness", seeds: seedsOf(runs), curves: out };
}

function aggregateQuorumSweep(runs: readonly SeedRun<QuorumSweepRun>[]): QuorumSweepSummary {
  const rows = runs.flatMap((r) => r.result.points);
  const groups = groupBy(rows, (p) => p.config);
  const points = [...groups.values()].map((g) => {
    const f = g[0] as QuorumSweepRun["points"][number];
    return {
      config: f.config,
      n: f.n,
      r: f.r,
      w: f.w,
      getP99Ms: interval(g.map((x) => x.getP99Ms)),
      putP99Ms: interval(g.map((x) => x.putP99Ms)),
      staleRate: interval(g.map((x) => x.staleRate)),
      availability: interval(g.map((x) => x.availability)),
    };
  });
  return { experiment: "quorum-sweep", seeds: seedsOf(runs), points };
}

/** Summarises the runs so far (any subset of the seeds, in any order of arrival). */
export function aggregate(name: ExperimentName, runs: readonly SeedRun[]): ExperimentSummary {
  // order by seed, so the summary does not depend on which worker finished first
  const sorted = [...runs].sort((a, b) => a.seed - b.seed);
  switch (name) {
    case "table2":
      return aggregateTable2(sorted as SeedRun<Table2Run>[]);
    case "strategies":
      return aggregateStrategies(sorted as SeedRun<StrategiesRun>[]);
    case "keys-moved":
      return aggregateKeysMoved(sorted as SeedRun<KeysMovedRun>[]);
    case "staleness":
      return aggregateStaleness(sorted as SeedRun<StalenessRun>[]);
    case "quorum-sweep":
      return aggregateQuorumSweep(sorted as SeedRun<QuorumSweepRun>[]);
  }
}

/** A parameter's value, typed by the caller who knows the spec. */
export function param<T>(params: Params, key: string): T {
  const v = params[key];
  if (v === undefined) throw new Error(`missing parameter ${key}`);
  return v as T;
}
