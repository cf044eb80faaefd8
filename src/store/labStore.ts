/**
 * What the experiments lab shows: for each experiment, its latest batch of runs (parameters,
 * seeds, progress, the runs that arrived and their summary across seeds, errors), and the pool.
 * Results are aggregated as they stream in, in seed order whatever order the workers finish in.
 */

import { create } from "zustand";
import {
  aggregate,
  type ExperimentName,
  type ExperimentRun,
  type ExperimentSummary,
  type OpenableRun,
  type SeedRun,
} from "../sim/experiments/experiments";
import type { Params } from "../sim/experiments/params";

export type LabStatus = "running" | "done" | "cancelled";

export interface LabBatch {
  experiment: ExperimentName;
  params: Params;
  seeds: number[];
  status: LabStatus;
  runs: SeedRun[];
  open: Record<number, OpenableRun[]>;
  errors: { seed: number; message: string }[];
  /** each run's wall time in its worker, ms */
  wallMs: Record<number, number>;
  startedAt: number;
  finishedAt: number | null;
  summary: ExperimentSummary | null;
}

interface LabState {
  batches: Partial<Record<ExperimentName, LabBatch>>;
  poolSize: number;
}

export const useLabStore = create<LabState>(() => ({ batches: {}, poolSize: 1 }));

function update(name: ExperimentName, f: (b: LabBatch) => LabBatch): void {
  useLabStore.setState((s) => {
    const b = s.batches[name];
    return b === undefined ? s : { batches: { ...s.batches, [name]: f(b) } };
  });
}

export function startBatch(
  name: ExperimentName,
  params: Params,
  seeds: number[],
  now: number,
): void {
  useLabStore.setState((s) => ({
    batches: {
      ...s.batches,
      [name]: {
        experiment: name,
        params,
        seeds,
        status: "running",
        runs: [],
        open: {},
        errors: [],
        wallMs: {},
        startedAt: now,
        finishedAt: null,
        summary: null,
      },
    },
  }));
}

export function addRun(
  name: ExperimentName,
  seed: number,
  result: ExperimentRun,
  open: OpenableRun[],
  wallMs: number,
): void {
  update(name, (b) => {
    const runs = [...b.runs, { seed, result }];
    return {
      ...b,
      runs,
      open: { ...b.open, [seed]: open },
      wallMs: { ...b.wallMs, [seed]: wallMs },
      summary: aggregate(name, runs),
    };
  });
}

export function addRunError(name: ExperimentName, seed: number, message: string): void {
  update(name, (b) => ({ ...b, errors: [...b.errors, { seed, message }] }));
}

export function finishBatch(name: ExperimentName, cancelled: boolean, now: number): void {
  update(name, (b) => ({ ...b, status: cancelled ? "cancelled" : "done", finishedAt: now }));
}

export function setPoolSize(size: number): void {
  useLabStore.setState({ poolSize: size });
}
