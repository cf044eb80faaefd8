/**
 * What clients saw, judged against versions: stale reads, and acknowledged writes that no replica
 * keeps (lost). These look at the whole world (every client's history and every node's disk),
 * which no process can; tests, the CLI and the views use them.
 */

import type { Operation } from "../core/simulation";
import { ticksToMs } from "../core/types";
import { emptyStats, type NodeDisk, type ReplicationStats } from "../dynamo/node";
import { clockToJSON, counterOf, type VectorClock } from "../dynamo/vectorClock";
import {
  type ConflictMode,
  holdsVersion,
  lwwCompare,
  makeSiblings,
  NO_VERSIONS,
  reconcile,
  type Siblings,
  type Version,
} from "../dynamo/versioning";
import type { Run } from "../run";

/** The version an acknowledged put created. */
export function putVersion(op: Operation): Version {
  return (op.result as { version: Version }).version;
}

/** The versions an ok get returned (siblings). */
export function getVersions(op: Operation): readonly Version[] {
  return (op.result as { versions: readonly Version[] }).versions;
}

/** What an ok get returned, as siblings: its versions, and its context as what it had seen. */
export function getSiblings(op: Operation): Siblings {
  const r = op.result as { versions: readonly Version[]; context: VectorClock };
  return makeSiblings(r.context, r.versions);
}

export interface StaleRead {
  get: Operation;
  /** a put of the same key that completed before the get began, which the get did not see */
  missed: Operation;
}

/** Acknowledged puts per key, in history order. */
export function okPutsByKey(history: readonly Operation[]): Map<string, Operation[]> {
  const putsByKey = new Map<string, Operation[]>();
  for (const op of history) {
    if (op.f !== "put" || op.outcome !== "ok") continue;
    const list = putsByKey.get(op.key);
    if (list === undefined) putsByKey.set(op.key, [op]);
    else list.push(op);
  }
  return putsByKey;
}

/**
 * One key's acknowledged puts by completion, swept as the gets' starts advance: what the puts
 * completed so far wrote, at most (the highest counter per coordinator, the latest timestamp).
 */
interface PutSweep {
  byCompletion: Operation[];
  next: number;
  maxCounter: Map<string, number>;
  maxLww: Version | null;
}

function advance(sweep: PutSweep, before: number): void {
  const puts = sweep.byCompletion;
  while (
    sweep.next < puts.length &&
    ((puts[sweep.next] as Operation).completeAt as number) < before
  ) {
    const v = putVersion(puts[sweep.next] as Operation);
    const c = sweep.maxCounter.get(v.dot.node);
    if (c === undefined || v.dot.counter > c) sweep.maxCounter.set(v.dot.node, v.dot.counter);
    if (sweep.maxLww === null || lwwCompare(v, sweep.maxLww) > 0) sweep.maxLww = v;
    sweep.next++;
  }
}

/**
 * Whether what a get saw holds every put the sweep has passed. Under last-write-wins this is
 * exact; under vector clocks it is a sufficient condition (its context covers every dot), and a
 * get it does not clear is judged put by put.
 */
function holdsAll(seen: Siblings, sweep: PutSweep, mode: ConflictMode): boolean {
  if (sweep.maxLww === null) return true;
  if (mode === "lww") return holdsVersion(seen, sweep.maxLww, mode);
  for (const [node, counter] of sweep.maxCounter) {
    if (counter > counterOf(seen.seen, node)) return false;
  }
  return true;
}

/**
 * Gets that began after a put of their key completed, yet returned neither it nor a successor;
 * with each, the first such put in history order.
 *
 * The gets are taken in order of their start, each key's puts in order of completion, so a get
 * that saw everything before it (nearly all) is cleared in time proportional to the number of
 * coordinators, not of puts: the check stays linear in a long run's history.
 */
export function staleReads(history: readonly Operation[], mode: ConflictMode): StaleRead[] {
  const putsByKey = okPutsByKey(history);
  const sweeps = new Map<string, PutSweep>();
  for (const [key, puts] of putsByKey) {
    const byCompletion = [...puts].sort(
      (a, b) => (a.completeAt as number) - (b.completeAt as number),
    );
    sweeps.set(key, { byCompletion, next: 0, maxCounter: new Map(), maxLww: null });
  }
  const gets = history.filter((op) => op.f === "get" && op.outcome === "ok");
  const byStart = gets.map((_, i) => i);
  // a run's history is in order of invocation already; any other is sorted (stably)
  if (gets.some((g, i) => i > 0 && g.invokeAt < (gets[i - 1] as Operation).invokeAt)) {
    byStart.sort(
      (a, b) => (gets[a] as Operation).invokeAt - (gets[b] as Operation).invokeAt || a - b,
    );
  }
  const missedBy = new Array<Operation | undefined>(gets.length);
  for (const i of byStart) {
    const get = gets[i] as Operation;
    const sweep = sweeps.get(get.key);
    if (sweep === undefined) continue;
    advance(sweep, get.invokeAt);
    const seen = getSiblings(get);
    if (holdsAll(seen, sweep, mode)) continue;
    for (const put of putsByKey.get(get.key) ?? []) {
      if ((put.completeAt as number) >= get.invokeAt) continue;
      if (!holdsVersion(seen, putVersion(put), mode)) {
        missedBy[i] = put;
        break;
      }
    }
  }
  const out: StaleRead[] = [];
  gets.forEach((get, i) => {
    const missed = missedBy[i];
    if (missed !== undefined) out.push({ get, missed });
  });
  return out;
}

