/**
 * One run of a lab experiment: (experiment, params, seed) -> result, a pure function of its
 * arguments. The browser's lab worker and the CLI's `experiment <name> --seeds ...` both call
 * `runExperiment`, so equal seeds give equal results in both. `openableRuns` names the scenarios a
 * run is made of, so any one of them can be loaded into the live view and watched.
 *
 * Per-seed sizes (the defaults in experiments.ts) are chosen so a 20-seed experiment finishes in
 * tens of seconds in a browser on a laptop: Table 2 runs 20,000 requests per mode per seed (about
 * a second; the CLI's `experiment table2` keeps its 100,000), staleness 500 writes per curve.
 */

import { Rng } from "../core/rng";
import {
  changeMembership,
  metadataBytesPerNode,
  NODE_ID_BYTES,
  type Partitioning,
  placeNodes,
  TOKEN_BYTES,
} from "../dynamo/partitioning";
import { keyPosition } from "../dynamo/ring";
import { percentile, type Stats } from "../metrics/stats";
import { Run } from "../run";
import { nodeNames, type Scenario } from "../scenario/schema";
import {
  CDF_NINES,
  EXPERIMENTS,
  type ExperimentName,
  type ExperimentRun,
  type KeysMovedRun,
  type OpenableRun,
  param,
  type QuorumSweepRun,
  type StalenessRun,
  type StrategiesRun,
  type Table2ModeRun,
  type Table2Run,
} from "./experiments";
import {
  fractionMoved,
  KEYS_MOVED_PARTITIONS_PER_NODE,
  KEYS_MOVED_TOKENS_PER_NODE,
} from "./keysMoved";
import { checkParams, type Params } from "./params";
import { parseQuorum, type QuorumFault, quorumPoint, quorumSweepScenario } from "./quorumSweep";
import {
  DEFAULT_CURVE_MS,
  stalenessExperiment,
  stalenessScenario,
  WARS_MODELS,
  type WarsModelName,
} from "./staleness";
import {
  equalMetadataPoints,
  loadBalancingEfficiency,
  STRATEGY2_PARTITIONS_PER_TOKEN,
} from "./strategies";
import { table2Scenario } from "./table2";

export class ExperimentError extends Error {
  override name = "ExperimentError";
}

function validated(name: ExperimentName, params: unknown): Params {
  const spec = EXPERIMENTS[name];
  if (spec === undefined) throw new ExperimentError(`unknown experiment "${String(name)}"`);
  const checked = checkParams(spec.params, params);
  if (!checked.ok) throw new ExperimentError(checked.problems.join("; "));
  return checked.params;
}

function checkSeed(seed: number): void {
  if (!(Number.isSafeInteger(seed) && seed >= 0))
    throw new ExperimentError(`a seed must be a whole number from 0 up, got ${seed}`);
}

function modeRun(scenario: Scenario, seed: number): Table2ModeRun {
  const run = new Run(scenario, seed, { keepHistory: false, traceWindow: 256 });
  run.runToEnd();
  const stats = run.stats();
  const cdfOf = (f: "get" | "put") => {
    const sorted = run.latencies(f).sort();
    return CDF_NINES.map((p) =>
      p === 0
        ? sorted.length === 0
          ? 0
          : Math.round((sorted[0] as number) * 1000) / 1000
        : percentile(sorted, p),
    );
  };
  const plain = (s: Stats) => ({ ...s });
  return {
    get: plain(stats.get),
    put: plain(stats.put),
    cdf: { get: cdfOf("get"), put: cdfOf("put") },
  };
}

function table2(params: Params, seed: number): Table2Run {
  const requests = param<number>(params, "requests");
  const nodes = param<number>(params, "nodes");
  return {
    experiment: "table2",
    seed,
    nodes,
    requestsTarget: requests,
    serverDriven: modeRun(table2Scenario("server-driven", requests, nodes), seed),
    clientDriven: modeRun(table2Scenario("client-driven", requests, nodes), seed),
  };
}

