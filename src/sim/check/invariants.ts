/**
 * Global invariants of a run, named as the sentences they assert. Handlers check what they can see
 * locally; these look at the whole world (every node's disk, every client's history), which no
 * process can, and are run by tests after faults and at the end of runs.
 */

import type { Operation } from "../core/simulation";
import type { ProcId } from "../core/types";
import type { NodeDisk } from "../dynamo/node";
import { formatVersion, holdsVersion, NO_VERSIONS, sameSiblings } from "../dynamo/versioning";
import type { Run } from "../run";
import { getVersions, putVersion } from "./versions";

export interface Violation {
  invariant: string;
  detail: string;
}

/**
 * Every acknowledged write is durable: once a put was answered ok, at least W nodes hold its
 * version or one that supersedes it, as replicas or as hinted replicas (disks survive crashes,
 * versions are only superseded, a hint is deleted only after its owner has it).
 */
export function acknowledgedWritesAreDurable(run: Run): Violation[] {
  const { w } = run.scenario.quorum;
  const mode = run.scenario.replication.conflicts;
  const out: Violation[] = [];
  for (const op of run.history) {
    if (op.f !== "put" || op.outcome !== "ok") continue;
    const version = putVersion(op);
    let holding = 0;
    for (let node = 0; node < run.nodeCount; node++) {
      const storage = (run.sim.diskOf(node) as NodeDisk | undefined)?.storage;
      if (storage === undefined) continue;
      if (holdsVersion(storage.everything(op.key), version, mode)) holding++;
    }
    if (holding < w) {
      out.push({
        invariant: "acknowledgedWritesAreDurable",
        detail: `put ${op.id} of ${op.key} (${formatVersion(version)}) is held by ${holding} nodes, W = ${w}`,
      });
    }
  }
  return out;
}

/** Every operation that was invoked ended once, ok, fail or info, by the end of the run. */
export function everyOperationEnds(history: readonly Operation[]): Violation[] {
  return history
    .filter((op) => op.outcome === "pending")
    .map((op) => ({
      invariant: "everyOperationEnds",
      detail: `${op.f} ${op.key} by process ${op.proc}, invoked at ${op.invokeAt} ticks, never ended`,
    }));
}

/** No operation ends before it begins, and every ok get returns a value some put wrote. */
export function readsReturnWrittenValues(history: readonly Operation[]): Violation[] {
  const written = new Set(
    history.filter((op) => op.f === "put").map((op) => `${op.key}=${op.value}`),
  );
  const out: Violation[] = [];
  for (const op of history) {
    if (op.outcome !== "pending" && (op.completeAt as number) < op.invokeAt) {
      out.push({
        invariant: "readsReturnWrittenValues",
        detail: `operation ${op.id} ends before it begins`,
      });
    }
    if (op.f !== "get" || op.outcome !== "ok") continue;
    for (const v of getVersions(op)) {
      if (!written.has(`${op.key}=${v.value}`)) {
        out.push({
          invariant: "readsReturnWrittenValues",
          detail: `get ${op.id} of ${op.key} returned ${v.value}, which no put wrote`,
        });
      }
    }
  }
  return out;
}

/** The keys any node holds, as a replica or as a hint, sorted. */
function heldKeys(run: Run): string[] {
  const keys = new Set<string>();
  for (let node = 0; node < run.nodeCount; node++) {
    const storage = (run.sim.diskOf(node) as NodeDisk | undefined)?.storage;
    if (storage === undefined) continue;
    for (const key of storage.keys()) keys.add(key);
    for (const owner of storage.hintOwners()) {
      for (const [key] of storage.hintsFor(owner)) keys.add(key);
    }
  }
  return [...keys].sort();
}

/**
 * After quiescence (faults healed, hints handed off, anti-entropy run), every acknowledged write
 * is in the state of each of its key's N replicas, or superseded there by a version whose writer
 * had seen it.
 */