/** Every version a key has anywhere in the cluster: replicas and hinted replicas, reconciled. */
export function clusterVersions(run: Run, key: string): Siblings {
  const mode = run.scenario.replication.conflicts;
  let all = NO_VERSIONS;
  for (let node = 0; node < run.nodeCount; node++) {
    const storage = (run.sim.diskOf(node) as NodeDisk | undefined)?.storage;
    if (storage !== undefined) all = reconcile(all, storage.everything(key), mode);
  }
  return all;
}

export interface LostWrite {
  key: string;
  /** the acknowledged put that no replica keeps */
  put: Operation;
  /** last-write-wins: the earlier put that beat it */
  beatenBy: Operation | null;
  why: string;
}

/**
 * Acknowledged puts that the cluster no longer keeps. Under vector clocks, a put is lost when no
 * version anywhere is it or supersedes it (this should never happen). Under last-write-wins, a put
 * is lost when a put of the same key that had completed before it began carries a later timestamp,
 * so it won although it came first: the signature of clock skew.
 */
export function lostWrites(run: Run): LostWrite[] {
  const mode = run.scenario.replication.conflicts;
  const puts = run.history.filter((op) => op.f === "put" && op.outcome === "ok");
  const out: LostWrite[] = [];
  if (mode === "vector-clock") {
    const finals = new Map<string, Siblings>();
    for (const put of puts) {
      let final = finals.get(put.key);
      if (final === undefined) {
        final = clusterVersions(run, put.key);
        finals.set(put.key, final);
      }
      if (!holdsVersion(final, putVersion(put), mode)) {
        out.push({
          key: put.key,
          put,
          beatenBy: null,
          why: `no node holds ${put.value} or a version that supersedes it`,
        });
      }
    }
    return out;
  }
  for (const put of puts) {
    const v = putVersion(put);
    const beat = puts.find(
      (x) =>
        x !== put &&
        x.key === put.key &&
        (x.completeAt as number) < put.invokeAt &&
        lwwCompare(putVersion(x), v) > 0,
    );
    if (beat === undefined) continue;
    const b = putVersion(beat);
    out.push({
      key: put.key,
      put,
      beatenBy: beat,
      why:
        `${put.value} began at ${fmt(ticksToMs(put.invokeAt))} ms, after ${beat.value} had completed ` +
        `at ${fmt(ticksToMs(beat.completeAt as number))} ms, but ${v.dot.node}'s clock stamped it ` +
        `${fmt(v.wallMs)} ms and ${b.dot.node}'s stamped ${beat.value} ${fmt(b.wallMs)} ms: ` +
        "last-write-wins keeps the earlier write",
    });
  }
  return out;
}

function fmt(ms: number): string {
  return (Math.round(ms * 10) / 10).toString();
}

/** A key's final versions as `run --json` prints them. */
export interface KeyReport {
  versions: { value: string; clock: Record<string, number>; lamport: number }[];
}

/** What the run did to versions, for `run --json` and the views. */
export interface ReplicationReport {
  /** every key any node holds, with the versions the whole cluster keeps (replicas and hints) */
  keys: Record<string, KeyReport>;
  /** the nodes' replication counters, summed */
  replication: ReplicationStats & { hintsHeld: number };
  lostWrites: { key: string; value: string | null; beatenBy: string | null; why: string }[];
  /** gets that missed a put completed before they began */
  staleReads: number;
}

export function replicationReport(run: Run): ReplicationReport {
  const mode = run.scenario.replication.conflicts;
  const totals = { ...emptyStats(), hintsHeld: 0 };
  const keySet = new Set<string>();
  for (let node = 0; node < run.nodeCount; node++) {
    const disk = run.sim.diskOf(node) as NodeDisk | undefined;
    if (disk === undefined) continue;
    for (const k of Object.keys(disk.stats) as (keyof ReplicationStats)[]) {
      totals[k] += disk.stats[k];
    }
    totals.hintsHeld += disk.storage.hintCount;
    for (const key of disk.storage.keys()) keySet.add(key);
    for (const owner of disk.storage.hintOwners()) {
      for (const [key] of disk.storage.hintsFor(owner)) keySet.add(key);
    }
  }
  const keys: Record<string, KeyReport> = {};
  for (const key of [...keySet].sort()) {
    keys[key] = {
      versions: clusterVersions(run, key).versions.map((v) => ({
        value: v.value,
        clock: clockToJSON(v.clock),
        lamport: v.lamport,
      })),
    };
  }
  return {
    keys,
    replication: totals,
    lostWrites: lostWrites(run).map((l) => ({
      key: l.key,
      value: l.put.value,
      beatenBy: l.beatenBy?.value ?? null,
      why: l.why,
    })),
    staleReads: staleReads(run.history, mode).length,
  };
}
