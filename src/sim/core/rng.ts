/**
 * Seedable pseudo-random numbers with labelled, independent streams.
 *
 * Every source of chance in a run (the network, the workload, faults, each node) draws from its own
 * stream, forked from the root by a label: `root.fork("net")`, `root.fork("node:C")`. A fork depends
 * only on the parent's seed and the label, never on how many numbers the parent has drawn, so adding
 * a node or an extra draw somewhere does not reshuffle every other stream.
 *
 * Seeds are expanded with SplitMix64 (Steele, Lea and Flood, 2014); the stream itself is
 * xoshiro128** (Blackman and Vigna), which is fast with 32-bit integer arithmetic in JavaScript.
 */

const MASK64 = (1n << 64n) - 1n;

/** One SplitMix64 step: returns [next state, output]. Exposed for tests against published vectors. */
export function splitmix64(state: bigint): [bigint, bigint] {
  const s = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  z = z ^ (z >> 31n);
  return [s, z];
}

/** FNV-1a over the UTF-16 code units of a string, 64-bit. */
function hashLabel(label: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < label.length; i++) {
    h ^= BigInt(label.charCodeAt(i));
    h = (h * 0x100000001b3n) & MASK64;
  }
  return h;
}

export class Rng {
  /** The 64-bit seed this stream was made from; forks derive from it. */
  readonly seed: bigint;
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | bigint) {
    this.seed = BigInt.asUintN(64, BigInt(seed));
    let s = this.seed;
    const words: number[] = [];
    for (let i = 0; i < 2; i++) {
      const [next, out] = splitmix64(s);
      s = next;
      words.push(Number(out >> 32n) | 0, Number(out & 0xffffffffn) | 0);
    }
    this.a = words[0] as number;
    this.b = words[1] as number;
    this.c = words[2] as number;
    this.d = words[3] as number;
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1;
  }

  /** An independent stream named by `label`, a pure function of this stream's seed and the label. */
  fork(label: string): Rng {
    const [, mixed] = splitmix64(this.seed ^ hashLabel(label));
    return new Rng(mixed);
  }

  /** Next 32-bit unsigned integer (xoshiro128**). */
  nextU32(): number {
    const b = this.b;
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9);
    const t = b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result >>> 0;
  }

  /** Uniform in the open interval (0, 1): never exactly 0 or 1, so logarithms are always finite. */
  float(): number {
    return (this.nextU32() + 0.5) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && this.float() < p;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(this.float());
  }

  /** Standard normal (Box-Muller; one draw of the pair is discarded to keep the stream stateless). */
  normal(): number {
    const u = this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)] as T;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
