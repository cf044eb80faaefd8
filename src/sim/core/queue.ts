/**
 * The event queue, ordered by (time, sequence number).
 *
 * Two events at the same tick run in the order they were scheduled (first in, first out), so the
 * order never depends on object identity or map iteration.
 *
 * Most events are due soon (message deliveries a fraction of a millisecond to a few milliseconds
 * ahead), and most of the others are timeouts, due much later and usually cancelled before then.
 * So the queue has three parts:
 * - a wheel of WHEEL_BUCKETS buckets of BUCKET_TICKS ticks each, covering the next
 *   WHEEL_BUCKETS x BUCKET_TICKS ticks from the bucket of the earliest pending event: each bucket
 *   is a doubly linked list kept in (time, seq) order, and a bitmap of non-empty buckets, with a
 *   summary bitmap of its non-zero words, finds the next event in a few word operations however
 *   sparse the events are. With one tick per bucket, a bucket holds the events of one tick, so a
 *   new event nearly always goes at its tail: scheduling, popping and cancelling there are O(1).
 * - a binary min-heap for the events beyond the wheel, which move into the wheel as it turns.
 *   Every event of the heap is due after every event of the wheel, so the earliest event is always
 *   in the wheel when the wheel is not empty.
 * - lanes, for timers (pushWith) due beyond the wheel: a lane holds, in a linked list, the events
 *   scheduled with one same delay after the last popped event. The last pop's time never goes back
 *   (and an event that would break a lane's order goes to the heap), so a lane is in (time, seq)
 *   order and only its first event needs a place in the wheel or the heap: the lane's
 *   *representative*, filed under the (time, seq) its first event had when it was filed. Every
 *   request arms a timeout or two that is almost always cancelled soon after: in a lane, arming
 *   appends to a list and cancelling unlinks from it, where the heap would sift each time. A
 *   representative whose first event was cancelled is re-filed, under the new first event's
 *   (time, seq), only when it comes due; it is never later than any event of its lane, so events
 *   still come out in exactly (time, seq) order.
 *
 * Everything lives in typed arrays indexed by slot (struct of arrays), which keeps the hot loop free
 * of allocation and lets a scheduled event be cancelled through its handle. Cancelling for real,
 * rather than marking and skipping, matters: every request arms a timeout that is almost always
 * cancelled, and lazily cancelled timers would pile up.
 */

const SEQ_SPACE = 4294967296; // 2^32: a handle packs (slot, seq mod 2^32) into one safe integer
const LATE = 2 ** 52; // sequence numbers of "late" events start here, after every ordinary one

const BUCKET_TICKS = 1;
const INV_BUCKET = 1 / BUCKET_TICKS; // exact: a power of two
/** buckets in the wheel by default: 32,768 ticks, about 33 ms */
const WHEEL_BUCKETS = 32768;

/** slot locations other than a heap position */
const FREE = -1;
const IN_WHEEL = -2;
const IN_LANE = -3;

/**
 * Lanes, found by delay in a direct-mapped table. A delay gets a lane the second time in a row it
 * is seen at its entry (timeouts repeat their delays, random delays do not, and must not crowd
 * them out); a delay whose entry is taken goes to the heap.
 */
const LANES = 256;
const LANE_SHIFT = 24; // 32 - log2(LANES)
/** the tag of a lane's representative (callers' tags are 0-254) */
const REP = 255;

/** Identifies one scheduled event; stays valid until the event runs or is cancelled. */
export type Handle = number;

export class EventQueue<P> {
  // By slot: time, full sequence number, seq mod 2^32 (to check handles), tag, payload, two numbers
  // that may travel with the payload (see pushWith), and where the event is: FREE, IN_WHEEL or its
  // heap position; in the wheel, its neighbours in its bucket.
  private slotAt: Float64Array;
  private slotSeq: Float64Array;
  private slotLow: Uint32Array;
  private tags: Uint8Array;
  private payloads: (P | undefined)[];
  private slotA: Int32Array;
  private slotB: Float64Array;
  private slotC: Float64Array;
  private where: Int32Array;
  private next: Int32Array;
  private prev: Int32Array;
  private free: Int32Array;
  private freeCount = 0;
  private highWater = 0;

