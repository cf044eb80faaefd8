/**
 * What the lab worker does with one job: run one seed of one experiment (`runExperiment`, the same
 * function the CLI calls) and answer with its result, the scenarios it is made of (for "open this
 * run"), and the wall time it took. Kept apart from the worker entry so tests call it in Node.
 */

import {
  ExperimentError,
  type ExperimentName,
  type ExperimentRun,
  isExperimentName,
  type OpenableRun,
  openableRuns,
  runExperiment,
} from "../sim/index";

export interface LabJobMessage {
  type: "run";
  jobId: number;
  experiment: ExperimentName;
  params: unknown;
  seed: number;
}

export type LabReply =
  | {
      type: "result";
      jobId: number;
      seed: number;
      result: ExperimentRun;
      open: OpenableRun[];
      wallMs: number;
    }
  | { type: "error"; jobId: number; seed: number; message: string };

export function handleLabJob(msg: LabJobMessage, now: () => number): LabReply {
  const started = now();
  try {
    if (!isExperimentName(msg.experiment))
      throw new ExperimentError(`unknown experiment "${String(msg.experiment)}"`);
    const result = runExperiment(msg.experiment, msg.params, msg.seed);
    const open = openableRuns(msg.experiment, msg.params, msg.seed);
    return {
      type: "result",
      jobId: msg.jobId,
      seed: msg.seed,
      result,
      open,
      wallMs: now() - started,
    };
  } catch (err) {
    return {
      type: "error",
      jobId: msg.jobId,
      seed: msg.seed,
      message: err instanceof Error ? err.message : String(err),
    };
  }
}
