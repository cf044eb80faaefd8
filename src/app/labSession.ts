/**
 * The lab's side of the worker pool: one pool for the page, sized to the machine
 * (navigator.hardwareConcurrency), created at the first run; each experiment's batch streams its
 * results into the lab store. Starting an experiment that is already running cancels the old batch.
 */

import type { ExperimentName } from "../sim/experiments/experiments";
import type { Params } from "../sim/experiments/params";
import { addRun, addRunError, finishBatch, setPoolSize, startBatch } from "../store/labStore";
import { type Batch, type PoolWorker, poolSizeFor, WorkerPool } from "../worker/pool";

let pool: WorkerPool | null = null;
const running = new Map<ExperimentName, Batch>();

function thePool(): WorkerPool {
  if (pool === null) {
    pool = new WorkerPool(
      poolSizeFor(navigator.hardwareConcurrency),
      () =>
        new Worker(new URL("../worker/lab.worker.ts", import.meta.url), {
          type: "module",
        }) as unknown as PoolWorker,
    );
    setPoolSize(pool.size);
  }
  return pool;
}

export function labPoolSize(): number {
  return poolSizeFor(navigator.hardwareConcurrency);
}

export function runLab(experiment: ExperimentName, params: Params, seeds: number[]): void {
  running.get(experiment)?.cancel();
  startBatch(experiment, params, seeds, performance.now());
  const batch = thePool().run(experiment, params, seeds, {
    onResult: (seed, result, open, wallMs) => addRun(experiment, seed, result, open, wallMs),
    onError: (seed, message) => addRunError(experiment, seed, message),
    onDone: ({ cancelled }) => {
      if (running.get(experiment) === batch) running.delete(experiment);
      finishBatch(experiment, cancelled, performance.now());
    },
  });
  running.set(experiment, batch);
}

export function cancelLab(experiment: ExperimentName): void {
  running.get(experiment)?.cancel();
}
