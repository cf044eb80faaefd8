/**
 * How a client request reaches the node that coordinates it (Dynamo, SOSP 2007, sections 4.5 and
 * 6.4), on the node's side.
 *
 * Service time: when the scenario gives `coordination.serviceTime`, a node that receives a client
 * request (get or put, from a client, the load balancer or another node) spends a sampled delay on
 * it before acting (a `serve` timer), as parsing, routing and local work would. Requests do not
 * queue behind each other: each pays its own delay (an infinite-server model), so the delay is a
 * property of the node, not of the load. Replica traffic pays none: its cost is in the network's
 * latency.
 *
 * Server-driven coordination: the load balancer hands each request to a random node. A node that
 * is not among the key's top N (the preference list) forwards it to the first of the top N, the
 * extra hop of Dynamo's section 6.4; a node in the top N coordinates it. Answers go back along the
 * path: the coordinator replies to the node that forwarded the request, which replies to the load
 * balancer, which replies to the client. Each relay remembers, by the id of the message it sent on,
 * the envelope it must answer (`relays`), so correlation uses only the envelopes' `inReplyTo`, and
 * a duplicated answer finds no entry the second time and is dropped.
 *
 * Client-driven coordination: the client routes by its own membership view, which it refreshes by
 * asking a random node (`membership_req` / `membership_ok`); the node answers with the ring it
 * routes by.
 *
 * Invariants: a forwarded request is forwarded once per delivery, always into the preference list,
 * so it is coordinated after at most one extra hop; a relay answers each message it relayed at
 * most once.
 */

import type { Envelope } from "../core/simulation";
import type { ProcId } from "../core/types";
import { onGet, onPut } from "./coordinator";
import type { Msg } from "./messages";
import type { NodeCtx, NodeState } from "./node";

type Answer = Extract<Msg, { type: "get_ok" | "put_ok" | "request_failed" }>;

/** A relay forgets a request whose answer has not come after this many request timeouts. */
const RELAY_TIMEOUTS = 4;

/** A get or put arrives: serve it now, or after the node's service time. */
export function onClientRequest(state: NodeState, env: Envelope<Msg>, ctx: NodeCtx): NodeState {
  const sample = state.serviceTime;
  if (sample === null) return handleClientRequest(state, env, ctx);
  ctx.after(sample(state.serviceRng), { type: "serve", env });
  return state;
}

/** The service time has passed: coordinate the request, or forward it into the preference list. */
export function handleClientRequest(state: NodeState, env: Envelope<Msg>, ctx: NodeCtx): NodeState {
  const body = env.body;
  if (body.type !== "get" && body.type !== "put") return state;
  const { coordination, ring, n } = state.config;
  const walk = ring.walk(body.key);
  if (coordination === "server-driven") {
    const first = walk[0];
    const at = walk.indexOf(ctx.self);
    if (first !== undefined && (at < 0 || at >= n)) {
      const sent = ctx.send(first as ProcId, body);
      remember(state, sent, env, ctx);
      return state;
    }
  }
  return body.type === "get"
    ? onGet(state, env, body, ctx, walk)
    : onPut(state, env, body, ctx, walk);
}

/** Remembers that the answer to message `sent` is owed to `to`, forgetting very old entries. */
export function remember(state: NodeState, sent: number, to: Envelope<Msg>, ctx: NodeCtx): void {
  const now = ctx.nowMs();
  const ttl = RELAY_TIMEOUTS * state.config.requestTimeoutMs;
  for (const [id, relay] of state.relays) {
    if (now - relay.atMs <= ttl) break;
    state.relays.delete(id);
  }
  state.relays.set(sent, { to, atMs: now });
}

/** An answer to a request this node forwarded: pass it back to whoever sent the request. */
export function onRelayedAnswer(
  state: NodeState,
  env: Envelope<Msg>,
  body: Answer,
  ctx: NodeCtx,
): NodeState {
  const relay = state.relays.get(env.inReplyTo);
  if (relay === undefined) return state; // a stray or a duplicate
  state.relays.delete(env.inReplyTo);
  ctx.reply(relay.to, body);
  return state;
}

/** A client asks for the membership: the ring this node routes by. */
export function onMembershipReq(state: NodeState, env: Envelope<Msg>, ctx: NodeCtx): NodeState {
  ctx.reply(env, { type: "membership_ok", ring: state.config.ring });
  return state;
}
