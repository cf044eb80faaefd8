/**
 * Gossip membership and local failure detection (Dynamo, SOSP 2007, section 4.8).
 *
 * Every `gossipIntervalMs` (Dynamo: once a second) a node picks a random peer from its view and
 * sends it its membership view; the peer merges it (membership.ts: per node, the higher version
 * wins) and answers with the merged view, which the sender merges in turn. Every fourth round the
 * node gossips with a random seed instead, so that parts of a cluster that were started apart
 * still meet. Rounds start at a random phase per node, so nodes do not gossip in lockstep.
 *
 * Failure detection is purely local: a node suspects a peer that has not answered its gossip within
 * `failureTimeoutMs`, and stops suspecting it as soon as any message from it arrives. Two nodes may
 * disagree about a third; nothing is decided globally.
 *
 * Invariants: a node never gossips with itself; a node suspects a peer only after a gossip to it
 * went unanswered; any message from a peer clears its suspicion.
 */

import type { Envelope } from "../core/simulation";
import type { ProcId } from "../core/types";
import { type MembershipView, mergeViews } from "./membership";
import type { Msg } from "./messages";
import type { NodeCtx, NodeState } from "./node";

/** Every fourth round goes to a seed. */
const SEED_EVERY = 4;

/** Arms the first round, at a random phase, when a node starts or recovers. */
export function startGossip(state: NodeState, ctx: NodeCtx): void {
  if (state.gossip === null) return;
  const interval = state.config.membership.gossipIntervalMs;
  ctx.after(ctx.rng.uniform(0, interval), { type: "gossip_round" });
}

export function onGossipRound(state: NodeState, ctx: NodeCtx): NodeState {
  const g = state.gossip;
  if (g === null) return state;
  const { gossipIntervalMs, failureTimeoutMs, seeds } = state.config.membership;
  g.rounds++;
  const names = state.config.ring.names;
  const self = ctx.self as number;
  const otherSeeds = seeds.filter((s) => s !== self);
  let peer: number | undefined;
  if (g.rounds % SEED_EVERY === 0 && otherSeeds.length > 0) {
    peer = otherSeeds[ctx.rng.int(otherSeeds.length)];
  } else {
    const peers: number[] = [];
    for (let i = 0; i < names.length; i++) {
      const entry = state.disk.view.get(names[i] as string);
      if (i !== self && entry !== undefined && entry.status !== "removed") peers.push(i);
    }
    if (peers.length > 0) peer = peers[ctx.rng.int(peers.length)];
  }
  if (peer !== undefined) {
    ctx.send(peer as ProcId, { type: "gossip", view: [...state.disk.view] });
    if (!g.awaiting.has(peer)) {
      g.awaiting.set(peer, ctx.after(failureTimeoutMs, { type: "gossip_timeout", peer }));
    }
  }
  ctx.after(gossipIntervalMs, { type: "gossip_round" });
  return state;
}

type GossipMsg = Extract<Msg, { type: "gossip" }>;
type GossipOkMsg = Extract<Msg, { type: "gossip_ok" }>;

export function onGossip(
  state: NodeState,
  env: Envelope<Msg>,
  body: GossipMsg,
  ctx: NodeCtx,
): NodeState {
  state.disk.view = mergeViews(state.disk.view, new Map(body.view));
  ctx.reply(env, { type: "gossip_ok", view: [...state.disk.view] });
  return state;
}

export function onGossipOk(state: NodeState, body: GossipOkMsg): NodeState {
  state.disk.view = mergeViews(state.disk.view, new Map(body.view));
  return state;
}

export function onGossipTimeout(state: NodeState, peer: number): NodeState {
  const g = state.gossip;
  if (g === null || !g.awaiting.has(peer)) return state;
  g.awaiting.delete(peer);
  g.suspects.add(peer);
  return state;
}

/** Any message from a node shows it is up: stop suspecting it, stop waiting for it. */
export function heardFrom(state: NodeState, src: number, ctx: NodeCtx): void {
  const g = state.gossip;
  if (g === null || src >= state.config.ring.size) return;
  g.suspects.delete(src);
  const timer = g.awaiting.get(src);
  if (timer !== undefined) {
    ctx.cancel(timer);
    g.awaiting.delete(src);
  }
}

/** The view every node starts from: every node of the ring a member, at version 1. */
export function initialView(
  names: readonly string[],
  tokens: (node: number) => readonly string[],
): MembershipView {
  // a node without tokens is on standby: known, but not yet a member
  return new Map(
    names.map((name, i) => {
      const own = tokens(i);
      return [name, { status: own.length > 0 ? "member" : "joining", version: 1, tokens: own }];
    }),
  );
}
