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

import type { Behavior, Ctx, Envelope, Operation, TimerId } from "../core/simulation";
import { type ProcId, unreachable } from "../core/types";
import type { Msg, Timer } from "../dynamo/messages";
import type { Ring } from "../dynamo/ring";
import { EMPTY_CLOCK, mergeClocks, type VectorClock } from "../dynamo/vectorClock";
import type { Version } from "../dynamo/versioning";
import { KeyChooser, type ScriptOp, type WorkloadSpec } from "./workload";

export interface ClientConfig {
  ring: Ring;
  workload: WorkloadSpec;
  /** the run's end: no operation starts after it */
  endMs: number;
}

export interface GetResult {
  values: string[];
  versions: readonly Version[];
  context: VectorClock;
}

export interface PutResult {
  version: Version;
}

interface InFlight {
  op: Operation;
  timer: TimerId;
  /** read-first: the value to put once this get has ended */
  thenPut: string | null;
  coordinator: ProcId;
}

export interface ClientState {
  readonly config: ClientConfig;
  readonly keys: KeyChooser;
  /** operations awaiting an answer, by the id of the request message */
  readonly inFlight: Map<number, InFlight>;
  /** per key, the context of this client's last successful get */
  readonly contexts: Map<string, VectorClock>;
  /** per key, the values (siblings) of this client's last successful get */
  readonly lastValues: Map<string, readonly string[]>;
  /** coordinators that left an operation unanswered, avoided until (ms) */
  readonly avoid: Map<number, number>;
  /** this client's scripted operations, in time order */
  readonly script: readonly ScriptOp[];
  issued: number;
}

type ClientCtx = Ctx<Msg, Timer>;

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
        inFlight: new Map(),
        contexts: new Map(),
        lastValues: new Map(),
        avoid: new Map(),
        script,
        issued: 0,
      };
      script.forEach((op, index) => {
        ctx.after(op.atMs, { type: "script_op", index });
      });
      if (w.mode !== "script") {
        const firstDelay =
          w.mode === "open"
            ? ctx.rng.exponential(1000 / w.ratePerSec)
            : ctx.rng.uniform(0, Math.max(w.thinkMs, 1));
        ctx.after(w.startMs + firstDelay, { type: "next_op" });
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
      if (flight !== undefined) {
        state.lastValues.set(
          body.key,
          body.versions.map((v) => v.value),
        );
      }
      const result: GetResult = {
        values: body.versions.map((v) => v.value),
        versions: body.versions,
        context: body.context,
      };
      return finish(state, env, ctx, "ok", result, "");
    }
    case "put_ok": {
      // The client has seen its own write: its next put of the key supersedes it.
      if (state.inFlight.has(env.inReplyTo) && state.config.workload.context !== "none") {
        const known = state.contexts.get(body.key) ?? EMPTY_CLOCK;
        state.contexts.set(body.key, mergeClocks(known, body.version.clock));
      }
      return finish(state, env, ctx, "ok", { version: body.version } satisfies PutResult, "");
    }
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

/** The first node of the key's walk this client does not avoid (else the first of the walk). */
function coordinatorFor(state: ClientState, key: string, ctx: ClientCtx): ProcId {
  const walk = state.config.ring.walk(key);
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
  const coordinator = coordinatorFor(state, key, ctx);
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
    ctx.after(ctx.rng.exponential(1000 / workload.ratePerSec), { type: "next_op" });
  }
  return state;
}

function issueScripted(state: ClientState, index: number, ctx: ClientCtx): ClientState {
  const op = state.script[index];
  if (op === undefined) return state;
  state.issued++;
  const coordinator =
    op.via !== undefined ? ctx.procId(op.via) : coordinatorFor(state, op.key, ctx);
  if (op.f === "get") send(state, "get", op.key, null, coordinator, null, ctx);
  else {
    const own = op.value ?? `${ctx.name}:${state.issued}`;
    const value = op.merge === "union" ? unionOf(state.lastValues.get(op.key) ?? [], own) : own;
    const context = op.context === "last-read" ? (state.contexts.get(op.key) ?? null) : null;
    send(state, "put", op.key, value, coordinator, context, ctx);
  }
  return state;
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
): void {
  const op = ctx.invoke(f, key, value);
  const msgId =
    f === "get"
      ? ctx.send(coordinator, { type: "get", key })
      : ctx.send(coordinator, { type: "put", key, value: value as string, context });
  const timer = ctx.after(state.config.workload.clientTimeoutMs, { type: "op_timeout", msgId });
  state.inFlight.set(msgId, { op, timer, coordinator, thenPut });
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
  state.inFlight.delete(env.inReplyTo);
  ctx.cancel(flight.timer);
  const determinate = outcome === "ok" || flight.op.f === "get";
  ctx.complete(flight.op, determinate ? outcome : "info", result, reason);
  after(state, flight, ctx);
  return state;
}

function giveUp(state: ClientState, msgId: number, ctx: ClientCtx): ClientState {
  const flight = state.inFlight.get(msgId);
  if (flight === undefined) return state;
  state.inFlight.delete(msgId);
  const timeoutMs = state.config.workload.clientTimeoutMs;
  state.avoid.set(flight.coordinator, ctx.nowMs() + timeoutMs);
  const reason = `no answer from ${ctx.procName(flight.coordinator)} within ${timeoutMs} ms`;
  ctx.complete(flight.op, flight.op.f === "get" ? "fail" : "info", null, reason);
  after(state, flight, ctx);
  return state;
}

/** An operation ended: a read-first put follows its read; otherwise the loop goes on. */
function after(state: ClientState, flight: InFlight, ctx: ClientCtx): void {
  if (flight.thenPut === null) {
    next(state, ctx);
    return;
  }
  const key = flight.op.key;
  const context = state.contexts.get(key) ?? null;
  send(state, "put", key, flight.thenPut, coordinatorFor(state, key, ctx), context, ctx);
}

/** Closed loop: think, then issue the next operation. */
function next(state: ClientState, ctx: ClientCtx): void {
  const w = state.config.workload;
  if (w.mode === "closed") ctx.after(Math.max(w.thinkMs, 0.001), { type: "next_op" });
}
