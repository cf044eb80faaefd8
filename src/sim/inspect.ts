/**
 * Plain-data pictures of a run's inner state, for the inspectors: one node (its store, its hinted
 * replicas, its clock, the requests it coordinates and how far each got, its Merkle tree for a key
 * range against a peer's), and one key (every version written, how they descend from each other,
 * and which replica holds which). They read every process's state, which no process can; only the
 * views use them, and they change nothing.
 */

import type { Operation } from "./core/simulation";
import { ticksToMs } from "./core/types";
import type { Request } from "./dynamo/coordinator";
import { MerkleTree } from "./dynamo/merkle";
import { emptyStats, type NodeDisk, type NodeState, type ReplicationStats } from "./dynamo/node";
import { formatClock, mergeClocks, type VectorClock } from "./dynamo/vectorClock";
import {
  contextOf,
  covers,
  NO_VERSIONS,
  type Siblings,
  sameDot,
  type Version,
} from "./dynamo/versioning";
import type { Run } from "./run";

/** One version as the views show it. */
export interface VersionInfo {
  /** the dot, "Sx:2": unique per version */
  id: string;
  value: string;
  /** Dynamo's notation, "[(Sx,2),(Sy,1)]" */
  clock: string;
  /** the coordinator that stamped it */
  coordinator: string;
  lamport: number;
  /** the coordinator's physical clock when it stamped it (ms), which last-write-wins compares */
  wallMs: number;
}

export interface StoredKey {
  key: string;
  versions: VersionInfo[];
  /** everything this node has seen for the key: the merge of the contexts it received */
  seen: string;
}

export interface PendingRequest {
  id: number;
  kind: "get" | "put";
  key: string;
  /** ms since the coordinator started it (its own clock) */
  ageMs: number;
  /** acknowledgements (put) or replies (get) so far, and how many the quorum needs */
  got: number;
  need: number;
  /** whether the client has its answer */
  answered: boolean;
  targets: { node: string; hintFor: string | null; answered: boolean }[];
}

export interface MerkleInfo {
  /** the key range shown (see Ring.rangeCount) and the ranges this node replicates */
  range: number;
  ranges: number[];
  /** the replica it is compared with, or null if it has none */
  peer: string | null;
  /** hashes per level, root first, as 8 hex digits ("" for an empty subtree) */
  levels: string[][];
  /** per level, per node: true where the peer's hash differs */
  differs: boolean[][];
  /** keys of the range this node holds */
  keys: number;
}

export interface NodeDetail {
  index: number;
  name: string;
  up: boolean;
  clock: { offsetMs: number; drift: number; localMs: number };
  lamport: number;
  keys: StoredKey[];
  /** hinted replicas held for other nodes, by owner */
  hints: { owner: string; keys: StoredKey[] }[];
  stats: ReplicationStats;
  /** nodes this node presumes down (its own detector, or its gossip suspicions) */
  presumedDown: string[];
  /** requests it coordinates now (empty while it is down) */
  pending: PendingRequest[];
  /** its membership view (kept on disk, spread by gossip): each node's status and entry version */
  view: { node: string; status: string; version: number; tokens: number }[];
  merkle: MerkleInfo | null;
}

export interface VersionNode extends VersionInfo {
  /** the versions it directly supersedes (the transitive reduction of "its writer had seen") */
  parents: string[];
  /** layer in the graph: 0 for versions with no parent */
  depth: number;
  /** kept by some node (not superseded everywhere) */
  live: boolean;
  /** nodes whose own replica keeps it as a live version */
  holders: string[];
  /** nodes that keep it in a hinted replica */
  hintHolders: string[];
  /** the put that wrote it: client, invoke and completion times (ms), outcome */
  put: { client: string; invokeMs: number; completeMs: number | null; outcome: string } | null;
}

export interface KeyDetail {
  key: string;
  preferenceList: string[];
  versions: VersionNode[];
  /** what each preference-list replica holds: live version ids, and what it has seen */
  replicas: { node: string; up: boolean; versions: string[]; seen: string }[];
  /** the context a read of every replica would return */
  context: string;
}

function idOf(v: Version): string {
  return `${v.dot.node}:${v.dot.counter}`;
}

function versionInfo(v: Version): VersionInfo {
  return {
    id: idOf(v),
    value: v.value,
    clock: formatClock(v.clock),
    coordinator: v.dot.node,
    lamport: v.lamport,
    wallMs: v.wallMs,
  };
}

function storedKey(key: string, s: Siblings): StoredKey {
  return { key, versions: s.versions.map(versionInfo), seen: formatClock(s.seen) };
}

function diskOf(run: Run, node: number): NodeDisk | undefined {
  return run.sim.diskOf(node) as NodeDisk | undefined;
}

