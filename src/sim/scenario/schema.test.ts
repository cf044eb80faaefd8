import { describe, expect, it } from "vitest";
import { presetNames, presets } from "./presets";
import { nodeNames, parseScenario } from "./schema";

function problems(input: unknown): string[] {
  const r = parseScenario(input);
  return r.ok ? [] : r.problems;
}

describe("the scenario format", () => {
  it("fills in every default from just a version", () => {
    const r = parseScenario({ version: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.cluster.nodes.map((n) => n.name)).toEqual(["A", "B", "C", "D", "E"]);
    expect(r.scenario.quorum).toEqual({ n: 3, r: 2, w: 2, requestTimeoutMs: 300, sloppy: true });
    expect(r.scenario.timeline).toEqual([]);
  });

  it("accepts every preset", () => {
    for (const name of presetNames) {
      expect(problems(presets[name]?.scenario), name).toEqual([]);
    }
  });

  it("names the field and the problem", () => {
    expect(problems({ version: 1, quorum: { r: 4 } })).toEqual([
      "quorum.r: R = 4 cannot exceed N = 3",
    ]);
    expect(problems({ version: 2 })).toEqual(["version: must be 1"]);
    expect(problems({ version: 1, network: { loss: 1.5 } })).toEqual([
      "network.loss: Too big: expected number to be <=1",
    ]);
  });

  it("refuses a value nested deeper than any scenario, instead of overflowing the stack", () => {
    let latency: unknown = { kind: "constant", ms: 1 };
    for (let i = 0; i < 5000; i++) latency = { kind: "shifted", offsetMs: 0, dist: latency };
    expect(parseScenario({ version: 1, network: { latency } })).toEqual({
      ok: false,
      problems: ["scenario: nests more than 64 levels deep; no scenario does"],
    });
    // a few shifts deep is an ordinary scenario
    let shallow: unknown = { kind: "constant", ms: 1 };
    for (let i = 0; i < 10; i++) shallow = { kind: "shifted", offsetMs: 1, dist: shallow };
    expect(parseScenario({ version: 1, network: { latency: shallow } }).ok).toBe(true);
  });

  it("refuses a workload too large to simulate, saying how large and what to change", () => {
    expect(
      problems({ version: 1, workload: { clients: 1024, ratePerSec: 1e6 }, durationMs: 10_000 }),
    ).toEqual([
      "workload.ratePerSec: 1024 clients at 1,000,000 operations/s each for 10,000 ms make about 10.2 billion operations, more than the 5,000,000 a run may hold; use fewer clients, a lower rate or a shorter run",
    ]);
    expect(
      problems({
        version: 1,
        workload: { clients: 1000, mode: "closed", thinkMs: 0 },
        durationMs: 6_000,
      }),
    ).toEqual([
      "workload.thinkMs: 1000 closed-loop clients thinking 0 ms for 6,000 ms make about 6,000,000 operations, more than the 5,000,000 a run may hold; use fewer clients, a longer think time or a shorter run",
    ]);
    // only the stretch in which clients are active counts
    expect(
      problems({
        version: 1,
        durationMs: 3_600_000,
        workload: { clients: 100, ratePerSec: 1000, startMs: 1000, stopMs: 11_000 },
      }),
    ).toEqual([]);
  });

  it("refuses unknown fields instead of ignoring them", () => {
    expect(problems({ version: 1, quorom: {} })[0]).toMatch(/quorom/);
  });

  it("refuses a quorum larger than the cluster", () => {
    expect(problems({ version: 1, cluster: { nodes: [{ name: "A" }, { name: "B" }] } })).toEqual([
      "quorum.n: N = 3 needs at least 3 nodes on the ring, the cluster starts with 2",
    ]);
  });

  it("refuses interventions on unknown nodes, naming where", () => {
    expect(problems({ version: 1, timeline: [{ atMs: 5, kind: "crash", node: "Q" }] })).toEqual([
      "timeline[0].node: Q is not a node or client of this scenario (nodes: A, B, C, D, E)",
    ]);
  });

  it("refuses a node in two partition groups, duplicate names and shared tokens", () => {
    expect(
      problems({
        version: 1,
        timeline: [
          {
            atMs: 0,
            kind: "partition",
            groups: [
              ["A", "B"],
              ["B", "C"],
            ],
          },
        ],
      }),
    ).toEqual(["timeline[0].groups[1][0]: B is in two groups"]);
    expect(
      problems({ version: 1, cluster: { nodes: [{ name: "A" }, { name: "A" }, { name: "B" }] } }),
    ).toContain("cluster.nodes[1].name: node name A is used twice");
    expect(
      problems({
        version: 1,
        cluster: { nodes: ["A", "B", "C"].map((name) => ({ name, tokens: [0.5] })) },
      }),
    ).toContain("cluster.nodes[1].tokens[0]: token 0.5 is already A's");
  });

  it("checks latency distributions, including nested mixtures", () => {
    expect(
      problems({
        version: 1,
        network: {
          latency: {
            kind: "mixture",
            components: [{ weight: 1, dist: { kind: "uniform", minMs: 5, maxMs: 1 } }],
          },
        },
      }),
    ).toEqual(["network.latency.components[0].dist.maxMs: maxMs must be at least minMs"]);
  });

  it("names nodes A..Z, then AA, AB, ...", () => {
    expect(nodeNames(28).slice(24)).toEqual(["Y", "Z", "AA", "AB"]);
  });

  it("reports a problem for input that is not an object at all", () => {
    expect(problems(null)[0]).toMatch(/^scenario: /);
    expect(problems("hello")[0]).toMatch(/^scenario: /);
  });
});
