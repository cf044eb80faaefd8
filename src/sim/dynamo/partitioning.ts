/**
 * Partitioning strategies: how nodes get their places on the ring, and how those places change when
 * a node joins or leaves (Dynamo, SOSP 2007, sections 4.2, 4.3 and 6.2).
 *
 * A `Placement` is plain data: the strategy, the node names, and either each node's tokens (where
 * tokens are chosen) or the owner of each fixed partition (where a partition table is kept).
 * `ringOfPlacement` turns it into the `Ring` that every other module asks for preference lists
 * (`ring.walk(key)`), so the protocol does not know which strategy placed the nodes.
 * `changeMembership` takes a placement and a join or a leave and returns the next placement, moving
 * as little as the strategy allows.
 *
 * The strategies:
 * - "tokens": the teaching default. Each node's tokens are given in the scenario, or one token per
 *   node evenly spaced in node order. A join with no tokens given splits the largest range.
 * - Strategy 1: T random tokens per node; the ranges between tokens are the partitions. Token i of
 *   node X is MD5(`X#i`) (MD5(`X#i@seed`) with a nonzero seed): the hash is the seeded random
 *   stream, so a node's tokens depend on its name alone, never on the other nodes or the order of
 *   joins, and a joining node steals ranges from its neighbours exactly as in Dynamo.
 * - Strategy 2: the same T random tokens, plus Q equal-sized fixed partitions; a partition is
 *   "placed on the first N unique nodes that are encountered while walking the consistent hashing
 *   ring clockwise from the end of the partition", so every key of a partition has the same
 *   preference list. The paper asks for Q >> N and Q >> S*T.
 * - Strategy 3: Q equal-sized partitions and Q/S tokens per node, the tokens sitting on partition
 *   boundaries (a node owns a partition when it owns the token at its end). The first placement
 *   deals the partitions out at random (seeded), Q/S each (+-1). "When a node leaves the system,
 *   its tokens are randomly distributed to the remaining nodes such that these properties are
 *   preserved. Similarly, when a node joins the system it 'steals' tokens from nodes in the system
 *   in a way that preserves these properties": a joiner takes floor(Q/(S+1)) partitions, each from
 *   a node holding the most (chosen at random among them); a leaver's partitions go one by one to a
 *   node holding the fewest.
 * - "mod-n": node = hash(key) mod S, then the next N-1 nodes by index. No ring: for comparison, it
 *   is what consistent hashing was invented to replace (almost every key moves when S changes).
 * - "explicit": a central partition table (a directory) of Q equal partitions, dealt round-robin
 *   (partition p to node p mod S) so neighbouring partitions have different owners. A join moves
 *   the fewest partitions that balance the table, floor(Q/(S+1)), taking them from the nodes
 *   holding the most at evenly spread places; a leave hands each of the leaver's partitions to a
 *   node holding the fewest. Deterministic, no randomness. Replicas walk the table clockwise like
 *   Strategy 3.
 *
 * Membership metadata per node (`metadataBytesPerNode`), the x-axis of the paper's Figure 8 ("the
 * same amount of space to maintain their membership information"): a token is 16 bytes (a 128-bit
 * position) and a node id 4 bytes.
 * - "tokens" and Strategy 1: every node keeps the whole token map, all tokens with their owner: 20
 *   bytes per token, 20 * S * T bytes.
 * - Strategy 2: the same token map, which decides placement, plus the partition table: Q entries of
 *   4 bytes (partition -> the node that holds it). Partitions are Strategy 2's unit of storage,
 *   transfer and Merkle trees, so nodes track where each one lives; and the paper ran Strategy 2 as
 *   the interim setup while moving from Strategy 1 to Strategy 3, so it carries the membership
 *   state of both. Hence 20 * S * T + 4 * Q bytes. (Counting the tokens only would make Strategy 2
 *   cost what Strategy 1 costs; it then balances load about as well as Strategy 1, not worse.)
 * - Strategy 3 and the explicit map: Q entries of 4 bytes (partition -> node). The tokens are the
 *   partition boundaries, implied by Q, so no position is stored: 4 * Q bytes.
 * - mod-N: the ordered list of node ids, 4 * S bytes.
 */

