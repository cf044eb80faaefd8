/**
 * Merkle-tree anti-entropy (Dynamo, SOSP 2007, section 4.7): every `antiEntropyIntervalMs`, a node
 * picks one key range it replicates and another replica of that range it believes healthy, and the
 * two compare their Merkle trees of the range (merkle.ts):
 *
 * 1. the initiator sends its root (ae_compare, level 0);
 * 2. the receiver compares: equal means in sync, and the exchange ends; else it answers with its
 *    own hashes of the children of the nodes that differ (ae_compare, next level), and so on, each
 *    side descending only into the subtrees that differ;
 * 3. whoever finds differing leaves sends the keys of those leaves with their versions (ae_sync);
 *    the other side reconciles them and sends back, for the same leaves, only the keys where it
 *    holds something the first side lacked.
 *
 * Anti-entropy works on each node's own replicas, never on hinted ones. Each node counts its
 * exchanges, the messages it sent and the keys it sent (NodeDisk.stats).
 */

import type { Envelope } from "../core/simulation";
import type { ProcId } from "../core/types";
import { presumedDown } from "./coordinator";
import { leafOf, MerkleTree } from "./merkle";
import type { KeyVersions, Msg } from "./messages";
import type { NodeCtx, NodeState } from "./node";
import { type Siblings, sameSiblings } from "./versioning";

type Compare = Extract<Msg, { type: "ae_compare" }>;
type Sync = Extract<Msg, { type: "ae_sync" }>;

export function startAntiEntropy(state: NodeState, ctx: NodeCtx): void {
  const interval = state.config.replication.antiEntropyIntervalMs;
  if (interval > 0) ctx.after(ctx.rng.uniform(0, interval), { type: "ae_round" });
}

/** The key ranges this node replicates (it is among the first N of their walk), computed once. */
function rangesOf(state: NodeState, self: number): readonly number[] {
  if (state.aeRanges === null || state.aeRing !== state.config.ring) {
    state.aeRing = state.config.ring;
    const { ring, n } = state.config;
    const mine: number[] = [];
    for (let r = 0; r < ring.rangeCount; r++) {
      if (ring.rangeWalk(r).slice(0, n).includes(self)) mine.push(r);
    }
    state.aeRanges = mine;
  }
  return state.aeRanges;
}

/** The keys of one range this node holds, with their versions. */
function entriesOf(state: NodeState, range: number): [string, Siblings][] {
  const ring = state.config.ring;
  return state.disk.storage.entriesWhere((key) => ring.rangeOfKey(key) === range);
}

function treeOf(state: NodeState, range: number): MerkleTree {
  return new MerkleTree(state.config.replication.merkleDepth, entriesOf(state, range));
}

export function onAntiEntropyRound(state: NodeState, ctx: NodeCtx): NodeState {
  const { ring, n, replication } = state.config;
  ctx.after(replication.antiEntropyIntervalMs, { type: "ae_round" });
  const ranges = rangesOf(state, ctx.self);
  if (ranges.length === 0) return state;
  const range = ranges[ctx.rng.int(ranges.length)] as number;
  const now = ctx.nowMs();
  const peers = ring
    .rangeWalk(range)
    .slice(0, n)
    .filter((node) => node !== ctx.self && !presumedDown(state, node, now));
  if (peers.length === 0) return state;
  const peer = peers[ctx.rng.int(peers.length)] as number;
  state.disk.stats.aeExchanges++;
  send(state, peer, ctx, {
    type: "ae_compare",
    range,
    level: 0,
    nodes: [0],
    hashes: [treeOf(state, range).root],
  });
  return state;
}

function send(state: NodeState, to: number, ctx: NodeCtx, body: Compare | Sync): void {
  state.disk.stats.aeMessages++;
  if (body.type === "ae_sync") state.disk.stats.aeKeysSent += body.entries.length;
  ctx.send(to as ProcId, body);
}

export function onAntiEntropyCompare(
  state: NodeState,
  env: Envelope<Msg>,
  body: Compare,
  ctx: NodeCtx,
): NodeState {
  const tree = treeOf(state, body.range);
  const differing = tree.differing(body.level, body.nodes, body.hashes);
  if (differing.length === 0) return state; // in sync below these nodes
  if (body.level === tree.depth) {
    send(state, env.src, ctx, {
      type: "ae_sync",
      range: body.range,
      leaves: differing,
      entries: leafEntries(state, body.range, differing, tree.depth),
      reply: true,
    });
    return state;
  }
  const children = differing.flatMap((i) => [2 * i, 2 * i + 1]);
  send(state, env.src, ctx, {
    type: "ae_compare",
    range: body.range,
    level: body.level + 1,
    nodes: children,
    hashes: children.map((i) => tree.hash(body.level + 1, i)),
  });
  return state;
}

function leafEntries(
  state: NodeState,
  range: number,
  leaves: readonly number[],
  depth: number,
): KeyVersions[] {
  const wanted = new Set(leaves);
  return entriesOf(state, range)
    .filter(([key]) => wanted.has(leafOf(key, depth)))
    .map(([key, siblings]) => ({ key, siblings }));
}

export function onAntiEntropySync(
  state: NodeState,
  env: Envelope<Msg>,
  body: Sync,
  ctx: NodeCtx,
): NodeState {
  const storage = state.disk.storage;
  const sent = new Map(body.entries.map((e) => [e.key, e.siblings]));
  for (const e of body.entries) storage.apply(e.key, e.siblings);
  if (!body.reply) return state;
  // Answer with the keys of those leaves where the sender lacks something this node holds.
  const back = leafEntries(
    state,
    body.range,
    body.leaves,
    state.config.replication.merkleDepth,
  ).filter(({ key, siblings }) => {
    const theirs = sent.get(key);
    return theirs === undefined || !sameSiblings(storage.reconcile(theirs, siblings), theirs);
  });
  if (back.length > 0) {
    send(state, env.src, ctx, {
      type: "ae_sync",
      range: body.range,
      leaves: body.leaves,
      entries: back,
      reply: false,
    });
  }
  return state;
}
