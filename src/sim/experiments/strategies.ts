/**
 * Load balancing of Dynamo's three partitioning strategies at equal membership metadata (Dynamo,
 * SOSP 2007, section 6.2, Figure 8).
 *
 * Load-balancing efficiency = the mean load of a node / the load of the most loaded node, where a
 * node's load is the share of requests it serves as one of a key's N replicas when keys are spread
 * uniformly over the hash space. That share is computed exactly from the lengths of the ranges (or
 * partitions) and their preference lists (`keySpaceShares(placement, N)`), so no key is sampled:
 * chance enters only through where the strategies put tokens and partitions, and the experiment
 * repeats that over several placement seeds derived from its seed.
 *
 * Equal metadata: every point of the sweep fixes a budget of bytes per node (the model is in
 * dynamo/partitioning.ts: 20 bytes per token of the token map, 4 bytes per partition-table entry).
 * For sweep value t:
 * - Strategy 2 gets T = t tokens per node and Q = 10 * S * t partitions (the paper's Q >> S*T), so
 *   20*S*t + 4*10*S*t = 60*S*t bytes;
 * - Strategy 1 gets the same bytes as tokens: T = 3t;
 * - Strategy 3 gets them as partition-table entries: Q = 15 * S * t (Q/S = 15t tokens per node).
 * (Below the sweep, Strategy 3 with Q = S is one evenly spaced token per node, perfectly balanced;
 * with a few partitions per node, nodes that own neighbouring partitions lose replica load to the
 * next nodes clockwise, and that imbalance shrinks as Q/S grows.)
 *
 * What the paper reports, and this model reproduces: Strategy 3 balances best and Strategy 2
 * worst. Strategy 2 is worst here because it pays for both a token map and a partition table, so
 * for the same bytes it gets a third of Strategy 1's tokens; its placement itself balances about as
 * well as Strategy 1 with the same T.
 */

import { Rng } from "../core/rng";
import {
  keySpaceShares,
  metadataBytesPerNode,
  NODE_ID_BYTES,
  type Partitioning,
  type Placement,
  placeNodes,
  TOKEN_BYTES,
} from "../dynamo/partitioning";
import { nodeNames } from "../scenario/schema";

/** Strategy 2's partitions per token (Q = this * S * T). */
export const STRATEGY2_PARTITIONS_PER_TOKEN = 10;

export interface StrategiesOptions {
  /** the experiment's seed: placement seeds are derived from it (default 1) */
  readonly seed?: number;
  /** S, the number of nodes (default 30, as in Figure 8) */
  readonly nodes?: number;
  /** N, replicas per key (default 3) */
  readonly replicas?: number;
  /** placements per point of the sweep (default 10) */
  readonly repeats?: number;
  /** Strategy 2's tokens per node at each point of the sweep (default 1, 2, 4, ..., 128) */
  readonly sweep?: readonly number[];
}

export interface StrategiesRow {
  readonly strategy: 1 | 2 | 3;
  readonly nodes: number;
  readonly replicas: number;
  /** T; for Strategy 3, Q/S */
  readonly tokensPerNode: number;
  /** Q; for Strategy 1, the S*T ranges between tokens */
  readonly partitions: number;
  readonly metadataBytesPerNode: number;
  /** mean over the placements of mean load / max load */
  readonly efficiency: number;
  readonly efficiencyMin: number;
  readonly efficiencyMax: number;
  /** sample standard deviation over the placements (0 with one placement) */
  readonly efficiencyStdDev: number;
  /** how many placements (seeds) the row averages */
  readonly placements: number;
}

export interface StrategiesResult {
  readonly experiment: "strategies";
  readonly seed: number;
  readonly nodes: number;
  readonly replicas: number;
  readonly repeats: number;
  /** rows in sweep order; at each metadata size Strategies 1, 2 and 3 */
  readonly rows: StrategiesRow[];
}

export const STRATEGIES_SWEEP_DEFAULT: readonly number[] = [1, 2, 4, 8, 16, 32, 64, 128];