import { Rng } from "../core/rng";
import { md5Hex } from "./md5";
import { partitionStart, RING_HEX_DIGITS, Ring, unitToPosition } from "./ring";

/** A strategy and its parameters, as the scenario's `cluster.partitioning` gives them. */
export type Partitioning =
  | { readonly strategy: "tokens" }
  | { readonly strategy: 1; readonly tokensPerNode: number; readonly seed?: number }
  | {
      readonly strategy: 2;
      readonly tokensPerNode: number;
      readonly partitions: number;
      readonly seed?: number;
    }
  | { readonly strategy: 3; readonly partitions: number; readonly seed?: number }
  | { readonly strategy: "mod-n" }
  | { readonly strategy: "explicit"; readonly partitions: number };

export type PartitioningStrategy = Partitioning["strategy"];

export const DEFAULT_PARTITIONING: Partitioning = { strategy: "tokens" };

/** Bytes of one token in the membership metadata: a 128-bit ring position. */
export const TOKEN_BYTES = 16;
/** Bytes of one node id in the membership metadata. */
export const NODE_ID_BYTES = 4;

export interface Placement {
  readonly partitioning: Partitioning;
  readonly names: readonly string[];
  /**
   * Per node, its token positions (32 hex digits), for "tokens" and Strategies 1 and 2; empty
   * lists otherwise (under Strategy 3 and the explicit map a node's tokens are the ends of its
   * partitions, which `ringOfPlacement` derives from `owners`; mod-N has none).
   */
  readonly tokens: readonly (readonly string[])[];
  /** Per fixed partition, the index of the node owning it (Strategy 3, explicit); else empty. */
  readonly owners: readonly number[];
}

export type MembershipChange =
  | {
      readonly kind: "join";
      readonly name: string;
      /** the joiner's tokens, for the "tokens" strategy only (default: split the largest range) */
      readonly tokens?: readonly string[];
    }
  | { readonly kind: "leave"; readonly name: string };

/** Token i of a node: MD5(`name#i`), or MD5(`name#i@seed`) for a nonzero seed. */
export function randomTokens(name: string, count: number, seed = 0): string[] {
  const suffix = seed === 0 ? "" : `@${seed}`;
  return Array.from({ length: count }, (_, i) => md5Hex(`${name}#${i}${suffix}`));
}

/**
 * The first placement of `names` under a strategy. `explicitTokens` (per node, 32 hex digits each)
 * is allowed with the "tokens" strategy only; without them each node gets one token, evenly spaced
 * in node order (node i at (i + 0.5) / S of the ring).
 */
export function placeNodes(
  names: readonly string[],
  partitioning: Partitioning = DEFAULT_PARTITIONING,
  explicitTokens?: readonly (readonly string[] | undefined)[],
): Placement {
  const s = names.length;
  if (s === 0) throw new Error("a placement needs at least one node");
  if (new Set(names).size !== s) throw new Error("node names must be distinct");
  if (explicitTokens !== undefined && partitioning.strategy !== "tokens") {
    throw new Error(
      `explicit tokens need the "tokens" strategy, not ${describePartitioning(partitioning)}`,
    );
  }
  const none = names.map(() => [] as string[]);
  switch (partitioning.strategy) {
    case "tokens":
      return {
        partitioning,
        names,
        tokens: names.map((_, i) => explicitTokens?.[i] ?? [unitToPosition((i + 0.5) / s)]),
        owners: [],
      };
    case 1:
    case 2:
      return {
        partitioning,
        names,
        tokens: names.map((n) => randomTokens(n, partitioning.tokensPerNode, partitioning.seed)),
        owners: [],
      };
    case 3: {
      const q = checkPartitions(partitioning.partitions, s);
      // deal a seeded shuffle of the partitions round-robin: Q/S each, +-1, at random places
      const order = Array.from({ length: q }, (_, p) => p);
      shuffle(order, new Rng(partitioning.seed ?? 0).fork("strategy3:deal"));
      const owners = new Array<number>(q);
      order.forEach((p, k) => {
        owners[p] = k % s;
      });
      return { partitioning, names, tokens: none, owners };
    }
    case "explicit": {
      const q = checkPartitions(partitioning.partitions, s);
      const owners = Array.from({ length: q }, (_, p) => p % s);
      return { partitioning, names, tokens: none, owners };
    }
    case "mod-n":
      return { partitioning, names, tokens: none, owners: [] };
  }
}

