/**
 * The consistent-hashing ring (Dynamo, SOSP 2007, sections 4.2, 4.3 and 6.2).
 *
 * Positions are 128-bit MD5 values, written as 32 lowercase hex digits so that comparing two
 * strings compares the numbers exactly. Each node owns one or more tokens (virtual nodes); a token
 * at position B owns the range (A, B] back to the previous token A. A key is stored by the owner of
 * the range it falls in and by the next N-1 *distinct physical* nodes clockwise: its preference
 * list. Walking on past N gives the extended list that sloppy quorums draw stand-ins from.
 *
 * Two variations serve the partitioning strategies of section 6.2 (`partitioning.ts` builds them):
 * - fixed partitions (`partitions: Q`): the key space is cut into Q equal ranges, and every key of
 *   a partition takes the walk that starts at the partition's end ("placed on the first N unique
 *   nodes that are encountered while walking the consistent hashing ring clockwise from the end of
 *   the partition", Strategies 2 and 3). Partition p is (start(p), start(p+1)], with start(p) =
 *   floor(p * 2^128 / Q).
 * - `routing: "mod-n"`: no ring at all, node = position mod S and then the following nodes by
 *   index; the naive scheme consistent hashing replaces, kept for comparison.
 *
 * Invariant: `walk` and `walkFrom` list every physical node exactly once.
 */

import { md5Hex } from "./md5";

export const RING_HEX_DIGITS = 32;
const UNIT_DIGITS = 13; // 52 bits, exact in a double
/** the most fixed partitions a ring can have: start(p) is computed exactly in doubles up to 2^20 */
export const PARTITIONS_MAX = 2 ** 20;

export interface RingToken {
  /** 32 hex digits */
  readonly position: string;
  /** index of the node owning this token */
  readonly node: number;
  /** position as a fraction of the ring in [0, 1), for drawing */
  readonly unit: number;
}

/** How a key's position is turned into a walk over the nodes. */
export type RingRouting = "ring" | "mod-n";

export interface RingOptions {
  /**
   * Q > 0: Q equal-sized fixed partitions; every key of a partition takes the walk that starts at
   * the end of the partition. Default 0: the ranges between tokens are the partitions.
   */
  readonly partitions?: number;
  /** "ring" (default): walk the tokens clockwise; "mod-n": node = position mod S (no tokens) */
  readonly routing?: RingRouting;
  /** nodes with no tokens are outside the ring (standby or departed) instead of an error */
  readonly absentAllowed?: boolean;
}

/** The ring position of a key: its MD5 digest. */
export function keyPosition(key: string): string {
  return md5Hex(key);
}

/** A position as a fraction of the ring in [0, 1) (52 bits of precision). */
export function positionToUnit(position: string): number {
  return Number.parseInt(position.slice(0, UNIT_DIGITS), 16) / 2 ** 52;
}

/** The position at fraction `unit` of the ring (unit in [0, 1)). */
export function unitToPosition(unit: number): string {
  if (!(unit >= 0 && unit < 1)) throw new Error(`ring fraction ${unit} is not in [0, 1)`);
  const head = Math.floor(unit * 2 ** 52)
    .toString(16)
    .padStart(UNIT_DIGITS, "0");
  return head.padEnd(RING_HEX_DIGITS, "0");
}

/**
 * The start of fixed partition p of q: floor(p * 2^128 / q), as 32 hex digits, computed exactly by
 * long division in base 2^32 (every intermediate stays below 2^52). Partition p is
 * (start(p), start(p + 1)], wrapping at 2^128.
 */
export function partitionStart(p: number, q: number): string {
  if (!(Number.isInteger(q) && q >= 1 && q <= PARTITIONS_MAX))
    throw new Error(`partition count ${q} is not an integer in [1, ${PARTITIONS_MAX}]`);
  if (!(Number.isInteger(p) && p >= 0 && p < q))
    throw new Error(`partition ${p} is not in [0, ${q})`);
  return startOf(p, q);
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => (i + 256).toString(16).slice(1));

