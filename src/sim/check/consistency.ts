/**
 * What clients observed, judged: the run's history as a Jepsen-style register history per key,
 * checked for linearizability (linearizability.ts), and the eventual-consistency view of the same
 * run: stale reads (a read that missed a write completed before it began: how many versions and how
 * many ms behind), acknowledged writes that were lost (last-write-wins under skew), and whether the
 * replicas of every key agree.
 *
 * A get that returned siblings is a read of several values at once, which no linearizable register
 * can return: the checker names it. Failed operations did not happen and are left out; a put that
 * timed out (info) may have happened at any time after it began; an operation still in flight when
 * the check runs is treated the same way.
 */

import type { Operation as RunOperation } from "../core/simulation";
import { type ProcId, ticksToMs } from "../core/types";
import { holdsVersion } from "../dynamo/versioning";
import type { Run } from "../run";
import type { Operation as CheckOperation, Value } from "./history";
import { replicasConverge } from "./invariants";
import { checkLinearizability, type Verdict } from "./linearizability";
import { getSiblings, lostWrites, okPutsByKey, putVersion, staleReads } from "./versions";

/** The run's operations as the checker's, and back. */
export interface RunHistory {
  operations: CheckOperation[];
  /** operations[i] is runOps[i] */
  runOps: RunOperation[];
}

export function historyOf(run: Run): RunHistory {
  const operations: CheckOperation[] = [];
  const runOps: RunOperation[] = [];
  for (const op of run.history) {
    if (op.outcome === "fail") continue;
    const done = op.outcome === "ok";
    let value: Value;
    if (op.f === "put") value = op.value;
    else {
      if (!done) continue; // a read that may not have happened constrains nothing
      const values = (op.result as { values: string[] }).values;
      value = values.length === 0 ? null : values.length === 1 ? (values[0] as string) : values;
    }
    operations.push({
      id: operations.length,
      process: run.sim.procName(op.proc),
      f: op.f === "put" ? "write" : "read",
      key: op.key,
      value,
      status: done ? "ok" : "info",
      invoke: op.invokeAt,
      complete: done ? (op.completeAt as number) : null,
      invokeTime: ticksToMs(op.invokeAt),
      ...(done && { completeTime: ticksToMs(op.completeAt as number) }),
    });
    runOps.push(op);
  }
  return { operations, runOps };
}

export interface StaleReadDetail {
  /** the run's operation ids */
  get: number;
  missed: number;
  key: string;
  /** acknowledged writes of the key, completed before the read began, that it did not see */
  versionsBehind: number;
  /** from the completion of the oldest write it missed to the read's start */
  msBehind: number;
  /** the replicas whose replies made the read's answer: none of them had the write */
  answeredBy: string[];
  /** the write it missed: its value and the node that coordinated it */
  missedValue: string | null;
  writtenVia: string;
}

/** One operation as the history view draws it. */
export interface HistoryOp {
  id: number;
  client: string;
  f: "get" | "put";
  key: string;
  /** what a put wrote, or what a get returned (several values: siblings) */
  values: string[];
  invokeMs: number;
  /** null while in flight */
  completeMs: number | null;
  outcome: "ok" | "fail" | "info" | "pending";
  reason: string;
  /** a get's answering replicas */
  from: string[];
  /** under at-least-once or at-most-once RPC: its retries, duplicates and de-duplication hits */
  rpc: { kind: "retry" | "duplicate" | "dedup-hit"; atMs: number; at: string }[];
}

/** The newest `max` operations of the run, for the history view. */
export function historyOps(run: Run, max = 400): HistoryOp[] {
  const ops = run.history.slice(-max);
  return ops.map((op) => ({
    id: op.id,
    client: run.sim.procName(op.proc),
    f: op.f as "get" | "put",
    key: op.key,
    values:
      op.f === "put"
        ? [op.value ?? ""]
        : op.outcome === "ok"
          ? (op.result as { values: string[] }).values
          : [],
    invokeMs: ticksToMs(op.invokeAt),
    completeMs: op.completeAt === -1 ? null : ticksToMs(op.completeAt),
    outcome: op.outcome,
    reason: op.reason,
    from:
      op.f === "get" && op.outcome === "ok" ? ((op.result as { from?: string[] }).from ?? []) : [],
    rpc: (run.rpcProbe?.marksOf(op.id) ?? []).map((m) => ({
      kind: m.kind,
      atMs: m.atMs,
      at: m.proc >= 0 ? run.sim.procName(m.proc as ProcId) : "?",
    })),
  }));
}

