/**
 * Merkle trees over one key range (Dynamo, SOSP 2007, section 4.7): the leaves hash the keys that
 * fall into them (with their versions), each parent hashes its two children, so two replicas whose
 * roots are equal hold the same data for the range, and where they differ, comparing children
 * level by level finds the differing leaves without sending the keys that agree.
 *
 * A key's leaf depends only on the key (a hash of it), so both replicas bucket it alike. The tree
 * is complete and binary: level l has 2^l nodes, node i of level l has children 2i and 2i + 1.
 * Hashes are 32-bit FNV-1a: enough to tell replicas apart in a teaching cluster, not a defence
 * against an adversary. An empty subtree hashes to 0.
 */

import { formatClock } from "./vectorClock";
import { type Cached, DIGEST_CACHE, type Siblings } from "./versioning";

/** 32-bit FNV-1a of a string's UTF-16 code units, continuing from `h`. */
export function fnv1a(s: string, h = 0x811c9dc5): number {
  let x = h >>> 0;
  for (let i = 0; i < s.length; i++) {
    x ^= s.charCodeAt(i);
    x = Math.imul(x, 0x01000193) >>> 0;
  }
  return x;
}

/** A digest of what a node holds for a key: what it has seen, and its live versions' dots and values. */
export function versionsDigest(siblings: Siblings): number {
  const cached = (siblings as Cached)[DIGEST_CACHE];
  if (cached !== undefined) return cached;
  let h = fnv1a(formatClock(siblings.seen));
  for (const v of siblings.versions)
    h = fnv1a(`${v.dot.node}\u0000${v.dot.counter}\u0000${v.value}\u0001`, h);
  // a node's Merkle trees are rebuilt for every exchange: each value is digested once
  if (!Object.isFrozen(siblings)) (siblings as Cached)[DIGEST_CACHE] = h;
  return h;
}

/** The leaf a key falls into, in a tree of the given depth. */
export function leafOf(key: string, depth: number): number {
  return fnv1a(key) & ((1 << depth) - 1);
}

function combine(left: number, right: number): number {
  if (left === 0 && right === 0) return 0;
  let h = 0x811c9dc5;
  for (const w of [left, right]) {
    for (let b = 0; b < 4; b++) {
      h ^= (w >>> (b * 8)) & 0xff;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h || 1;
}

export class MerkleTree {
  readonly depth: number;
  /** levels[l][i]: the hash of node i of level l */
  private readonly levels: Uint32Array[];

  /** Builds the tree of `entries` (each key once; any order). */
  constructor(depth: number, entries: Iterable<readonly [string, Siblings]>) {
    if (!(Number.isInteger(depth) && depth >= 0 && depth <= 16))
      throw new Error(`Merkle tree depth ${depth} is not an integer in [0, 16]`);
    this.depth = depth;
    const leaves = 1 << depth;
    const perLeaf: [string, number][][] = Array.from({ length: leaves }, () => []);
    for (const [key, siblings] of entries) {
      if (siblings.versions.length === 0 && siblings.seen.length === 0) continue;
      (perLeaf[leafOf(key, depth)] as [string, number][]).push([key, versionsDigest(siblings)]);
    }
    const bottom = new Uint32Array(leaves);
    perLeaf.forEach((items, i) => {
      if (items.length === 0) return;
      items.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      let h = 0x811c9dc5;
      for (const [key, digest] of items) h = fnv1a(`${key}\u0000${digest}\u0001`, h);
      bottom[i] = h || 1;
    });
    this.levels = [bottom];
    for (let l = depth - 1; l >= 0; l--) {
      const below = this.levels[0] as Uint32Array;
      const level = new Uint32Array(1 << l);
      for (let i = 0; i < level.length; i++) {
        level[i] = combine(below[2 * i] as number, below[2 * i + 1] as number);
      }
      this.levels.unshift(level);
    }
  }

  /** Every level's hashes, root first: for views. */
  levelHashes(): number[][] {
    return this.levels.map((l) => [...l]);
  }

  get root(): number {
    return (this.levels[0] as Uint32Array)[0] as number;
  }

  hash(level: number, index: number): number {
    const l = this.levels[level];
    if (l === undefined || index < 0 || index >= l.length)
      throw new Error(`no Merkle node ${index} at level ${level}`);
    return l[index] as number;
  }

  /** Of the given nodes of a level, those whose hash differs from `hashes` (same order). */
  differing(level: number, nodes: readonly number[], hashes: readonly number[]): number[] {
    return nodes.filter((node, k) => this.hash(level, node) !== hashes[k]);
  }
}
