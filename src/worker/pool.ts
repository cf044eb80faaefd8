/**
 * A pool of lab workers: at most `size` workers (in the browser, navigator.hardwareConcurrency),
 * each running one job at a time; jobs wait in one first-in-first-out queue. A batch is the jobs of
 * one experiment (one per seed); its results stream to its callbacks as workers finish, in whatever
 * order they finish. Cancelling a batch drops its queued jobs and terminates the workers busy with
 * it (a run cannot be interrupted otherwise); the pool starts fresh workers for later jobs. A
 * worker that dies reports its job failed and is replaced.
 *
 * Pure logic over a worker factory, so tests drive it in Node with fake workers.
 */

import type { ExperimentName, ExperimentRun, OpenableRun } from "../sim/experiments/experiments";
import type { LabJobMessage, LabReply } from "./labJob";

/** The part of a Worker the pool uses. */
export interface PoolWorker {
  postMessage(message: LabJobMessage): void;
  terminate(): void;
  onmessage: ((event: { data: LabReply }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
}

export interface BatchCallbacks {
  onResult(seed: number, result: ExperimentRun, open: OpenableRun[], wallMs: number): void;
  onError(seed: number, message: string): void;
  /** once, when every job has answered or the batch was cancelled */
  onDone(outcome: { completed: number; failed: number; cancelled: boolean }): void;
}

export interface Batch {
  readonly id: number;
  cancel(): void;
}

interface Job {
  jobId: number;
  batch: BatchState;
  seed: number;
}

interface BatchState {
  id: number;
  experiment: ExperimentName;
  params: unknown;
  callbacks: BatchCallbacks;
  pending: number;
  completed: number;
  failed: number;
  done: boolean;
}

interface Slot {
  worker: PoolWorker;
  job: Job | null;
}

/** The pool size for a machine: its logical cores, at least 1 and at most 16. */
export function poolSizeFor(hardwareConcurrency: number | undefined): number {
  const n = Math.floor(hardwareConcurrency ?? 1);
  return Math.max(1, Math.min(16, Number.isFinite(n) ? n : 1));
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextJob = 1;
  private nextBatch = 1;
  /** workers started over the pool's life (replacements included) */
  spawned = 0;

  constructor(
    readonly size: number,
    private readonly spawn: () => PoolWorker,
  ) {
    if (!(Number.isInteger(size) && size >= 1))
      throw new Error(`pool size must be a whole number from 1, got ${size}`);
  }

  /** Workers running a job now. */
  get busy(): number {
    return this.slots.filter((s) => s.job !== null).length;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Queues one job per seed; results stream to the callbacks. */
  run(
    experiment: ExperimentName,
    params: unknown,
    seeds: readonly number[],
    callbacks: BatchCallbacks,
  ): Batch {
    const batch: BatchState = {
      id: this.nextBatch++,
      experiment,
      params,
      callbacks,
      pending: seeds.length,
      completed: 0,
      failed: 0,
      done: false,
    };
    for (const seed of seeds) this.queue.push({ jobId: this.nextJob++, batch, seed });
    if (seeds.length === 0) this.finish(batch, false);
    this.pump();
    return { id: batch.id, cancel: () => this.cancel(batch) };
  }

  /** Terminates every worker and forgets every job (their batches are not told). */
  dispose(): void {
    for (const slot of this.slots) slot.worker.terminate();
    this.slots.length = 0;
    this.queue.length = 0;
  }

  private cancel(batch: BatchState): void {
    if (batch.done) return;
    for (let i = this.queue.length - 1; i >= 0; i--)
      if (this.queue[i]?.batch === batch) this.queue.splice(i, 1);
    for (let i = this.slots.length - 1; i >= 0; i--) {
      const slot = this.slots[i] as Slot;
      if (slot.job?.batch === batch) {
        slot.worker.terminate();
        this.slots.splice(i, 1);
      }
    }
    this.finish(batch, true);
    this.pump();
  }

  private finish(batch: BatchState, cancelled: boolean): void {
    if (batch.done) return;
    batch.done = true;
    batch.callbacks.onDone({ completed: batch.completed, failed: batch.failed, cancelled });
  }

  private startWorker(): Slot {
    const worker = this.spawn();
    this.spawned++;
    const slot: Slot = { worker, job: null };
    worker.onmessage = (event) => this.answered(slot, event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.died(slot, event.message || "the lab worker failed");
    };
    this.slots.push(slot);
    return slot;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null);
      if (slot === undefined) {
        if (this.slots.length >= this.size) return;
        slot = this.startWorker();
      }
      const job = this.queue.shift() as Job;
      slot.job = job;
      slot.worker.postMessage({
        type: "run",
        jobId: job.jobId,
        experiment: job.batch.experiment,
        params: job.batch.params,
        seed: job.seed,
      });
    }
  }

  private answered(slot: Slot, reply: LabReply): void {
    const job = slot.job;
    if (job === null || reply.jobId !== job.jobId) return; // a stale answer: its job was cancelled
    slot.job = null;
    const batch = job.batch;
    if (!batch.done) {
      batch.pending--;
      if (reply.type === "result") {
        batch.completed++;
        batch.callbacks.onResult(job.seed, reply.result, reply.open, reply.wallMs);
      } else {
        batch.failed++;
        batch.callbacks.onError(job.seed, reply.message);
      }
      if (batch.pending === 0) this.finish(batch, false);
    }
    this.pump();
  }

  private died(slot: Slot, message: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    slot.worker.terminate();
    const job = slot.job;
    if (job !== null && !job.batch.done) {
      const batch = job.batch;
      batch.pending--;
      batch.failed++;
      batch.callbacks.onError(job.seed, message);
      if (batch.pending === 0) this.finish(batch, false);
    }
    this.pump();
  }
}
