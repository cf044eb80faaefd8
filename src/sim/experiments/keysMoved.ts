/**
 * How many keys change owner when one node joins or leaves (Dynamo, SOSP 2007, sections 4.2 and
 * 6.2): the reason for consistent hashing. With hash(key) mod S almost every key moves when S
 * changes (S/(S+1) of them on a join); on a consistent-hashing ring only the keys the newcomer
 * takes over move, about 1/(S+1) on a join and the leaver's 1/S on a leave. A central partition
 * table moves exactly the partitions it reassigns.
 *
 * A key's owner is the first node of its preference list (its coordinator), compared by name, so a
 * leave that renumbers the nodes does not count as a move. The fraction is measured over sampled
 * key names (`key-0`, `key-1`, ...), each placed by its MD5 position; the joining node is the next
 * name after the S nodes (S = 30: A..AD, joiner AE), and the leaving node is drawn from the seed.
 */

import { Rng } from "../core/rng";
import {
  changeMembership,
  describePartitioning,
  type MembershipChange,
  type Partitioning,
  type Placement,
  placeNodes,
  ringOfPlacement,
} from "../dynamo/partitioning";
import { keyPosition } from "../dynamo/ring";
import { nodeNames } from "../scenario/schema";

export interface KeysMovedOptions {
  /** the experiment's seed: placement seeds and the leaving node are drawn from it (default 1) */
  readonly seed?: number;
  /** S, nodes before the change (default 30) */
  readonly nodes?: number;
  /** sampled key names (default 100,000) */
  readonly keys?: number;
}

export interface KeysMovedRow {
  /** "tokens", "strategy 1", "strategy 2", "strategy 3", "mod-n" or "explicit" */
  readonly placement: string;
  /** the placement's parameters in words, e.g. "Strategy 2 (T = 32, Q = 9600)" */
  readonly description: string;
  readonly change: "join" | "leave";
  /** the node that joined or left */
  readonly node: string;
  readonly nodesBefore: number;
  readonly nodesAfter: number;
  /** sampled keys whose first preference-list node changed, over all sampled keys */
  readonly fractionMoved: number;
  /** the least any placement must move to stay balanced: 1/(S+1) on a join, 1/S on a leave */
  readonly idealFraction: number;
}

export interface KeysMovedResult {
  readonly experiment: "keys-moved";
  readonly seed: number;
  readonly nodes: number;
  readonly keys: number;
  readonly rows: KeysMovedRow[];
}

/** Strategies 1 and 2: tokens per node. */
export const KEYS_MOVED_TOKENS_PER_NODE = 32;
/** Strategy 3 and the explicit map: partitions per node before the change (Q = this * S). */
export const KEYS_MOVED_PARTITIONS_PER_NODE = 64;

/** The placements compared, for S nodes and a placement seed. */
export function keysMovedPlacements(
  s: number,
  placementSeed: number,
): { placement: string; partitioning: Partitioning }[] {
  const t = KEYS_MOVED_TOKENS_PER_NODE;
  const q = KEYS_MOVED_PARTITIONS_PER_NODE * s;
  return [
    { placement: "tokens", partitioning: { strategy: "tokens" } },
    {
      placement: "strategy 1",
      partitioning: { strategy: 1, tokensPerNode: t, seed: placementSeed },
    },
    {
      placement: "strategy 2",
      partitioning: { strategy: 2, tokensPerNode: t, partitions: 10 * s * t, seed: placementSeed },
    },
    { placement: "strategy 3", partitioning: { strategy: 3, partitions: q, seed: placementSeed } },
    { placement: "mod-n", partitioning: { strategy: "mod-n" } },
    { placement: "explicit", partitioning: { strategy: "explicit", partitions: q } },
  ];
}

/** The fraction of the given key positions whose owner (by name) differs between two placements. */
export function fractionMoved(
  before: Placement,
  after: Placement,
  positions: readonly string[],
): number {
  if (positions.length === 0) throw new Error("no keys to measure");
  const a = ringOfPlacement(before);
  const b = ringOfPlacement(after);
  let moved = 0;
  for (const position of positions) {
    if (a.names[a.ownerAt(position)] !== b.names[b.ownerAt(position)]) moved++;
  }
  return moved / positions.length;
}

export const KEYS_MOVED_NODES_MAX = 256;

export function keysMovedExperiment(options: KeysMovedOptions = {}): KeysMovedResult {
  const seed = options.seed ?? 1;
  const s = options.nodes ?? 30;
  const keyCount = options.keys ?? 100_000;
  if (!(Number.isInteger(s) && s >= 2 && s <= KEYS_MOVED_NODES_MAX))
    throw new Error(`nodes must be an integer in [2, ${KEYS_MOVED_NODES_MAX}], got ${s}`);
  if (!(Number.isInteger(keyCount) && keyCount >= 1))
    throw new Error(`keys must be a positive integer, got ${keyCount}`);
  const names = nodeNames(s + 1);
  const members = names.slice(0, s);
  const joiner = names[s] as string;
  const root = new Rng(seed);
  const leaver = members[root.fork("keys-moved:leaver").int(s)] as string;
  const placementSeed = root.fork("keys-moved:placement").nextU32();
  const positions = Array.from({ length: keyCount }, (_, i) => keyPosition(`key-${i}`));

  const rows: KeysMovedRow[] = [];
  for (const { placement, partitioning } of keysMovedPlacements(s, placementSeed)) {
    const before = placeNodes(members, partitioning);
    const changes: MembershipChange[] = [
      { kind: "join", name: joiner },
      { kind: "leave", name: leaver },
    ];
    for (const change of changes) {
      const after = changeMembership(before, change);
      rows.push({
        placement,
        description: describePartitioning(partitioning),
        change: change.kind,
        node: change.name,
        nodesBefore: s,
        nodesAfter: after.names.length,
        fractionMoved: fractionMoved(before, after, positions),
        idealFraction: change.kind === "join" ? 1 / (s + 1) : 1 / s,
      });
    }
  }
  return { experiment: "keys-moved", seed, nodes: s, keys: keyCount, rows };
}
