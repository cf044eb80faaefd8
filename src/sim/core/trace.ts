/**
 * The trace: every event of a run, hashed as it happens, with a bounded window kept in memory.
 *
 * Each event is kept in a ring of typed arrays (so memory stays flat however long a run is; views
 * read what is new since their last frame) and encoded canonically as a short list of 32-bit words
 * fed to a running 64-bit hash. Two runs with equal hashes went through the same events in the same
 * order at the same ticks. Events are hashed in batches, straight from the ring, before they can
 * leave it and whenever the digest is read, which keeps recording an event down to a few stores.
 *
 * The encoding (see `flush`) leaves out what the rest of the trace determines: an event's time is
 * hashed only when it differs from the previous event's; a delivery's type and send time are those
 * of the send with the same message id; and Lamport times are not hashed at all, since the loop
 * derives each one from the events before it (a local event ticks its process's clock; a delivery
 * jumps past the stamp of the send with the same message id). Fields that need
 * more than 32 bits, or that are usually zero, take extra words only when they do, announced by
 * flags in the first word, so the encoding stays unambiguous.
 *
 * Keeping a reference to each event's envelope (for inspectors that show a message's body) is
 * optional: it makes every message outlive the young generation of the garbage collector, which
 * roughly halves the simulator's speed, so headless runs leave it off and the app turns it on.
 */

import { fnv1a32, Hash64 } from "./hash";

const TWO32 = 4294967296;

export const TraceKind = {
  send: 1,
  deliver: 2,
  drop: 3,
  duplicate: 4,
  timer: 5,
  crash: 6,
  recover: 7,
  invoke: 8,
  complete: 9,
  intervene: 10,
} as const;
export type TraceKind = (typeof TraceKind)[keyof typeof TraceKind];

const kindNames: Record<number, TraceKindName> = {};
export type TraceKindName = keyof typeof TraceKind;
for (const [name, code] of Object.entries(TraceKind)) kindNames[code] = name as TraceKindName;

export function traceKindName(kind: number): TraceKindName {
  const name = kindNames[kind];
  if (name === undefined) throw new Error(`unknown trace kind ${kind}`);
  return name;
}

/** Why a message was dropped (the aux word of a drop event). */
export const DropReason = {
  loss: 1,
  partition: 2,
  crashed: 3,
} as const;
export type DropReason = (typeof DropReason)[keyof typeof DropReason];
export const dropReasonNames: Record<number, string> = {
  1: "lost by the network",
  2: "blocked by a partition",
  3: "destination crashed",
};

/** Events hashed per batch: small enough that a batch is still in the CPU's first-level cache. */
const HASH_BATCH = 512;
const DELIVER: number = TraceKind.deliver;
/** Most words one event encodes to (see `flush`). */
const MAX_WORDS = 11;

// Flags in an event's first word (bits 4-7; the kind takes bits 0-3).
/** the event's time differs from the previous event's: its time words follow */
const F_TIME = 1 << 4;
/** time, id or aux does not fit in 32 unsigned bits: each of them hashed takes a high word too */
const F_WIDE = 1 << 5;
/** the detail word is not zero: it follows */
const F_DETAIL = 1 << 6;
/** process or peer + 1 does not fit in 12 bits: both follow as words of their own */
const F_PROCS = 1 << 7;

/** One event, as views and tests read it back. */
export interface TraceEvent {
  /** 0-based position in the whole run's trace */
  index: number;
  at: number;
  kind: TraceKindName;
  proc: number;
  /** the other side of a message, or -1 */
  peer: number;
  /** message id, timer id or operation id */
  id: number;
  /** message type, timer name, operation kind or intervention kind */
  type: string;
  lamport: number;
  /** send: delivery tick (-1 if dropped at once); drop: DropReason; complete: 1 ok, 2 fail, 3 info */
  aux: number;
  detail: number;
  /** the envelope, operation or intervention the event is about (not hashed) */
  ref: unknown;
  /**
   * the client operation whose handling led to the event (its id; 0 for none): an operation's
   * invocation, the messages and timers of the handlers it set off, theirs in turn, and so on
   * (not hashed)
   */
  origin: number;
}