/** The ring that answers preference lists for a placement. */
export function ringOfPlacement(placement: Placement): Ring {
  const p = placement.partitioning;
  switch (p.strategy) {
    case "tokens":
    case 1:
      return new Ring(placement.names, placement.tokens);
    case 2:
      return new Ring(placement.names, placement.tokens, { partitions: p.partitions });
    case 3:
    case "explicit":
      return new Ring(placement.names, tokensOfOwners(placement.owners, placement.names.length), {
        partitions: p.partitions,
      });
    case "mod-n":
      return new Ring(placement.names, placement.tokens, { routing: "mod-n" });
  }
}

/**
 * The ring of a placement over a fixed list of nodes (a run's processes), some of which may be
 * outside the placement: those get no tokens. Node i of the ring is `names[i]`, whatever order the
 * placement keeps its members in, so a run's process ids stay its ring indices across joins and
 * leaves.
 */
export function ringOverNodes(placement: Placement, names: readonly string[]): Ring {
  const p = placement.partitioning;
  if (p.strategy === "mod-n") {
    if (placement.names.length !== names.length || placement.names.some((n, i) => names[i] !== n))
      throw new Error("a mod-N placement cannot leave nodes out");
    return ringOfPlacement(placement);
  }
  const own =
    p.strategy === 3 || p.strategy === "explicit"
      ? tokensOfOwners(placement.owners, placement.names.length)
      : placement.tokens;
  const tokens = names.map((name) => {
    const i = placement.names.indexOf(name);
    return i < 0 ? [] : (own[i] ?? []);
  });
  const partitions =
    p.strategy === 2 || p.strategy === 3 || p.strategy === "explicit" ? p.partitions : 0;
  return new Ring(names, tokens, { partitions, absentAllowed: true });
}

/** The placement after one node joins or leaves; the input is left unchanged. */
export function changeMembership(placement: Placement, change: MembershipChange): Placement {
  const { names, partitioning } = placement;
  const s = names.length;
  if (change.kind === "join") {
    if (names.includes(change.name)) throw new Error(`${change.name} is already a member`);
    if (change.tokens !== undefined && partitioning.strategy !== "tokens") {
      throw new Error(
        `${describePartitioning(partitioning)} places a joining node itself: give no tokens`,
      );
    }
    const joined = [...names, change.name];
    switch (partitioning.strategy) {
      case "tokens":
        return {
          ...placement,
          names: joined,
          tokens: [...placement.tokens, change.tokens ?? [splitLargestRange(placement.tokens)]],
        };
      case 1:
      case 2:
        return {
          ...placement,
          names: joined,
          tokens: [
            ...placement.tokens,
            randomTokens(change.name, partitioning.tokensPerNode, partitioning.seed),
          ],
        };
      case 3:
      case "explicit": {
        const owners =
          partitioning.strategy === 3
            ? stealRandomly(placement.owners, s, partitioningRng(partitioning, change))
            : stealSpread(placement.owners, s);
        checkEveryNodeOwns(owners, s + 1);
        return { ...placement, names: joined, owners, tokens: [...placement.tokens, []] };
      }
      case "mod-n":
        return { ...placement, names: joined, tokens: [...placement.tokens, []] };
    }
  }
  const leaver = names.indexOf(change.name);
  if (leaver < 0) throw new Error(`${change.name} is not a member`);
  if (s === 1) throw new Error(`${change.name} is the last node and cannot leave`);
  const without = <T>(list: readonly T[]): T[] => list.filter((_, i) => i !== leaver);
  switch (partitioning.strategy) {
    case "tokens":
    case 1:
    case 2:
    case "mod-n":
      return { ...placement, names: without(names), tokens: without(placement.tokens) };
    case 3:
    case "explicit": {
      const handedOut =
        partitioning.strategy === 3
          ? handOutRandomly(placement.owners, s, leaver, partitioningRng(partitioning, change))
          : handOutSpread(placement.owners, s, leaver);
      const owners = handedOut.map((o) => (o > leaver ? o - 1 : o));
      checkEveryNodeOwns(owners, s - 1);
      return { ...placement, names: without(names), owners, tokens: without(placement.tokens) };
    }
  }
}

