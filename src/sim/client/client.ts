/**
 * A client process: generates its share of the workload, sends each operation to a coordinator,
 * and records what it observed (the history) through ctx.invoke / ctx.complete.
 *
 * Routing: the client knows the ring and sends each request to the first node of the key's walk
 * that it has no reason to avoid; a node that left an operation unanswered until the client timeout
 * is avoided for one more timeout, so later requests go to the next node of the walk (a coordinator
 * outside the preference list, under sloppy quorum). A scripted operation names its coordinator.
 *
 * Versions: a get returns the siblings and their context; by default a client keeps the context of
 * its last get of each key, merged with the clocks of its own acknowledged puts since, and sends it
 * with its next put of that key, as Dynamo's clients do, so the put supersedes what the client had
 * read or written (workload.context "none" makes every put blind; "read-first" makes every put of
 * the generated workload a read-modify-write: a get of the key, then the put with its context). Two clients that write a key
 * without reading each other's writes make siblings. A scripted put with `merge: "union"` writes
 * the union of the siblings it last read (a shopping cart).
 *
 * An answer that never comes is given up on after the client timeout; a put that timed out or
 * failed may still have been applied somewhere, so it is recorded as indeterminate ("info"), while a
 * failed get had no effect ("fail").
 *
 * Results: a get's is `{ values, versions, context }` (no values if the key was never written), a
 * put's is `{ version }`, the version its coordinator stamped.
 */

import { IdMap } from "../core/idMap";
import type { Rng } from "../core/rng";
import type { Behavior, Ctx, Envelope, Operation, TimerId } from "../core/simulation";
import { type ProcId, unreachable } from "../core/types";
import type { Msg, Timer } from "../dynamo/messages";
import type { Ring } from "../dynamo/ring";
import { EMPTY_CLOCK, mergeClocks, type VectorClock } from "../dynamo/vectorClock";
import type { Version } from "../dynamo/versioning";
import { membersOf } from "./loadBalancer";
import { type RpcProbe, requestId } from "./rpc";
import { KeyChooser, type ScriptOp, type WorkloadSpec } from "./workload";

export interface ClientConfig {
  ring: Ring;
  workload: WorkloadSpec;
  /** the run's end: no operation starts after it */
  endMs: number;
  /** N: the preference list's length (client-driven routing) */
  n: number;
  /** the load balancer's process (server-driven), else null */
  loadBalancer: ProcId | null;
  /** client-driven: how often the client asks a node for the membership */
  viewRefreshMs: number;
  /** the run's RPC measurements, or null under rpc "none" */
  probe: RpcProbe | null;
}

export interface GetResult {
  values: string[];
  versions: readonly Version[];
  context: VectorClock;
  /** the replicas whose replies made the answer, by name */
  from: string[];
}

export interface PutResult {
  version: Version;
  /** the request id the put was sent with (rpc other than none) */
  requestId?: string;
}

/**
 * An operation awaiting its answer. It is also its own timeout timer (a Timer of type "op_timeout"
 * for message `msgId`: those two fields never change), so arming the timeout allocates nothing.
 */
interface InFlight {
  readonly type: "op_timeout";
  op: Operation;
  timer: TimerId;
  /** read-first: the value to put once this get has ended */
  thenPut: string | null;
  coordinator: ProcId;
  /** the request as sent, for retries (rpc.ts) */
  readonly body: ClientRequest;
  /** the id of the first attempt's message */
  readonly msgId: number;
  /** the ids of the retries' messages (null: none yet); an answer to any attempt ends the operation */
  retryIds: number[] | null;
  retries: number;
  retryTimer: TimerId;
}

type ClientRequest = Extract<Msg, { type: "get" | "put" }>;

export interface ClientState {
  readonly config: ClientConfig;
  readonly keys: KeyChooser;
  /** operations awaiting an answer, by the id of the request message */
  readonly inFlight: IdMap<InFlight>;
  /** per key, the context of this client's last successful get */
  readonly contexts: ContextTable;
  /**
   * per key, the values (siblings) of this client's last successful get; kept only when a scripted
   * put of this client merges what it read (`merge: "union"`)
   */
  readonly lastValues: Map<string, readonly string[]> | null;
  /** coordinators that left an operation unanswered, avoided until (ms) */
  readonly avoid: Map<number, number>;
  /** this client's scripted operations, in time order */
  readonly script: readonly ScriptOp[];
  issued: number;
  /** requests sent (not counting retries): the sequence part of request ids */
  requests: number;
  /** client-driven: the membership this client routes by, as a node last told it */
  view: Ring;
  /** client-driven routing's own random stream (reads pick a random replica) */
  readonly routeRng: Rng;
  /** mode "staleness": the write of each trial, by message id of its first attempt */
  readonly probeWrites: Map<number, number>;
}