  // The wheel: first and last slot of each bucket (-1 when empty), the bitmap of non-empty buckets,
  // and the absolute number (time * INV_BUCKET) of the bucket it starts at.
  private readonly buckets: number;
  private readonly mask: number;
  private readonly heads: Int32Array;
  private readonly tails: Int32Array;
  private readonly bitmap: Uint32Array;
  /** bit j of summary[i]: bitmap[32 i + j] is not zero */
  private readonly summary: Uint32Array;
  private base = 0;
  private wheelCount = 0;

  // The heap of later events, by heap position: time, sequence number and slot.
  private heapAt: Float64Array;
  private heapSeq: Float64Array;
  private heapSlot: Int32Array;
  private heapCount = 0;

  // Lanes, by lane number: the delay they are for (-1: none yet), first and last event (slots, -1
  // when empty, linked through next/prev), and the representative's slot (-1: none filed). By slot,
  // the lane of an event in one.
  private readonly laneDelay = new Float64Array(LANES).fill(-1);
  /** by lane number: the delay last seen there that has no lane yet */
  private readonly laneSeen = new Float64Array(LANES).fill(-1);
  private readonly laneHead = new Int32Array(LANES).fill(-1);
  private readonly laneTail = new Int32Array(LANES).fill(-1);
  private readonly laneRep = new Int32Array(LANES).fill(-1);
  private laneOf: Uint8Array;
  /** events waiting in lanes */
  private laneCount = 0;
  /** representatives filed in the wheel or the heap (counted there, but not events) */
  private repCount = 0;

  private nextSeq = 0;
  private nextLateSeq = LATE;

  // The last popped event, read through the getters below (no allocation per pop).
  private poppedAt = 0;
  private poppedSeq = 0;
  private poppedTag = 0;
  private poppedPayload: P | undefined = undefined;
  private poppedA = 0;
  private poppedB = 0;
  private poppedC = 0;

  /** `wheelBuckets` (a power of two) is for tests, which make the wheel small to turn it often. */
  constructor(initialCapacity = 1024, wheelBuckets = WHEEL_BUCKETS) {
    if (
      !(wheelBuckets >= 1 && (wheelBuckets & (wheelBuckets - 1)) === 0 && wheelBuckets <= 2 ** 20)
    )
      throw new Error(`wheelBuckets must be a power of two up to 2^20, not ${wheelBuckets}`);
    this.buckets = wheelBuckets;
    this.mask = wheelBuckets - 1;
    this.heads = new Int32Array(wheelBuckets).fill(-1);
    this.tails = new Int32Array(wheelBuckets).fill(-1);
    this.bitmap = new Uint32Array(Math.ceil(wheelBuckets / 32));
    this.summary = new Uint32Array(Math.ceil(this.bitmap.length / 32));
    const n = Math.max(16, initialCapacity);
    this.slotAt = new Float64Array(n);
    this.slotSeq = new Float64Array(n);
    this.slotLow = new Uint32Array(n);
    this.tags = new Uint8Array(n);
    this.payloads = new Array<P | undefined>(n).fill(undefined);
    this.slotA = new Int32Array(n);
    this.slotB = new Float64Array(n);
    this.slotC = new Float64Array(n);
    this.where = new Int32Array(n).fill(FREE);
    this.laneOf = new Uint8Array(n);
    this.next = new Int32Array(n);
    this.prev = new Int32Array(n);
    this.free = new Int32Array(n);
    this.heapAt = new Float64Array(n);
    this.heapSeq = new Float64Array(n);
    this.heapSlot = new Int32Array(n);
  }

  get size(): number {
    return this.wheelCount + this.heapCount - this.repCount + this.laneCount;
  }

  /** Ordinary events scheduled so far. */
  get scheduled(): number {
    return this.nextSeq;
  }

  /** Schedules `payload` at tick `at` with a small integer tag (0-254); returns a handle. */
  push(at: number, tag: number, payload: P): Handle {
    const seq = this.nextSeq++;
    return this.insert(at, seq, tag, payload) * SEQ_SPACE + (seq >>> 0);
  }