export function acknowledgedWritesReachEveryReplica(run: Run): Violation[] {
  const { n } = run.scenario.quorum;
  const mode = run.scenario.replication.conflicts;
  const out: Violation[] = [];
  for (const op of run.history) {
    if (op.f !== "put" || op.outcome !== "ok") continue;
    const version = putVersion(op);
    for (const node of run.ring.walk(op.key).slice(0, n)) {
      const storage = (run.sim.diskOf(node) as NodeDisk | undefined)?.storage;
      if (storage !== undefined && holdsVersion(storage.siblings(op.key), version, mode)) continue;
      out.push({
        invariant: "acknowledgedWritesReachEveryReplica",
        detail: `put ${op.id} of ${op.key} (${formatVersion(version)}) is not held by replica ${run.sim.procName(node as ProcId)}`,
      });
    }
  }
  return out;
}

/** After quiescence, no node still holds a hinted replica: every hint reached its owner. */
export function everyHintIsHandedOff(run: Run): Violation[] {
  const out: Violation[] = [];
  for (let node = 0; node < run.nodeCount; node++) {
    const storage = (run.sim.diskOf(node) as NodeDisk | undefined)?.storage;
    if (storage === undefined) continue;
    for (const owner of storage.hintOwners()) {
      out.push({
        invariant: "everyHintIsHandedOff",
        detail: `${run.sim.procName(node as ProcId)} still holds ${storage.hintsFor(owner).length} hints for ${run.sim.procName(owner as ProcId)}`,
      });
    }
  }
  return out;
}

/** After quiescence, the N replicas of every key hold the same versions and have seen the same. */
export function replicasConverge(run: Run): Violation[] {
  const { n } = run.scenario.quorum;
  const out: Violation[] = [];
  for (const key of heldKeys(run)) {
    const replicas = run.ring.walk(key).slice(0, n);
    const states = replicas.map(
      (node) =>
        (run.sim.diskOf(node) as NodeDisk | undefined)?.storage.siblings(key) ?? NO_VERSIONS,
    );
    const first = states[0] ?? NO_VERSIONS;
    states.forEach((st, i) => {
      if (sameSiblings(st, first)) return;
      const show = (x: typeof st) => x.versions.map(formatVersion).join(" | ") || "nothing";
      out.push({
        invariant: "replicasConverge",
        detail: `${key}: ${run.sim.procName(replicas[0] as ProcId)} holds ${show(first)}, ${run.sim.procName(replicas[i] as ProcId)} holds ${show(st)}`,
      });
    });
  }
  return out;
}

/** After quiescence, a node keeps only keys it replicates: every move after a join or leave ended. */
export function keysLiveOnlyAtTheirReplicas(run: Run): Violation[] {
  const { n } = run.scenario.quorum;
  const out: Violation[] = [];
  for (let node = 0; node < run.nodeCount; node++) {
    const storage = (run.sim.diskOf(node) as NodeDisk | undefined)?.storage;
    if (storage === undefined) continue;
    const strays = storage.keys().filter((key) => !run.ring.walk(key).slice(0, n).includes(node));
    if (strays.length > 0) {
      out.push({
        invariant: "keysLiveOnlyAtTheirReplicas",
        detail: `${run.sim.procName(node as ProcId)} still holds ${strays.length} keys it no longer replicates (${strays.slice(0, 3).join(", ")})`,
      });
    }
  }
  return out;
}

/** The safety invariants, and with `quiescent` the convergence ones too. */
export function checkRun(run: Run, quiescent = false): Violation[] {
  if (quiescent) {
    return [
      ...checkRun(run),
      ...acknowledgedWritesReachEveryReplica(run),
      ...everyHintIsHandedOff(run),
      ...replicasConverge(run),
      ...keysLiveOnlyAtTheirReplicas(run),
    ];
  }
  return [
    ...acknowledgedWritesAreDurable(run),
    ...everyOperationEnds(run.history),
    ...readsReturnWrittenValues(run.history),
  ];
}
