/**
 * The coordinator of a get or a put (Dynamo, SOSP 2007, sections 4.5 and 4.6).
 *
 * A put: the coordinator stamps a new version (versioning.ts: the client's context plus a new dot
 * of its own), stores it if it is one of the replicas, sends it to the other chosen replicas, and
 * answers the client once W of them (itself included) hold it. A get: the coordinator asks the
 * chosen replicas and answers once R have replied, with every causally maximal version among the
 * replies (siblings) and their merged clock as the context for a later put.
 *
 * Which replicas: under strict quorum, always the first N nodes of the key's preference list. Under
 * sloppy quorum, the first N nodes of the walk that this coordinator believes healthy: a node that
 * it presumes down is replaced by the next healthy node of the extended list, which stores the
 * write as a hinted replica naming the intended owner (handoff.ts hands it back later). What a node
 * presumes is local: a replica that has not answered `replicaTimeoutMs` after being asked is
 * presumed down (and, if the request is still open, replaced), and is tried again `retryDownMs`
 * later or as soon as it is heard from; under gossip membership, its suspicions count too.
 *
 * After answering a get, the coordinator waits for the remaining replies until the request timeout
 * and sends the merged versions to every preference-list replica that answered with stale ones
 * (read repair). A request that has not reached its quorum when its timer fires fails, and the
 * reason says how far it got.
 *
 * Invariants: a request is answered exactly once; it is answered ok only with a quorum.
 */

import type { Envelope, TimerId } from "../core/simulation";
import type { ProcId } from "../core/types";
import type { Msg } from "./messages";
import type { NodeCtx, NodeState } from "./node";
import { counterOf, EMPTY_CLOCK } from "./vectorClock";
import {
  addVersion,
  contextOf,
  makeVersion,
  NO_VERSIONS,
  type Siblings,
  type Version,
} from "./versioning";

/**
 * A replica a request was sent to; `hintFor` >= 0 when it stands in for that owner. For a get, the
 * reply it gave and its place among the request's replies (0 for the first to come).
 */
export interface Target {
  readonly node: number;
  readonly hintFor: number;
  answered: boolean;
  reply: Siblings | null;
  replyOrder: number;
}

function target(node: number, hintFor: number): Target {
  return { node, hintFor, answered: false, reply: null, replyOrder: -1 };
}

/**
 * A request in progress. It is also its own timeout timer (a Timer of type "request_timeout" for
 * request `requestId`, which is `id`), so arming the timeout allocates nothing.
 */
interface RequestBase {
  readonly type: "request_timeout";
  readonly requestId: number;
  readonly id: number;
  /** the client's request id (at-least-once, at-most-once), or undefined */
  readonly rid: string | undefined;
  /** the client's message, which the answer replies to */
  readonly client: Envelope<Msg>;
  readonly key: string;
  /** the key's ring walk: the first N are the preference list, the rest the extended list */
  readonly walk: readonly number[];
  readonly targets: Target[];
  /** nodes asked but no longer targets (replaced by stand-ins); null while there are none */
  replaced: number[] | null;
  readonly startedMs: number;
  /** true once the client has its answer */
  answered: boolean;
  timer: TimerId;
  replicaTimer: TimerId;
}

export interface PutRequest extends RequestBase {
  readonly kind: "put";
  readonly version: Version;
  /** what the coordinator held for the key with the new version reconciled in: what it sends */
  readonly siblings: Siblings;
  acks: number;
}

export interface GetRequest extends RequestBase {
  readonly kind: "get";
  /** replies so far (each target keeps its own, with its place in the order they came) */
  replyCount: number;
  /** the first `mergedCount` replies reconciled, in order (mergeReplies continues from it) */
  merged: Siblings;
  mergedCount: number;
}

export type Request = PutRequest | GetRequest;

type GetMsg = Extract<Msg, { type: "get" }>;
type PutMsg = Extract<Msg, { type: "put" }>;
type ReadOk = Extract<Msg, { type: "replica_read_ok" }>;
type WriteOk = Extract<Msg, { type: "replica_write_ok" }>;

