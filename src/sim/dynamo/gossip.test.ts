import { describe, expect, it } from "vitest";
import { checkRun } from "../check/invariants";
import { Run } from "../run";
import { type InterventionInput, parseScenario, scenarioFrom } from "../scenario/schema";
import type { NodeDisk } from "./node";

function gossipRun(timeline: InterventionInput[], durationMs: number, seed = 1, clients = 0): Run {
  const scenario = scenarioFrom({
    version: 1,
    durationMs,
    membership: { mode: "gossip", gossipIntervalMs: 1000, failureTimeoutMs: 500 },
    workload: { clients, ratePerSec: 20 },
    timeline,
  });
  return new Run(scenario, seed);
}

const names = ["A", "B", "C", "D", "E"];
const suspectsOf = (run: Run, node: string) =>
  run.nodeSummary(names.indexOf(node)).suspects.map((i) => names[i]);

describe("gossip membership and failure detection", () => {
  it("has every live node suspect a crashed node within 40 rounds, and no live node suspect another", () => {
    for (const seed of [1, 2, 3]) {
      const run = gossipRun([{ atMs: 5000, kind: "crash", node: "C" }], 45_000, seed);
      run.runToEnd();
      for (const node of ["A", "B", "D", "E"]) {
        expect(suspectsOf(run, node), `${node}, seed ${seed}`).toEqual(["C"]);
      }
    }
  });

  it("clears the suspicion once the crashed node is back and heard from", () => {
    const run = gossipRun(
      [
        { atMs: 5000, kind: "crash", node: "C" },
        { atMs: 45_000, kind: "recover", node: "C" },
      ],
      85_000,
    );
    run.runUntilMs(45_000);
    expect(suspectsOf(run, "A")).toEqual(["C"]);
    run.runToEnd();
    for (const node of names) expect(suspectsOf(run, node), node).toEqual([]);
  });

  it("forms opinions locally: nodes cut off from C suspect it while the others do not", () => {
    // A and B cannot reach C (both ways); D and E can.
    const run = gossipRun(
      [
        { atMs: 0, kind: "link", from: "A", to: "C", cut: true },
        { atMs: 0, kind: "link", from: "B", to: "C", cut: true },
      ],
      40_000,
    );
    run.runToEnd();
    expect(suspectsOf(run, "A")).toEqual(["C"]);
    expect(suspectsOf(run, "B")).toEqual(["C"]);
    expect(suspectsOf(run, "D")).toEqual([]);
    expect(suspectsOf(run, "E")).toEqual([]);
    expect(suspectsOf(run, "C")).toEqual(["A", "B"]);
  });

  it("gossips about once a second per node, in both directions", () => {
    const run = gossipRun([], 20_000);
    run.runToEnd();
    const events = run.sim.trace.since(0);
    const rounds = events.filter((e) => e.kind === "send" && e.type === "gossip").length;
    const answers = events.filter((e) => e.kind === "send" && e.type === "gossip_ok").length;
    // 5 nodes x 20 s, minus a random first phase of up to one interval each
    expect(rounds).toBeGreaterThanOrEqual(5 * 19);
    expect(rounds).toBeLessThanOrEqual(5 * 21);
    expect(answers).toBe(rounds);
  });

  it("keeps clients' operations correct with gossip running alongside", () => {
    const run = gossipRun([{ atMs: 2000, kind: "crash", node: "B" }], 6000, 4, 2);
    run.runToEnd();
    expect(checkRun(run)).toEqual([]);
  });

  it("sends no gossip at all under oracle membership (the default)", () => {
    const run = new Run(scenarioFrom({ version: 1, durationMs: 3000 }), 1);
    run.runToEnd();
    expect(run.sim.trace.since(0).some((e) => e.type.startsWith("gossip"))).toBe(false);
  });

  it("refuses seeds that are not nodes", () => {
    const r = parseScenario({ version: 1, membership: { mode: "gossip", seeds: ["Q"] } });
    expect(r.ok ? [] : r.problems).toEqual([
      "membership.seeds[0]: Q is not a node of this scenario (nodes: A, B, C, D, E)",
    ]);
  });
});

describe("a join under gossip membership", () => {
  it("is recorded in the joiner's view and reaches every node's view by gossip", () => {
    const run = new Run(
      scenarioFrom({
        version: 1,
        durationMs: 2000,
        cluster: {
          nodes: [..."ABCDE"]
            .map((name) => ({ name, standby: false }))
            .concat([{ name: "F", standby: true }]),
        },
        membership: { mode: "gossip", gossipIntervalMs: 50, failureTimeoutMs: 20 },
        workload: { clients: 1, ratePerSec: 10 },
        timeline: [{ atMs: 300, kind: "join", node: "F" }],
      }),
      1,
    );
    const statusOfF = () =>
      Array.from({ length: run.nodeCount }, (_, i) => {
        const disk = run.sim.diskOf(i) as NodeDisk;
        return disk.view.get("F")?.status;
      });
    run.runUntilMs(299);
    expect(new Set(statusOfF())).toEqual(new Set(["joining"]));
    run.runToEnd();
    expect(new Set(statusOfF())).toEqual(new Set(["member"]));
  });
});
