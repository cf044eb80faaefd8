/**
 * Experiments whose runs are independent, run on worker threads in Node: Table 2's two modes at
 * once. The client-driven run goes to a worker thread and the server-driven run (the longer one:
 * every request takes more hops) runs on the calling thread meanwhile, so only one thread pays the
 * start-up of loading the simulator. The result is the same as the sequential table2Experiment's
 * (each mode is its own run from the same seed); only the wall time differs.
 */

import { Worker } from "node:worker_threads";
import {
  type Table2Mode,
  type Table2Options,
  type Table2Result,
  table2Defaults,
  table2Mode,
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

/** Table 2 with its two modes on two threads: a worker's and the caller's. */
export async function table2Parallel(options: Table2Options = {}): Promise<Table2Result> {
  const full = table2Defaults(options);
  const clientDriven = modeOnThread("client-driven", full);
  // a rejection is taken up by the await below; until then it must not count as unhandled
  clientDriven.catch(() => {});
  const serverDriven = table2Mode("server-driven", full.seed, full.requests, full.nodes);
  return table2Result(full, serverDriven, await clientDriven);
}
