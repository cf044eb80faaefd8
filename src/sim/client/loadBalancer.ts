/**
 * The load balancer of server-driven coordination (Dynamo, SOSP 2007, section 6.4): a process of
 * its own, after the clients, present only when `workload.coordination` is "server-driven".
 *
 * Each client request waits a queueing and processing delay sampled from
 * `coordination.loadBalancer` (an `lb_forward` timer), then goes to a node chosen uniformly at
 * random among the ring's members, whatever the key: the balancer knows nothing of preference
 * lists. That node forwards the request into the preference list if it must (dynamo/routing.ts).
 * The answer comes back along the same path, and the balancer passes it to the client without a
 * further delay: the variability Table 2 attributes to the balancer is on the way in.
 *
 * Invariants: every request received is forwarded once; an answer is passed on at most once (a
 * duplicate finds no entry).
 */

import type { Behavior, Ctx, Envelope } from "../core/simulation";
import { type ProcId, unreachable } from "../core/types";
import type { Msg, Timer } from "../dynamo/messages";
import type { Ring } from "../dynamo/ring";
import { compileLatency, type LatencyDist, type Sampler } from "../net/latency";

export interface LoadBalancerConfig {
  ring: Ring;
  /** the queueing and processing delay per request */
  delay: LatencyDist;
  /** an answer not back after this long is forgotten */
  forgetAfterMs: number;
}

export interface LoadBalancerState {
  readonly config: LoadBalancerConfig;
  readonly sample: Sampler;
  /** forwarded requests, by the id of the forwarded message: the client's envelope */
  readonly relays: Map<number, { to: Envelope<Msg>; atMs: number }>;
  forwarded: number;
}

type LbCtx = Ctx<Msg, Timer>;

export function loadBalancerBehavior(
  config: LoadBalancerConfig,
): Behavior<LoadBalancerState, null, Msg, Timer> {
  const sample = compileLatency(config.delay);
  return {
    start: () => ({ config, sample, relays: new Map(), forwarded: 0 }),
    disk: () => null,
    onMessage,
    onTimer,
  };
}

function onMessage(state: LoadBalancerState, env: Envelope<Msg>, ctx: LbCtx): LoadBalancerState {
  const body = env.body;
  switch (body.type) {
    case "get":
    case "put":
      ctx.after(state.sample(ctx.rng), { type: "lb_forward", env });
      return state;
    case "get_ok":
    case "put_ok":
    case "request_failed": {
      const relay = state.relays.get(env.inReplyTo);
      if (relay === undefined) return state; // late, or a duplicate
      state.relays.delete(env.inReplyTo);
      ctx.reply(relay.to, body);
      return state;
    }
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
    case "membership_ok":
      return state; // storage traffic never addressed to the balancer
    default:
      return unreachable(body);
  }
}

function onTimer(state: LoadBalancerState, timer: Timer, ctx: LbCtx): LoadBalancerState {
  switch (timer.type) {
    case "lb_forward":
      forward(state, timer.env, ctx);
      return state;
    case "request_timeout":
    case "replica_timeout":
    case "handoff_round":
    case "ae_round":
    case "gossip_round":
    case "gossip_timeout":
    case "serve":
    case "next_op":
    case "script_op":
    case "op_timeout":
    case "rpc_retry":
    case "view_refresh":
    case "probe_write":
    case "probe_read":
      return state; // node and client timers
    default:
      return unreachable(timer);
  }
}

/** Sends the request to a member chosen uniformly at random, remembering whom to answer. */
function forward(state: LoadBalancerState, env: Envelope<Msg>, ctx: LbCtx): void {
  const body = env.body;
  if (body.type !== "get" && body.type !== "put") return;
  const members = membersOf(state.config.ring);
  if (members.length === 0) return;
  const node = members[ctx.rng.int(members.length)] as number;
  const now = ctx.nowMs();
  for (const [id, relay] of state.relays) {
    if (now - relay.atMs <= state.config.forgetAfterMs) break;
    state.relays.delete(id);
  }
  const sent = ctx.send(node as ProcId, body);
  state.relays.set(sent, { to: env, atMs: now });
  state.forwarded++;
}

const membersCache = new WeakMap<Ring, readonly number[]>();

/** The nodes that hold tokens on a ring, in index order. */
export function membersOf(ring: Ring): readonly number[] {
  let members = membersCache.get(ring);
  if (members === undefined) {
    members = [...new Set(ring.tokens.map((t) => t.node))].sort((a, b) => a - b);
    membersCache.set(ring, members);
  }
  return members;
}