/** True when this node presumes `node` down (its own detector or its gossip suspicions). */
export function presumedDown(state: NodeState, node: number, nowMs: number): boolean {
  const until = state.down.get(node);
  if (until !== undefined && until > nowMs) return true;
  return state.gossip?.suspects.has(node) ?? false;
}

/**
 * The replicas for a key: the preference list, with (sloppy quorum) each presumed-down owner
 * replaced by the next healthy node of the extended list. Owners without a healthy stand-in are
 * still asked: better a slim chance than none.
 */
export function chooseTargets(state: NodeState, walk: readonly number[], ctx: NodeCtx): Target[] {
  const { n, sloppy } = state.config;
  const top = Math.min(n, walk.length);
  const chosen = CHOSEN;
  let k = 0;
  if (!sloppy) {
    for (let i = 0; i < top; i++) chosen[k++] = target(walk[i] as number, -1);
    return chosen.slice(0, k);
  }
  const now = ctx.nowMs();
  const self = ctx.self;
  let skipped: number[] | null = null;
  for (let i = 0; i < top; i++) {
    const node = walk[i] as number;
    if (node === self || !presumedDown(state, node, now)) chosen[k++] = target(node, -1);
    else if (skipped === null) skipped = [node];
    else skipped.push(node);
  }
  if (skipped !== null) {
    for (let i = n; i < walk.length && skipped.length > 0; i++) {
      const node = walk[i] as number;
      if (node === self || !presumedDown(state, node, now))
        chosen[k++] = target(node, skipped.shift() as number);
    }
    for (const owner of skipped) chosen[k++] = target(owner, -1);
  }
  // a copy of exactly the right size: pushing onto a fresh array would reserve room for 16
  return chosen.slice(0, k);
}

/**
 * chooseTargets' scratch list (handlers never run re-entrantly); its first entries are the last
 * call's, the rest older ones (never read)
 */
const CHOSEN: Target[] = [];

/** True when the request has asked `node` (a target now, or one replaced since). */
function asked(req: Request, node: number): boolean {
  return targetOf(req.targets, node) !== undefined || (req.replaced?.includes(node) ?? false);
}

/** The target standing for `node`, if it was asked. */
function targetOf(targets: readonly Target[], node: number): Target | undefined {
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i] as Target;
    if (t.node === node) return t;
  }
  return undefined;
}

/** True when every target has answered. */
function allAnswered(targets: readonly Target[]): boolean {
  for (let i = 0; i < targets.length; i++) if (!(targets[i] as Target).answered) return false;
  return true;
}

/**
 * A remembered request (at-most-once): the answer given, or null while the first attempt is in
 * progress, with the repeats that wait for it.
 */
export interface DedupEntry {
  readonly atMs: number;
  answer: Msg | null;
  readonly waiters: Envelope<Msg>[];
}

/**
 * At-most-once (client/rpc.ts): true if this put repeats one this coordinator took less than
 * `dedupWindowMs` ago, in which case it is answered from the table (now, or when the first attempt
 * ends) and must not be applied. Otherwise the request is remembered, and entries older than the
 * window are forgotten (the table is in insertion order, which is time order on this node).
 */
function isRepeat(state: NodeState, env: Envelope<Msg>, rid: string, ctx: NodeCtx): boolean {
  const { dedupWindowMs } = state.config.rpc;
  const now = ctx.nowMs();
  const table = state.dedup;
  const entry = table.get(rid);
  if (entry !== undefined && now - entry.atMs <= dedupWindowMs) {
    state.config.probe?.dedupHit(ctx.self);
    if (entry.answer === null) entry.waiters.push(env);
    else ctx.reply(env, entry.answer);
    return true;
  }
  if (entry !== undefined) table.delete(rid);
  for (const [old, e] of table) {
    if (now - e.atMs <= dedupWindowMs) break;
    table.delete(old);
  }
  table.set(rid, { atMs: now, answer: null, waiters: [] });
  return false;
}