function hex(h: number): string {
  return h === 0 ? "" : h.toString(16).padStart(8, "0");
}

function pendingOf(run: Run, state: NodeState, localMs: number): PendingRequest[] {
  const { r, w } = run.scenario.quorum;
  const name = (i: number) => run.ring.names[i] as string;
  return [...state.requests.values()].map((req: Request) => ({
    id: req.id,
    kind: req.kind,
    key: req.key,
    ageMs: localMs - req.startedMs,
    got: req.kind === "put" ? req.acks : req.replyCount,
    need: req.kind === "put" ? w : r,
    answered: req.answered,
    targets: req.targets.map((t) => ({
      node: name(t.node),
      hintFor: t.hintFor >= 0 ? name(t.hintFor) : null,
      answered: t.answered,
    })),
  }));
}

/** The node's Merkle tree for `range` (default: its busiest range), compared with a peer's. */
function merkleOf(run: Run, node: number, wanted: number | null): MerkleInfo | null {
  const { ring } = run;
  const { n } = run.scenario.quorum;
  const depth = run.scenario.replication.merkleDepth;
  const ranges: number[] = [];
  for (let r = 0; r < ring.rangeCount; r++) {
    if (ring.rangeWalk(r).slice(0, n).includes(node)) ranges.push(r);
  }
  if (ranges.length === 0) return null;
  // by default, the range where this node holds the most keys
  const counts = new Map<number, number>();
  for (const key of diskOf(run, node)?.storage.keys() ?? []) {
    const r = ring.rangeOfKey(key);
    counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  const busiest = ranges.reduce(
    (best, r) => ((counts.get(r) ?? 0) > (counts.get(best) ?? 0) ? r : best),
    ranges[0] as number,
  );
  const range = wanted !== null && ranges.includes(wanted) ? wanted : busiest;
  const treeOf = (i: number) => {
    const storage = diskOf(run, i)?.storage;
    const entries = storage
      ? storage.entries().filter(([key]) => ring.rangeOfKey(key) === range)
      : [];
    return { tree: new MerkleTree(depth, entries), keys: entries.length };
  };
  const mine = treeOf(node);
  const peerIndex = ring
    .rangeWalk(range)
    .slice(0, n)
    .find((i) => i !== node);
  const levels = mine.tree.levelHashes();
  const theirs = peerIndex === undefined ? null : treeOf(peerIndex).tree.levelHashes();
  return {
    range,
    ranges,
    peer: peerIndex === undefined ? null : (ring.names[peerIndex] as string),
    levels: levels.map((l) => l.map(hex)),
    differs: levels.map((l, li) => l.map((h, i) => theirs !== null && theirs[li]?.[i] !== h)),
    keys: mine.keys,
  };
}

export function inspectNode(run: Run, node: number, range: number | null = null): NodeDetail {
  const name = (i: number) => run.ring.names[i] as string;
  const up = run.sim.isUp(node);
  const disk = diskOf(run, node);
  const state = up ? (run.sim.stateOf(node) as NodeState) : undefined;
  const storage = disk?.storage;
  const clock = run.sim.clockOf(node);
  const nowTicks = run.sim.now;
  const presumed = new Set<number>();
  const localMs = ticksToMs(clock.read(nowTicks));
  if (state !== undefined) {
    for (const [peer, until] of state.down) if (until > localMs) presumed.add(peer);
    for (const peer of state.gossip?.suspects ?? []) presumed.add(peer);
  }
  return {
    index: node,
    name: name(node),
    up,
    clock: {
      offsetMs: ticksToMs(clock.offsetTicks),
      drift: clock.drift,
      localMs,
    },
    lamport: run.sim.lamportOf(node),
    keys: storage ? storage.entries().map(([key, s]) => storedKey(key, s)) : [],
    hints: storage
      ? storage.hintOwners().map((owner) => ({
          owner: name(owner),
          keys: storage.hintsFor(owner).map(([key, h]) => storedKey(key, h.siblings)),
        }))
      : [],
    stats: disk ? { ...disk.stats } : emptyStats(),
    presumedDown: [...presumed].sort((a, b) => a - b).map(name),
    pending: state === undefined ? [] : pendingOf(run, state, localMs),
    view: disk
      ? [...disk.view]
          .map(([node, e]) => ({
            node,
            status: e.status,
            version: e.version,
            tokens: e.tokens.length,
          }))
          .sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0))
      : [],
    merkle: merkleOf(run, node, range),
  };
}

