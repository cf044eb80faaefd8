import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Run } from "../run";
import { type InterventionInput, nodeNames, scenarioFrom } from "../scenario/schema";
import { checkRun } from "./invariants";

const NODES = nodeNames(5);
const FAULTS_END_MS = 1000;

/** Crashes, recoveries and partitions in the first second; then everything heals at once. */
const faultSchedule = fc.array(
  fc.oneof(
    fc.record({
      atMs: fc.integer({ min: 0, max: FAULTS_END_MS - 1 }),
      kind: fc.constant("crash" as const),
      node: fc.constantFrom(...NODES),
    }),
    fc.record({
      atMs: fc.integer({ min: 0, max: FAULTS_END_MS - 1 }),
      kind: fc.constant("recover" as const),
      node: fc.constantFrom(...NODES),
    }),
    fc
      .tuple(
        fc.integer({ min: 0, max: FAULTS_END_MS - 1 }),
        fc.shuffledSubarray(NODES, { minLength: 1, maxLength: 4 }),
      )
      .map(([atMs, side]) => ({
        atMs,
        kind: "partition" as const,
        groups: [side, NODES.filter((n) => !side.includes(n))],
      })),
  ),
  { maxLength: 6 },
);

interface Case {
  faults: InterventionInput[];
  seed: number;
  loss: number;
}

/**
 * A small cluster under writes and faults for one second, then healed; the workload stops with the
 * faults, and the run goes on for two quiet seconds of hinted handoff and anti-entropy.
 */
function quiesced(c: Case): Run {
  const scenario = scenarioFrom({
    version: 1,
    durationMs: 3000,
    cluster: { nodes: NODES.map((name) => ({ name })) },
    quorum: { n: 3, r: 2, w: 2, requestTimeoutMs: 100, sloppy: true },
    network: { loss: c.loss },
    replication: {
      replicaTimeoutMs: 20,
      retryDownMs: 200,
      handoffIntervalMs: 50,
      antiEntropyIntervalMs: 20,
    },
    workload: {
      clients: 3,
      ratePerSec: 30,
      getFraction: 0.4,
      stopMs: FAULTS_END_MS,
      clientTimeoutMs: 200,
      keys: { count: 5 },
    },
    timeline: [
      ...c.faults,
      { atMs: FAULTS_END_MS, kind: "heal" },
      ...NODES.map((node) => ({ atMs: FAULTS_END_MS, kind: "recover" as const, node })),
    ],
  });
  const run = new Run(scenario, c.seed);
  run.runToEnd();
  return run;
}

/** Cases that once failed, kept so they never fail again (none so far). */
const REGRESSIONS: Case[] = [];

describe("vector clocks with sloppy quorum, after healing and quiescence", () => {
  it("lose no acknowledged write, hand off every hint, and leave all replicas equal (property, 1,000 schedules)", () => {
    fc.assert(
      fc.property(
        faultSchedule,
        fc.nat(),
        fc.constantFrom(0, 0, 0.02, 0.05),
        (faults, seed, loss) => {
          const run = quiesced({ faults, seed, loss });
          expect(checkRun(run, true)).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  }, 120_000); // about 16 s alone on two cores; far more on a loaded machine

  it.each(REGRESSIONS.map((c, i) => [i, c] as const))("regression %i", (_i, c) => {
    expect(checkRun(quiesced(c), true)).toEqual([]);
  });

  it("a join and a leave mid-run lose no acknowledged key, and every moved key ends at its new replicas (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 900 }),
        fc.integer({ min: 50, max: 900 }),
        fc.constantFrom(...NODES),
        fc.option(fc.constantFrom(...NODES), { nil: undefined }),
        fc.constantFrom<("tokens" | 1 | 3)[]>("tokens", 1, 3),
        fc.nat(),
        (joinAt, leaveAt, leaver, crashed, strategy, seed) => {
          const partitioning =
            strategy === "tokens"
              ? { strategy }
              : strategy === 1
                ? { strategy, tokensPerNode: 4 }
                : { strategy, partitions: 24 };
          const scenario = scenarioFrom({
            version: 1,
            durationMs: 3000,
            cluster: {
              nodes: [...NODES.map((name) => ({ name })), { name: "F", standby: true }],
              partitioning,
            },
            quorum: { n: 3, r: 2, w: 2, requestTimeoutMs: 100, sloppy: true },
            replication: {
              replicaTimeoutMs: 20,
              retryDownMs: 200,
              handoffIntervalMs: 50,
              antiEntropyIntervalMs: 20,
            },
            workload: {
              clients: 3,
              ratePerSec: 40,
              stopMs: FAULTS_END_MS,
              clientTimeoutMs: 200,
              keys: { count: 12 },
            },
            timeline: [
              { atMs: joinAt, kind: "join", node: "F" },
              { atMs: leaveAt, kind: "leave", node: leaver },
              ...(crashed === undefined
                ? []
                : [
                    { atMs: 300, kind: "crash" as const, node: crashed },
                    { atMs: FAULTS_END_MS, kind: "recover" as const, node: crashed },
                  ]),
            ],
          });
          const run = new Run(scenario, seed);
          run.runToEnd();
          expect(run.membershipChanges.map((c) => c.kind)).toEqual(
            joinAt <= leaveAt ? ["join", "leave"] : ["leave", "join"],
          );
          expect(checkRun(run, true)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000); // 150 runs: seconds alone, far more on a loaded machine

  it("the checks have teeth: without handoff and anti-entropy, a crash leaves replicas apart", () => {
    const scenario = scenarioFrom({
      version: 1,
      durationMs: 2000,
      quorum: { n: 3, r: 2, w: 2, requestTimeoutMs: 100, sloppy: true },
      replication: { replicaTimeoutMs: 20, handoffIntervalMs: 0, antiEntropyIntervalMs: 0 },
      workload: { clients: 2, ratePerSec: 50, stopMs: 800, keys: { count: 5 } },
      timeline: [
        { atMs: 100, kind: "crash", node: "C" },
        { atMs: 800, kind: "recover", node: "C" },
      ],
    });
    const run = new Run(scenario, 4);
    run.runToEnd();
    const found = new Set(checkRun(run, true).map((v) => v.invariant));
    expect(found).toContain("everyHintIsHandedOff");
    expect(found).toContain("replicasConverge");
  });
});
