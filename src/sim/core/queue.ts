/**
 * The event queue: a binary min-heap ordered by (time, sequence number).
 *
 * Two events at the same tick run in the order they were scheduled (first in, first out), so the
 * order never depends on object identity or map iteration. Keys live in typed arrays (struct of
 * arrays) and the heap holds slot indices, which keeps the hot loop free of allocation and lets a
 * scheduled event be cancelled in O(log n) through its handle. Cancelling for real, rather than
 * marking and skipping, matters: every request arms a timeout that is almost always cancelled, and
 * lazily cancelled timers would pile up in the heap.
 */

const SEQ_SPACE = 4294967296; // 2^32: a handle packs (slot, seq mod 2^32) into one safe integer
const LATE = 2 ** 52; // sequence numbers of "late" events start here, after every ordinary one

/** Identifies one scheduled event; stays valid until the event runs or is cancelled. */
export type Handle = number;

export class EventQueue<P> {
  private at: Float64Array;
  private seqs: Float64Array;
  private tags: Uint8Array;
  private payloads: (P | undefined)[];
  /** heap[i] = slot at heap position i */
  private heap: Int32Array;
  /** pos[slot] = heap position of slot, or -1 when the slot is free */
  private pos: Int32Array;
  private free: Int32Array;
  private freeCount = 0;
  private highWater = 0;
  private count = 0;
  private nextSeq = 0;
  private nextLateSeq = LATE;

  // The last popped event, read through the getters below (no allocation per pop).
  private poppedAt = 0;
  private poppedSeq = 0;
  private poppedTag = 0;
  private poppedPayload: P | undefined = undefined;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    this.at = new Float64Array(n);
    this.seqs = new Float64Array(n);
    this.tags = new Uint8Array(n);
    this.payloads = new Array<P | undefined>(n);
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n).fill(-1);
    this.free = new Int32Array(n);
  }

  get size(): number {
    return this.count;
  }

  /** Ordinary events scheduled so far. */
  get scheduled(): number {
    return this.nextSeq;
  }

  /** Schedules `payload` at tick `at` with a small integer tag (0-255); returns a handle. */
  push(at: number, tag: number, payload: P): Handle {
    return this.insert(at, this.nextSeq++, tag, payload);
  }

  /**
   * Schedules an event that runs after every ordinary event of the same tick, whenever those were
   * scheduled (late events among themselves keep their scheduling order).
   */
  pushLate(at: number, tag: number, payload: P): Handle {
    return this.insert(at, this.nextLateSeq++, tag, payload);
  }

  private insert(at: number, seq: number, tag: number, payload: P): Handle {
    let slot: number;
    if (this.freeCount > 0) {
      this.freeCount--;
      slot = this.free[this.freeCount] as number;
    } else {
      if (this.highWater === this.at.length) this.grow();
      slot = this.highWater++;
    }
    this.at[slot] = at;
    this.seqs[slot] = seq;
    this.tags[slot] = tag;
    this.payloads[slot] = payload;
    const i = this.count++;
    this.heap[i] = slot;
    this.pos[slot] = i;
    this.siftUp(i);
    return slot * SEQ_SPACE + (seq >>> 0);
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekAt(): number {
    return this.count === 0
      ? Number.POSITIVE_INFINITY
      : (this.at[this.heap[0] as number] as number);
  }

  /** Removes the earliest event; read it with poppedAt / poppedTag / poppedPayload. */
  pop(): boolean {
    if (this.count === 0) return false;
    const slot = this.heap[0] as number;
    this.poppedAt = this.at[slot] as number;
    this.poppedSeq = this.seqs[slot] as number;
    this.poppedTag = this.tags[slot] as number;
    this.poppedPayload = this.payloads[slot];
    this.removeAt(0);
    return true;
  }

  get lastAt(): number {
    return this.poppedAt;
  }
  get lastSeq(): number {
    return this.poppedSeq;
  }
  get lastTag(): number {
    return this.poppedTag;
  }
  get lastPayload(): P {
    return this.poppedPayload as P;
  }

  /** Cancels a scheduled event. Returns false if it already ran or was cancelled. */
  cancel(handle: Handle): boolean {
    const slot = Math.floor(handle / SEQ_SPACE);
    if (slot >= this.highWater) return false;
    const i = this.pos[slot] as number;
    if (i < 0) return false;
    if ((this.seqs[slot] as number) >>> 0 !== handle >>> 0) return false;
    this.removeAt(i);
    return true;
  }

  /** True if the handle's event is still pending. */
  isPending(handle: Handle): boolean {
    const slot = Math.floor(handle / SEQ_SPACE);
    if (slot >= this.highWater || (this.pos[slot] as number) < 0) return false;
    return (this.seqs[slot] as number) >>> 0 === handle >>> 0;
  }

  private removeAt(i: number): void {
    const slot = this.heap[i] as number;
    this.pos[slot] = -1;
    this.payloads[slot] = undefined;
    this.free[this.freeCount++] = slot;
    const last = --this.count;
    if (i !== last) {
      const moved = this.heap[last] as number;
      this.heap[i] = moved;
      this.pos[moved] = i;
      if (i > 0 && this.less(moved, this.heap[(i - 1) >> 1] as number)) this.siftUp(i);
      else this.siftDown(i);
    }
  }

  private less(x: number, y: number): boolean {
    const ax = this.at[x] as number;
    const ay = this.at[y] as number;
    return ax < ay || (ax === ay && (this.seqs[x] as number) < (this.seqs[y] as number));
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const slot = heap[i] as number;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as number;
      if (!this.less(slot, p)) break;
      heap[i] = p;
      this.pos[p] = i;
      i = parent;
    }
    heap[i] = slot;
    this.pos[slot] = i;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = this.count;
    const slot = heap[i] as number;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      let cs = heap[l] as number;
      if (r < n) {
        const rs = heap[r] as number;
        if (this.less(rs, cs)) {
          c = r;
          cs = rs;
        }
      }
      if (!this.less(cs, slot)) break;
      heap[i] = cs;
      this.pos[cs] = i;
      i = c;
    }
    heap[i] = slot;
    this.pos[slot] = i;
  }

  private grow(): void {
    const n = this.at.length * 2;
    const grow64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.at = grow64(this.at);
    this.seqs = grow64(this.seqs);
    const tags = new Uint8Array(n);
    tags.set(this.tags);
    this.tags = tags;
    this.payloads.length = n;
    const heap = new Int32Array(n);
    heap.set(this.heap);
    this.heap = heap;
    const pos = new Int32Array(n).fill(-1);
    pos.set(this.pos);
    this.pos = pos;
    const free = new Int32Array(n);
    free.set(this.free);
    this.free = free;
  }
}
