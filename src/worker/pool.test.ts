import { describe, expect, it } from "vitest";
import type { ExperimentRun } from "../sim/experiments/experiments";
import type { LabJobMessage, LabReply } from "./labJob";
import { type BatchCallbacks, type PoolWorker, poolSizeFor, WorkerPool } from "./pool";

/** A worker that holds each job until the test answers it. */
class FakeWorker implements PoolWorker {
  onmessage: ((event: { data: LabReply }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  jobs: LabJobMessage[] = [];
  terminated = false;
  postMessage(message: LabJobMessage): void {
    if (this.terminated) throw new Error("posted to a terminated worker");
    this.jobs.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** answers the job it holds, as the real worker would */
  finish(): void {
    const job = this.jobs.at(-1) as LabJobMessage;
    const result = { experiment: "strategies", seed: job.seed, rows: [] } as ExperimentRun;
    this.onmessage?.({
      data: { type: "result", jobId: job.jobId, seed: job.seed, result, open: [], wallMs: 5 },
    });
  }
  fail(message: string): void {
    const job = this.jobs.at(-1) as LabJobMessage;
    this.onmessage?.({ data: { type: "error", jobId: job.jobId, seed: job.seed, message } });
  }
}

function setup(size: number) {
  const workers: FakeWorker[] = [];
  const pool = new WorkerPool(size, () => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  const log: string[] = [];
  const callbacks: BatchCallbacks = {
    onResult: (seed) => log.push(`result ${seed}`),
    onError: (seed, message) => log.push(`error ${seed}: ${message}`),
    onDone: (o) =>
      log.push(`done ${o.completed} ok, ${o.failed} failed${o.cancelled ? ", cancelled" : ""}`),
  };
  return { pool, workers, log, callbacks };
}

const busyWith = (w: FakeWorker) => w.jobs.at(-1)?.seed;

describe("the lab's worker pool", () => {
  it("runs at most `size` jobs at once, one per worker, and streams results as they finish", () => {
    const { pool, workers, log, callbacks } = setup(2);
    pool.run("strategies", { nodes: 30 }, [1, 2, 3, 4, 5], callbacks);
    expect(workers).toHaveLength(2);
    expect([pool.busy, pool.queued]).toEqual([2, 3]);
    expect(workers.map(busyWith)).toEqual([1, 2]);
    // the second worker finishes first: its result arrives first, and it takes the next seed
    workers[1]?.finish();
    expect(log).toEqual(["result 2"]);
    expect(workers.map(busyWith)).toEqual([1, 3]);
    workers[0]?.finish();
    workers[1]?.finish();
    workers[0]?.finish();
    expect(pool.queued).toBe(0);
    workers[1]?.finish();
    expect(log).toEqual([
      "result 2",
      "result 1",
      "result 3",
      "result 4",
      "result 5",
      "done 5 ok, 0 failed",
    ]);
    expect(pool.busy).toBe(0);
    expect(pool.spawned).toBe(2);
  });

  it("cancels a batch: drops its queued jobs, terminates its busy workers, and starts fresh ones for the next", () => {
    const { pool, workers, log, callbacks } = setup(2);
    const batch = pool.run("table2", {}, [1, 2, 3, 4], callbacks);
    workers[0]?.finish();
    batch.cancel();
    expect(log).toEqual(["result 1", "done 1 ok, 0 failed, cancelled"]);
    expect(workers.every((w) => w.terminated)).toBe(true);
    expect([pool.busy, pool.queued]).toEqual([0, 0]);
    batch.cancel(); // twice is harmless
    const later: string[] = [];
    pool.run("table2", {}, [9], { ...callbacks, onResult: (seed) => later.push(`result ${seed}`) });
    expect(workers).toHaveLength(3);
    workers[2]?.finish();
    expect(later).toEqual(["result 9"]);
  });

  it("keeps another batch running when one is cancelled", () => {
    const { pool, workers, callbacks } = setup(2);
    const a: string[] = [];
    const first = pool.run("table2", {}, [1], callbacks);
    pool.run("strategies", {}, [7, 8], { ...callbacks, onResult: (seed) => a.push(`b ${seed}`) });
    first.cancel();
    expect(workers[0]?.terminated).toBe(true);
    expect(workers[1]?.terminated).toBe(false);
    // the freed place goes to the second batch's queued seed
    expect(workers.slice(1).map(busyWith)).toEqual([7, 8]);
    workers[1]?.finish();
    workers[2]?.finish();
    expect(a).toEqual(["b 7", "b 8"]);
  });

  it("reports a failed run and a dead worker as errors of their seeds, and goes on", () => {
    const { pool, workers, log, callbacks } = setup(1);
    pool.run("staleness", {}, [1, 2, 3], callbacks);
    workers[0]?.fail("R = 4 and W = 1 must not exceed N = 3");
    workers[0]?.onerror?.({ message: "out of memory" });
    expect(workers[0]?.terminated).toBe(true);
    workers[1]?.finish();
    expect(log).toEqual([
      "error 1: R = 4 and W = 1 must not exceed N = 3",
      "error 2: out of memory",
      "result 3",
      "done 1 ok, 2 failed",
    ]);
  });

  it("ignores an answer that arrives for a job no longer running", () => {
    const { pool, workers, log, callbacks } = setup(1);
    pool.run("strategies", {}, [1], callbacks);
    const w = workers[0] as FakeWorker;
    const stale = { ...(w.jobs[0] as LabJobMessage), jobId: 999 };
    w.jobs.push(stale);
    w.finish();
    expect(log).toEqual([]);
  });

  it("is sized to the machine's cores", () => {
    expect(poolSizeFor(8)).toBe(8);
    expect(poolSizeFor(undefined)).toBe(1);
    expect(poolSizeFor(0)).toBe(1);
    expect(poolSizeFor(64)).toBe(16);
    expect(() => new WorkerPool(0, () => new FakeWorker())).toThrow(/pool size/);
  });
});