/** partitionStart without the argument checks, for loops that already know them. */
function startOf(p: number, q: number): string {
  let rem = p;
  let hex = "";
  for (let word = 0; word < 4; word++) {
    const cur = rem * 4294967296;
    const digit = Math.floor(cur / q);
    rem = cur - digit * q;
    hex +=
      (HEX_BYTE[digit >>> 24] as string) +
      (HEX_BYTE[(digit >>> 16) & 255] as string) +
      (HEX_BYTE[(digit >>> 8) & 255] as string) +
      (HEX_BYTE[digit & 255] as string);
  }
  return hex;
}

/** True if token i's position (four words at words[4i..]) is below the position `end`. */
function wordsBefore(words: Float64Array, i: number, end: Float64Array): boolean {
  for (let w = 0; w < 4; w++) {
    const a = words[i * 4 + w] as number;
    const b = end[w] as number;
    if (a !== b) return a < b;
  }
  return false;
}

/** position mod s, for positions of 32 hex digits and s < 2^21 (exact in doubles). */
function positionMod(position: string, s: number): number {
  let r = 0;
  for (let i = 0; i < RING_HEX_DIGITS; i += 8) {
    r = (r * 4294967296 + Number.parseInt(position.slice(i, i + 8), 16)) % s;
  }
  return r;
}

export class Ring {
  readonly names: readonly string[];
  /** every token, sorted by position (empty for mod-N) */
  readonly tokens: readonly RingToken[];
  /** Q, the number of equal-sized fixed partitions; 0 when the token ranges are the partitions */
  readonly partitionCount: number;
  readonly routing: RingRouting;
  private readonly walkCache = new Map<string, readonly number[]>();
  /** fixed partitions: partition index -> its walk, filled on demand */
  private readonly partitionWalks = new Map<number, readonly number[]>();
  private readonly tokenWalks = new Map<number, readonly number[]>();
  private readonly rangeCache = new Map<string, number>();

  /** `tokens[i]` lists node i's token positions (32 hex digits each). */
  constructor(
    names: readonly string[],
    tokens: readonly (readonly string[])[],
    options: RingOptions = {},
  ) {
    if (names.length === 0) throw new Error("a ring needs at least one node");
    if (tokens.length !== names.length) throw new Error("one token list per node");
    const routing = options.routing ?? "ring";
    const partitions = options.partitions ?? 0;
    if (!(Number.isInteger(partitions) && partitions >= 0 && partitions <= PARTITIONS_MAX))
      throw new Error(`partition count ${partitions} is not an integer in [0, ${PARTITIONS_MAX}]`);
    if (routing === "mod-n" && partitions !== 0)
      throw new Error("a mod-N placement has no fixed partitions");
    const all: RingToken[] = [];
    tokens.forEach((list, node) => {
      if (routing === "mod-n") {
        if (list.length !== 0) throw new Error("a mod-N placement has no tokens");
        return;
      }
      if (list.length === 0) {
        if (options.absentAllowed === true) return; // a node outside the ring (standby, or left)
        throw new Error(`node ${names[node]} has no token`);
      }
      for (const position of list) {
        if (!/^[0-9a-f]{32}$/.test(position)) throw new Error(`bad ring position ${position}`);
        all.push({ position, node, unit: positionToUnit(position) });
      }
    });
    all.sort((a, b) =>
      a.position < b.position ? -1 : a.position > b.position ? 1 : a.node - b.node,
    );
    for (let i = 1; i < all.length; i++) {
      const prev = all[i - 1] as RingToken;
      const cur = all[i] as RingToken;
      if (prev.position === cur.position) {
        throw new Error(
          `nodes ${names[prev.node]} and ${names[cur.node]} share the ring position ${cur.position}`,
        );
      }
    }
    this.names = names;
    this.tokens = all;
    this.partitionCount = partitions;
    this.routing = routing;
  }

