/**
 * What clients saw, judged against versions: stale reads, and acknowledged writes that no replica
 * keeps (lost). These look at the whole world (every client's history and every node's disk),
 * which no process can; tests, the CLI and the views use them.
 */

import type { Operation } from "../core/simulation";
import { ticksToMs } from "../core/types";
import { emptyStats, type NodeDisk, type ReplicationStats } from "../dynamo/node";
import { clockToJSON, type VectorClock } from "../dynamo/vectorClock";
import {
  type ConflictMode,
  holdsVersion,
  lwwCompare,
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
  return { seen: r.context, versions: r.versions };
}

export interface StaleRead {
  get: Operation;
  /** a put of the same key that completed before the get began, which the get did not see */
  missed: Operation;
}

/** Gets that began after a put of their key completed, yet returned neither it nor a successor. */
export function staleReads(history: readonly Operation[], mode: ConflictMode): StaleRead[] {
  const putsByKey = new Map<string, Operation[]>();
  for (const op of history) {
    if (op.f !== "put" || op.outcome !== "ok") continue;
    const list = putsByKey.get(op.key) ?? [];
    list.push(op);
    putsByKey.set(op.key, list);
  }
  const out: StaleRead[] = [];
  for (const get of history) {
    if (get.f !== "get" || get.outcome !== "ok") continue;
    const seen = getSiblings(get);
    for (const put of putsByKey.get(get.key) ?? []) {
      if ((put.completeAt as number) >= get.invokeAt) continue;
      if (!holdsVersion(seen, putVersion(put), mode)) {
        out.push({ get, missed: put });
        break;
      }
    }
  }
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