export interface ConsistencyReport {
  /** linearizable (true), not (false), or the search ran out of budget ("unknown") */
  linearizable: Verdict;
  /** operations checked */
  operations: number;
  keys: Record<string, { valid: Verdict; operations: number }>;
  /** on a violation: the first key that fails, the operation where it fails and why */
  witness: {
    key: string;
    /** the run's operation ids */
    op: number;
    /** when op completed (ms; null while in flight): the history view can seek there to draw it */
    atMs: number | null;
    concurrent: number[];
    explanation: string;
  } | null;
  /** when linearizable: where each operation takes effect (run op id, ms) */
  points: { op: number; atMs: number }[];
  staleReads: StaleReadDetail[];
  lostWrites: { op: number; key: string; why: string }[];
  /**
   * keys whose N replicas do not hold the same versions right now: eventual consistency promises
   * they converge once faults heal and hints and anti-entropy have run, not at every instant
   */
  replicasDiffer: string[];
}

export interface ConsistencyOptions {
  /** search steps for the linearizability check (bounded, so a check never hangs) */
  maxSteps?: number;
  /** points of the linearization to report (they are for drawing) */
  maxPoints?: number;
}

export function checkConsistency(run: Run, options: ConsistencyOptions = {}): ConsistencyReport {
  const { operations, runOps } = historyOf(run);
  const result = checkLinearizability(operations, {
    model: "register",
    initial: null,
    maxSteps: options.maxSteps ?? 2_000_000,
  });
  const idOf = (i: number) => (runOps[i] as RunOperation).id;
  const keys: ConsistencyReport["keys"] = {};
  let witness: ConsistencyReport["witness"] = null;
  const points: ConsistencyReport["points"] = [];
  const maxPoints = options.maxPoints ?? 2000;
  for (const [key, r] of Object.entries(result.keys)) {
    keys[key] = { valid: r.valid, operations: r.operations };
    if (r.valid === false && witness === null && r.witness !== undefined) {
      const at = (runOps[r.witness.op] as RunOperation).completeAt;
      witness = {
        key,
        op: idOf(r.witness.op),
        atMs: at === -1 ? null : ticksToMs(at),
        concurrent: r.witness.concurrent.map(idOf),
        // the checker numbers operations its own way; say them as the run does
        explanation: r.witness.explanation.replace(/\bop (\d+)\b/g, (_, n: string) => {
          const op = runOps[Number(n)];
          return op === undefined ? `op ${n}` : `op ${op.id}`;
        }),
      };
    }
    for (const p of r.linearization ?? []) {
      if (points.length < maxPoints) points.push({ op: idOf(p.op), atMs: ticksToMs(p.at) });
    }
  }
  const mode = run.scenario.replication.conflicts;
  const putsByKey = okPutsByKey(run.history);
  const stale = staleReads(run.history, mode).map((s) => {
    const seen = getSiblings(s.get);
    const missed = (putsByKey.get(s.get.key) ?? []).filter(
      (p) => (p.completeAt as number) < s.get.invokeAt && !holdsVersion(seen, putVersion(p), mode),
    );
    const oldest = Math.min(...missed.map((p) => p.completeAt as number));
    return {
      get: s.get.id,
      missed: s.missed.id,
      key: s.get.key,
      versionsBehind: missed.length,
      msBehind: ticksToMs(s.get.invokeAt - oldest),
      answeredBy: (s.get.result as { from?: string[] }).from ?? [],
      missedValue: s.missed.value,
      writtenVia: putVersion(s.missed).dot.node,
    };
  });
  return {
    linearizable: result.valid,
    operations: operations.length,
    keys,
    witness,
    points,
    staleReads: stale,
    lostWrites:
      mode === "lww" ? lostWrites(run).map((l) => ({ op: l.put.id, key: l.key, why: l.why })) : [],
    replicasDiffer: [
      ...new Set(replicasConverge(run).map((v) => v.detail.slice(0, v.detail.indexOf(":")))),
    ],
  };
}
