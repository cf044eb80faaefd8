/**
 * The event queue: a binary min-heap ordered by (time, sequence number).
 *
 * Two events at the same tick run in the order they were scheduled (first in, first out), so the
 * order never depends on object identity or map iteration. The heap is kept in typed arrays: each
 * heap position holds its event's time, sequence number and slot, so sifting compares keys that lie
 * side by side instead of following slot indices; a slot holds the event's tag and payload and knows
 * its heap position, which keeps the hot loop free of allocation and lets a scheduled event be
 * cancelled in O(log n) through its handle. Cancelling for real, rather than
 * marking and skipping, matters: every request arms a timeout that is almost always cancelled, and
 * lazily cancelled timers would pile up in the heap.
 */

const SEQ_SPACE = 4294967296; // 2^32: a handle packs (slot, seq mod 2^32) into one safe integer
const LATE = 2 ** 52; // sequence numbers of "late" events start here, after every ordinary one

/** Identifies one scheduled event; stays valid until the event runs or is cancelled. */
export type Handle = number;

export class EventQueue<P> {
  // The heap, by heap position: time, sequence number and slot of each event.
  private heapAt: Float64Array;
  private heapSeq: Float64Array;
  private heapSlot: Int32Array;
  // By slot: heap position (-1 when the slot is free), seq mod 2^32 (to check handles), tag, payload
  // and two numbers that may travel with the payload (see pushWith).
  private pos: Int32Array;
  private slotSeq: Uint32Array;
  private tags: Uint8Array;
  private payloads: (P | undefined)[];
  private slotA: Int32Array;
  private slotB: Float64Array;
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
  private poppedA = 0;
  private poppedB = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    this.heapAt = new Float64Array(n);
    this.heapSeq = new Float64Array(n);
    this.heapSlot = new Int32Array(n);
    this.pos = new Int32Array(n).fill(-1);
    this.slotSeq = new Uint32Array(n);
    this.tags = new Uint8Array(n);
    this.payloads = new Array<P | undefined>(n).fill(undefined);
    this.slotA = new Int32Array(n);
    this.slotB = new Float64Array(n);
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
    const seq = this.nextSeq++;
    return this.insert(at, seq, tag, payload) * SEQ_SPACE + (seq >>> 0);
  }

  /**
   * As push, with two numbers that come back with the event as lastA (a 32-bit integer) and lastB
   * (any number), so a caller can say more about an event without allocating an object for it.
   */
  pushWith(at: number, tag: number, payload: P, a: number, b: number): Handle {
    const seq = this.nextSeq++;
    const slot = this.insert(at, seq, tag, payload);
    this.slotA[slot] = a;
    this.slotB[slot] = b;
    return slot * SEQ_SPACE + (seq >>> 0);
  }

  /**
   * Schedules an event that runs after every ordinary event of the same tick, whenever those were
   * scheduled (late events among themselves keep their scheduling order).
   */
  pushLate(at: number, tag: number, payload: P): Handle {
    const seq = this.nextLateSeq++;
    return this.insert(at, seq, tag, payload) * SEQ_SPACE + (seq >>> 0);
  }

  /** Stores the event in a free slot and places it in the heap; returns the slot. */
  private insert(at: number, seq: number, tag: number, payload: P): number {
    let slot: number;
    if (this.freeCount > 0) {
      slot = this.free[--this.freeCount] as number;
    } else {
      if (this.highWater === this.pos.length) this.grow();
      slot = this.highWater++;
    }
    this.slotSeq[slot] = seq >>> 0;
    this.tags[slot] = tag;
    this.payloads[slot] = payload;
    this.siftUp(this.count++, at, seq, slot);
    return slot;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekAt(): number {
    return this.count === 0 ? Number.POSITIVE_INFINITY : (this.heapAt[0] as number);
  }

  /** Removes the earliest event; read it with lastAt / lastTag / lastPayload. */
  pop(): boolean {
    if (this.count === 0) return false;
    const slot = this.heapSlot[0] as number;
    this.poppedAt = this.heapAt[0] as number;
    this.poppedSeq = this.heapSeq[0] as number;
    this.poppedTag = this.tags[slot] as number;
    this.poppedPayload = this.payloads[slot];
    this.poppedA = this.slotA[slot] as number;
    this.poppedB = this.slotB[slot] as number;
    this.removeAt(0);
    return true;
  }

  /** Removes the earliest event if it is due at or before `until` (as pop); false otherwise. */
  popUntil(until: number): boolean {
    if (this.count === 0 || (this.heapAt[0] as number) > until) return false;
    return this.pop();
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
  /** the numbers given to pushWith (meaningless for events scheduled otherwise) */
  get lastA(): number {
    return this.poppedA;
  }
  get lastB(): number {
    return this.poppedB;
  }

  /** Cancels a scheduled event. Returns false if it already ran or was cancelled. */
  cancel(handle: Handle): boolean {
    if (!this.isPending(handle)) return false;
    this.removeAt(this.pos[Math.floor(handle / SEQ_SPACE)] as number);
    return true;
  }

  /** True if the handle's event is still pending. */
  isPending(handle: Handle): boolean {
    const slot = Math.floor(handle / SEQ_SPACE);
    if (slot >= this.highWater || (this.pos[slot] as number) < 0) return false;
    return this.slotSeq[slot] === handle >>> 0;
  }

  private removeAt(i: number): void {
    const slot = this.heapSlot[i] as number;
    this.pos[slot] = -1;
    this.payloads[slot] = undefined;
    this.free[this.freeCount++] = slot;
    const last = --this.count;
    if (i === last) return;
    // Move the last event into the hole, up or down.
    const at = this.heapAt[last] as number;
    const seq = this.heapSeq[last] as number;
    const moved = this.heapSlot[last] as number;
    if (i > 0) {
      const parent = (i - 1) >> 1;
      const pa = this.heapAt[parent] as number;
      if (at < pa || (at === pa && seq < (this.heapSeq[parent] as number))) {
        this.siftUp(i, at, seq, moved);
        return;
      }
    }
    this.siftDown(i, at, seq, moved);
  }

  /** Places (at, seq, slot) at heap position i or above it. */
  private siftUp(i: number, at: number, seq: number, slot: number): void {
    const heapAt = this.heapAt;
    const heapSeq = this.heapSeq;
    const heapSlot = this.heapSlot;
    const pos = this.pos;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pa = heapAt[parent] as number;
      if (pa < at || (pa === at && (heapSeq[parent] as number) < seq)) break;
      const ps = heapSlot[parent] as number;
      heapAt[i] = pa;
      heapSeq[i] = heapSeq[parent] as number;
      heapSlot[i] = ps;
      pos[ps] = i;
      i = parent;
    }
    heapAt[i] = at;
    heapSeq[i] = seq;
    heapSlot[i] = slot;
    pos[slot] = i;
  }

  /** Places (at, seq, slot) at heap position i or below it. */
  private siftDown(i: number, at: number, seq: number, slot: number): void {
    const heapAt = this.heapAt;
    const heapSeq = this.heapSeq;
    const heapSlot = this.heapSlot;
    const pos = this.pos;
    const n = this.count;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ca = heapAt[c] as number;
      const r = c + 1;
      if (r < n) {
        const ra = heapAt[r] as number;
        if (ra < ca || (ra === ca && (heapSeq[r] as number) < (heapSeq[c] as number))) {
          c = r;
          ca = ra;
        }
      }
      if (at < ca || (at === ca && seq < (heapSeq[c] as number))) break;
      const cs = heapSlot[c] as number;
      heapAt[i] = ca;
      heapSeq[i] = heapSeq[c] as number;
      heapSlot[i] = cs;
      pos[cs] = i;
      i = c;
    }
    heapAt[i] = at;
    heapSeq[i] = seq;
    heapSlot[i] = slot;
    pos[slot] = i;
  }

  private grow(): void {
    const n = this.pos.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.heapAt = f64(this.heapAt);
    this.heapSeq = f64(this.heapSeq);
    this.heapSlot = i32(this.heapSlot);
    this.free = i32(this.free);
    const pos = new Int32Array(n).fill(-1);
    pos.set(this.pos);
    this.pos = pos;
    const slotSeq = new Uint32Array(n);
    slotSeq.set(this.slotSeq);
    this.slotSeq = slotSeq;
    const tags = new Uint8Array(n);
    tags.set(this.tags);
    this.tags = tags;
    this.slotA = i32(this.slotA);
    this.slotB = f64(this.slotB);
    for (let k = this.payloads.length; k < n; k++) this.payloads.push(undefined);
  }
}
