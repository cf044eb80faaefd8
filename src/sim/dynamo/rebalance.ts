/**
 * Moving keys when the ring changes (Dynamo, SOSP 2007, section 4.8.3): after a node joins, each
 * key it now replicates was held by a node that no longer does; after a node leaves, every key it
 * held has a new replica. Either way the rule is the same, and local: a node that holds a key it
 * no longer replicates hands it to the key's replicas, and deletes its copy once every one of them
 * has confirmed (Dynamo: "B, C and D hand those keys to X after X confirms").
 *
 * Each node checks at its handoff rounds (handoff.ts), sends at most TRANSFER_BATCH keys per
 * message, and resends whatever is still unconfirmed on the next round, so a lost message or a
 * crashed replica only delays the move. Reads and writes go on meanwhile: coordinators already use
 * the new ring, and a copy is deleted only if nothing changed it since it was sent.
 *
 * Invariant: a node deletes a key only after every current replica acknowledged the exact
 * versions it holds, so no acknowledged write leaves the ring with it.
 */

import type { Envelope } from "../core/simulation";
import type { ProcId } from "../core/types";
import type { Msg } from "./messages";
import type { NodeCtx, NodeState } from "./node";

/** The most keys one transfer message carries. */
export const TRANSFER_BATCH = 32;

type Transfer = Extract<Msg, { type: "transfer" }>;
type TransferOk = Extract<Msg, { type: "transfer_ok" }>;

/** Sends every key this node holds but no longer replicates to the key's replicas. */
export function rebalance(state: NodeState, ctx: NodeCtx): void {
  const { ring, n } = state.config;
  const storage = state.disk.storage;
  if (
    state.rebalancedRing === ring &&
    state.rebalancedRevision === storage.revision &&
    state.outgoing.size === 0
  ) {
    return; // nothing changed since the last scan
  }
  state.rebalancedRing = ring;
  state.rebalancedRevision = storage.revision;
  const batches = new Map<number, Transfer["items"][number][]>();
  for (const key of storage.keys()) {
    const replicas = ring.walk(key).slice(0, n);
    if (replicas.includes(ctx.self)) {
      state.outgoing.delete(key);
      continue;
    }
    const siblings = storage.siblings(key);
    const prior = state.outgoing.get(key);
    const waiting =
      prior !== undefined && prior.siblings === siblings && prior.ring === ring
        ? prior.waiting
        : new Set(replicas);
    state.outgoing.set(key, { siblings, waiting, ring });
    for (const node of waiting) {
      const list = batches.get(node) ?? [];
      if (list.length < TRANSFER_BATCH) list.push({ key, siblings });
      batches.set(node, list);
    }
  }
  for (const [node, items] of [...batches].sort((a, b) => a[0] - b[0])) {
    state.disk.stats.transfersSent += items.length;
    ctx.send(node as ProcId, { type: "transfer", items });
  }
}

export function onTransfer(
  state: NodeState,
  env: Envelope<Msg>,
  body: Transfer,
  ctx: NodeCtx,
): NodeState {
  for (const item of body.items) state.disk.storage.apply(item.key, item.siblings);
  ctx.reply(env, { type: "transfer_ok", keys: body.items.map((i) => i.key) });
  return state;
}

export function onTransferOk(state: NodeState, env: Envelope<Msg>, body: TransferOk): NodeState {
  const storage = state.disk.storage;
  for (const key of body.keys) {
    const out = state.outgoing.get(key);
    if (out === undefined) continue;
    out.waiting.delete(env.src);
    if (out.waiting.size > 0) continue;
    state.outgoing.delete(key);
    const { ring, n } = state.config;
    // deleted only if unchanged since it was sent, and still not this node's to replicate
    if (ring.walk(key).slice(0, n).includes(env.dst)) continue;
    if (storage.siblings(key) === out.siblings) {
      storage.delete(key);
      state.disk.stats.keysHandedOver++;
    } else {
      state.rebalancedRing = null; // it changed meanwhile (a late handoff): send it again
    }
  }
  return state;
}
