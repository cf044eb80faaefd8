/**
 * Probabilistically bounded staleness, measured by running the simulator (Bailis et al., "PBS",
 * VLDB 2012, sections 3 and 4).
 *
 * The setting is PBS's WARS model, built from the simulator's own parts rather than a formula:
 * N replicas hold the probe's keys; the writes are coordinated by a node `Xw` and the reads by a
 * node `Xr`, both on standby, so neither is a replica (PBS's coordinator is not one). A coordinator
 * sends to all N replicas and answers after the first W acknowledgements (R replies), with strict
 * quorum, no read repair, no hinted handoff and no anti-entropy. Two coordinators let the network
 * carry PBS's four delays on four sets of links: Xw -> replica is W (the write request), replica
 * -> Xw is A (its acknowledgement), Xr -> replica is R (the read request), replica -> Xr is S (the
 * response); every delay is drawn independently per message, as WARS assumes. Clients reach the
 * coordinators in one tick (1 us).
 *
 * Each trial writes a fresh key; when the write is acknowledged (its commit, one tick later at the
 * client) the client reads the key at each delay t of the curve. A read is consistent if it returns
 * the write. So p(t), the share of consistent reads t ms after commit, is measured over `trials`
 * independent writes, each read with its own delays; reads never change what replicas hold (no
 * read repair), so the reads of one trial do not disturb each other.
 *
 * The closed form p_s = C(N-W, R) / C(N, R) (section 3) is the chance that a uniformly random read
 * quorum misses a write held by exactly W replicas that never spreads further. Under WARS the write
 * keeps spreading after commit, so the measured p(t) is at least 1 - p_s; with `nonExpanding` the
 * write reaches only the first W replicas (the other write links lose every message), which is the
 * closed form's own assumption, and the two agree within Monte Carlo error.
 */

import { probeKey } from "../client/client";
import type { Operation } from "../core/simulation";
import { LatencyRecorder, type Stats } from "../metrics/stats";
import type { LatencyDist } from "../net/latency";
import { Run } from "../run";
import { nodeNames, type Scenario, type ScenarioInput, scenarioFrom } from "../scenario/schema";
import { PBS_AT_COMMIT_R1W1, PBS_TABLE4, type WarsFitName } from "./paper";

export { PBS_AT_COMMIT_R1W1, PBS_TABLE4 };

/** PBS's four delays (Table 3): write request, its acknowledgement, read request, response. */
export interface WarsModel {
  readonly w: LatencyDist;
  readonly a: LatencyDist;
  readonly r: LatencyDist;
  readonly s: LatencyDist;
  /**
   * Wide-area replicas: each replica is in its own datacenter, every operation is coordinated in
   * one of them at random, and each message to or from a replica outside it takes this much longer.
   */
  readonly remoteOffsetMs?: number;
}

const pareto = (scaleMs: number, shape: number): LatencyDist => ({
  kind: "pareto",
  scaleMs,
  shape,
});
/** PBS writes Exponential(l) with rate l per ms: the mean is 1 / l ms. */
const exponential = (ratePerMs: number): LatencyDist => ({
  kind: "exponential",
  meanMs: 1 / ratePerMs,
});
const mix = (weight: number, a: LatencyDist, b: LatencyDist): LatencyDist => ({
  kind: "mixture",
  components: [
    { weight, dist: a },
    { weight: 1 - weight, dist: b },
  ],
});

const LNKD_SSD = mix(0.9122, pareto(0.235, 10), exponential(1.66));
const LNKD_DISK_W = mix(0.38, pareto(1.05, 1.51), exponential(0.183));
const YMMR_W = mix(0.939, pareto(3, 3.35), exponential(0.0028));
const YMMR_ARS = mix(0.982, pareto(1.5, 3.8), exponential(0.0217));

/**
 * PBS Table 3's fits. `wan` is lnkd-disk with 75 ms more on every message to or from a replica
 * other than the one local to the operation's coordinator.
 */
export const WARS_MODELS = {
  "lnkd-ssd": { w: LNKD_SSD, a: LNKD_SSD, r: LNKD_SSD, s: LNKD_SSD },
  "lnkd-disk": { w: LNKD_DISK_W, a: LNKD_SSD, r: LNKD_SSD, s: LNKD_SSD },
  ymmr: { w: YMMR_W, a: YMMR_ARS, r: YMMR_ARS, s: YMMR_ARS },
  wan: { w: LNKD_DISK_W, a: LNKD_SSD, r: LNKD_SSD, s: LNKD_SSD, remoteOffsetMs: 75 },
} as const satisfies Record<string, WarsModel>;

