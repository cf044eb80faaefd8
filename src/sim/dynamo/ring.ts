/**
 * The consistent-hashing ring (Dynamo, SOSP 2007, section 4.2).
 *
 * Positions are 128-bit MD5 values, written as 32 lowercase hex digits so that comparing two
 * strings compares the numbers exactly. Each node owns one or more tokens (virtual nodes); a token
 * at position B owns the range (A, B] back to the previous token A. A key is stored by the owner of
 * the range it falls in and by the next N-1 *distinct physical* nodes clockwise: its preference
 * list. Walking on past N gives the extended list that sloppy quorums draw stand-ins from.
 */

import { md5Hex } from "./md5";

export const RING_HEX_DIGITS = 32;
const UNIT_DIGITS = 13; // 52 bits, exact in a double

export interface RingToken {
  /** 32 hex digits */
  readonly position: string;
  /** index of the node owning this token */
  readonly node: number;
  /** position as a fraction of the ring in [0, 1), for drawing */
  readonly unit: number;
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

export class Ring {
  readonly names: readonly string[];
  readonly tokens: readonly RingToken[];
  private readonly walkCache = new Map<string, readonly number[]>();

  /** `tokens[i]` lists node i's token positions (32 hex digits each). */
  constructor(names: readonly string[], tokens: readonly (readonly string[])[]) {
    if (names.length === 0) throw new Error("a ring needs at least one node");
    if (tokens.length !== names.length) throw new Error("one token list per node");
    const all: RingToken[] = [];
    tokens.forEach((list, node) => {
      if (list.length === 0) throw new Error(`node ${names[node]} has no token`);
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
      order = this.walkFrom(keyPosition(key));
      if (this.walkCache.size > 100_000) this.walkCache.clear();
      this.walkCache.set(key, order);
    }
    return order;
  }

  /** The clockwise walk of distinct nodes from a ring position. */
  walkFrom(position: string): number[] {
    const seen = new Uint8Array(this.names.length);
    const order: number[] = [];
    const t = this.tokens;
    const start = this.successorToken(position);
    for (let k = 0; k < t.length && order.length < this.names.length; k++) {
      const node = (t[(start + k) % t.length] as RingToken).node;
      if (seen[node] === 0) {
        seen[node] = 1;
        order.push(node);
      }
    }
    return order;
  }

  /** The first n distinct nodes clockwise from the key (node indices). */
  preferenceList(key: string, n: number): number[] {
    return this.walk(key).slice(0, n);
  }

  /** The range (start, end] owned by token i, as positions. */
  rangeOf(tokenIndex: number): { start: string; end: string } {
    const t = this.tokens;
    const prev = t[(tokenIndex - 1 + t.length) % t.length] as RingToken;
    return { start: prev.position, end: (t[tokenIndex] as RingToken).position };
  }
}