/**
 * Per node, the share of the key space for which it is among the first n nodes of the walk (see
 * `Ring.keySpaceShares`): with n = N, its share of requests as a replica under uniform keys. For
 * Strategy 3 and the explicit map it is read straight off the partition table (partition p's walk
 * meets the owners of p, p + 1, ... in turn), which is what the ring computes, only faster.
 */
export function keySpaceShares(placement: Placement, n: number): number[] {
  const owners = placement.owners;
  if (owners.length === 0) return ringOfPlacement(placement).keySpaceShares(n);
  const s = placement.names.length;
  const q = owners.length;
  const m = Math.min(Math.max(0, Math.floor(n)), s);
  const shares = new Array<number>(s).fill(0);
  const seen = new Int32Array(s);
  for (let p = 0; p < q; p++) {
    let found = 0;
    for (let k = 0; k < q && found < m; k++) {
      const node = owners[(p + k) % q] as number;
      if (seen[node] !== p + 1) {
        seen[node] = p + 1;
        shares[node] = (shares[node] as number) + 1 / q;
        found++;
      }
    }
  }
  return shares;
}

/** Membership metadata each node keeps under this placement, in bytes (model above). */
export function metadataBytesPerNode(placement: Placement): number {
  const p = placement.partitioning;
  const tokenCount = placement.tokens.reduce((sum, list) => sum + list.length, 0);
  const tokenMap = tokenCount * (TOKEN_BYTES + NODE_ID_BYTES);
  switch (p.strategy) {
    case "tokens":
    case 1:
      return tokenMap;
    case 2:
      return tokenMap + p.partitions * NODE_ID_BYTES;
    case 3:
    case "explicit":
      return p.partitions * NODE_ID_BYTES;
    case "mod-n":
      return placement.names.length * NODE_ID_BYTES;
  }
}

/** "Strategy 2 (T = 8, Q = 1024)", for tables and titles. */
export function describePartitioning(p: Partitioning): string {
  switch (p.strategy) {
    case "tokens":
      return "tokens";
    case 1:
      return `Strategy 1 (T = ${p.tokensPerNode})`;
    case 2:
      return `Strategy 2 (T = ${p.tokensPerNode}, Q = ${p.partitions})`;
    case 3:
      return `Strategy 3 (Q = ${p.partitions})`;
    case "mod-n":
      return "mod-N";
    case "explicit":
      return `explicit map (Q = ${p.partitions})`;
  }
}

// ---- helpers ------------------------------------------------------------------------------------

function checkPartitions(q: number, s: number): number {
  if (!Number.isInteger(q) || q < s) {
    throw new Error(`${q} partitions cannot give each of ${s} nodes at least one`);
  }
  return q;
}

/** Fixed partition p's token sits at its end, start(p + 1); each node owns its partitions' ends. */
function tokensOfOwners(owners: readonly number[], s: number): string[][] {
  const q = owners.length;
  const tokens = Array.from({ length: s }, () => [] as string[]);
  owners.forEach((node, p) => {
    (tokens[node] as string[]).push(partitionStart((p + 1) % q, q));
  });
  return tokens;
}

function checkEveryNodeOwns(owners: readonly number[], s: number): void {
  const counts = new Array<number>(s).fill(0);
  for (const o of owners) counts[o] = (counts[o] as number) + 1;
  const idle = counts.indexOf(0);
  if (idle >= 0) throw new Error(`node ${idle} would own no partition`);
}

function partitioningRng(p: Partitioning, change: MembershipChange): Rng {
  const seed = "seed" in p ? (p.seed ?? 0) : 0;
  return new Rng(seed).fork(`strategy3:${change.kind}:${change.name}`);
}

function shuffle<T>(items: T[], rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
}

function partitionsByNode(owners: readonly number[], s: number): number[][] {
  const lists = Array.from({ length: s }, () => [] as number[]);
  owners.forEach((node, p) => {
    (lists[node] as number[]).push(p);
  });
  return lists;
}

function joinTarget(q: number, s: number): number {
  const target = Math.floor(q / (s + 1));
  if (target === 0) throw new Error(`${q} partitions cannot give each of ${s + 1} nodes one`);
  return target;
}