function strategies(params: Params, seed: number): StrategiesRun {
  const s = param<number>(params, "nodes");
  const n = param<number>(params, "replicas");
  if (n > s) throw new ExperimentError(`replicas (${n}) must not exceed nodes (${s})`);
  const names = nodeNames(s);
  // one placement per seed: the seed is the placement seed, as the CLI's experiment derives them
  const placementSeed = new Rng(seed).fork("strategies:placement:0").nextU32();
  const rows: StrategiesRun["rows"] = [];
  for (const t of param<number[]>(params, "sweep")) {
    for (const point of equalMetadataPoints(s, t)) {
      const placement = placeNodes(names, point.partitioning(placementSeed));
      rows.push({
        strategy: point.strategy,
        sweep: t,
        tokensPerNode: point.tokensPerNode,
        partitions: point.partitions,
        metadataBytesPerNode: metadataBytesPerNode(placement),
        efficiency: loadBalancingEfficiency(placement, n),
      });
    }
  }
  return { experiment: "strategies", seed, rows };
}

/** The budget every strategy gets at sweep value t: Strategy 2's token map and partition table. */
function metadataBytes(s: number, t: number): number {
  return (
    s * t * (TOKEN_BYTES + NODE_ID_BYTES) + STRATEGY2_PARTITIONS_PER_TOKEN * s * t * NODE_ID_BYTES
  );
}

function keysMovedPartitioning(placement: string, s: number, placementSeed: number): Partitioning {
  switch (placement) {
    case "consistent hashing":
      return { strategy: 1, tokensPerNode: KEYS_MOVED_TOKENS_PER_NODE, seed: placementSeed };
    case "strategy 3":
      return { strategy: 3, partitions: KEYS_MOVED_PARTITIONS_PER_NODE * s, seed: placementSeed };
    default:
      return { strategy: "mod-n" };
  }
}

const KEYS_MOVED_LAB_PLACEMENTS = ["consistent hashing", "strategy 3", "mod-n"] as const;

function keysMoved(params: Params, seed: number): KeysMovedRun {
  const keyCount = param<number>(params, "keys");
  const root = new Rng(seed);
  const placementSeed = root.fork("keys-moved:placement").nextU32();
  const positions = Array.from({ length: keyCount }, (_, i) => keyPosition(`key-${i}`));
  const rows: KeysMovedRun["rows"] = [];
  for (const s of param<number[]>(params, "nodes")) {
    const names = nodeNames(s + 1);
    const members = names.slice(0, s);
    const joiner = names[s] as string;
    const leaver = members[root.fork(`keys-moved:leaver:${s}`).int(s)] as string;
    for (const placement of KEYS_MOVED_LAB_PLACEMENTS) {
      const before = placeNodes(members, keysMovedPartitioning(placement, s, placementSeed));
      for (const change of [
        { kind: "join", name: joiner },
        { kind: "leave", name: leaver },
      ] as const) {
        const after = changeMembership(before, change);
        rows.push({
          nodes: s,
          placement,
          change: change.kind,
          node: change.name,
          fractionMoved: fractionMoved(before, after, positions),
          idealFraction: change.kind === "join" ? 1 / (s + 1) : 1 / s,
        });
      }
    }
  }
  return { experiment: "keys-moved", seed, rows };
}

function stalenessRun(params: Params, seed: number): StalenessRun {
  const trials = param<number>(params, "trials");
  const curves: StalenessRun["curves"] = [];
  for (const model of param<string[]>(params, "models")) {
    for (const quorum of param<string[]>(params, "quorums")) {
      const { r, w } = parseRW(quorum);
      const result = stalenessExperiment({
        latency: model as WarsModelName,
        n: 3,
        r,
        w,
        trials,
        seed,
      });
      curves.push({
        model,
        quorum,
        r,
        w,
        committed: result.committed,
        curve: result.curve,
        tMsFor999: result.tMsFor999,
        closedForm: result.closedForm.pConsistent,
      });
    }
  }
  return { experiment: "staleness", seed, curves };
}

function parseRW(quorum: string): { r: number; w: number } {
  const m = /^R(\d)W(\d)$/.exec(quorum);
  if (m === null) throw new ExperimentError(`"${quorum}" is not a read and write quorum like R1W2`);
  return { r: Number(m[1]), w: Number(m[2]) };
}

function quorumSweep(params: Params, seed: number): QuorumSweepRun {
  const fault = param<QuorumFault>(params, "fault");
  const sloppy = param<string>(params, "quorum") === "sloppy";
  const rate = param<number>(params, "rate");
  const points = param<string[]>(params, "configs").map((config) =>
    quorumPoint(config, fault, sloppy, rate, seed),
  );
  return { experiment: "quorum-sweep", seed, points };
}