/** Answers the client once, and (at-most-once) remembers the answer for repeats. */
function answerClient(state: NodeState, req: Request, answer: Msg, ctx: NodeCtx): void {
  req.answered = true;
  ctx.reply(req.client, answer);
  if (req.kind !== "put" || req.rid === undefined) return;
  const entry = state.dedup.get(req.rid);
  if (entry === undefined || entry.answer !== null) return;
  entry.answer = answer;
  for (const waiter of entry.waiters) ctx.reply(waiter, answer);
  entry.waiters.length = 0;
}

/** A put to coordinate; `walk` is the key's ring walk, when the caller has looked it up already. */
export function onPut(
  state: NodeState,
  env: Envelope<Msg>,
  body: PutMsg,
  ctx: NodeCtx,
  walk: readonly number[] = state.config.ring.walk(body.key),
): NodeState {
  const { names, replication } = state.config;
  const rid = body.rid;
  if (
    rid !== undefined &&
    state.config.rpc.mode === "at-most-once" &&
    isRepeat(state, env, rid, ctx)
  )
    return state;
  if (rid !== undefined) state.config.probe?.applied(rid, ctx.self, ctx.nowMs());
  const self = names[ctx.self] as string;
  const context = body.context ?? EMPTY_CLOCK;
  const storage = state.disk.storage;
  const counter = storage.nextDot(body.key, self, counterOf(context, self));
  const version = makeVersion(
    body.value,
    self,
    counter,
    context,
    ctx.nowMs(),
    ctx.lamport(),
    replication.clockMaxEntries,
  );
  const targets = chooseTargets(state, walk, ctx);
  // The coordinator sends everything it holds for the key with the new version, not the version
  // alone: a replica that learns a dot of this coordinator then also learns what it superseded.
  const siblings = addVersion(
    storage.everything(body.key),
    version,
    storage.mode,
    storage.clockMaxEntries,
  );
  const id = state.nextRequestId++;
  const req: PutRequest = {
    type: "request_timeout",
    requestId: id,
    kind: "put",
    id,
    rid,
    client: env,
    key: body.key,
    walk,
    targets,
    replaced: null,
    startedMs: ctx.nowMs(),
    answered: false,
    timer: -1,
    replicaTimer: -1,
    version,
    siblings,
    acks: 0,
  };
  state.requests.set(req.id, req);
  for (const t of targets) sendWrite(state, req, t, ctx);
  if (state.requests.has(req.id)) armTimers(state, req, ctx);
  return state;
}

function sendWrite(state: NodeState, req: PutRequest, t: Target, ctx: NodeCtx): void {
  const siblings = req.siblings;
  if (t.node === ctx.self) {
    const storage = state.disk.storage;
    if (t.hintFor >= 0) {
      if (storage.addHint(t.hintFor, req.key, siblings)) state.disk.stats.hintsStored++;
    } else storage.apply(req.key, siblings);
    acknowledge(state, req, t, ctx);
  } else {
    ctx.send(t.node as ProcId, {
      type: t.hintFor >= 0 ? "hinted_write" : "replica_write",
      key: req.key,
      requestId: req.id,
      siblings,
      hintFor: t.hintFor,
    });
  }
}

function acknowledge(state: NodeState, req: PutRequest, t: Target, ctx: NodeCtx): void {
  if (t.answered) return;
  t.answered = true;
  req.acks++;
  if (!req.answered && req.acks >= state.config.w) {
    answerClient(state, req, { type: "put_ok", key: req.key, version: req.version }, ctx);
  }
  if (allAnswered(req.targets)) finish(state, req, ctx);
}

