/**
 * The one simulation loop.
 *
 * A run is a set of processes (storage nodes and clients), each an isolated actor: its own state,
 * its own clock, its own random stream, and handlers `(state, envelope, ctx) -> state`. A process
 * can only affect the world through its ctx: send a message, reply, arm or cancel a timer, record
 * a client operation. The loop pops the earliest event from the queue (ordered by time, then by
 * scheduling order), runs it, and records it in the trace.
 *
 * Faults are world events: a crash discards a process's volatile state and keeps its disk; a
 * recovery restarts it from its disk; the network decides each message's fate when it is sent
 * (loss, partition, duplication, delay) and again when it arrives (partition, crashed destination).
 */

import { LamportClock, NodeClock } from "../net/clock";
import type { Network } from "../net/network";
import { fnv1a32 } from "./hash";
import { EventQueue } from "./queue";
import type { Rng } from "./rng";
import { DropReason, Trace, TraceKind } from "./trace";
import { type ProcId, TICKS_PER_MS, type Tick } from "./types";

export interface Typed {
  readonly type: string;
}

export interface Envelope<M extends Typed> {
  readonly id: number;
  readonly src: ProcId;
  readonly dst: ProcId;
  /** true time of sending */
  readonly sentAt: Tick;
  /** the sender's Lamport time at sending */
  readonly lamport: number;
  /** id of the request this answers, or 0 */
  readonly inReplyTo: number;
  readonly body: M;
  /** @internal the trace's code for body.type, looked up once at sending */
  readonly typeCode: number;
  /** the client operation whose handling sent it (0 for none): see TraceEvent.origin */
  readonly origin: number;
}

export type TimerId = number;

export type Outcome = "ok" | "fail" | "info";

/** A client operation, as the client observed it. */
export interface Operation {
  readonly id: number;
  readonly proc: ProcId;
  readonly f: string;
  readonly key: string;
  readonly value: string | null;
  readonly invokeAt: Tick;
  /** @internal 32-bit digest of the key, for the trace */
  readonly keyDigest: number;
  completeAt: Tick | -1;
  /** Jepsen's vocabulary: ok happened, fail did not, info may or may not have happened */
  outcome: "pending" | Outcome;
  result: unknown;
  reason: string;
}

export interface Ctx<M extends Typed, T extends Typed> {
  readonly self: ProcId;
  readonly name: string;
  readonly rng: Rng;
  /** this process's own clock, in ticks (skewed and drifting as configured) */
  now(): Tick;
  /** this process's own clock, in ms */
  nowMs(): number;
  /** this process's current Lamport time */
  lamport(): number;
  procId(name: string): ProcId;
  procName(id: ProcId): string;
  send(dst: ProcId, body: M): number;
  reply(to: Envelope<M>, body: M): number;
  /** arms a timer that fires after `delayMs` of this process's own clock */
  after(delayMs: number, timer: T): TimerId;
  cancel(id: TimerId): void;
  /** clients: records the start of an operation; returns its id */
  invoke(f: string, key: string, value: string | null): Operation;
  /** clients: records the end of an operation */
  complete(op: Operation, outcome: Outcome, result: unknown, reason?: string): void;
}

export interface Behavior<S, D, M extends Typed, T extends Typed> {
  /** Boots a process, or restarts it after a crash, from its disk (undefined on first boot). */
  start(disk: D | undefined, ctx: Ctx<M, T>): S;
  onMessage(state: S, env: Envelope<M>, ctx: Ctx<M, T>): S;
  onTimer(state: S, timer: T, ctx: Ctx<M, T>): S;
  /** The durable part of the state: what survives a crash. */
  disk(state: S): D;
}

export type Role = "node" | "client";

export interface ProcessSpec<M extends Typed, T extends Typed> {
  name: string;
  role: Role;
  // biome-ignore lint/suspicious/noExplicitAny: each process has its own state and disk types
  behavior: Behavior<any, any, M, T>;
}

/** @internal a process as the loop holds it */
export interface Proc<M extends Typed, T extends Typed> {
  readonly id: ProcId;
  readonly name: string;
  readonly role: Role;
  // biome-ignore lint/suspicious/noExplicitAny: see ProcessSpec
  readonly behavior: Behavior<any, any, M, T>;
  state: unknown;
  disk: unknown;
  up: boolean;
  /** serial of the first timer armed in this life: timers with smaller serials never fire */
  lifeSerial: number;
  readonly lamport: LamportClock;
  readonly clock: NodeClock;
  readonly ctx: Ctx<M, T>;
}

