/**
 * Hinted handoff (Dynamo, SOSP 2007, section 4.6): a node that stored writes as a stand-in for an
 * unreachable owner scans its hinted replicas every `handoffIntervalMs` and sends each owner what
 * it holds for it. The owner reconciles them into its own store and acknowledges each key with the
 * revision it received; the stand-in then deletes that hint, unless a newer write joined it in the
 * meantime (that one goes in the next scan).
 *
 * The same rounds move keys after a join or leave (rebalance.ts).
 *
 * A handoff to an owner that is still down is simply lost; the next scan tries again. Hints are
 * durable by default; with `hintsDurable: false` a crash forgets them (anti-entropy still repairs
 * the owner later, from the other replicas).
 */

import type { Envelope } from "../core/simulation";
import type { ProcId } from "../core/types";
import type { Msg } from "./messages";
import type { NodeCtx, NodeState } from "./node";
import { rebalance } from "./rebalance";

/** The most keys one handoff message carries. */
export const HANDOFF_BATCH = 32;

type Handoff = Extract<Msg, { type: "handoff" }>;
type HandoffOk = Extract<Msg, { type: "handoff_ok" }>;

export function startHandoff(state: NodeState, ctx: NodeCtx): void {
  const interval = state.config.replication.handoffIntervalMs;
  if (interval > 0) ctx.after(ctx.rng.uniform(0, interval), { type: "handoff_round" });
}

export function onHandoffRound(state: NodeState, ctx: NodeCtx): NodeState {
  const storage = state.disk.storage;
  rebalance(state, ctx);
  for (const owner of storage.hintOwners()) {
    const items = storage
      .hintsFor(owner)
      .slice(0, HANDOFF_BATCH)
      .map(([key, hint]) => ({ key, siblings: hint.siblings, rev: hint.rev }));
    ctx.send(owner as ProcId, { type: "handoff", items });
  }
  ctx.after(state.config.replication.handoffIntervalMs, { type: "handoff_round" });
  return state;
}

export function onHandoff(
  state: NodeState,
  env: Envelope<Msg>,
  body: Handoff,
  ctx: NodeCtx,
): NodeState {
  for (const item of body.items) state.disk.storage.apply(item.key, item.siblings);
  ctx.reply(env, {
    type: "handoff_ok",
    items: body.items.map((item) => ({ key: item.key, rev: item.rev })),
  });
  return state;
}

export function onHandoffOk(state: NodeState, env: Envelope<Msg>, body: HandoffOk): NodeState {
  for (const item of body.items) {
    if (state.disk.storage.dropHint(env.src, item.key, item.rev)) state.disk.stats.hintsDelivered++;
  }
  return state;
}