  get size(): number {
    return this.names.length;
  }

  /** Index (in `tokens`) of the first token at or after `position`, wrapping to 0. */
  successorToken(position: string): number {
    const t = this.tokens;
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((t[mid] as RingToken).position < position) lo = mid + 1;
      else hi = mid;
    }
    return lo === t.length ? 0 : lo;
  }

  /**
   * Every physical node in the order a clockwise walk from the key meets them, each once: the first
   * N are the preference list, the rest the extended list. Cached per key.
   */
  walk(key: string): readonly number[] {
    let order = this.walkCache.get(key);
    if (order === undefined) {
      order = this.walkAt(keyPosition(key));
      if (this.walkCache.size > 100_000) this.walkCache.clear();
      this.walkCache.set(key, order);
    }
    return order;
  }

  /** The walk of distinct nodes that a key at this ring position takes. */
  walkFrom(position: string): number[] {
    return [...this.walkAt(position)];
  }

  /** Like walkFrom, but keys of one fixed partition share one (read-only) array. */
  private walkAt(position: string): readonly number[] {
    if (this.routing === "mod-n") return this.walkByIndex(positionMod(position, this.names.length));
    if (this.partitionCount > 0) return this.partitionWalk(this.partitionOf(position));
    return this.walkFromToken(this.successorToken(position));
  }

  /** The first node of the walk from a position (the key's coordinator), without allocating. */
  ownerAt(position: string): number {
    if (this.routing === "mod-n") return positionMod(position, this.names.length);
    if (this.partitionCount > 0) return this.partitionWalk(this.partitionOf(position))[0] as number;
    return (this.tokens[this.successorToken(position)] as RingToken).node;
  }

  /** The first n distinct nodes clockwise from the key (node indices). */
  preferenceList(key: string, n: number): number[] {
    return this.walk(key).slice(0, n);
  }

  /**
   * Key ranges, the unit of anti-entropy: the fixed partitions if the ring has them, else the
   * ranges between consecutive tokens (range i ends at token i), else (mod-N) one per node.
   */
  get rangeCount(): number {
    if (this.routing === "mod-n") return this.names.length;
    return this.partitionCount > 0 ? this.partitionCount : this.tokens.length;
  }

  /** The key range a key falls in (cached per key). */
  rangeOfKey(key: string): number {
    let r = this.rangeCache.get(key);
    if (r === undefined) {
      const position = keyPosition(key);
      r =
        this.routing === "mod-n"
          ? positionMod(position, this.names.length)
          : this.partitionCount > 0
            ? this.partitionOf(position)
            : this.successorToken(position);
      if (this.rangeCache.size > 100_000) this.rangeCache.clear();
      this.rangeCache.set(key, r);
    }
    return r;
  }

  /** The walk shared by every key of range i (see rangeCount). */
  rangeWalk(i: number): readonly number[] {
    if (this.routing === "mod-n") return this.walkByIndex(i);
    if (this.partitionCount > 0) return this.partitionWalk(i);
    let order = this.tokenWalks.get(i);
    if (order === undefined) {
      order = this.walkFromToken(i);
      this.tokenWalks.set(i, order);
    }
    return order;
  }

  /** The range (start, end] owned by token i, as positions. */
  rangeOf(tokenIndex: number): { start: string; end: string } {
    const t = this.tokens;
    const prev = t[(tokenIndex - 1 + t.length) % t.length] as RingToken;
    return { start: prev.position, end: (t[tokenIndex] as RingToken).position };
  }

  /** The fixed partition holding a position: the p with start(p) < position <= start(p + 1). */
  partitionOf(position: string): number {
    const q = this.partitionCount;
    if (q === 0) throw new Error("this ring has no fixed partitions");
    const f = positionToUnit(position) * q;
    let p = Math.min(q - 1, Math.floor(f));
    // Fast path: the 52-bit unit is within 2^-52 of the position and q <= 2^20, so unless f is
    // within 1e-6 of a whole number, p = floor(f) exactly; else settle it on the exact boundaries.
    if (f - p > 1e-6 && p + 1 - f > 1e-6) return p;
    while (p + 1 < q && startOf(p + 1, q) < position) p++;
    while (p >= 0 && startOf(p, q) >= position) p--;
    return p < 0 ? q - 1 : p;
  }

  /** Where the fixed partitions start, as fractions of the ring (p / Q); empty without them. */
  partitionUnits(): number[] {
    const q = this.partitionCount;
    return Array.from({ length: q }, (_, p) => p / q);
  }

  /** The walk shared by every key of fixed partition p: from the partition's end. */
  partitionWalk(p: number): readonly number[] {
    let order = this.partitionWalks.get(p);
    if (order === undefined) {
      const q = this.partitionCount;
      order = this.walkFromToken(this.successorToken(startOf((p + 1) % q, q)));
      this.partitionWalks.set(p, order);
    }
    return order;
  }

  /**
   * Per node, the fraction of the key space for which it is among the first n nodes of the walk:
   * with n = 1 the share it coordinates, with n = N the share of requests it serves as a replica
   * under uniformly spread keys. Exact up to the 52 bits of `unit` (mod-N: exactly 1/S each).
   */
  keySpaceShares(n: number): number[] {
    const s = this.names.length;
    const m = Math.min(Math.max(0, Math.floor(n)), s);
    const shares = new Array<number>(s).fill(0);
    if (this.routing === "mod-n") return shares.fill(m / s);
    const t = this.tokens;
    const seen = new Int32Array(s);
    let epoch = 0;
    const credit = (start: number, length: number) => {
      epoch++;
      let found = 0;
      for (let k = 0; k < t.length && found < m; k++) {
        const node = (t[(start + k) % t.length] as RingToken).node;
        if (seen[node] !== epoch) {
          seen[node] = epoch;
          shares[node] = (shares[node] as number) + length;
          found++;
        }
      }
    };
    const q = this.partitionCount;
    if (q > 0) {
      // Partition p = (start(p), start(p + 1)]: its walk starts at the first token >= start(p + 1).
      // The ends grow with p, so one pointer sweeps the tokens once; positions are compared as four
      // 32-bit words (exact), which spares a string per partition.
      const words = new Float64Array(t.length * 4);
      t.forEach((token, i) => {
        for (let w = 0; w < 4; w++) {
          words[i * 4 + w] = Number.parseInt(token.position.slice(w * 8, w * 8 + 8), 16);
        }
      });
      const end = new Float64Array(4);
      let next = 0;
      for (let p = 0; p + 1 < q; p++) {
        let rem = p + 1;
        for (let w = 0; w < 4; w++) {
          const cur = rem * 4294967296;
          end[w] = Math.floor(cur / q);
          rem = cur - (end[w] as number) * q;
        }
        while (next < t.length && wordsBefore(words, next, end)) next++;
        credit(next === t.length ? 0 : next, 1 / q);
      }
      credit(0, 1 / q); // the last partition ends at 2^128 = 0: the first token
      return shares;
    }
    for (let i = 0; i < t.length; i++) {
      const u = (t[i] as RingToken).unit;
      const prev = (t[(i - 1 + t.length) % t.length] as RingToken).unit;
      credit(i, t.length === 1 ? 1 : i === 0 ? u + 1 - prev : u - prev);
    }
    return shares;
  }

  private walkFromToken(start: number): number[] {
    const seen = new Uint8Array(this.names.length);
    const order: number[] = [];
    const t = this.tokens;
    for (let k = 0; k < t.length && order.length < this.names.length; k++) {
      const node = (t[(start + k) % t.length] as RingToken).node;
      if (seen[node] === 0) {
        seen[node] = 1;
        order.push(node);
      }
    }
    return order;
  }

  private walkByIndex(first: number): number[] {
    const s = this.names.length;
    return Array.from({ length: s }, (_, k) => (first + k) % s);
  }
}