/** A get to coordinate; `walk` as for onPut. */
export function onGet(
  state: NodeState,
  env: Envelope<Msg>,
  body: GetMsg,
  ctx: NodeCtx,
  walk: readonly number[] = state.config.ring.walk(body.key),
): NodeState {
  const targets = chooseTargets(state, walk, ctx);
  const id = state.nextRequestId++;
  const req: GetRequest = {
    type: "request_timeout",
    requestId: id,
    kind: "get",
    id,
    rid: body.rid,
    client: env,
    key: body.key,
    walk,
    targets,
    replaced: null,
    startedMs: ctx.nowMs(),
    answered: false,
    timer: -1,
    replicaTimer: -1,
    replyCount: 0,
    merged: NO_VERSIONS,
    mergedCount: 0,
  };
  state.requests.set(req.id, req);
  for (const t of targets) sendRead(state, req, t, ctx);
  if (state.requests.has(req.id)) armTimers(state, req, ctx);
  return state;
}

function sendRead(state: NodeState, req: GetRequest, t: Target, ctx: NodeCtx): void {
  if (t.node === ctx.self) {
    recordReply(state, req, t, localVersions(state, req.key, t.hintFor), ctx);
  } else {
    ctx.send(t.node as ProcId, {
      type: "replica_read",
      key: req.key,
      requestId: req.id,
      hintFor: t.hintFor,
    });
  }
}

/** What this node holds for a key: its own versions, and those it keeps for `hintFor`. */
export function localVersions(state: NodeState, key: string, hintFor: number): Siblings {
  const storage = state.disk.storage;
  const own = storage.siblings(key);
  if (hintFor < 0) return own;
  const hint = storage.hint(hintFor, key);
  return hint === undefined ? own : storage.reconcile(own, hint.siblings);
}

function recordReply(
  state: NodeState,
  req: GetRequest,
  t: Target,
  siblings: Siblings,
  ctx: NodeCtx,
): void {
  if (t.answered) return;
  t.answered = true;
  t.reply = siblings;
  t.replyOrder = req.replyCount++;
  if (!req.answered && req.replyCount >= state.config.r) {
    const merged = mergeReplies(state, req);
    const from = new Array<number>(req.replyCount);
    for (let k = 0; k < req.replyCount; k++) from[k] = (replyAt(req, k) as Target).node;
    answerClient(
      state,
      req,
      {
        type: "get_ok",
        key: req.key,
        versions: merged.versions,
        context: contextOf(merged),
        from,
      },
      ctx,
    );
  }
  if (allAnswered(req.targets)) finish(state, req, ctx);
}

/**
 * Every reply so far reconciled, folded in the order the replies came. The fold of the replies
 * that made the answer is kept, so read repair only folds in the later ones.
 */
function mergeReplies(state: NodeState, req: GetRequest): Siblings {
  let merged = req.merged;
  const storage = state.disk.storage;
  for (let k = req.mergedCount; k < req.replyCount; k++)
    merged = storage.reconcile(merged, (replyAt(req, k) as Target).reply as Siblings);
  req.merged = merged;
  req.mergedCount = req.replyCount;
  return merged;
}

/** The target whose reply came `k`th (0 for the first). */
function replyAt(req: GetRequest, k: number): Target | undefined {
  const targets = req.targets;
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i] as Target;
    if (t.replyOrder === k) return t;
  }
  return undefined;
}

function armTimers(state: NodeState, req: Request, ctx: NodeCtx): void {
  const { requestTimeoutMs, sloppy, replication } = state.config;
  req.timer = ctx.after(requestTimeoutMs, req);
  if (sloppy && replication.replicaTimeoutMs < requestTimeoutMs) {
    req.replicaTimer = ctx.after(replication.replicaTimeoutMs, {
      type: "replica_timeout",
      requestId: req.id,
    });
  }
}

export function onReplicaWriteOk(
  state: NodeState,
  env: Envelope<Msg>,
  body: WriteOk,
  ctx: NodeCtx,
): NodeState {
  const req = state.requests.get(body.requestId);
  if (req === undefined || req.kind !== "put") return state; // finished already, or timed out
  const t = targetOf(req.targets, env.src);
  if (t !== undefined) acknowledge(state, req, t, ctx);
  return state;
}

