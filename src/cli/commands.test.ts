import { describe, expect, it } from "vitest";
import { experimentCommand, presetsCommand, runCommand, UsageError } from "./commands";

const noFiles = (path: string): string => {
  throw Object.assign(new Error("nope"), { code: `ENOENT ${path}` });
};

describe("the CLI", () => {
  it("prints one JSON object with the run's summary", () => {
    const out = runCommand(["default", "--seed", "7", "--json"], noFiles);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual([
      "scenario",
      "seed",
      "traceHash",
      "events",
      "simulatedMs",
      "ops",
      "keys",
      "replication",
      "lostWrites",
      "staleReads",
    ]);
    expect(json.seed).toBe(7);
    expect(json.traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(Object.keys(json.ops.get)).toEqual([
      "count",
      "ok",
      "failed",
      "meanMs",
      "p50Ms",
      "p99Ms",
      "p999Ms",
      "maxMs",
    ]);
  });

  it("prints figure-3's final versions with their vector clocks, and lww-skew's lost write", () => {
    const fig3 = JSON.parse(runCommand(["figure-3", "--json"], noFiles));
    expect(fig3.keys.cart.versions).toEqual([
      { value: "D5", clock: { Sx: 3, Sy: 1, Sz: 1 }, lamport: expect.any(Number) },
    ]);
    const lww = JSON.parse(runCommand(["lww-skew", "--json"], noFiles));
    expect(lww.lostWrites).toEqual([
      expect.objectContaining({ key: "profile", value: "second", beatenBy: "first" }),
    ]);
    expect(runCommand(["figure-3"], noFiles)).toContain("cart: D5 [(Sx,3),(Sy,1),(Sz,1)]");
  });

  it("stops at --until-ms", () => {
    const json = JSON.parse(runCommand(["default", "--until-ms=250", "--json"], noFiles));
    expect(json.simulatedMs).toBe(250);
  });

  it("runs a scenario file", () => {
    const file = JSON.stringify({ version: 1, name: "mine", durationMs: 500 });
    const json = JSON.parse(runCommand(["mine.json", "--json"], () => file));
    expect(json.scenario).toBe("mine");
  });

  it("explains bad arguments and bad scenarios in one line", () => {
    expect(() => runCommand(["nope"], noFiles)).toThrow(UsageError);
    expect(() => runCommand(["default", "--seed", "-3"], noFiles)).toThrow(
      /--seed must be a non-negative integer/,
    );
    expect(() => runCommand(["x.json"], () => "{not json")).toThrow(/x.json is not valid JSON/);
    expect(() => runCommand(["x.json"], () => '{"version":1,"quorum":{"w":9}}')).toThrow(
      "x.json: quorum.w: W = 9 cannot exceed N = 3",
    );
    expect(() => runCommand(["missing.json"], noFiles)).toThrow(/cannot read missing.json/);
    expect(() => runCommand(["default", "--speed", "2"], noFiles)).toThrow(
      "unknown option --speed",
    );
  });

  it("lists the presets as a JSON array including default", () => {
    const names = JSON.parse(presetsCommand(["--json"]));
    expect(names).toContain("default");
  });

  it("prints the strategies experiment as one JSON object with a row per strategy and metadata size", () => {
    const out = experimentCommand(["strategies", "--seed", "3", "--json"]);
    expect(out.trim().split("\n")).toHaveLength(1);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ experiment: "strategies", seed: 3, nodes: 30, replicas: 3 });
    expect(json.rows.length % 3).toBe(0);
    expect(Object.keys(json.rows[0])).toEqual([
      "strategy",
      "nodes",
      "replicas",
      "tokensPerNode",
      "partitions",
      "metadataBytesPerNode",
      "efficiency",
      "efficiencyMin",
      "efficiencyMax",
      "efficiencyStdDev",
      "placements",
    ]);
    // at each metadata size, Strategy 3 balances best
    type Row = { strategy: number; metadataBytesPerNode: number; efficiency: number };
    const sizes = new Set(json.rows.map((r: Row) => r.metadataBytesPerNode));
    for (const size of sizes) {
      const same = json.rows.filter((r: Row) => r.metadataBytesPerNode === size) as Row[];
      expect(same.map((r) => r.strategy)).toEqual([1, 2, 3]);
      const top = same.reduce((a, b) => (b.efficiency > a.efficiency ? b : a));
      expect(top.strategy).toBe(3);
    }
  });

  it("prints the keys-moved experiment as one JSON object, for --nodes S", () => {
    const json = JSON.parse(experimentCommand(["keys-moved", "--nodes=10", "--json"]));
    expect(json).toMatchObject({ experiment: "keys-moved", seed: 1, nodes: 10, keys: 100_000 });
    expect(Object.keys(json.rows[0])).toEqual([
      "placement",
      "description",
      "change",
      "node",
      "nodesBefore",
      "nodesAfter",
      "fractionMoved",
      "idealFraction",
    ]);
    const modN = json.rows.find(
      (r: { placement: string; change: string }) => r.placement === "mod-n" && r.change === "join",
    );
    expect(modN).toMatchObject({ nodesBefore: 10, nodesAfter: 11 });
    expect(modN.fractionMoved).toBeCloseTo(10 / 11, 2);
  });

  it("prints the experiments as readable tables without --json", () => {
    const table = experimentCommand(["keys-moved", "--nodes", "5", "--seed", "2"]);
    expect(table).toMatch(/^Share of keys whose owner changes/);
    expect(table).toMatch(/mod-n\s+mod-N\s+join F\s+5 -> 6/);
  });

  it("explains bad experiment arguments in one line", () => {
    expect(() => experimentCommand([])).toThrow("experiment needs a name: strategies, keys-moved");
    expect(() => experimentCommand(["table9"])).toThrow(/unknown experiment "table9"/);
    expect(() => experimentCommand(["keys-moved", "--nodes", "1"])).toThrow(
      /--nodes must be a whole number of nodes from 2 to 256/,
    );
    expect(() => experimentCommand(["keys-moved", "--nodes", "ten"])).toThrow(UsageError);
    expect(() => experimentCommand(["strategies", "--nodes", "10"])).toThrow(
      "unknown option --nodes",
    );
    expect(() => experimentCommand(["strategies", "--seed", "x"])).toThrow(
      /--seed must be a non-negative integer/,
    );
    expect(() => experimentCommand(["strategies", "extra"])).toThrow(/takes no arguments/);
  });
});
