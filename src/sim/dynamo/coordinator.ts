/**
 * The coordinator of a get or a put (Dynamo, SOSP 2007, section 4.5).
 *
 * A put: the coordinator stamps the new version, stores it locally, sends it to the other N-1 nodes
 * of the key's preference list, and answers the client once W nodes (itself included) hold it.
 * A get: the coordinator reads its own copy, asks the other N-1 nodes, and answers once R nodes
 * (itself included) have replied, with the newest version among the replies. With R + W > N every
 * read quorum meets every write quorum, so a get that starts after a put completed sees it.
 *
 * A request that has not reached its quorum when its timer fires fails, and the reason says how far
 * it got. Replies that arrive after the answer are ignored (read repair will use them).
 *
 * Invariants: a request is answered exactly once; it is answered ok only with a quorum.
 */

import type { Envelope, TimerId } from "../core/simulation";
import type { ProcId } from "../core/types";
import { compareVersions, type Msg, type Version } from "./messages";
import type { NodeCtx, NodeState } from "./node";
import type { Stored } from "./storage";

interface RequestBase {
  readonly id: number;
  /** the client's message, which the answer replies to */
  readonly client: Envelope<Msg>;
  readonly key: string;
  /** the key's ring walk; its first N nodes are the replicas */
  readonly replicas: readonly number[];
  readonly startedMs: number;
  timer: TimerId;
}

export interface PutRequest extends RequestBase {
  readonly kind: "put";
  readonly value: string;
  readonly version: Version;
  acks: number;
}

export interface GetRequest extends RequestBase {
  readonly kind: "get";
  replies: number;
  newest: Stored | undefined;
}

export type Request = PutRequest | GetRequest;

type GetMsg = Extract<Msg, { type: "get" }>;
type PutMsg = Extract<Msg, { type: "put" }>;
type ReadOk = Extract<Msg, { type: "replica_read_ok" }>;
type WriteOk = Extract<Msg, { type: "replica_write_ok" }>;

export function onPut(state: NodeState, env: Envelope<Msg>, body: PutMsg, ctx: NodeCtx): NodeState {
  const { n, w, requestTimeoutMs, ring } = state.config;
  const replicas = ring.walk(body.key);
  const version: Version = { counter: ctx.lamport(), node: ctx.self };
  const req: PutRequest = {
    kind: "put",
    id: state.nextRequestId++,
    client: env,
    key: body.key,
    replicas,
    startedMs: ctx.nowMs(),
    timer: -1,
    value: body.value,
    version,
    acks: 0,
  };
  for (let i = 0; i < n; i++) {
    const replica = replicas[i] as number;
    if (replica === ctx.self) {
      state.disk.storage.write(body.key, body.value, version);
      req.acks++;
    } else {
      ctx.send(replica as ProcId, {
        type: "replica_write",
        key: body.key,
        requestId: req.id,
        value: body.value,
        version,
      });
    }
  }
  if (req.acks >= w) {
    ctx.reply(env, { type: "put_ok", key: body.key, version });
    return state;
  }
  req.timer = ctx.after(requestTimeoutMs, { type: "request_timeout", requestId: req.id });
  state.requests.set(req.id, req);
  return state;
}

export function onGet(state: NodeState, env: Envelope<Msg>, body: GetMsg, ctx: NodeCtx): NodeState {
  const { n, r, requestTimeoutMs, ring } = state.config;
  const replicas = ring.walk(body.key);
  const req: GetRequest = {
    kind: "get",
    id: state.nextRequestId++,
    client: env,
    key: body.key,
    replicas,
    startedMs: ctx.nowMs(),
    timer: -1,
    replies: 0,
    newest: undefined,
  };
  for (let i = 0; i < n; i++) {
    const replica = replicas[i] as number;
    if (replica === ctx.self) {
      req.newest = newer(req.newest, state.disk.storage.get(body.key));
      req.replies++;
    } else {
      ctx.send(replica as ProcId, { type: "replica_read", key: body.key, requestId: req.id });
    }
  }
  if (req.replies >= r) {
    answerGet(req, ctx);
    return state;
  }
  req.timer = ctx.after(requestTimeoutMs, { type: "request_timeout", requestId: req.id });
  state.requests.set(req.id, req);
  return state;
}

export function onReplicaWriteOk(state: NodeState, body: WriteOk, ctx: NodeCtx): NodeState {
  const req = state.requests.get(body.requestId);
  if (req === undefined || req.kind !== "put") return state; // answered already, or timed out
  req.acks++;
  if (req.acks >= state.config.w) {
    ctx.cancel(req.timer);
    state.requests.delete(req.id);
    ctx.reply(req.client, { type: "put_ok", key: req.key, version: req.version });
  }
  return state;
}

export function onReplicaReadOk(state: NodeState, body: ReadOk, ctx: NodeCtx): NodeState {
  const req = state.requests.get(body.requestId);
  if (req === undefined || req.kind !== "get") return state;
  req.replies++;
  if (body.value !== null && body.version !== null) {
    req.newest = newer(req.newest, { value: body.value, version: body.version });
  }
  if (req.replies >= state.config.r) {
    ctx.cancel(req.timer);
    state.requests.delete(req.id);
    answerGet(req, ctx);
  }
  return state;
}

export function onRequestTimeout(
  state: NodeState,
  timer: { requestId: number },
  ctx: NodeCtx,
): NodeState {
  const req = state.requests.get(timer.requestId);
  if (req === undefined) return state;
  state.requests.delete(req.id);
  const { r, w, requestTimeoutMs } = state.config;
  const reason =
    req.kind === "put"
      ? `timed out after ${requestTimeoutMs} ms with ${req.acks} of ${w} acknowledgements (W = ${w})`
      : `timed out after ${requestTimeoutMs} ms with ${req.replies} of ${r} replies (R = ${r})`;
  ctx.reply(req.client, { type: "request_failed", key: req.key, reason });
  return state;
}

function answerGet(req: GetRequest, ctx: NodeCtx): void {
  ctx.reply(req.client, {
    type: "get_ok",
    key: req.key,
    value: req.newest?.value ?? null,
    version: req.newest?.version ?? null,
  });
}

function newer(a: Stored | undefined, b: Stored | undefined): Stored | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareVersions(a.version, b.version) >= 0 ? a : b;
}
