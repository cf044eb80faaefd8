/**
 * Experiments whose runs are independent, run on worker threads in Node: Table 2's two modes at
 * once, one thread each. The result is the same as the sequential table2Experiment's (each mode is
 * its own run from the same seed); only the wall time differs, about halved on two cores.
 */

import { Worker } from "node:worker_threads";
import {
  type Table2Mode,
  type Table2Options,
  type Table2Result,
  table2Defaults,
  table2Result,
} from "../sim/experiments/table2";

function modeOnThread(
  mode: "server-driven" | "client-driven",
  options: Required<Table2Options>,
): Promise<Table2Mode> {
  return new Promise((resolve, reject) => {
    // table2Thread.mjs registers TypeScript loading in the thread, then runs table2Worker.ts
    const worker = new Worker(new URL("./table2Thread.mjs", import.meta.url), {
      workerData: { mode, ...options },
    });
    let answered = false;
    worker.once("message", (result: Table2Mode) => {
      answered = true;
      resolve(result);
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (!answered) reject(new Error(`the ${mode} run stopped (exit code ${code})`));
    });
  });
}

/** Table 2 with its two modes on two threads. */
export async function table2Parallel(options: Table2Options = {}): Promise<Table2Result> {
  const full = table2Defaults(options);
  const [serverDriven, clientDriven] = await Promise.all([
    modeOnThread("server-driven", full),
    modeOnThread("client-driven", full),
  ]);
  return table2Result(full, serverDriven, clientDriven);
}