type ClientCtx = Ctx<Msg, Timer>;

/**
 * A clock per key: the workload's own keys (k0, k1, ...) in a list by index, made on first use;
 * any other key (scripted, probes) in a map. A client updates it on every answer, and a map of
 * hundreds of keys per client is slow to write to.
 */
export class ContextTable {
  private readonly keys: KeyChooser;
  private byIndex: (VectorClock | undefined)[] | null = null;
  private readonly others = new Map<string, VectorClock>();

  constructor(keys: KeyChooser) {
    this.keys = keys;
  }

  get(key: string): VectorClock | undefined {
    const i = this.keys.indexOf(key);
    return i < 0 ? this.others.get(key) : (this.byIndex?.[i] ?? undefined);
  }

  set(key: string, clock: VectorClock): void {
    const i = this.keys.indexOf(key);
    if (i < 0) {
      this.others.set(key, clock);
      return;
    }
    if (this.byIndex === null)
      this.byIndex = new Array<VectorClock | undefined>(this.keys.names.length).fill(undefined);
    this.byIndex[i] = clock;
  }
}

/** Timers are read, never changed: every client's loop re-arms this one. */
const NEXT_OP: Timer = Object.freeze({ type: "next_op" });

export function clientBehavior(config: ClientConfig): Behavior<ClientState, null, Msg, Timer> {
  const keys = new KeyChooser(config.workload.keys);
  return {
    start: (_disk, ctx) => {
      const w = config.workload;
      const script = w.script
        .filter((op) => op.client === ctx.name)
        .sort((a, b) => a.atMs - b.atMs);
      const state: ClientState = {
        config,
        keys,
        inFlight: new IdMap(),
        contexts: new ContextTable(keys),
        lastValues: script.some((op) => op.merge === "union") ? new Map() : null,
        avoid: new Map(),
        script,
        issued: 0,
        requests: 0,
        view: config.ring,
        routeRng: ctx.rng.fork("route"),
        probeWrites: new Map(),
      };
      script.forEach((op, index) => {
        ctx.after(op.atMs, { type: "script_op", index });
      });
      if (w.coordination === "client-driven") {
        // The view starts as the client library's bootstrap configuration; the first refresh
        // comes at a random phase, so clients do not poll in step.
        ctx.after(state.routeRng.uniform(0, config.viewRefreshMs), { type: "view_refresh" });
      }
      if (w.mode === "staleness") {
        if (w.staleness !== undefined && ctx.name === "client1")
          ctx.after(w.startMs, { type: "probe_write", trial: 0 });
      } else if (w.mode !== "script") {
        const firstDelay =
          w.mode === "open"
            ? ctx.rng.exponential(1000 / w.ratePerSec)
            : ctx.rng.uniform(0, Math.max(w.thinkMs, 1));
        ctx.after(w.startMs + firstDelay, NEXT_OP);
      }
      return state;
    },
    disk: () => null,
    onMessage,
    onTimer,
  };
}