interface WorldEvent {
  kind: string;
  apply: () => void;
  ref: unknown;
}

export interface Observer {
  onInvoke?(op: Operation): void;
  onComplete?(op: Operation): void;
}

/** An outcome's code in the trace (compared, not looked up: a lookup by a varying name is slow) */
function outcomeCode(outcome: Outcome): number {
  return outcome === "ok" ? 1 : outcome === "fail" ? 2 : 3;
}

// Trace kinds, drop reasons and the tick rate as constants of this module, so the hot paths read
// no binding imported from another module (some loaders compile those to getter calls).
const K_SEND: TraceKind = TraceKind.send;
const K_DELIVER: TraceKind = TraceKind.deliver;
const K_DROP: TraceKind = TraceKind.drop;
const K_DUPLICATE: TraceKind = TraceKind.duplicate;
const K_TIMER: TraceKind = TraceKind.timer;
const K_INVOKE: TraceKind = TraceKind.invoke;
const K_COMPLETE: TraceKind = TraceKind.complete;
const DROP_LOSS: number = DropReason.loss;
const DROP_PARTITION: number = DropReason.partition;
const DROP_CRASHED: number = DropReason.crashed;
const TICKS: number = TICKS_PER_MS;

const TAG_DELIVER = 1;
const TAG_TIMER = 2;
const TAG_WORLD = 3;

export interface SimulationOptions<M = unknown> {
  rng: Rng;
  network: Network;
  /** how many trace events to keep in memory (the hash covers all of them regardless) */
  traceWindow?: number;
  /** keep each event's envelope in the trace window, for inspectors (slower; default false) */
  traceRefs?: boolean;
  observer?: Observer;
  /** extra milliseconds a message takes to put on the wire (its size over the bandwidth) */
  transferMs?: ((body: M) => number) | undefined;
}

export class Simulation<M extends Typed, T extends Typed> {
  readonly trace: Trace;
  readonly network: Network;
  readonly rng: Rng;
  private readonly netRng: Rng;
  private readonly queue = new EventQueue<unknown>(1024);
  private readonly procs: Proc<M, T>[] = [];
  private readonly byName = new Map<string, ProcId>();
  private readonly observer: Observer;
  private readonly transferMs: ((body: M) => number) | null;
  private nowTicks = 0;
  private nextMessageId = 1;
  private nextOpId = 1;
  private nextTimerSerial = 1;
  private processed = 0;
  private readonly codeSend: number;

  constructor(specs: ProcessSpec<M, T>[], options: SimulationOptions<M>) {
    this.rng = options.rng;
    this.netRng = options.rng.fork("net");
    this.network = options.network;
    this.trace = new Trace(options.traceWindow ?? 16384, options.traceRefs ?? false);
    this.observer = options.observer ?? {};
    this.transferMs = options.transferMs ?? null;
    this.codeSend = this.trace.code("");
    if (options.network.size !== specs.length) {
      throw new Error(`network has ${options.network.size} ends for ${specs.length} processes`);
    }
    specs.forEach((spec, i) => {
      if (this.byName.has(spec.name)) throw new Error(`duplicate process name ${spec.name}`);
      this.byName.set(spec.name, i as ProcId);
    });
    specs.forEach((spec, i) => {
      const proc: Proc<M, T> = {
        id: i as ProcId,
        name: spec.name,
        role: spec.role,
        behavior: spec.behavior,
        state: undefined,
        disk: undefined,
        up: false,
        lifeSerial: 0,
        lamport: new LamportClock(),
        clock: new NodeClock(),
        ctx: undefined as unknown as Ctx<M, T>,
      };
      (proc as { ctx: Ctx<M, T> }).ctx = new ProcessContext(
        this,
        proc,
        options.rng.fork(`${spec.role}:${spec.name}`),
      );
      this.procs.push(proc);
    });
  }

  /** Boots every process at time 0, in index order. */
  start(): void {
    for (const p of this.procs) {
      p.up = true;
      p.state = p.behavior.start(undefined, p.ctx);
    }
  }

