/**
 * A lesson's wait conditions, evaluated on a run: the same predicates in the headless tests (Node)
 * and in the worker that plans a lesson for the app. They read every process's state, as the
 * inspectors do, and change nothing.
 */

import { checkConsistency } from "../check/consistency";
import { lostWrites, staleReads } from "../check/versions";
import type { NodeDisk, NodeState } from "../dynamo/node";
import { inspectKey } from "../inspect";
import type { Run } from "../run";
import type { Condition } from "./types";

function diskOf(run: Run, i: number): NodeDisk | undefined {
  const state = run.sim.isUp(i) ? (run.sim.stateOf(i) as NodeState | undefined) : undefined;
  return state?.disk ?? (run.sim.diskOf(i) as NodeDisk | undefined);
}

function nodeIndex(run: Run, name: string): number {
  const i = run.ring.names.indexOf(name);
  if (i < 0) throw new Error(`the lesson names node ${name}, which its scenario does not have`);
  return i;
}

/** Whether `cond` holds now; `sinceTick` is where the step began (for counts "since then"). */
export function conditionHolds(cond: Condition, run: Run, sinceTick: number): boolean {
  switch (cond.kind) {
    case "time":
      return run.nowMs >= cond.ms;
    case "hint": {
      const owner = nodeIndex(run, cond.for);
      const holders =
        cond.at !== undefined ? [nodeIndex(run, cond.at)] : run.ring.names.map((_, i) => i);
      let held = 0;
      for (const i of holders) held += diskOf(run, i)?.storage.hintsFor(owner).length ?? 0;
      return held >= (cond.count ?? 1);
    }
    case "hintsHandedOff": {
      let held = 0;
      let delivered = 0;
      for (let i = 0; i < run.nodeCount; i++) {
        const s = run.nodeSummary(i);
        held += s.hints;
        delivered += s.stats.hintsDelivered;
      }
      return held === 0 && delivered > 0;
    }
    case "completed": {
      let n = 0;
      for (const op of run.history) {
        // completed after the step began (what completed at its first instant belongs to the step before)
        if (op.completeAt === -1 || op.completeAt <= sinceTick) continue;
        if (cond.f !== undefined && op.f !== cond.f) continue;
        if (cond.key !== undefined && op.key !== cond.key) continue;
        if (cond.outcome !== undefined && op.outcome !== cond.outcome) continue;
        if (cond.siblings !== undefined) {
          const versions = (op.result as { versions?: readonly unknown[] } | null)?.versions;
          if (op.f !== "get" || versions?.length !== cond.siblings) continue;
        }
        n++;
      }
      return n >= (cond.count ?? 1);
    }
    case "siblings":
      return inspectKey(run, cond.key).replicas.some((r) => r.versions.length >= cond.count);
    case "staleRead":
      return staleReads(run.history, run.scenario.replication.conflicts).length > 0;
    case "lostWrite":
      return lostWrites(run).length > 0;
    case "notLinearizable":
      return checkConsistency(run, { maxSteps: 300_000 }).linearizable === false;
    case "converged": {
      const replicas = inspectKey(run, cond.key).replicas;
      const first = replicas[0];
      if (first === undefined || first.versions.length === 0) return false;
      const same = (a: string[]) =>
        a.length === first.versions.length && a.every((v) => first.versions.includes(v));
      return replicas.every((r) => same(r.versions));
    }
  }
}