function onMessage(state: ClientState, env: Envelope<Msg>, ctx: ClientCtx): ClientState {
  const body = env.body;
  switch (body.type) {
    case "get_ok": {
      const flight = state.inFlight.get(env.inReplyTo);
      if (flight !== undefined && state.config.workload.context !== "none") {
        state.contexts.set(body.key, body.context);
      }
      const values = valuesOf(body.versions);
      if (flight !== undefined && state.lastValues !== null) state.lastValues.set(body.key, values);
      const result: GetResult = {
        values,
        versions: body.versions,
        context: body.context,
        from: body.from.map((i) => ctx.procName(i as ProcId)),
      };
      return finish(state, env, ctx, "ok", result, "");
    }
    case "put_ok": {
      const flight = state.inFlight.get(env.inReplyTo);
      // The client has seen its own write: its next put of the key supersedes it.
      if (flight !== undefined && state.config.workload.context !== "none") {
        const known = state.contexts.get(body.key) ?? EMPTY_CLOCK;
        state.contexts.set(body.key, mergeClocks(known, body.version.clock));
      }
      if (flight !== undefined && state.probeWrites.size > 0) probeCommitted(state, flight, ctx);
      const rid = flight?.body.rid;
      const result: PutResult =
        rid === undefined ? { version: body.version } : { version: body.version, requestId: rid };
      return finish(state, env, ctx, "ok", result, "");
    }
    case "membership_ok":
      state.view = body.ring;
      return state;
    case "request_failed":
      return finish(state, env, ctx, "fail", null, body.reason);
    case "get":
    case "put":
    case "replica_read":
    case "replica_read_ok":
    case "replica_write":
    case "hinted_write":
    case "replica_write_ok":
    case "read_repair":
    case "handoff":
    case "handoff_ok":
    case "ae_compare":
    case "ae_sync":
    case "transfer":
    case "transfer_ok":
    case "gossip":
    case "gossip_ok":
    case "membership_req":
      return state; // node-to-node traffic never addressed to a client
    default:
      return unreachable(body);
  }
}

function onTimer(state: ClientState, timer: Timer, ctx: ClientCtx): ClientState {
  switch (timer.type) {
    case "next_op":
      return issue(state, ctx);
    case "script_op":
      return issueScripted(state, timer.index, ctx);
    case "op_timeout":
      return giveUp(state, timer.msgId, ctx);
    case "rpc_retry":
      return retry(state, timer.msgId, ctx);
    case "view_refresh":
      return refreshView(state, ctx);
    case "probe_write":
      return probeWrite(state, timer.trial, ctx);
    case "probe_read":
      return probeRead(state, timer.trial, ctx);
    case "serve":
    case "lb_forward":
    case "request_timeout":
    case "replica_timeout":
    case "handoff_round":
    case "ae_round":
    case "gossip_round":
    case "gossip_timeout":
      return state; // node timers
    default:
      return unreachable(timer);
  }
}

/**
 * Where a request goes (Dynamo section 6.4): direct, the first node of the key's walk this client
 * does not avoid; server-driven, the load balancer; client-driven, by the client's own view (which
 * may be stale): a get to a random node of the preference list (any may coordinate a read), a put
 * to the first node of the list it does not avoid.
 */
function coordinatorFor(state: ClientState, key: string, f: "get" | "put", ctx: ClientCtx): ProcId {
  const { workload, loadBalancer, n } = state.config;
  if (workload.coordination === "server-driven" && loadBalancer !== null) return loadBalancer;
  if (workload.coordination === "client-driven") {
    const walk = state.view.walk(key);
    if (f === "get") {
      const now = ctx.nowMs();
      const pref = walk
        .slice(0, n)
        .filter((node) => (state.avoid.get(node) ?? Number.NEGATIVE_INFINITY) <= now);
      if (pref.length > 0) return pref[state.routeRng.int(pref.length)] as ProcId;
    }
    return firstUnavoided(state, walk, ctx);
  }
  return firstUnavoided(state, state.config.ring.walk(key), ctx);
}

/** The first node of a walk this client does not avoid (else the first of the walk). */
function firstUnavoided(state: ClientState, walk: readonly number[], ctx: ClientCtx): ProcId {
  if (state.avoid.size > 0) {
    const now = ctx.nowMs();
    for (const node of walk) {
      const until = state.avoid.get(node);
      if (until === undefined || until <= now) return node as ProcId;
    }
  }
  return walk[0] as ProcId;
}

function issue(state: ClientState, ctx: ClientCtx): ClientState {
  const { workload, endMs } = state.config;
  const stopMs = Math.min(workload.stopMs ?? endMs, endMs);
  if (ctx.nowMs() > stopMs) return state;
  const isGet = ctx.rng.float() < workload.getFraction;
  const key = state.keys.next(ctx.rng);
  const coordinator = coordinatorFor(state, key, isGet ? "get" : "put", ctx);
  state.issued++;
  if (isGet) send(state, "get", key, null, coordinator, null, ctx);
  else {
    const value = `${ctx.name}:${state.issued}`;
    if (workload.context === "read-first") {
      send(state, "get", key, null, coordinator, null, ctx, value);
    } else {
      const context = workload.context === "none" ? null : (state.contexts.get(key) ?? null);
      send(state, "put", key, value, coordinator, context, ctx);
    }
  }
  if (workload.mode === "open") {
    ctx.after(ctx.rng.exponential(1000 / workload.ratePerSec), NEXT_OP);
  }
  return state;
}