  /**
   * As push, for an event that is never cancelled: no handle is made (a handle does not fit in a
   * small integer, so returning one costs an allocation when the caller drops it).
   */
  add(at: number, tag: number, payload: P): void {
    this.insert(at, this.nextSeq++, tag, payload);
  }

  /**
   * As push, with numbers that come back with the event as lastA (a 32-bit integer), lastB and
   * lastC (any numbers), so a caller can say more about an event without allocating an object for it.
   */
  pushWith(at: number, tag: number, payload: P, a: number, b: number, c = 0): Handle {
    const seq = this.nextSeq++;
    const delay = at - this.poppedAt;
    const lane = delay >= this.buckets * BUCKET_TICKS ? this.laneFor(at, delay) : -1;
    const slot =
      lane < 0 ? this.insert(at, seq, tag, payload) : this.enqueue(lane, at, seq, tag, payload);
    this.slotA[slot] = a;
    this.slotB[slot] = b;
    this.slotC[slot] = c;
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

  /** Time of the earliest event, or Infinity when empty. */
  peekAt(): number {
    for (;;) {
      if (this.wheelCount === 0) {
        if (this.heapCount === 0) return Number.POSITIVE_INFINITY;
        if (this.tags[this.heapSlot[0] as number] !== REP) return this.heapAt[0] as number;
        this.turnTo(Math.floor((this.heapAt[0] as number) * INV_BUCKET));
      }
      const b = this.firstBucket();
      const slot = this.heads[b] as number;
      if (this.tags[slot] !== REP || this.repIsDue(slot)) return this.slotAt[slot] as number;
      this.refile(slot);
    }
  }

  /** Removes the earliest event; read it with lastAt / lastTag / lastPayload. */
  pop(): boolean {
    for (;;) {
      if (this.wheelCount === 0) {
        if (this.heapCount === 0) return false;
        this.turnTo(Math.floor((this.heapAt[0] as number) * INV_BUCKET));
      }
      const b = this.firstBucket();
      if (this.tags[this.heads[b] as number] !== REP) {
        this.take(b);
        return true;
      }
      if (this.takeFromLane(b)) return true;
    }
  }

  /** Removes the earliest event if it is due at or before `until` (as pop); false otherwise. */
  popUntil(until: number): boolean {
    for (;;) {
      if (this.wheelCount === 0) {
        if (this.heapCount === 0 || (this.heapAt[0] as number) > until) return false;
        this.turnTo(Math.floor((this.heapAt[0] as number) * INV_BUCKET));
      }
      const b = this.firstBucket();
      const slot = this.heads[b] as number;
      if ((this.slotAt[slot] as number) > until) return false;
      if (this.tags[slot] !== REP) {
        this.take(b);
        return true;
      }
      if (this.takeFromLane(b)) return true;
    }
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
  get lastC(): number {
    return this.poppedC;
  }

  /** Cancels a scheduled event. Returns false if it already ran or was cancelled. */
  cancel(handle: Handle): boolean {
    if (!this.isPending(handle)) return false;
    const slot = Math.floor(handle / SEQ_SPACE);
    const w = this.where[slot] as number;
    if (w === IN_LANE) this.dequeue(slot);
    else if (w === IN_WHEEL) this.unlink(slot);
    else this.heapRemoveAt(w);
    this.release(slot);
    return true;
  }

  /** True if the handle's event is still pending. */
  isPending(handle: Handle): boolean {
    const slot = Math.floor(handle / SEQ_SPACE);
    if (slot < 0 || slot >= this.highWater || (this.where[slot] as number) === FREE) return false;
    return this.slotLow[slot] === handle >>> 0 && this.tags[slot] !== REP;
  }

  // ---- slots ---------------------------------------------------------------------------

  /** Stores the event in a free slot and files it in the wheel or the heap; returns the slot. */
  private insert(at: number, seq: number, tag: number, payload: P): number {
    const slot = this.allocate(at, seq, tag, payload);
    this.file(slot, at, seq);
    return slot;
  }

  /** A free slot holding the event (filed nowhere yet). */
  private allocate(at: number, seq: number, tag: number, payload: P | undefined): number {
    let slot: number;
    if (this.freeCount > 0) {
      slot = this.free[--this.freeCount] as number;
    } else {
      if (this.highWater === this.where.length) this.grow();
      slot = this.highWater++;
    }
    this.slotAt[slot] = at;
    this.slotSeq[slot] = seq;
    this.slotLow[slot] = seq >>> 0;
    this.tags[slot] = tag;
    this.payloads[slot] = payload;
    return slot;
  }

  /** Files `slot`, due at (at, seq), in the wheel or the heap. */
  private file(slot: number, at: number, seq: number): void {
    const bucket = Math.floor(at * INV_BUCKET);
    if (this.wheelCount + this.heapCount === 0) this.base = bucket;
    else if (bucket < this.base) this.turnBackTo(bucket);
    if (bucket < this.base + this.buckets) this.link(slot, bucket, at, seq);
    else this.heapPush(slot, at, seq);
  }

  private release(slot: number): void {
    this.where[slot] = FREE;
    this.payloads[slot] = undefined;
    this.free[this.freeCount++] = slot;
  }

  /** Copies event `slot` into the popped fields. */
  private readOut(slot: number): void {
    this.poppedAt = this.slotAt[slot] as number;
    this.poppedSeq = this.slotSeq[slot] as number;
    this.poppedTag = this.tags[slot] as number;
    this.poppedPayload = this.payloads[slot];
    this.poppedA = this.slotA[slot] as number;
    this.poppedB = this.slotB[slot] as number;
    this.poppedC = this.slotC[slot] as number;
  }

  /** Pops the first event of wheel bucket `b` (not empty) into the popped fields. */
  private take(b: number): void {
    const slot = this.heads[b] as number;
    this.readOut(slot);
    // The wheel now starts at this event's bucket: later events may come in from the heap.
    const bucket = Math.floor(this.poppedAt * INV_BUCKET);
    if (bucket !== this.base) this.turnTo(bucket);
    this.unlink(slot);
    this.release(slot);
  }

  // ---- lanes ------------------------------------------------------------------------------

  /**
   * The lane for an event at `at`, `delay` ticks after the last pop, or -1: its table entry is
   * taken, or the event would come before the lane's last (the last pop went back in time, which
   * a simulation never makes it do).
   */
  private laneFor(at: number, delay: number): number {
    if (delay >= 2147483648) return -1;
    const lane = Math.imul(delay, 0x9e3779b1) >>> LANE_SHIFT;
    if (this.laneDelay[lane] === delay) {
      // not before the lane's last event, nor before its representative (which may be out of date)
      const tail = this.laneTail[lane] as number;
      const last = tail !== -1 ? tail : (this.laneRep[lane] as number);
      return last === -1 || (this.slotAt[last] as number) <= at ? lane : -1;
    }
    // seen twice: an idle lane (no event, no representative) changes hands
    if (this.laneSeen[lane] !== delay) {
      this.laneSeen[lane] = delay;
      return -1;
    }
    if (this.laneHead[lane] !== -1 || this.laneRep[lane] !== -1) return -1;
    this.laneDelay[lane] = delay;
    return lane;
  }

  /** Appends an event to a lane, filing the lane's representative if it has none. */
  private enqueue(lane: number, at: number, seq: number, tag: number, payload: P): number {
    const slot = this.allocate(at, seq, tag, payload);
    const tail = this.laneTail[lane] as number;
    this.prev[slot] = tail;
    this.next[slot] = -1;
    if (tail === -1) this.laneHead[lane] = slot;
    else this.next[tail] = slot;
    this.laneTail[lane] = slot;
    this.where[slot] = IN_LANE;
    this.laneOf[slot] = lane;
    this.laneCount++;
    if (this.laneRep[lane] === -1) {
      const rep = this.allocate(at, seq, REP, undefined);
      this.slotA[rep] = lane;
      this.laneRep[lane] = rep;
      this.repCount++;
      this.file(rep, at, seq);
    }
    return slot;
  }

  /** Unlinks an event from its lane (its representative stays until it comes due). */
  private dequeue(slot: number): void {
    const lane = this.laneOf[slot] as number;
    const after = this.prev[slot] as number;
    const before = this.next[slot] as number;
    if (after === -1) this.laneHead[lane] = before;
    else this.next[after] = before;
    if (before === -1) this.laneTail[lane] = after;
    else this.prev[before] = after;
    this.laneCount--;
  }

  /** True if representative `rep` stands for its lane's first event as it is now. */
  private repIsDue(rep: number): boolean {
    const head = this.laneHead[this.slotA[rep] as number] as number;
    return (
      head !== -1 &&
      this.slotAt[head] === this.slotAt[rep] &&
      this.slotSeq[head] === this.slotSeq[rep]
    );
  }

  /**
   * The representative `rep`, the wheel's first event, has come due (its event popped, or was
   * cancelled): files it again under its lane's first event, or drops it if the lane is empty.
   */
  private refile(rep: number): void {
    const lane = this.slotA[rep] as number;
    const at = this.slotAt[rep] as number;
    const bucket = Math.floor(at * INV_BUCKET);
    if (bucket !== this.base) this.turnTo(bucket);
    this.unlink(rep);
    const head = this.laneHead[lane] as number;
    if (head === -1) {
      this.laneRep[lane] = -1;
      this.repCount--;
      this.release(rep);
      return;
    }
    const headAt = this.slotAt[head] as number;
    const headSeq = this.slotSeq[head] as number;
    this.slotAt[rep] = headAt;
    this.slotSeq[rep] = headSeq;
    this.slotLow[rep] = headSeq >>> 0;
    this.file(rep, headAt, headSeq);
  }

  /**
   * The representative first in wheel bucket `b` is due: pops its lane's first event (true), or,
   * if that event was cancelled, files the representative again (false: the caller looks anew).
   */
  private takeFromLane(b: number): boolean {
    const rep = this.heads[b] as number;
    if (!this.repIsDue(rep)) {
      this.refile(rep);
      return false;
    }
    const lane = this.slotA[rep] as number;
    const slot = this.laneHead[lane] as number;
    this.readOut(slot);
    this.dequeue(slot);
    this.release(slot);
    this.refile(rep);
    return true;
  }

  // ---- the wheel ------------------------------------------------------------------------

  /**
   * Index of the first non-empty bucket from the wheel's start, going round (the wheel must not be
   * empty): in the start's bitmap word, else in the next non-zero word that the summary points to.
   */
  private firstBucket(): number {
    const bitmap = this.bitmap;
    const start = this.base & this.mask;
    let w = start >>> 5;
    const bits = (bitmap[w] as number) & (-1 << (start & 31));
    if (bits !== 0) return (w << 5) | lowestBit(bits);
    const summary = this.summary;
    const words = bitmap.length;
    // Words after w, then from 0 round to w itself (whose bits before the start come last).
    let from = w + 1;
    for (let k = summary.length; k >= 0; k--) {
      if (from >= words) from = 0;
      const s = from >>> 5;
      const marks = (summary[s] as number) & (-1 << (from & 31));
      if (marks !== 0) {
        w = (s << 5) | lowestBit(marks);
        return (w << 5) | lowestBit(bitmap[w] as number);
      }
      from = (s + 1) << 5;
    }
    throw new Error("event queue: the wheel's bitmap lost an event");
  }

  /** Files `slot` in its bucket, after every event it does not precede. */
  private link(slot: number, bucket: number, at: number, seq: number): void {
    const b = bucket & this.mask;
    const slotAt = this.slotAt;
    let after = this.tails[b] as number;
    while (after !== -1) {
      const a = slotAt[after] as number;
      if (a < at || (a === at && (this.slotSeq[after] as number) < seq)) break;
      after = this.prev[after] as number;
    }
    const before = after === -1 ? (this.heads[b] as number) : (this.next[after] as number);
    this.prev[slot] = after;
    this.next[slot] = before;
    if (after === -1) {
      if (before === -1) {
        const w = b >>> 5;
        if (this.bitmap[w] === 0) this.summary[w >>> 5] |= 1 << (w & 31);
        this.bitmap[w] |= 1 << (b & 31);
      }
      this.heads[b] = slot;
    } else this.next[after] = slot;
    if (before === -1) this.tails[b] = slot;
    else this.prev[before] = slot;
    this.where[slot] = IN_WHEEL;
    this.wheelCount++;
  }

  private unlink(slot: number): void {
    const b = Math.floor((this.slotAt[slot] as number) * INV_BUCKET) & this.mask;
    const after = this.prev[slot] as number;
    const before = this.next[slot] as number;
    if (after === -1) {
      this.heads[b] = before;
      if (before === -1) {
        const w = b >>> 5;
        this.bitmap[w] &= ~(1 << (b & 31));
        if (this.bitmap[w] === 0) this.summary[w >>> 5] &= ~(1 << (w & 31));
      }
    } else this.next[after] = before;
    if (before === -1) this.tails[b] = after;
    else this.prev[before] = after;
    this.wheelCount--;
  }

  /** Moves the wheel's start forward to absolute bucket `bucket`; the heap's events now in range join it. */
  private turnTo(bucket: number): void {
    this.base = bucket;
    const end = bucket + this.buckets;
    while (this.heapCount > 0) {
      const at = this.heapAt[0] as number;
      const b = Math.floor(at * INV_BUCKET);
      if (b >= end) break;
      const slot = this.heapSlot[0] as number;
      const seq = this.heapSeq[0] as number;
      this.heapRemoveAt(0);
      this.link(slot, b, at, seq);
    }
  }

  /**
   * Moves the wheel's start back to `bucket` (an event earlier than the wheel was scheduled, which
   * the simulation never does): events beyond the new end move to the heap.
   */
  private turnBackTo(bucket: number): void {
    const end = bucket + this.buckets;
    for (let k = 0; k < this.buckets; k++) {
      let slot = this.heads[k] as number;
      while (slot !== -1) {
        const following = this.next[slot] as number;
        const at = this.slotAt[slot] as number;
        if (Math.floor(at * INV_BUCKET) >= end) {
          this.unlink(slot);
          this.heapPush(slot, at, this.slotSeq[slot] as number);
        }
        slot = following;
      }
    }
    this.base = bucket;
  }

  // ---- the heap -------------------------------------------------------------------------

  private heapPush(slot: number, at: number, seq: number): void {
    this.siftUp(this.heapCount++, at, seq, slot);
  }

  private heapRemoveAt(i: number): void {
    const last = --this.heapCount;
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
    const where = this.where;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pa = heapAt[parent] as number;
      if (pa < at || (pa === at && (heapSeq[parent] as number) < seq)) break;
      const ps = heapSlot[parent] as number;
      heapAt[i] = pa;
      heapSeq[i] = heapSeq[parent] as number;
      heapSlot[i] = ps;
      where[ps] = i;
      i = parent;
    }
    heapAt[i] = at;
    heapSeq[i] = seq;
    heapSlot[i] = slot;
    where[slot] = i;
  }

  /** Places (at, seq, slot) at heap position i or below it. */
  private siftDown(i: number, at: number, seq: number, slot: number): void {
    const heapAt = this.heapAt;
    const heapSeq = this.heapSeq;
    const heapSlot = this.heapSlot;
    const where = this.where;
    const n = this.heapCount;
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
      where[cs] = i;
      i = c;
    }
    heapAt[i] = at;
    heapSeq[i] = seq;
    heapSlot[i] = slot;
    where[slot] = i;
  }

  private grow(): void {
    const n = this.where.length * 2;
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
    this.slotAt = f64(this.slotAt);
    this.slotSeq = f64(this.slotSeq);
    const low = new Uint32Array(n);
    low.set(this.slotLow);
    this.slotLow = low;
    const tags = new Uint8Array(n);
    tags.set(this.tags);
    this.tags = tags;
    for (let k = this.payloads.length; k < n; k++) this.payloads.push(undefined);
    this.slotA = i32(this.slotA);
    this.slotB = f64(this.slotB);
    this.slotC = f64(this.slotC);
    const where = new Int32Array(n).fill(FREE);
    where.set(this.where);
    this.where = where;
    const laneOf = new Uint8Array(n);
    laneOf.set(this.laneOf);
    this.laneOf = laneOf;
    this.next = i32(this.next);
    this.prev = i32(this.prev);
    this.free = i32(this.free);
    this.heapAt = f64(this.heapAt);
    this.heapSeq = f64(this.heapSeq);
    this.heapSlot = i32(this.heapSlot);
  }
}

/** Index of the lowest set bit of a non-zero 32-bit word. */
function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}
