/**
 * The trace: every event of a run, hashed as it happens, with a bounded window kept in memory.
 *
 * Each event is encoded canonically as a fixed list of 32-bit words (kind, time, process, peer, id,
 * the hash of its type name, Lamport time, an auxiliary value and a detail word) and fed to a
 * running 64-bit hash. Two runs with equal hashes went through the same events in the same order at
 * the same ticks. Only the last `capacity` events are kept, in a ring of typed arrays, so memory
 * stays flat however long a run is; views read what is new since their last frame.
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
}

export class Trace {
  readonly capacity: number;
  private total = 0;
  /** where the next event goes in the window */
  private cursor = 0;
  private readonly hash = new Hash64();
  private readonly typeCodes = new Map<string, number>();
  private readonly typeNames: string[] = [];
  private readonly typeHashes: number[] = [];

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
    this.ref = keepRefs ? new Array<unknown>(c) : [];
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
    return this.hash.hex();
  }

  /** Interns a type name; the code is local to this trace, the hash uses the name itself. */
  code(typeName: string): number {
    let c = this.typeCodes.get(typeName);
    if (c === undefined) {
      c = this.typeNames.length;
      this.typeCodes.set(typeName, c);
      this.typeNames.push(typeName);
      this.typeHashes.push(fnv1a32(typeName));
    }
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
    // Canonical encoding, 10 words: kind | proc << 8 (proc < 2^24), peer, time (2 words), id,
    // type-name hash, Lamport time, aux (2 words, it can be a tick), detail.
    // (x >>> 0 is x mod 2^32 for any safe integer, without a floating-point modulo.)
    const h = this.hash;
    h.word(kind | (proc << 8));
    h.word(peer);
    h.word(at >>> 0);
    h.word((at / TWO32) | 0);
    h.word(id >>> 0);
    h.word(this.typeHashes[typeCode] as number);
    h.word(lamport >>> 0);
    h.word(aux >>> 0);
    h.word(Math.floor(aux / TWO32));
    h.word(detail);

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
    if (this.keepsRefs) this.ref[i] = ref;
    this.total++;
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
