/**
 * Global invariants of a run, named as the sentences they assert. Handlers check what they can see
 * locally; these look at the whole world (every node's disk, every client's history), which no
 * process can, and are run by tests after faults and at the end of runs.
 */

import type { Operation } from "../core/simulation";
import type { NodeDisk } from "../dynamo/node";
import { formatVersion, holdsVersion } from "../dynamo/versioning";
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

export function checkRun(run: Run): Violation[] {
  return [
    ...acknowledgedWritesAreDurable(run),
    ...everyOperationEnds(run.history),
    ...readsReturnWrittenValues(run.history),
  ];
}