function issueScripted(state: ClientState, index: number, ctx: ClientCtx): ClientState {
  const op = state.script[index];
  if (op === undefined) return state;
  state.issued++;
  const coordinator =
    op.via !== undefined ? ctx.procId(op.via) : coordinatorFor(state, op.key, op.f, ctx);
  if (op.f === "get") send(state, "get", op.key, null, coordinator, null, ctx);
  else {
    const own = op.value ?? `${ctx.name}:${state.issued}`;
    const value = op.merge === "union" ? unionOf(state.lastValues?.get(op.key) ?? [], own) : own;
    const context = op.context === "last-read" ? (state.contexts.get(op.key) ?? null) : null;
    send(state, "put", op.key, value, coordinator, context, ctx);
  }
  return state;
}

/** The values of a get's versions, in order. */
function valuesOf(versions: readonly Version[]): string[] {
  return versions.map((v) => v.value);
}

/**
 * A shopping cart's merge (Dynamo section 4.4): the items of every sibling read, with the new
 * ones, each once, sorted. Items are comma-separated.
 */
export function unionOf(siblings: readonly string[], added: string): string {
  const items = new Set<string>();
  for (const value of [...siblings, added]) {
    for (const item of value.split(",")) if (item !== "") items.add(item);
  }
  return [...items].sort().join(",");
}

function send(
  state: ClientState,
  f: "get" | "put",
  key: string,
  value: string | null,
  coordinator: ProcId,
  context: VectorClock | null,
  ctx: ClientCtx,
  thenPut: string | null = null,
): number {
  const w = state.config.workload;
  const op = ctx.invoke(f, key, value);
  state.requests++;
  const rid = w.rpc === "none" ? undefined : requestId(ctx.name, state.requests);
  let body: ClientRequest;
  if (f === "get") body = rid === undefined ? { type: "get", key } : { type: "get", key, rid };
  else {
    body =
      rid === undefined
        ? { type: "put", key, value: value as string, context }
        : { type: "put", key, value: value as string, context, rid };
  }
  const msgId = ctx.send(coordinator, body);
  const flight: InFlight = {
    type: "op_timeout",
    op,
    timer: -1,
    coordinator,
    thenPut,
    body,
    msgId,
    retryIds: null,
    retries: 0,
    retryTimer: -1,
  };
  flight.timer = ctx.after(w.clientTimeoutMs, flight);
  if (w.rpc !== "none" && w.maxRetries > 0)
    flight.retryTimer = ctx.after(w.retryAfterMs, { type: "rpc_retry", msgId });
  state.inFlight.set(msgId, flight);
  return msgId;
}

/**
 * At-least-once and at-most-once (rpc.ts): the attempt went unanswered for `retryAfterMs`, so the
 * same request (same body, same request id) goes out again, to the same coordinator (or the load
 * balancer), until `maxRetries` retries were sent. The client's overall timeout still bounds the
 * operation.
 */
function retry(state: ClientState, msgId: number, ctx: ClientCtx): ClientState {
  const flight = state.inFlight.get(msgId);
  if (flight === undefined) return state;
  const w = state.config.workload;
  flight.retries++;
  state.config.probe?.retried(ctx.self);
  const id = ctx.send(flight.coordinator, flight.body);
  if (flight.retryIds === null) flight.retryIds = [id];
  else flight.retryIds.push(id);
  state.inFlight.set(id, flight);
  flight.retryTimer =
    flight.retries < w.maxRetries ? ctx.after(w.retryAfterMs, { type: "rpc_retry", msgId }) : -1;
  return state;
}

/** Client-driven: ask a random node of the current view for the membership, and again later. */
function refreshView(state: ClientState, ctx: ClientCtx): ClientState {
  const members = membersOf(state.view);
  if (members.length > 0) {
    const node = members[state.routeRng.int(members.length)] as number;
    ctx.send(node as ProcId, { type: "membership_req" });
  }
  ctx.after(state.config.viewRefreshMs, { type: "view_refresh" });
  return state;
}

