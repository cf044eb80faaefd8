/**
 * RPC semantics between clients and coordinators, and the probe that measures them.
 *
 * - none: a request is sent once; a lost request or answer ends in the client's timeout, and a
 *   request the network duplicates is applied twice (as it always was).
 * - at-least-once: an attempt unanswered after `retryAfterMs` is sent again, the same request, up
 *   to `maxRetries` times. Every retry that reaches a coordinator is applied: a put can be stamped
 *   twice, as two versions with distinct dots (siblings, since neither's context holds the other).
 * - at-most-once: the same retries, but each request carries an id (client name and sequence) and
 *   the coordinator of a put keeps a de-duplication table, request id -> the answer it gave
 *   (coordinator.ts). A repeat within `dedupWindowMs` of the first gets the remembered answer (or,
 *   while the first is still in progress, the answer once there is one) and is not applied again.
 *   After the window the entry is gone and a repeat applies again. The table is per coordinator
 *   and volatile: a repeat that reaches another coordinator (server-driven coordination may pick
 *   another node of the preference list) or a coordinator that crashed is applied again too.
 *   Gets are not de-duplicated: a repeated read changes nothing.
 *
 * The probe sees what no process can: every application of every request id, at every
 * coordinator. Handlers only report to it and never read it, so it cannot change a run.
 */

export interface RpcCounts {
  /** attempts sent again by clients */
  retries: number;
  /** applications of a put beyond its first (same request id) */
  duplicatesApplied: number;
  /** repeats answered from a de-duplication table without applying */
  dedupHits: number;
  /** repeats applied again by the same coordinator after their entry expired (at-most-once) */
  dedupExpired: number;
  /** repeats applied again by another coordinator, or by one that lost its table in a crash */
  dedupMissed: number;
}

interface Application {
  node: number;
  atMs: number;
}

/**
 * What happened to one operation's requests, for the history view: a retry sent by its client, a
 * repeat applied again (a duplicate), or a repeat answered from a de-duplication table.
 */
export interface RpcMark {
  kind: "retry" | "duplicate" | "dedup-hit";
  /** true time, ms */
  atMs: number;
  /** the process it happened at: the client for a retry, else the coordinator */
  proc: number;
}

/** Where the probe learns which operation is being handled, and the true time. */
export interface RpcProbeContext {
  /** the operation whose handling is under way (TraceEvent.origin), 0 for none */
  origin(): number;
  nowMs(): number;
}

export class RpcProbe {
  readonly mode: "at-least-once" | "at-most-once";
  readonly dedupWindowMs: number;
  private readonly counts: RpcCounts = {
    retries: 0,
    duplicatesApplied: 0,
    dedupHits: 0,
    dedupExpired: 0,
    dedupMissed: 0,
  };
  /** by request id, where and when each put was applied */
  private readonly applications = new Map<string, Application[]>();
  /** by operation id, its retries, duplicates and de-duplication hits */
  private readonly marks = new Map<number, RpcMark[]>();
  private readonly context: RpcProbeContext | null;

  constructor(
    mode: "at-least-once" | "at-most-once",
    dedupWindowMs: number,
    context: RpcProbeContext | null = null,
  ) {
    this.mode = mode;
    this.dedupWindowMs = dedupWindowMs;
    this.context = context;
  }

  private mark(kind: RpcMark["kind"], proc: number): void {
    const c = this.context;
    if (c === null) return;
    const op = c.origin();
    if (op === 0) return;
    const list = this.marks.get(op);
    const m = { kind, atMs: c.nowMs(), proc };
    if (list === undefined) this.marks.set(op, [m]);
    else list.push(m);
  }

  /** Retries, duplicates and de-duplication hits of operation `op`, in time order. */
  marksOf(op: number): readonly RpcMark[] {
    return this.marks.get(op) ?? [];
  }

  /** A client sent an attempt again. */
  retried(client = -1): void {
    this.counts.retries++;
    this.mark("retry", client);
  }

  /** A coordinator answered a repeat from its table. */
  dedupHit(node = -1): void {
    this.counts.dedupHits++;
    this.mark("dedup-hit", node);
  }

  /** A coordinator stamped a version for request `rid` at `atMs` (its own clock). */
  applied(rid: string, node: number, atMs: number): void {
    const list = this.applications.get(rid);
    if (list === undefined) {
      this.applications.set(rid, [{ node, atMs }]);
      return;
    }
    this.counts.duplicatesApplied++;
    this.mark("duplicate", node);
    if (this.mode === "at-most-once") {
      const before = list.findLast((a) => a.node === node);
      if (before !== undefined && atMs - before.atMs > this.dedupWindowMs)
        this.counts.dedupExpired++;
      else this.counts.dedupMissed++;
    }
    list.push({ node, atMs });
  }

  /** How many times request `rid` was applied, and where and when. */
  applicationsOf(rid: string): readonly Application[] {
    return this.applications.get(rid) ?? [];
  }

  /** Every request id applied at least once, with its applications. */
  entries(): IterableIterator<[string, readonly Application[]]> {
    return this.applications.entries();
  }

  report(): RpcCounts {
    return { ...this.counts };
  }
}

/** A client's request id: its name and its sequence number. */
export function requestId(client: string, seq: number): string {
  return `${client}#${seq}`;
}
