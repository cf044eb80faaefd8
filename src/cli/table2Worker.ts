/** A worker thread that runs one mode of the Table 2 experiment (see parallel.ts). */

import { parentPort, workerData } from "node:worker_threads";
import { table2Mode } from "../sim/experiments/table2";

const { mode, seed, requests, nodes } = workerData as {
  mode: "server-driven" | "client-driven";
  seed: number;
  requests: number;
  nodes: number;
};
parentPort?.postMessage(table2Mode(mode, seed, requests, nodes));