  // ---- reading the world -------------------------------------------------------------------

  /** True time of the latest event (or the target of the last runUntil). */
  get now(): Tick {
    return this.nowTicks as Tick;
  }

  get nowMs(): number {
    return this.nowTicks / TICKS;
  }

  /** Events processed so far (deliveries, timers and world events). */
  get eventsProcessed(): number {
    return this.processed;
  }

  get pendingEvents(): number {
    return this.queue.size;
  }

  get processCount(): number {
    return this.procs.length;
  }

  procId(name: string): ProcId {
    const id = this.byName.get(name);
    if (id === undefined) throw new Error(`no process named ${name}`);
    return id;
  }

  hasProc(name: string): boolean {
    return this.byName.has(name);
  }

  procName(id: number): string {
    return (this.procs[id] as Proc<M, T>).name;
  }

  role(id: number): Role {
    return (this.procs[id] as Proc<M, T>).role;
  }

  isUp(id: number): boolean {
    return (this.procs[id] as Proc<M, T>).up;
  }

  /** A process's live state (for views and invariant checks; handlers never see it). */
  stateOf(id: number): unknown {
    return (this.procs[id] as Proc<M, T>).state;
  }

  /** A process's disk: its live disk when up, the one kept from the crash when down. */
  diskOf(id: number): unknown {
    const p = this.procs[id] as Proc<M, T>;
    return p.up ? p.behavior.disk(p.state) : p.disk;
  }

  clockOf(id: number): NodeClock {
    return (this.procs[id] as Proc<M, T>).clock;
  }

  lamportOf(id: number): number {
    return (this.procs[id] as Proc<M, T>).lamport.time;
  }

  // ---- running ---------------------------------------------------------------------------

  /** Time of the next event, or Infinity when nothing is scheduled. */
  nextEventAt(): number {
    return this.queue.peekAt();
  }

  /** Runs one event. Returns false when the queue is empty. */
  step(): boolean {
    const q = this.queue;
    while (q.pop()) {
      this.nowTicks = q.lastAt;
      if (this.dispatch(q.lastTag, q.lastPayload)) {
        this.processed++;
        return true;
      }
    }
    return false;
  }

  /** Runs every event at or before `until`, then sets the clock to `until`. */
  runUntil(until: number): void {
    const q = this.queue;
    while (q.popUntil(until)) {
      this.nowTicks = q.lastAt;
      if (this.dispatch(q.lastTag, q.lastPayload)) this.processed++;
    }
    if (until > this.nowTicks && Number.isFinite(until)) this.nowTicks = until;
  }

  /**
   * Schedules a world event (an intervention) at true time `at`, traced as `kind`. World events run
   * after every process event of the same tick, so an intervention made live, after running up to
   * an instant, replays identically when written into the scenario at that instant.
   */
  schedule(at: number, kind: string, apply: () => void, ref: unknown = null): void {
    const ev: WorldEvent = { kind, apply, ref };
    this.queue.pushLate(Math.max(at, this.nowTicks), TAG_WORLD, ev);
  }

  // ---- faults --------------------------------------------------------------------------

  crash(id: number): void {
    this.trace.origin = 0;
    const p = this.procs[id] as Proc<M, T>;
    if (!p.up) return;
    p.disk = p.behavior.disk(p.state);
    p.state = undefined;
    p.up = false;
    this.trace.record(
      this.nowTicks,
      TraceKind.crash,
      id,
      -1,
      0,
      this.codeSend,
      p.lamport.time,
      0,
      0,
      null,
    );
  }

  recover(id: number): void {
    const p = this.procs[id] as Proc<M, T>;
    if (p.up) return;
    this.trace.origin = 0;
    p.up = true;
    p.lifeSerial = this.nextTimerSerial;
    const lamport = p.lamport.tick();
    this.trace.record(
      this.nowTicks,
      TraceKind.recover,
      id,
      -1,
      0,
      this.codeSend,
      lamport,
      0,
      0,
      null,
    );
    p.state = p.behavior.start(p.disk, p.ctx);
    p.disk = undefined;
  }

  // ---- internals -----------------------------------------------------------------------