/** One run of an experiment. Throws ExperimentError for bad parameters. */
export function runExperiment(name: ExperimentName, params: unknown, seed: number): ExperimentRun {
  const p = validated(name, params);
  checkSeed(seed);
  switch (name) {
    case "table2":
      return table2(p, seed);
    case "strategies":
      return strategies(p, seed);
    case "keys-moved":
      return keysMoved(p, seed);
    case "staleness":
      return stalenessRun(p, seed);
    case "quorum-sweep":
      return quorumSweep(p, seed);
  }
}

/** The live view's default workload, for placements that have no run of their own. */
const LIVE_WORKLOAD = {
  clients: 2,
  mode: "open",
  ratePerSec: 50,
  getFraction: 0.5,
  keys: { count: 40 },
} as const;

/** The scenarios one run is made of, each loadable into the live view with the run's seed. */
export function openableRuns(name: ExperimentName, params: unknown, seed: number): OpenableRun[] {
  const p = validated(name, params);
  checkSeed(seed);
  switch (name) {
    case "table2": {
      const requests = param<number>(p, "requests");
      const nodes = param<number>(p, "nodes");
      return (["server-driven", "client-driven"] as const).map((mode) => ({
        label: mode,
        scenario: table2Scenario(mode, requests, nodes),
        seed,
      }));
    }
    case "strategies": {
      const s = param<number>(p, "nodes");
      const t = param<number[]>(p, "sweep")[0] as number;
      const placementSeed = new Rng(seed).fork("strategies:placement:0").nextU32();
      return equalMetadataPoints(s, t).map((point) => ({
        label: `Strategy ${point.strategy}`,
        scenario: {
          version: 1,
          name: `strategy-${point.strategy}`,
          description: `${s} nodes placed by Strategy ${point.strategy} at ${metadataBytes(s, t)} bytes of metadata per node`,
          durationMs: 5_000,
          cluster: {
            nodes: nodeNames(s).map((n) => ({ name: n })),
            partitioning: point.partitioning(placementSeed),
          },
          quorum: { n: Math.min(param<number>(p, "replicas"), s), r: 1, w: 1 },
          workload: LIVE_WORKLOAD,
        },
        seed,
      }));
    }
    case "keys-moved": {
      const s = param<number[]>(p, "nodes")[0] as number;
      const placementSeed = new Rng(seed).fork("keys-moved:placement").nextU32();
      const names = nodeNames(s + 1);
      return KEYS_MOVED_LAB_PLACEMENTS.filter((pl) => pl !== "mod-n").map((placement) => ({
        label: `${placement}, ${names[s]} joins ${s} nodes`,
        scenario: {
          version: 1,
          name: `keys-moved-${placement.replace(/ /g, "-")}`,
          description: `${s} nodes (${placement}); ${names[s]} joins at 1 s and the keys it takes over move to it`,
          durationMs: 4_000,
          cluster: {
            nodes: names.map((n, i) => (i < s ? { name: n } : { name: n, standby: true })),
            partitioning: keysMovedPartitioning(placement, s, placementSeed),
          },
          replication: { handoffIntervalMs: 100 },
          workload: LIVE_WORKLOAD,
          timeline: [{ atMs: 1_000, kind: "join", node: names[s] }],
        },
        seed,
      }));
    }
    case "staleness": {
      const trials = param<number>(p, "trials");
      return param<string[]>(p, "models").flatMap((model) =>
        param<string[]>(p, "quorums").map((quorum) => {
          const { r, w } = parseRW(quorum);
          return {
            label: `${model} ${quorum}`,
            scenario: stalenessScenario(
              WARS_MODELS[model as WarsModelName],
              3,
              r,
              w,
              trials,
              DEFAULT_CURVE_MS,
              false,
            ),
            seed,
          };
        }),
      );
    }
    case "quorum-sweep": {
      const fault = param<QuorumFault>(p, "fault");
      const sloppy = param<string>(p, "quorum") === "sloppy";
      return param<string[]>(p, "configs").map((config) => {
        parseQuorum(config);
        return {
          label: config,
          scenario: quorumSweepScenario(config, fault, sloppy, param<number>(p, "rate")),
          seed,
        };
      });
    }
  }
}