export function onReplicaReadOk(
  state: NodeState,
  env: Envelope<Msg>,
  body: ReadOk,
  ctx: NodeCtx,
): NodeState {
  const req = state.requests.get(body.requestId);
  if (req === undefined || req.kind !== "get") return state;
  const t = targetOf(req.targets, env.src);
  if (t !== undefined) recordReply(state, req, t, body.siblings, ctx);
  return state;
}

/**
 * Replicas that have not answered are presumed down; under sloppy quorum each is replaced by the
 * next healthy node of the extended list, which will hold a hint for the owner.
 */
export function onReplicaTimeout(
  state: NodeState,
  timer: { requestId: number },
  ctx: NodeCtx,
): NodeState {
  const req = state.requests.get(timer.requestId);
  if (req === undefined) return state;
  req.replicaTimer = -1;
  const now = ctx.nowMs();
  const { retryDownMs, replicaTimeoutMs } = state.config.replication;
  const silent = req.targets.filter((t) => !t.answered);
  for (const t of silent) state.down.set(t.node, now + retryDownMs);
  let replaced = false;
  for (const t of silent) {
    const standIn = req.walk.find(
      (node) => !asked(req, node) && (node === ctx.self || !presumedDown(state, node, now)),
    );
    if (standIn === undefined) break;
    const owner = t.hintFor >= 0 ? t.hintFor : t.node;
    const next = target(standIn, owner);
    req.targets.splice(req.targets.indexOf(t), 1, next);
    if (req.replaced === null) req.replaced = [t.node];
    else req.replaced.push(t.node);
    replaced = true;
    if (req.kind === "put") sendWrite(state, req, next, ctx);
    else sendRead(state, req, next, ctx);
    if (!state.requests.has(req.id)) return state;
  }
  if (replaced && now - req.startedMs + replicaTimeoutMs < state.config.requestTimeoutMs) {
    req.replicaTimer = ctx.after(replicaTimeoutMs, { type: "replica_timeout", requestId: req.id });
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
  req.timer = -1;
  if (!req.answered) {
    const { r, w, requestTimeoutMs, sloppy, names } = state.config;
    const silent = req.targets.filter((t) => !t.answered).map((t) => names[t.node]);
    const got = req.kind === "put" ? req.acks : req.replyCount;
    const need =
      req.kind === "put" ? `${w} acknowledgements (W = ${w})` : `${r} replies (R = ${r})`;
    const reason =
      `timed out after ${requestTimeoutMs} ms with ${got} of ${need}; ` +
      `no answer from ${silent.join(", ") || "nobody"}` +
      (sloppy ? "" : " (strict quorum: only the preference list may answer)");
    answerClient(state, req, { type: "request_failed", key: req.key, reason }, ctx);
  }
  finish(state, req, ctx);
  return state;
}

/** The request is over: read repair for a get, then forget it. */
function finish(state: NodeState, req: Request, ctx: NodeCtx): void {
  if (!state.requests.delete(req.id)) return;
  ctx.cancel(req.timer);
  ctx.cancel(req.replicaTimer);
  if (req.kind === "get" && state.config.replication.readRepair) readRepair(state, req, ctx);
}

/**
 * Sends the merged versions to each preference-list replica whose reply lacked some of them.
 * Stand-ins are not repaired: they hold hints, not replicas.
 */
function readRepair(state: NodeState, req: GetRequest, ctx: NodeCtx): void {
  if (req.replyCount < 2) return;
  const merged = mergeReplies(state, req);
  if (merged.versions.length === 0) return;
  const pref = Math.min(state.config.n, req.walk.length);
  for (let k = 0; k < req.replyCount; k++) {
    const t = replyAt(req, k) as Target;
    const node = t.node;
    const siblings = t.reply as Siblings;
    const at = req.walk.indexOf(node);
    if (at < 0 || at >= pref) continue; // a stand-in
    if (state.disk.storage.reconcile(siblings, merged) === siblings) continue; // not stale
    state.disk.stats.readRepairs++;
    if (node === ctx.self) state.disk.storage.apply(req.key, merged);
    else ctx.send(node as ProcId, { type: "read_repair", key: req.key, siblings: merged });
  }
}
