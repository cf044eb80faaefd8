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
 * its last get of each key and sends it with its next put of that key, as Dynamo's clients do, so
 * the put supersedes what the client had read (workload.context "none" makes every put blind).
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
import type { VectorClock } from "../dynamo/vectorClock";
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
  coordinator: ProcId;
}

export interface ClientState {
  readonly config: ClientConfig;
  readonly keys: KeyChooser;
  /** operations awaiting an answer, by the id of the request message */
  readonly inFlight: Map<number, InFlight>;
  /** per key, the context of this client's last successful get */
  readonly contexts: Map<string, VectorClock>;
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
      if (flight !== undefined && state.config.workload.context === "last-read") {
        state.contexts.set(body.key, body.context);
      }
      const result: GetResult = {
        values: body.versions.map((v) => v.value),
        versions: body.versions,
        context: body.context,
      };
      return finish(state, env, ctx, "ok", result, "");
    }
    case "put_ok":
      return finish(state, env, ctx, "ok", { version: body.version } satisfies PutResult, "");
    case "request_failed":
      return finish(state, env, ctx, "fail", null, body.reason);
    case "get":
    case "put":
    case "replica_read":
    case "replica_read_ok":
    case "replica_write":
    case "replica_write_ok":
    case "read_repair":
    case "handoff":
    case "handoff_ok":
    case "ae_compare":
    case "ae_sync":
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
    send(state, "put", key, value, coordinator, state.contexts.get(key) ?? null, ctx);
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
    const value = op.value ?? `${ctx.name}:${state.issued}`;
    const context = op.context === "last-read" ? (state.contexts.get(op.key) ?? null) : null;
    send(state, "put", op.key, value, coordinator, context, ctx);
  }
  return state;
}

function send(
  state: ClientState,
  f: "get" | "put",
  key: string,
  value: string | null,
  coordinator: ProcId,
  context: VectorClock | null,
  ctx: ClientCtx,
): void {
  const op = ctx.invoke(f, key, value);
  const msgId =
    f === "get"
      ? ctx.send(coordinator, { type: "get", key })
      : ctx.send(coordinator, { type: "put", key, value: value as string, context });
  const timer = ctx.after(state.config.workload.clientTimeoutMs, { type: "op_timeout", msgId });
  state.inFlight.set(msgId, { op, timer, coordinator });
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
  next(state, ctx);
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
  next(state, ctx);
  return state;
}

/** Closed loop: think, then issue the next operation. */
function next(state: ClientState, ctx: ClientCtx): void {
  const w = state.config.workload;
  if (w.mode === "closed") ctx.after(Math.max(w.thinkMs, 0.001), { type: "next_op" });
}
