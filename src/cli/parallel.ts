/**
 * Experiments whose runs are independent, run on worker threads in Node: Table 2's two modes at
 * once. The client-driven run goes to a worker thread and the server-driven run (the longer one:
 * every request takes more hops) runs on the calling thread meanwhile, so only one thread pays the
 * start-up of loading the simulator. The result is the same as the sequential table2Experiment's
 * (each mode is its own run from the same seed); only the wall time differs.
 */

import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import {
  type Table2Mode,
  type Table2Options,
  type Table2Result,
  table2Defaults,
  table2Mode,
  table2Result,
} from "../sim/experiments/table2";

/**
 * The worker's code: table2Worker.ts and the simulator, bundled into one script. A thread that
 * loaded them as TypeScript modules (through tsx's loader) would spend about half a second of
 * both cores on it, slowing the run on the calling thread meanwhile; bundling takes esbuild about
 * a tenth of a second, and the thread then starts in about as much.
 */
async function workerCode(): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL("./table2Worker.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  return (out.outputFiles[0] as { text: string }).text;
}

function modeOnThread(
  code: string,
  mode: "server-driven" | "client-driven",
  options: Required<Table2Options>,
): Promise<Table2Mode> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { mode, ...options } });
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
  const clientDriven = modeOnThread(await workerCode(), "client-driven", full);
  // a rejection is taken up by the await below; until then it must not count as unhandled
  clientDriven.catch(() => {});
  const serverDriven = table2Mode("server-driven", full.seed, full.requests, full.nodes);
  return table2Result(full, serverDriven, await clientDriven);
}