  private dispatch(tag: number, payload: unknown): boolean {
    if (tag === TAG_DELIVER) {
      this.deliver(payload as Envelope<M>);
      return true;
    }
    if (tag === TAG_TIMER) {
      return this.fire(payload as T, this.queue.lastA, this.queue.lastB, this.queue.lastC);
    }
    const ev = payload as WorldEvent;
    this.trace.origin = 0;
    this.trace.record(
      this.nowTicks,
      TraceKind.intervene,
      -1,
      -1,
      0,
      this.trace.code(ev.kind),
      0,
      0,
      0,
      ev.ref,
    );
    ev.apply();
    return true;
  }

  private deliver(env: Envelope<M>): void {
    const p = this.procs[env.dst] as Proc<M, T>;
    const code = env.typeCode;
    this.trace.origin = env.origin;
    if (!p.up) {
      this.trace.record(
        this.nowTicks,
        K_DROP,
        env.dst,
        env.src,
        env.id,
        code,
        env.lamport,
        DROP_CRASHED,
        0,
        env,
      );
      return;
    }
    if (this.network.blocked(env.src, env.dst)) {
      this.trace.record(
        this.nowTicks,
        K_DROP,
        env.dst,
        env.src,
        env.id,
        code,
        env.lamport,
        DROP_PARTITION,
        0,
        env,
      );
      return;
    }
    const lamport = p.lamport.receive(env.lamport);
    this.trace.record(
      this.nowTicks,
      K_DELIVER,
      env.dst,
      env.src,
      env.id,
      code,
      lamport,
      env.sentAt,
      0,
      env,
    );
    p.state = p.behavior.onMessage(p.state, env, p.ctx);
  }

  /** Fires timer number `serial` of process `proc` (see armTimer). */
  private fire(timer: T, proc: number, serial: number, origin: number): boolean {
    const p = this.procs[proc] as Proc<M, T>;
    if (!p.up || serial < p.lifeSerial) return false; // armed by a previous life
    this.trace.origin = origin;
    const lamport = p.lamport.tick();
    this.trace.record(
      this.nowTicks,
      K_TIMER,
      proc,
      -1,
      serial,
      this.trace.code(timer.type),
      lamport,
      0,
      0,
      timer,
    );
    p.state = p.behavior.onTimer(p.state, timer, p.ctx);
    return true;
  }

  /** @internal the send path of ProcessContext */
  sendFrom(p: Proc<M, T>, dst: number, body: M, inReplyTo: number): number {
    if (dst < 0 || dst >= this.procs.length)
      throw new Error(`${p.name} sent to unknown process ${dst}`);
    const id = this.nextMessageId++;
    const lamport = p.lamport.tick();
    const now = this.nowTicks;
    const code = this.trace.code(body.type);
    const env: Envelope<M> = {
      id,
      src: p.id,
      dst: dst as ProcId,
      sentAt: now as Tick,
      lamport,
      inReplyTo,
      body,
      typeCode: code,
      origin: this.trace.origin,
    };
    const net = this.network;
    if (net.blocked(p.id, dst)) {
      this.trace.record(now, K_SEND, p.id, dst, id, code, lamport, -1, 0, env);
      this.trace.record(now, K_DROP, dst, p.id, id, code, lamport, DROP_PARTITION, 0, env);
      return id;
    }
    const rng = this.netRng;
    const link = net.linkOf(p.id, dst);
    if (link.loss > 0 && rng.float() < link.loss) {
      this.trace.record(now, K_SEND, p.id, dst, id, code, lamport, -1, 0, env);
      this.trace.record(now, K_DROP, dst, p.id, id, code, lamport, DROP_LOSS, 0, env);
      return id;
    }
    const wire = this.transferMs === null ? 0 : this.transferMs(body);
    const at = now + Math.max(1, Math.round((net.sampleMs(link, p.id, dst, rng) + wire) * TICKS));
    this.trace.record(now, K_SEND, p.id, dst, id, code, lamport, at, 0, env);
    this.queue.add(at, TAG_DELIVER, env);
    if (link.duplicate > 0 && rng.float() < link.duplicate) {
      const again =
        now + Math.max(1, Math.round((net.sampleMs(link, p.id, dst, rng) + wire) * TICKS));
      this.trace.record(now, K_DUPLICATE, p.id, dst, id, code, lamport, again, 0, env);
      this.queue.add(again, TAG_DELIVER, env);
    }
    return id;
  }