/** Strategy 3 join: the new node (index s) steals floor(Q/(S+1)) partitions at random. */
function stealRandomly(owners: readonly number[], s: number, rng: Rng): number[] {
  const next = [...owners];
  const lists = partitionsByNode(owners, s);
  const target = joinTarget(owners.length, s);
  for (let k = 0; k < target; k++) {
    const most = Math.max(...lists.map((l) => l.length));
    const donors = lists.flatMap((l, i) => (l.length === most ? [i] : []));
    const donor = lists[donors[rng.int(donors.length)] as number] as number[];
    const at = rng.int(donor.length);
    next[donor[at] as number] = s;
    donor.splice(at, 1);
  }
  return next;
}

/** Strategy 3 leave: the leaver's partitions, in random order, each to a least-loaded node. */
function handOutRandomly(owners: readonly number[], s: number, leaver: number, rng: Rng): number[] {
  const next = [...owners];
  const counts = partitionsByNode(owners, s).map((l) => l.length);
  const mine = owners.flatMap((o, p) => (o === leaver ? [p] : []));
  shuffle(mine, rng);
  for (const p of mine) {
    let fewest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < s; i++) if (i !== leaver) fewest = Math.min(fewest, counts[i] as number);
    const takers = counts.flatMap((c, i) => (i !== leaver && c === fewest ? [i] : []));
    const taker = takers[rng.int(takers.length)] as number;
    next[p] = taker;
    counts[taker] = (counts[taker] as number) + 1;
  }
  return next;
}

/**
 * Explicit map join: floor(Q/(S+1)) partitions move to the new node (index s). The k-th is the
 * first partition at or after k * Q / target whose owner holds the most, so the joiner's partitions
 * are spread around the table and the others stay balanced.
 */
function stealSpread(owners: readonly number[], s: number): number[] {
  const q = owners.length;
  const next = [...owners];
  const counts = partitionsByNode(owners, s).map((l) => l.length);
  const target = joinTarget(q, s);
  for (let k = 0; k < target; k++) {
    const most = Math.max(...counts);
    const ideal = Math.floor((k * q) / target);
    for (let j = 0; j < q; j++) {
      const p = (ideal + j) % q;
      const owner = next[p] as number;
      if (owner !== s && counts[owner] === most) {
        next[p] = s;
        counts[owner] = most - 1;
        break;
      }
    }
  }
  return next;
}

/**
 * Explicit map leave: the leaver's partitions, in order, each to a node holding the fewest,
 * preferring one that owns neither neighbouring partition (so replicas stay on distinct nodes),
 * then the lowest index.
 */
function handOutSpread(owners: readonly number[], s: number, leaver: number): number[] {
  const q = owners.length;
  const next = [...owners];
  const counts = partitionsByNode(owners, s).map((l) => l.length);
  for (let p = 0; p < q; p++) {
    if (owners[p] !== leaver) continue;
    const before = next[(p - 1 + q) % q];
    const after = next[(p + 1) % q];
    let best = -1;
    let bestScore = Number.POSITIVE_INFINITY;
    for (let i = 0; i < s; i++) {
      if (i === leaver) continue;
      const score = (counts[i] as number) * 2 + (i === before || i === after ? 1 : 0);
      if (score < bestScore) {
        bestScore = score;
        best = i;
      }
    }
    next[p] = best;
    counts[best] = (counts[best] as number) + 1;
  }
  return next;
}

/** A position halfway along the largest range between tokens (ties: the first in ring order). */
function splitLargestRange(tokens: readonly (readonly string[])[]): string {
  const all = [...new Set(tokens.flat())].map((t) => BigInt(`0x${t}`)).sort(compareBig);
  const ring = 1n << 128n;
  let bestStart = 0n;
  let bestLength = -1n;
  all.forEach((end, i) => {
    const start = all[(i - 1 + all.length) % all.length] as bigint;
    const length = all.length === 1 ? ring : (end - start + ring) % ring;
    if (length > bestLength) {
      bestLength = length;
      bestStart = start;
    }
  });
  return ((bestStart + bestLength / 2n) % ring).toString(16).padStart(RING_HEX_DIGITS, "0");
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
