/**
 * Client-driven against server-driven coordination: Dynamo's Table 2 (SOSP 2007, section 6.4).
 *
 * The same cluster and workload run twice, once per mode, and the latencies of successful gets and
 * puts are compared. The model names the two reasons the paper gives for client-driven being
 * faster, and nothing else differs between the runs:
 * - no load balancer: server-driven requests pay a queueing and processing delay at the balancer
 *   (`coordination.loadBalancer`, heavy-tailed) and two more network hops (client -> balancer ->
 *   node, and the answer back the same way);
 * - no extra hop: the balancer picks a node uniformly at random, so with S nodes and N = 3 a
 *   request lands outside the key's preference list with probability 1 - 3/S and is forwarded to
 *   its first node, which costs another service time and two more network hops.
 * Each node that handles a client request spends a service time on it (`coordination.serviceTime`,
 * mostly short with a Pareto tail: disk and garbage-collection stalls). A client-driven client
 * sends a get to a random node of the preference list and a put to its first node, by a view it
 * refreshes every 10 s, so each of its requests pays one service time and no balancer.
 *
 * The defaults put the magnitudes in the paper's range: a few ms on average, tens of ms at the
 * 99.9th percentile. They are a model's choices, not measurements of Amazon's system; in
 * particular gets and puts are symmetric here (the paper's writes are a little slower), and the
 * cluster is 20 nodes in one datacenter, not a couple of hundred across several.
 *
 * Conflicts resolve by last-write-wins and read repair, hinted handoff and anti-entropy are off:
 * none changes a request's latency in a run without failures, and they would only cost time.
 */

import type { Stats } from "../metrics/stats";
import { TABLE2_PAPER } from "./paper";

export { TABLE2_PAPER };

import type { LatencyDist } from "../net/latency";
import { Run } from "../run";
import { nodeNames, type Scenario, scenarioFrom } from "../scenario/schema";

/** One network hop: lognormal, median 0.25 ms. */
export const TABLE2_NETWORK: LatencyDist = { kind: "lognormal", medianMs: 0.25, sigma: 0.5 };

/** A node's time on a client request: mostly short, sometimes a long stall (Pareto tail). */
export const TABLE2_SERVICE_TIME: LatencyDist = {
  kind: "mixture",
  components: [
    { weight: 0.97, dist: { kind: "exponential", meanMs: 0.35 } },
    { weight: 0.03, dist: { kind: "pareto", scaleMs: 3, shape: 1.5 } },
  ],
};

/** The load balancer's queueing and processing delay: short, with a heavy tail. */
export const TABLE2_LOAD_BALANCER: LatencyDist = {
  kind: "mixture",
  components: [
    { weight: 0.95, dist: { kind: "exponential", meanMs: 0.3 } },
    { weight: 0.05, dist: { kind: "pareto", scaleMs: 1.5, shape: 1.3 } },
  ],
};

export interface Table2Options {
  readonly seed?: number;
  /** requests per mode, at least (default 100,000) */
  readonly requests?: number;
  /** S, nodes in the cluster (default 20) */
  readonly nodes?: number;
}

export interface Table2Mode {
  get: Stats;
  put: Stats;
}

export interface Table2Result {
  seed: number;
  nodes: number;
  /** requests issued per mode (Poisson arrivals; the rate is set so that each mode has at least `requestsTarget`) */
  requests: { serverDriven: number; clientDriven: number };
  requestsTarget: number;
  serverDriven: Table2Mode;
  clientDriven: Table2Mode;
  paper: typeof TABLE2_PAPER;
  /** every Table 2 column lower client-driven */
  clientDrivenFaster: boolean;
}

const CLIENTS = 20;
const DURATION_MS = 10_000;
/** Arrivals are Poisson: ask for this many more than the target (over 6 standard deviations). */
const ARRIVAL_MARGIN = 1.02;

/** The scenario of one mode of the experiment. */
export function table2Scenario(
  mode: "server-driven" | "client-driven",
  requests = 100_000,
  nodes = 20,
): Scenario {
  const perSec = (requests * ARRIVAL_MARGIN + 6 * Math.sqrt(requests)) / (DURATION_MS / 1000);
  return scenarioFrom({
    version: 1,
    name: `table2-${mode}`,
    description: `Dynamo Table 2, ${mode} coordination`,
    durationMs: DURATION_MS,
    cluster: { nodes: nodeNames(nodes).map((name) => ({ name })) },
    quorum: { n: 3, r: 2, w: 2, requestTimeoutMs: 300 },
    replication: {
      conflicts: "lww",
      readRepair: false,
      handoffIntervalMs: 0,
      antiEntropyIntervalMs: 0,
    },
    network: { latency: TABLE2_NETWORK },
    coordination: {
      loadBalancer: TABLE2_LOAD_BALANCER,
      serviceTime: TABLE2_SERVICE_TIME,
      viewRefreshMs: 10_000,
    },
    workload: {
      clients: CLIENTS,
      mode: "open",
      ratePerSec: perSec / CLIENTS,
      getFraction: 0.5,
      keys: { count: 10_000 },
      context: "none",
      coordination: mode,
    },
  });
}

/** One mode of the experiment (the two are independent runs: they can run side by side). */
export function table2Mode(
  mode: "server-driven" | "client-driven",
  seed: number,
  requests = 100_000,
  nodes = 20,
): Table2Mode {
  const run = new Run(table2Scenario(mode, requests, nodes), seed, {
    keepHistory: false,
    traceWindow: 256,
  });
  run.runToEnd();
  return run.stats();
}

export function table2Experiment(options: Table2Options = {}): Table2Result {
  const { seed, requests, nodes } = table2Defaults(options);
  const serverDriven = table2Mode("server-driven", seed, requests, nodes);
  const clientDriven = table2Mode("client-driven", seed, requests, nodes);
  return table2Result({ seed, requests, nodes }, serverDriven, clientDriven);
}

/** The options with their defaults: seed 1, 100,000 requests per mode, 20 nodes. */
export function table2Defaults(options: Table2Options = {}): Required<Table2Options> {
  return {
    seed: options.seed ?? 1,
    requests: options.requests ?? 100_000,
    nodes: options.nodes ?? 20,
  };
}

/** The experiment's result from its two modes' runs. */
export function table2Result(
  options: Required<Table2Options>,
  serverDriven: Table2Mode,
  clientDriven: Table2Mode,
): Table2Result {
  const { seed, requests, nodes } = options;
  const lower = (f: (m: Table2Mode) => number) => f(clientDriven) < f(serverDriven);
  return {
    seed,
    nodes,
    requests: {
      serverDriven: serverDriven.get.count + serverDriven.put.count,
      clientDriven: clientDriven.get.count + clientDriven.put.count,
    },
    requestsTarget: requests,
    serverDriven,
    clientDriven,
    paper: TABLE2_PAPER,
    clientDrivenFaster:
      lower((m) => m.get.p999Ms) &&
      lower((m) => m.put.p999Ms) &&
      lower((m) => m.get.meanMs) &&
      lower((m) => m.put.meanMs),
  };
}
