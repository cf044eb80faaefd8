/**
 * Global invariants of a run, named as the sentences they assert. Handlers check what they can see
 * locally; these look at the whole world (every node's disk, every client's history), which no
 * process can, and are run by tests after faults and at the end of runs.
 */

import type { Operation } from "../core/simulation";
import { compareVersions, type Version } from "../dynamo/messages";
import type { NodeDisk } from "../dynamo/node";
import type { Run } from "../run";

export interface Violation {
  invariant: string;
  detail: string;
}

/**
 * Every acknowledged write is durable: once a put was answered ok, at least W of the key's N
 * replicas hold its version or a newer one (disks survive crashes, versions only grow).
 */
export function acknowledgedWritesAreDurable(run: Run): Violation[] {
  const { n, w } = run.scenario.quorum;
  const out: Violation[] = [];
  for (const op of run.history) {
    if (op.f !== "put" || op.outcome !== "ok") continue;
    const version = (op.result as { version: Version }).version;
    const replicas = run.ring.walk(op.key).slice(0, n);
    const holding = replicas.filter((node) => {
      const held = (run.sim.diskOf(node) as NodeDisk | undefined)?.storage.get(op.key);
      return held !== undefined && compareVersions(held.version, version) >= 0;
    });
    if (holding.length < w) {
      out.push({
        invariant: "acknowledgedWritesAreDurable",
        detail: `put ${op.id} of ${op.key} (version ${version.counter}/${version.node}) is held by ${holding.length} of ${n} replicas, W = ${w}`,
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
    const value = (op.result as { value: string | null }).value;
    if (value !== null && !written.has(`${op.key}=${value}`)) {
      out.push({
        invariant: "readsReturnWrittenValues",
        detail: `get ${op.id} of ${op.key} returned ${value}, which no put wrote`,
      });
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