  /**
   * @internal arms a timer for ProcessContext. The queue carries the process and the timer's serial
   * (the run's count of timers armed before it: stable, unlike queue handles) with the timer itself,
   * so arming allocates nothing.
   */
  armTimer(p: Proc<M, T>, delayMs: number, timer: T): TimerId {
    const local = Math.max(1, Math.round(delayMs * TICKS));
    const at = this.nowTicks + p.clock.trueDuration(local);
    return this.queue.pushWith(
      at,
      TAG_TIMER,
      timer,
      p.id,
      this.nextTimerSerial++,
      this.trace.origin,
    );
  }

  /** @internal */
  cancelTimer(id: TimerId): void {
    this.queue.cancel(id);
  }

  /** @internal records a client operation's start */
  invokeOp(p: Proc<M, T>, f: string, key: string, value: string | null): Operation {
    const op: Operation = {
      id: this.nextOpId++,
      proc: p.id,
      f,
      key,
      value,
      invokeAt: this.nowTicks as Tick,
      keyDigest: fnv1a32(key),
      completeAt: -1,
      outcome: "pending",
      result: undefined,
      reason: "",
    };
    const code = this.trace.code(f);
    // what this handler does from here on is the new operation's doing
    this.trace.origin = op.id;
    this.trace.record(
      this.nowTicks,
      K_INVOKE,
      p.id,
      -1,
      op.id,
      code,
      p.lamport.tick(),
      0,
      op.keyDigest,
      op,
    );
    this.observer.onInvoke?.(op);
    return op;
  }

  /** @internal records a client operation's end */
  completeOp(
    p: Proc<M, T>,
    op: Operation,
    outcome: Outcome,
    result: unknown,
    reason: string,
  ): void {
    if (op.outcome !== "pending") throw new Error(`operation ${op.id} completed twice`);
    op.completeAt = this.nowTicks as Tick;
    op.outcome = outcome;
    op.result = result;
    op.reason = reason;
    const code = this.trace.code(op.f);
    this.trace.record(
      this.nowTicks,
      K_COMPLETE,
      p.id,
      -1,
      op.id,
      code,
      p.lamport.tick(),
      outcomeCode(outcome),
      op.keyDigest,
      op,
    );
    this.observer.onComplete?.(op);
  }

  /** @internal */
  get trueNow(): number {
    return this.nowTicks;
  }
}

/** The only door from a process to the world. One per process; handlers receive it as `ctx`. */
class ProcessContext<M extends Typed, T extends Typed> implements Ctx<M, T> {
  readonly self: ProcId;
  readonly name: string;
  readonly rng: Rng;
  private readonly sim: Simulation<M, T>;
  private readonly p: Proc<M, T>;

  constructor(sim: Simulation<M, T>, p: Proc<M, T>, rng: Rng) {
    this.sim = sim;
    this.p = p;
    this.self = p.id;
    this.name = p.name;
    this.rng = rng;
  }

  now(): Tick {
    return this.p.clock.read(this.sim.trueNow) as Tick;
  }

  nowMs(): number {
    return this.p.clock.read(this.sim.trueNow) / TICKS;
  }

  lamport(): number {
    return this.p.lamport.time;
  }

  procId(name: string): ProcId {
    return this.sim.procId(name);
  }

  procName(id: ProcId): string {
    return this.sim.procName(id);
  }

  send(dst: ProcId, body: M): number {
    return this.sim.sendFrom(this.p, dst, body, 0);
  }

  reply(to: Envelope<M>, body: M): number {
    return this.sim.sendFrom(this.p, to.src, body, to.id);
  }

  after(delayMs: number, timer: T): TimerId {
    return this.sim.armTimer(this.p, delayMs, timer);
  }

  cancel(id: TimerId): void {
    this.sim.cancelTimer(id);
  }

  invoke(f: string, key: string, value: string | null): Operation {
    return this.sim.invokeOp(this.p, f, key, value);
  }

  complete(op: Operation, outcome: Outcome, result: unknown, reason = ""): void {
    this.sim.completeOp(this.p, op, outcome, result, reason);
  }
}
