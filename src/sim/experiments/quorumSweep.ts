/**
 * The N/R/W trade-off under a fault: for each quorum configuration, the latency of reads and
 * writes, the share of reads that were stale, and the share of requests that succeeded (Dynamo,
 * SOSP 2007, sections 4.5 and 6: "the main advantage of Dynamo is that its client applications can
 * tune the values of N, R and W to achieve their desired levels of performance, availability and
 * durability").
 *
 * Every configuration runs the same cluster (six nodes A-F), the same open workload (two clients,
 * 20 keys, half reads, each write reading first so it carries a context) and the same fault, with
 * the same seed, so the configurations differ only in N, R and W. The fault lasts the middle 40%
 * of the run:
 * - `none`: nothing goes wrong, so stale reads come only from replicas a write has not reached yet;
 * - `crash`: node C crashes and comes back (with its disk);
 * - `partition`: {A, B, client1} are cut off from {C, D, E, F, client2}, then the cut heals;
 * - `slow`: node C answers 20 times slower.
 * A read is stale when a write of its key was acknowledged before the read began and the read
 * returned neither it nor a successor (`check/versions.ts`). Availability is successful requests
 * over all requests; latencies are of successful requests only, in ms.
 */

import { staleReads } from "../check/versions";
import { Run } from "../run";
import type { InterventionInput } from "../scenario/schema";
import { nodeNames, type Scenario, scenarioFrom } from "../scenario/schema";

export const QUORUM_FAULTS = ["none", "crash", "partition", "slow"] as const;
export type QuorumFault = (typeof QUORUM_FAULTS)[number];

/** The configurations offered, as "N3R2W2". */
export const QUORUM_CONFIGS = [
  "N3R1W1",
  "N3R1W2",
  "N3R2W1",
  "N3R2W2",
  "N3R1W3",
  "N3R3W1",
  "N5R1W1",
  "N5R2W2",
  "N5R3W3",
] as const;

export function parseQuorum(config: string): { n: number; r: number; w: number } {
  const m = /^N(\d+)R(\d+)W(\d+)$/.exec(config);
  if (m === null) throw new Error(`"${config}" is not a quorum configuration like N3R2W2`);
  return { n: Number(m[1]), r: Number(m[2]), w: Number(m[3]) };
}

const NODES = 6;
const DURATION_MS = 3_000;

function faultTimeline(fault: QuorumFault): InterventionInput[] {
  const from = DURATION_MS * 0.3;
  const to = DURATION_MS * 0.7;
  switch (fault) {
    case "none":
      return [];
    case "crash":
      return [
        { atMs: from, kind: "crash", node: "C" },
        { atMs: to, kind: "recover", node: "C" },
      ];
    case "partition":
      return [
        {
          atMs: from,
          kind: "partition",
          groups: [
            ["A", "B", "client1"],
            ["C", "D", "E", "F", "client2"],
          ],
        },
        { atMs: to, kind: "heal" },
      ];
    case "slow":
      return [
        { atMs: from, kind: "slow", node: "C", factor: 20 },
        { atMs: to, kind: "slow", node: "C", factor: 1 },
      ];
  }
}

/** The scenario of one configuration. */
export function quorumSweepScenario(
  config: string,
  fault: QuorumFault,
  sloppy: boolean,
  ratePerSec: number,
): Scenario {
  const { n, r, w } = parseQuorum(config);
  return scenarioFrom({
    version: 1,
    name: `quorum-${config}-${fault}`,
    description: `N = ${n}, R = ${r}, W = ${w}, ${sloppy ? "sloppy" : "strict"} quorum, fault: ${fault} (the middle 40% of the run)`,
    durationMs: DURATION_MS,
    cluster: { nodes: nodeNames(NODES).map((name) => ({ name })) },
    quorum: { n, r, w, requestTimeoutMs: 100, sloppy },
    replication: { replicaTimeoutMs: 20, handoffIntervalMs: 100 },
    network: { latency: { kind: "lognormal", medianMs: 1, sigma: 0.8 } },
    workload: {
      clients: 2,
      mode: "open",
      ratePerSec: ratePerSec / 2,
      getFraction: 0.5,
      context: "read-first",
      clientTimeoutMs: 150,
      keys: { count: 20 },
    },
    timeline: faultTimeline(fault),
  });
}

export interface QuorumPoint {
  readonly config: string;
  readonly n: number;
  readonly r: number;
  readonly w: number;
  readonly getP99Ms: number;
  readonly putP99Ms: number;
  readonly getMeanMs: number;
  readonly putMeanMs: number;
  /** stale reads over successful reads */
  readonly staleRate: number;
  /** successful requests over all requests */
  readonly availability: number;
  readonly requests: number;
}

export function quorumPoint(
  config: string,
  fault: QuorumFault,
  sloppy: boolean,
  ratePerSec: number,
  seed: number,
): QuorumPoint {
  const scenario = quorumSweepScenario(config, fault, sloppy, ratePerSec);
  const run = new Run(scenario, seed, { traceWindow: 256 });
  run.runToEnd();
  const { get, put } = run.stats();
  const stale = staleReads(run.history, scenario.replication.conflicts).length;
  const { n, r, w } = parseQuorum(config);
  const requests = get.count + put.count;
  return {
    config,
    n,
    r,
    w,
    getP99Ms: get.p99Ms,
    putP99Ms: put.p99Ms,
    getMeanMs: get.meanMs,
    putMeanMs: put.meanMs,
    staleRate: get.ok === 0 ? 0 : stale / get.ok,
    availability: requests === 0 ? 1 : (get.ok + put.ok) / requests,
    requests,
  };
}