export class Trace {
  readonly capacity: number;
  private total = 0;
  /** where the next event goes in the window */
  private cursor = 0;
  private readonly hash = new Hash64();
  /** events [0, hashed) are in the hash; the others are in the window, waiting for a batch */
  private hashed = 0;
  /** time of the last hashed event */
  private hashedAt = 0;
  private readonly batch: number;
  private readonly words: Int32Array;
  private readonly typeCodes = new Map<string, number>();
  private readonly typeNames: string[] = [];
  /** fnv1a32 of each type name, by code, as signed 32-bit words */
  private typeHashes = new Int32Array(64);
  /** a direct-mapped cache in front of typeCodes: names are nearly always literals, so compared by identity */
  private readonly cachedNames: (string | undefined)[] = new Array<string | undefined>(64).fill(
    undefined,
  );
  private readonly cachedCodes = new Int32Array(64);

  private readonly at: Float64Array;
  private readonly id: Float64Array;
  private readonly lamport: Float64Array;
  private readonly aux: Float64Array;
  private readonly detail: Uint32Array;
  private readonly kind: Uint8Array;
  private readonly proc: Int32Array;
  private readonly peer: Int32Array;
  private readonly type: Uint16Array;
  private readonly ref: unknown[];
  private readonly origins: Float64Array;
  /** the operation the simulation is handling now (see TraceEvent.origin); recorded with each event */
  origin = 0;

  readonly keepsRefs: boolean;

  constructor(capacity = 16384, keepRefs = false) {
    this.capacity = Math.max(1, capacity);
    this.keepsRefs = keepRefs;
    const c = this.capacity;
    this.at = new Float64Array(c);
    this.id = new Float64Array(c);
    this.lamport = new Float64Array(c);
    this.aux = new Float64Array(c);
    this.detail = new Uint32Array(c);
    this.kind = new Uint8Array(c);
    this.proc = new Int32Array(c);
    this.peer = new Int32Array(c);
    this.type = new Uint16Array(c);
    this.origins = new Float64Array(c);
    this.ref = keepRefs ? new Array<unknown>(c) : [];
    this.batch = Math.min(c, HASH_BATCH);
    this.words = new Int32Array(this.batch * MAX_WORDS);
  }

  /** Number of events recorded in the whole run. */
  get length(): number {
    return this.total;
  }

  /** Index of the oldest event still in the window. */
  get oldest(): number {
    return Math.max(0, this.total - this.capacity);
  }

  /** The running hash of every event so far (16 hex digits). */
  get digest(): string {
    this.flush();
    return this.hash.hex();
  }

  /** Interns a type name; the code is local to this trace, the hash uses the name itself. */
  code(typeName: string): number {
    const slot = (typeName.length + (typeName.charCodeAt(0) | 0)) & 63;
    if (this.cachedNames[slot] === typeName) return this.cachedCodes[slot] as number;
    let c = this.typeCodes.get(typeName);
    if (c === undefined) {
      c = this.typeNames.length;
      if (c > 0xffff) throw new Error("more than 65536 distinct type names in one trace");
      this.typeCodes.set(typeName, c);
      this.typeNames.push(typeName);
      if (c === this.typeHashes.length) {
        const grown = new Int32Array(2 * c);
        grown.set(this.typeHashes);
        this.typeHashes = grown;
      }
      this.typeHashes[c] = fnv1a32(typeName);
    }
    this.cachedNames[slot] = typeName;
    this.cachedCodes[slot] = c;
    return c;
  }