/** Load-balancing efficiency of a placement: mean replica load / the hottest node's. */
export function loadBalancingEfficiency(placement: Placement, n: number): number {
  const loads = keySpaceShares(placement, n);
  const mean = loads.reduce((a, b) => a + b, 0) / loads.length;
  return mean / Math.max(...loads);
}

interface SweepPoint {
  readonly strategy: 1 | 2 | 3;
  readonly tokensPerNode: number;
  readonly partitions: number;
  readonly partitioning: (seed: number) => Partitioning;
}

/** The three strategies at the metadata size of sweep value t (see the top of this file). */
export function equalMetadataPoints(s: number, t: number): SweepPoint[] {
  const tokenEntryBytes = TOKEN_BYTES + NODE_ID_BYTES;
  const q2 = STRATEGY2_PARTITIONS_PER_TOKEN * s * t;
  const budgetBytes = s * t * tokenEntryBytes + q2 * NODE_ID_BYTES; // what Strategy 2 keeps
  const t1 = Math.floor(budgetBytes / (s * tokenEntryBytes));
  const q3 = Math.floor(budgetBytes / NODE_ID_BYTES);
  return [
    {
      strategy: 1,
      tokensPerNode: t1,
      partitions: t1 * s,
      partitioning: (seed) => ({ strategy: 1, tokensPerNode: t1, seed }),
    },
    {
      strategy: 2,
      tokensPerNode: t,
      partitions: q2,
      partitioning: (seed) => ({ strategy: 2, tokensPerNode: t, partitions: q2, seed }),
    },
    {
      strategy: 3,
      tokensPerNode: q3 / s,
      partitions: q3,
      partitioning: (seed) => ({ strategy: 3, partitions: q3, seed }),
    },
  ];
}

export function strategiesExperiment(options: StrategiesOptions = {}): StrategiesResult {
  const seed = options.seed ?? 1;
  const s = options.nodes ?? 30;
  const n = options.replicas ?? 3;
  const repeats = options.repeats ?? 10;
  const sweep = options.sweep ?? STRATEGIES_SWEEP_DEFAULT;
  if (!(Number.isInteger(s) && s >= 1))
    throw new Error(`nodes must be a positive integer, got ${s}`);
  if (!(Number.isInteger(n) && n >= 1 && n <= s))
    throw new Error(`replicas must be an integer in [1, ${s}], got ${n}`);
  if (!(Number.isInteger(repeats) && repeats >= 1))
    throw new Error(`repeats must be a positive integer, got ${repeats}`);
  const names = nodeNames(s);
  const root = new Rng(seed);
  const placementSeeds = Array.from({ length: repeats }, (_, r) =>
    root.fork(`strategies:placement:${r}`).nextU32(),
  );

  const rows: StrategiesRow[] = [];
  for (const t of sweep) {
    if (!(Number.isInteger(t) && t >= 1))
      throw new Error(`sweep values must be positive integers, got ${t}`);
    for (const point of equalMetadataPoints(s, t)) {
      let bytes = 0;
      const efficiencies = placementSeeds.map((placementSeed) => {
        const placement = placeNodes(names, point.partitioning(placementSeed));
        bytes = metadataBytesPerNode(placement);
        return loadBalancingEfficiency(placement, n);
      });
      rows.push({
        strategy: point.strategy,
        nodes: s,
        replicas: n,
        tokensPerNode: point.tokensPerNode,
        partitions: point.partitions,
        metadataBytesPerNode: bytes,
        ...summarize(efficiencies),
        placements: repeats,
      });
    }
  }
  return { experiment: "strategies", seed, nodes: s, replicas: n, repeats, rows };
}

function summarize(xs: readonly number[]) {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance =
    xs.length > 1 ? xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1) : 0;
  return {
    efficiency: mean,
    efficiencyMin: Math.min(...xs),
    efficiencyMax: Math.max(...xs),
    efficiencyStdDev: Math.sqrt(variance),
  };
}