/** Staleness probe: trial `trial` writes its own key through `writeVia`; the next is armed. */
function probeWrite(state: ClientState, trial: number, ctx: ClientCtx): ClientState {
  const probe = state.config.workload.staleness;
  if (probe === undefined) return state;
  if (trial + 1 < probe.trials) ctx.after(probe.gapMs, { type: "probe_write", trial: trial + 1 });
  const key = probeKey(trial);
  const via = pickVia(state, probe.writeVia, ctx);
  const msgId = send(state, "put", key, `v${trial}`, via, null, ctx);
  state.probeWrites.set(msgId, trial);
  return state;
}

/** Staleness probe: the write is acknowledged; its reads follow at each of `readAtMs` after. */
function probeCommitted(state: ClientState, flight: InFlight, ctx: ClientCtx): void {
  const probe = state.config.workload.staleness;
  const trial = state.probeWrites.get(flight.msgId);
  if (probe === undefined || trial === undefined) return;
  state.probeWrites.delete(flight.msgId);
  probe.readAtMs.forEach((delayMs, index) => {
    ctx.after(delayMs, { type: "probe_read", trial, index });
  });
}

function probeRead(state: ClientState, trial: number, ctx: ClientCtx): ClientState {
  const probe = state.config.workload.staleness;
  if (probe === undefined) return state;
  send(state, "get", probeKey(trial), null, pickVia(state, probe.readVia, ctx), null, ctx);
  return state;
}

/** The node a probe's request goes through: the one named, or one of several at random. */
function pickVia(state: ClientState, via: string | readonly string[], ctx: ClientCtx): ProcId {
  if (typeof via === "string") return ctx.procId(via);
  return ctx.procId(via[state.routeRng.int(via.length)] as string);
}

/** The key of a staleness trial. */
export function probeKey(trial: number): string {
  return `t${trial}`;
}

function finish(
  state: ClientState,
  env: Envelope<Msg>,
  ctx: ClientCtx,
  outcome: "ok" | "fail",
  result: unknown,
  reason: string,
): ClientState {
  const flight = state.inFlight.get(env.inReplyTo);
  if (flight === undefined) return state; // an answer after the client gave up, or a duplicate
  forget(state, flight, ctx);
  ctx.cancel(flight.timer);
  const determinate = outcome === "ok" || flight.op.f === "get";
  ctx.complete(flight.op, determinate ? outcome : "info", result, reason);
  after(state, flight, ctx);
  return state;
}

function giveUp(state: ClientState, msgId: number, ctx: ClientCtx): ClientState {
  const flight = state.inFlight.get(msgId);
  if (flight === undefined) return state;
  forget(state, flight, ctx);
  const timeoutMs = state.config.workload.clientTimeoutMs;
  if (flight.coordinator !== state.config.loadBalancer)
    state.avoid.set(flight.coordinator, ctx.nowMs() + timeoutMs);
  const reason = `no answer from ${ctx.procName(flight.coordinator)} within ${timeoutMs} ms`;
  ctx.complete(flight.op, flight.op.f === "get" ? "fail" : "info", null, reason);
  after(state, flight, ctx);
  return state;
}

/** The operation is over: no attempt's answer counts any more, and no retry is due. */
function forget(state: ClientState, flight: InFlight, ctx: ClientCtx): void {
  state.inFlight.delete(flight.msgId);
  if (flight.retryIds !== null) for (const id of flight.retryIds) state.inFlight.delete(id);
  if (flight.retryTimer >= 0) ctx.cancel(flight.retryTimer);
}

/** An operation ended: a read-first put follows its read; otherwise the loop goes on. */
function after(state: ClientState, flight: InFlight, ctx: ClientCtx): void {
  if (flight.thenPut === null) {
    next(state, ctx);
    return;
  }
  const key = flight.op.key;
  const context = state.contexts.get(key) ?? null;
  send(state, "put", key, flight.thenPut, coordinatorFor(state, key, "put", ctx), context, ctx);
}

/** Closed loop: think, then issue the next operation. */
function next(state: ClientState, ctx: ClientCtx): void {
  const w = state.config.workload;
  if (w.mode === "closed") ctx.after(Math.max(w.thinkMs, 0.001), NEXT_OP);
}