  record(
    at: number,
    kind: TraceKind,
    proc: number,
    peer: number,
    id: number,
    typeCode: number,
    lamport: number,
    aux: number,
    detail: number,
    ref: unknown,
  ): void {
    const i = this.cursor;
    this.cursor = i + 1 === this.capacity ? 0 : i + 1;
    this.at[i] = at;
    this.kind[i] = kind;
    this.proc[i] = proc;
    this.peer[i] = peer;
    this.id[i] = id;
    this.type[i] = typeCode;
    this.lamport[i] = lamport;
    this.aux[i] = aux;
    this.detail[i] = detail;
    this.origins[i] = this.origin;
    if (this.keepsRefs) this.ref[i] = ref;
    if (++this.total - this.hashed === this.batch) this.flush();
  }

  /**
   * Hashes the events recorded since the last batch (all of them still in the window), reading the
   * window's columns into locals. Each event becomes these words: first, kind (bits 0-3), flags
   * (bits 4-7), process + 1 (bits 8-19) and peer + 1 (bits 20-31); then process and peer (only with
   * F_PROCS); time (only with F_TIME) and its high word (F_WIDE); id and its high word; the type
   * name's hash, aux and its high word (except for a delivery: its type and send time are those of
   * the send with the same message id); detail (only with F_DETAIL).
   */
  private flush(): void {
    const count = this.total - this.hashed;
    if (count === 0) return;
    const w = this.words;
    const atOf = this.at;
    const idOf = this.id;
    const auxOf = this.aux;
    const detailOf = this.detail;
    const procOf = this.proc;
    const peerOf = this.peer;
    const kindOf = this.kind;
    const typeOf = this.type;
    const typeHashes = this.typeHashes;
    const capacity = this.capacity;
    let lastAt = this.hashedAt;
    let i = this.hashed % capacity;
    let n = 0;
    for (let k = 0; k < count; k++) {
      const at = atOf[i] as number;
      const id = idOf[i] as number;
      const aux = auxOf[i] as number;
      const detail = detailOf[i] as number;
      const p = (procOf[i] as number) + 1;
      const q = (peerOf[i] as number) + 1;
      const kind = kindOf[i] as number;
      let head = kind;
      if (at !== lastAt) head |= F_TIME;
      const wide = at >= TWO32 || id >= TWO32 || aux < 0 || aux >= TWO32;
      if (wide) head |= F_WIDE;
      if (detail !== 0) head |= F_DETAIL;
      if (((p | q) & ~4095) === 0) {
        w[n++] = head | (p << 8) | (q << 20);
      } else {
        w[n++] = head | F_PROCS;
        w[n++] = p;
        w[n++] = q;
      }
      if (at !== lastAt) {
        w[n++] = at;
        if (wide) w[n++] = at / TWO32;
        lastAt = at;
      }
      w[n++] = id;
      if (wide) w[n++] = Math.floor(id / TWO32);
      if (kind !== DELIVER) {
        w[n++] = typeHashes[typeOf[i] as number] as number;
        w[n++] = aux;
        if (wide) w[n++] = Math.floor(aux / TWO32);
      }
      if (detail !== 0) w[n++] = detail;
      i = i + 1 === capacity ? 0 : i + 1;
    }
    this.hash.words(w, n);
    this.hashed = this.total;
    this.hashedAt = lastAt;
  }

  /** Reads back event `index`, or undefined when it has left the window (or not happened). */
  get(index: number): TraceEvent | undefined {
    if (index < this.oldest || index >= this.total) return undefined;
    const i = index % this.capacity;
    return {
      index,
      at: this.at[i] as number,
      kind: traceKindName(this.kind[i] as number),
      proc: this.proc[i] as number,
      peer: this.peer[i] as number,
      id: this.id[i] as number,
      type: this.typeNames[this.type[i] as number] as string,
      lamport: this.lamport[i] as number,
      aux: this.aux[i] as number,
      detail: this.detail[i] as number,
      ref: this.keepsRefs ? this.ref[i] : undefined,
      origin: this.origins[i] as number,
    };
  }

  /** Events from `from` (inclusive) to the newest, clipped to the window. */
  since(from: number): TraceEvent[] {
    const out: TraceEvent[] = [];
    for (let k = Math.max(from, this.oldest); k < this.total; k++) {
      out.push(this.get(k) as TraceEvent);
    }
    return out;
  }
}
