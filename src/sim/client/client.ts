/**
 * A client process: generates its share of the workload, sends each operation to a coordinator,
 * and records what it observed (the history) through ctx.invoke / ctx.complete.
 *
 * Routing here is the simplest correct one: the client knows the ring and sends each request to the
 * first node of the key's preference list. An answer that never comes is given up on after the
 * client timeout; a put that timed out or failed may still have been applied somewhere, so it is
 * recorded as indeterminate ("info"), while a failed get had no effect ("fail").
 *
 * Results: a get's is `{ value, version }` (value null if the key was never written), a put's is
 * `{ version }`, the version its coordinator stamped.
 */

import type { Behavior, Ctx, Envelope, Operation, TimerId } from "../core/simulation";
import { type ProcId, unreachable } from "../core/types";
import type { Msg, Timer } from "../dynamo/messages";
import type { Ring } from "../dynamo/ring";
import { KeyChooser, type WorkloadSpec } from "./workload";

export interface ClientConfig {
  ring: Ring;
  workload: WorkloadSpec;
  /** the run's end: no operation starts after it */
  endMs: number;
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
  issued: number;
}

type ClientCtx = Ctx<Msg, Timer>;

export function clientBehavior(config: ClientConfig): Behavior<ClientState, null, Msg, Timer> {
  const keys = new KeyChooser(config.workload.keys);
  return {
    start: (_disk, ctx) => {
      const state: ClientState = { config, keys, inFlight: new Map(), issued: 0 };
      const w = config.workload;
      const firstDelay =
        w.mode === "open"
          ? ctx.rng.exponential(1000 / w.ratePerSec)
          : ctx.rng.uniform(0, Math.max(w.thinkMs, 1));
      ctx.after(w.startMs + firstDelay, { type: "next_op" });
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
    case "get_ok":
      return finish(state, env, ctx, "ok", { value: body.value, version: body.version }, "");
    case "put_ok":
      return finish(state, env, ctx, "ok", { version: body.version }, "");
    case "request_failed":
      return finish(state, env, ctx, "fail", null, body.reason);
    case "get":
    case "put":
    case "replica_read":
    case "replica_read_ok":
    case "replica_write":
    case "replica_write_ok":
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
    case "op_timeout":
      return giveUp(state, timer.msgId, ctx);
    case "request_timeout":
    case "gossip_round":
    case "gossip_timeout":
      return state; // node timers
    default:
      return unreachable(timer);
  }
}

function issue(state: ClientState, ctx: ClientCtx): ClientState {
  const { workload, ring, endMs } = state.config;
  const stopMs = Math.min(workload.stopMs ?? endMs, endMs);
  if (ctx.nowMs() > stopMs) return state;
  const isGet = ctx.rng.float() < workload.getFraction;
  const key = state.keys.next(ctx.rng);
  const coordinator = ring.walk(key)[0] as ProcId;
  state.issued++;
  if (isGet) {
    const op = ctx.invoke("get", key, null);
    track(state, op, ctx.send(coordinator, { type: "get", key }), coordinator, ctx);
  } else {
    const value = `${ctx.name}:${state.issued}`;
    const op = ctx.invoke("put", key, value);
    track(state, op, ctx.send(coordinator, { type: "put", key, value }), coordinator, ctx);
  }
  if (workload.mode === "open") {
    ctx.after(ctx.rng.exponential(1000 / workload.ratePerSec), { type: "next_op" });
  }
  return state;
}

function track(
  state: ClientState,
  op: Operation,
  msgId: number,
  coordinator: ProcId,
  ctx: ClientCtx,
): void {
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
  const reason = `no answer from ${ctx.procName(flight.coordinator)} within ${state.config.workload.clientTimeoutMs} ms`;
  ctx.complete(flight.op, flight.op.f === "get" ? "fail" : "info", null, reason);
  next(state, ctx);
  return state;
}

/** Closed loop: think, then issue the next operation. */
function next(state: ClientState, ctx: ClientCtx): void {
  const w = state.config.workload;
  if (w.mode === "closed") ctx.after(Math.max(w.thinkMs, 0.001), { type: "next_op" });
}
