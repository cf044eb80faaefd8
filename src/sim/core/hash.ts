/**
 * A small, fast 64-bit hash over a stream of 32-bit words: a MurmurHash3-style lane and a second,
 * cheaper lane chained to it, finished with Murmur's avalanche step.
 * Pure integer arithmetic (Math.imul, shifts), so Node and every browser produce the same digest.
 * It identifies runs; it is not cryptographic.
 */

export class Hash64 {
  private h1 = 0x9747b28c | 0;
  private h2 = 0x5bd1e995 | 0;
  private n = 0;

  /** Feeds one 32-bit word (any integer; only its low 32 bits count). */
  word(w: number): void {
    let k = Math.imul(w | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    let h = this.h1 ^ k;
    h = (h << 13) | (h >>> 19);
    this.h1 = (Math.imul(h, 5) + 0xe6546b64) | 0;

    // The second lane mixes the same scrambled word differently, chained to the first.
    let g = (this.h2 + k) | 0;
    g ^= g >>> 15;
    this.h2 = (Math.imul(g, 0x2c1b3c6d) + this.h1) | 0;
    this.n++;
  }

  /**
   * Feeds `count` words of `buf`, exactly as `word` would one by one, with the state in locals:
   * the trace hashes its events in batches through this.
   */
  words(buf: Int32Array, count: number): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < count; i++) {
      let k = Math.imul(buf[i] as number, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, 0x1b873593);
      let h = h1 ^ k;
      h = (h << 13) | (h >>> 19);
      h1 = (Math.imul(h, 5) + 0xe6546b64) | 0;
      let g = (h2 + k) | 0;
      g ^= g >>> 15;
      h2 = (Math.imul(g, 0x2c1b3c6d) + h1) | 0;
    }
    this.h1 = h1;
    this.h2 = h2;
    this.n += count;
  }

  /** Feeds an integer in the safe range (|x| < 2^53) as two words. */
  int(x: number): void {
    this.word(x >>> 0);
    this.word(Math.floor(x / 4294967296));
  }

  /** Feeds a string by its UTF-16 code units, preceded by its length. */
  str(s: string): void {
    this.word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
  }

  /** The digest so far, as 16 lowercase hex digits. Does not change the state. */
  hex(): string {
    let a = this.h1 ^ this.n;
    let b = this.h2 ^ this.n;
    a = (a + b) | 0;
    b = (b + a) | 0;
    a = fmix(a);
    b = fmix(b);
    a = (a + b) | 0;
    b = (b + a) | 0;
    return hex8(a) + hex8(b);
  }
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

function hex8(x: number): string {
  return (x >>> 0).toString(16).padStart(8, "0");
}

/** 32-bit FNV-1a of a string: a compact, order-independent code for names and keys. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