export type WarsModelName = keyof typeof WARS_MODELS;
export const WARS_MODEL_NAMES = Object.keys(WARS_MODELS) as WarsModelName[];

/** The default curve: t = 0, then from 0.1 ms to 5 s in steps of about 1.5x. */
export const DEFAULT_CURVE_MS: readonly number[] = [
  0, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 200,
  300, 500, 750, 1000, 1500, 2000, 3000, 5000,
];

export interface StalenessOptions {
  /** a named fit (default lnkd-ssd), or the four delays */
  readonly latency?: WarsModelName | WarsModel;
  readonly n?: number;
  readonly r?: number;
  readonly w?: number;
  /** writes measured (default 5,000) */
  readonly trials?: number;
  readonly seed?: number;
  /** delays after commit at which to read (ms, default DEFAULT_CURVE_MS) */
  readonly curveMs?: readonly number[];
  /** the write reaches only the first W replicas: the closed form's non-expanding quorum */
  readonly nonExpanding?: boolean;
}

export interface StalenessResult {
  model: string;
  n: number;
  r: number;
  w: number;
  trials: number;
  seed: number;
  nonExpanding: boolean;
  /** writes that committed (each gives one read per curve point) */
  committed: number;
  pConsistentAtCommit: number;
  /** the first curve point from which every p is at least 0.999 (null: none) */
  tMsFor999: number | null;
  curve: { tMs: number; p: number }[];
  /** the probe's reads and writes */
  get: Stats;
  put: Stats;
  /** 1 - C(N-W, R) / C(N, R), and whether its assumptions hold in this run */
  closedForm: { pConsistent: number; assumptionsHold: boolean; note: string };
  /** PBS Table 4 for this fit and (R, W), if N = 3 */
  paper: {
    tMs: number;
    readP999Ms: number;
    writeP999Ms: number;
    pConsistentAtCommit?: number;
  } | null;
}

/** C(n, k). */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

/** PBS section 3: the probability that a read quorum of R misses a write quorum of W. */
export function closedFormStaleness(n: number, r: number, w: number): number {
  return binomial(n - w, r) / binomial(n, r);
}

const WRITER = "Xw";
const READER = "Xr";
const GAP_MS = 1;

/** The scenario that runs the probe. */
export function stalenessScenario(
  model: WarsModel,
  n: number,
  r: number,
  w: number,
  trials: number,
  curveMs: readonly number[],
  nonExpanding: boolean,
): Scenario {
  const replicas = nodeNames(n);
  const links: NonNullable<ScenarioInput["network"]>["links"] = [];
  // One writer and one reader per datacenter when replicas are wide-area; else one of each.
  const sites = model.remoteOffsetMs === undefined ? [""] : replicas.map((_, i) => `${i + 1}`);
  const writers = sites.map((site) => `${WRITER}${site}`);
  const readers = sites.map((site) => `${READER}${site}`);
  sites.forEach((site, d) => {
    const writer = writers[d] as string;
    const reader = readers[d] as string;
    replicas.forEach((node, i) => {
      const far = site !== "" && i !== d;
      const hop = (dist: LatencyDist): LatencyDist =>
        far ? { kind: "shifted", offsetMs: model.remoteOffsetMs as number, dist } : dist;
      links.push(
        nonExpanding && i >= w
          ? { from: writer, to: node, bothWays: false, loss: 1 }
          : { from: writer, to: node, bothWays: false, latency: hop(model.w) },
        { from: node, to: writer, bothWays: false, latency: hop(model.a) },
        { from: reader, to: node, bothWays: false, latency: hop(model.r) },
        { from: node, to: reader, bothWays: false, latency: hop(model.s) },
      );
    });
  });
  const lastRead = Math.max(...curveMs);
  const timeoutMs = 60_000;
  return scenarioFrom({
    version: 1,
    name: "staleness-probe",
    description: "PBS's WARS model: N replicas, non-replica coordinators for writes and reads",
    durationMs: Math.min(3_600_000, trials * GAP_MS + timeoutMs + lastRead + 1),
    cluster: {
      nodes: [
        ...replicas.map((name) => ({ name })),
        ...writers.map((name) => ({ name, standby: true })),
        ...readers.map((name) => ({ name, standby: true })),
      ],
    },
    quorum: { n, r, w, requestTimeoutMs: timeoutMs, sloppy: false },
    replication: {
      readRepair: false,
      handoffIntervalMs: 0,
      antiEntropyIntervalMs: 0,
      replicaTimeoutMs: timeoutMs,
    },
    network: { latency: { kind: "constant", ms: 0 }, links },
    workload: {
      clients: 1,
      mode: "staleness",
      clientTimeoutMs: 2 * timeoutMs,
      staleness: {
        trials,
        readAtMs: [...curveMs],
        gapMs: GAP_MS,
        writeVia: writers.length === 1 ? WRITER : writers,
        readVia: readers.length === 1 ? READER : readers,
      },
    },
  });
}