/** Every key any node holds (replica or hint), sorted, with its count of live versions. */
export function keysHeld(run: Run): { key: string; siblings: number }[] {
  const all = new Map<string, Version[]>();
  const add = (key: string, vs: readonly Version[]) => {
    const list = all.get(key) ?? [];
    for (const v of vs) if (!list.some((x) => sameDot(x, v))) list.push(v);
    all.set(key, list);
  };
  for (let node = 0; node < run.nodeCount; node++) {
    const storage = diskOf(run, node)?.storage;
    if (storage === undefined) continue;
    for (const [key, s] of storage.entries()) add(key, s.versions);
  }
  return [...all.keys()].sort(naturalOrder).map((key) => ({
    key,
    siblings: liveAmong(all.get(key) ?? []).length,
  }));
}

/** Versions none of the others covers. */
function liveAmong(vs: readonly Version[]): Version[] {
  return vs.filter((v) => !vs.some((x) => x !== v && covers(x, v)));
}

/** "k2" before "k10"; one collator for every comparison (localeCompare with options builds one per call) */
const NATURAL = new Intl.Collator("en", { numeric: true });

function naturalOrder(a: string, b: string): number {
  return NATURAL.compare(a, b);
}

export function inspectKey(run: Run, key: string): KeyDetail {
  const name = (i: number) => run.ring.names[i] as string;
  const n = run.scenario.quorum.n;
  // Every version known: written by an acknowledged put, or held somewhere.
  const known: Version[] = [];
  const putOf = new Map<string, Operation>();
  const add = (v: Version) => {
    if (!known.some((x) => sameDot(x, v))) known.push(v);
  };
  for (const op of run.history) {
    if (op.f !== "put" || op.key !== key) continue;
    const v = (op.result as { version?: Version } | null)?.version;
    if (v === undefined) continue;
    add(v);
    putOf.set(idOf(v), op);
  }
  const holders = new Map<string, string[]>();
  const hintHolders = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, id: string, who: string) => {
    const list = m.get(id) ?? [];
    if (!list.includes(who)) list.push(who);
    m.set(id, list);
  };
  for (let node = 0; node < run.nodeCount; node++) {
    const storage = diskOf(run, node)?.storage;
    if (storage === undefined) continue;
    for (const v of storage.siblings(key).versions) {
      add(v);
      push(holders, idOf(v), name(node));
    }
    for (const owner of storage.hintOwners()) {
      const hint = storage.hint(owner, key);
      for (const v of hint?.siblings.versions ?? []) {
        add(v);
        push(hintHolders, idOf(v), name(node));
      }
    }
  }
  // Direct parents: versions v covers that no other version covered by v covers.
  const parentsOf = (v: Version) => {
    const below = known.filter((p) => p !== v && covers(v, p));
    return below.filter((p) => !below.some((q) => q !== p && covers(q, p)));
  };
  const parents = new Map(known.map((v) => [idOf(v), parentsOf(v).map(idOf)]));
  const depth = new Map<string, number>();
  const depthOf = (id: string, guard: number): number => {
    const d = depth.get(id);
    if (d !== undefined) return d;
    const ps = parents.get(id) ?? [];
    // covers is acyclic between distinct dots; the guard only bounds a corrupted state
    const value =
      ps.length === 0 || guard > known.length
        ? 0
        : 1 + Math.max(...ps.map((p) => depthOf(p, guard + 1)));
    depth.set(id, value);
    return value;
  };
  const versions: VersionNode[] = known.map((v) => {
    const id = idOf(v);
    const op = putOf.get(id);
    return {
      ...versionInfo(v),
      parents: parents.get(id) ?? [],
      depth: depthOf(id, 0),
      live: (holders.get(id)?.length ?? 0) + (hintHolders.get(id)?.length ?? 0) > 0,
      holders: holders.get(id) ?? [],
      hintHolders: hintHolders.get(id) ?? [],
      put:
        op === undefined
          ? null
          : {
              client: run.sim.procName(op.proc),
              invokeMs: ticksToMs(op.invokeAt),
              completeMs: op.completeAt === -1 ? null : ticksToMs(op.completeAt),
              outcome: op.outcome,
            },
    };
  });
  versions.sort((a, b) => a.depth - b.depth || a.lamport - b.lamport || (a.id < b.id ? -1 : 1));
  const pref = run.ring.walk(key).slice(0, n);
  let context: VectorClock = NO_VERSIONS.seen;
  const replicas = pref.map((node) => {
    const s = diskOf(run, node)?.storage.siblings(key) ?? NO_VERSIONS;
    return {
      node: name(node),
      up: run.sim.isUp(node),
      versions: s.versions.map(idOf),
      seen: formatClock(s.seen),
    };
  });
  for (const node of pref) {
    const s = diskOf(run, node)?.storage.siblings(key) ?? NO_VERSIONS;
    context = mergeClocks(context, contextOf(s));
  }
  return {
    key,
    preferenceList: pref.map(name),
    versions,
    replicas,
    context: formatClock(context),
  };
}
