import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EMPTY_CLOCK } from "../dynamo/vectorClock";
import { makeVersion } from "../dynamo/versioning";
import { Run } from "../run";
import { type InterventionInput, nodeNames, scenarioFrom } from "../scenario/schema";
import { checkRun } from "./invariants";

const NODES = nodeNames(5);

/** A random fault schedule in the first 3 s, then everything healed and recovered at 3 s. */
const faultSchedule = fc.array(
  fc.oneof(
    fc.record({
      atMs: fc.integer({ min: 0, max: 2999 }),
      kind: fc.constant("crash" as const),
      node: fc.constantFrom(...NODES),
    }),
    fc.record({
      atMs: fc.integer({ min: 0, max: 2999 }),
      kind: fc.constant("recover" as const),
      node: fc.constantFrom(...NODES),
    }),
    fc
      .tuple(
        fc.integer({ min: 0, max: 2999 }),
        fc.shuffledSubarray(NODES, { minLength: 1, maxLength: 4 }),
      )
      .map(([atMs, side]) => ({
        atMs,
        kind: "partition" as const,
        groups: [side, NODES.filter((n) => !side.includes(n))],
      })),
  ),
  { maxLength: 8 },
);

function healAll(atMs: number): InterventionInput[] {
  return [
    { atMs, kind: "heal" },
    ...NODES.map((node) => ({ atMs, kind: "recover" as const, node })),
  ];
}

describe("safety under faults, then liveness after healing", () => {
  it("keeps every acknowledged write on W replicas through crashes, partitions, loss and duplication (property)", () => {
    fc.assert(
      fc.property(
        faultSchedule,
        fc.nat(),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        (faults, seed, loss, duplicate) => {
          const scenario = scenarioFrom({
            version: 1,
            durationMs: 5000,
            network: { loss, duplicate },
            workload: { clients: 3, ratePerSec: 40, keys: { count: 4 } },
            timeline: [...faults, ...healAll(3000)],
          });
          const run = new Run(scenario, seed);
          run.runToEnd();
          expect(checkRun(run)).toEqual([]);
          // Liveness: once healed and with a lossless network, operations succeed again.
          if (loss === 0) {
            const late = run.history.filter((op) => op.invokeAt > 3_500_000);
            expect(late.length).toBeGreaterThan(0);
            expect(late.filter((op) => op.outcome !== "ok")).toEqual([]);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it("reports a write that is no longer durable (the check has teeth)", () => {
    const run = new Run(scenarioFrom({ version: 1, durationMs: 500 }), 1);
    run.runToEnd();
    expect(checkRun(run)).toEqual([]);
    // Forge an acknowledgement with a version no replica holds.
    const put = run.history.find((op) => op.f === "put" && op.outcome === "ok");
    if (put === undefined) throw new Error("no put in the run");
    put.result = { version: makeVersion("forged", "A", 1e9, EMPTY_CLOCK, 0, 0) };
    expect(checkRun(run).map((v) => v.invariant)).toEqual(["acknowledgedWritesAreDurable"]);
  });
});