export function stalenessExperiment(options: StalenessOptions = {}): StalenessResult {
  const latency = options.latency ?? "lnkd-ssd";
  const model: WarsModel = typeof latency === "string" ? WARS_MODELS[latency] : latency;
  const n = options.n ?? 3;
  const r = options.r ?? 1;
  const w = options.w ?? 1;
  const trials = options.trials ?? 5_000;
  const seed = options.seed ?? 1;
  const nonExpanding = options.nonExpanding ?? false;
  const curveMs = [...(options.curveMs ?? DEFAULT_CURVE_MS)].sort((a, b) => a - b);
  if (r > n || w > n) throw new Error(`R = ${r} and W = ${w} must not exceed N = ${n}`);
  const run = new Run(stalenessScenario(model, n, r, w, trials, curveMs, nonExpanding), seed, {
    traceWindow: 256,
  });
  run.runToEnd();

  // Writes and reads by key; reads of a key were invoked in curve order.
  const writes = new Map<string, Operation>();
  const reads = new Map<string, Operation[]>();
  for (const op of run.history) {
    if (op.f === "put") writes.set(op.key, op);
    else {
      const list = reads.get(op.key) ?? [];
      list.push(op);
      reads.set(op.key, list);
    }
  }
  const consistent = new Array<number>(curveMs.length).fill(0);
  const answered = new Array<number>(curveMs.length).fill(0);
  const getRec = new LatencyRecorder();
  const putRec = new LatencyRecorder();
  let committed = 0;
  const latencyMs = (op: Operation) => ((op.completeAt as number) - op.invokeAt) / 1000;
  for (let trial = 0; trial < trials; trial++) {
    const key = probeKey(trial);
    const write = writes.get(key);
    if (write === undefined) continue;
    putRec.invoked();
    if (write.outcome !== "ok") {
      putRec.fail();
      continue;
    }
    putRec.ok(latencyMs(write));
    committed++;
    (reads.get(key) ?? []).forEach((read, index) => {
      getRec.invoked();
      if (read.outcome !== "ok") {
        getRec.fail();
        return;
      }
      getRec.ok(latencyMs(read));
      answered[index] = (answered[index] as number) + 1;
      const values = (read.result as { values: readonly string[] }).values;
      if (values.includes(`v${trial}`)) consistent[index] = (consistent[index] as number) + 1;
    });
  }
  const curve = curveMs.map((tMs, i) => ({
    tMs,
    p: (answered[i] as number) === 0 ? 0 : (consistent[i] as number) / (answered[i] as number),
  }));
  let tMsFor999: number | null = null;
  for (let i = curve.length - 1; i >= 0; i--) {
    if ((curve[i] as { p: number }).p < 0.999) break;
    tMsFor999 = (curve[i] as { tMs: number }).tMs;
  }
  const name = typeof latency === "string" ? latency : "custom";
  // PBS Table 4 has the three fits, not wan
  const fit =
    typeof latency === "string" && latency in PBS_TABLE4 ? (latency as WarsFitName) : null;
  const table4 = fit !== null && n === 3 ? PBS_TABLE4[fit][`${r},${w}`] : undefined;
  const paper =
    table4 === undefined || fit === null
      ? null
      : {
          ...table4,
          ...(r === 1 && w === 1 && { pConsistentAtCommit: PBS_AT_COMMIT_R1W1[fit] }),
        };
  return {
    model: name,
    n,
    r,
    w,
    trials,
    seed,
    nonExpanding,
    committed,
    pConsistentAtCommit: curve[0]?.tMs === 0 ? (curve[0]?.p ?? 0) : Number.NaN,
    tMsFor999,
    curve,
    get: getRec.stats(),
    put: putRec.stats(),
    closedForm: {
      pConsistent: 1 - closedFormStaleness(n, r, w),
      assumptionsHold: nonExpanding && model.remoteOffsetMs === undefined,
      note:
        model.remoteOffsetMs !== undefined
          ? "delays are not identically distributed (the replica local to the coordinator answers first), so reads do not pick their R replicas uniformly at random: the closed form's setting does not hold"
          : nonExpanding
            ? "the write reaches exactly W replicas and no more; reads pick their R replicas uniformly at random (i.i.d. delays): the closed form's setting"
            : "the write keeps reaching replicas after commit (expanding quorum), so the measured probability is at least the closed form's",
    },
    paper,
  };
}
