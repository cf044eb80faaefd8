import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  checkCommand,
  checkExitCode,
  checkHistory,
  experimentCommand,
  presetsCommand,
  runCommand,
  UsageError,
} from "./commands";

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
      "consistency",
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
    const violation = JSON.parse(runCommand(["linearizability-violation", "--json"], noFiles));
    expect(violation.consistency.linearizable).toBe(false);
    expect(violation.consistency.witness.explanation).toMatch(/read "v0"/);
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

describe("the check command", () => {
  const STALE = `[{:process 0, :type :invoke, :f :write, :value 1}
 {:process 0, :type :ok, :f :write, :value 1}
 {:process 1, :type :invoke, :f :read, :value nil}
 {:process 1, :type :ok, :f :read, :value 0}]`;
  const file = (text: string) => () => text;

  it("prints one JSON object with the verdict, every key, the operations and what was read", () => {
    const out = checkCommand(["h.edn", "--json"], file(STALE));
    expect(out.trim().split("\n")).toHaveLength(1);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual([
      "valid",
      "model",
      "initial",
      "keys",
      "operations",
      "failed",
      "history",
    ]);
    expect(json).toMatchObject({ valid: false, model: "register", initial: null, failed: 0 });
    expect(json.history).toEqual({
      file: "h.edn",
      format: "edn",
      events: 4,
      skipped: 0,
      indeterminate: 0,
    });
    expect(json.keys[""].witness.op).toBe(1);
    expect(json.operations).toHaveLength(2);
  });

  it("tells the verdict by its exit status: 0 linearizable, 3 not, 4 unknown", () => {
    const stale = checkHistory(["h.edn"], file(STALE));
    expect(stale.valid).toBe(false);
    expect(checkExitCode(stale.valid)).toBe(3);
    const fine = checkHistory(
      ["h.edn", "--initial", "0"],
      file(STALE.replace(":value 0}", ":value 1}")),
    );
    expect(fine.valid).toBe(true);
    expect(checkExitCode(fine.valid)).toBe(0);
    expect(checkExitCode("unknown")).toBe(4);
  });

  it("reads --model and --initial", () => {
    const r = (args: string[]) =>
      JSON.parse(checkCommand(["h.edn", "--json", ...args], file(STALE)));
    expect(r(["--initial", "0"]).valid).toBe(false);
    expect(r(["--model", "cas-register"])).toMatchObject({ model: "cas-register", initial: 0 });
    const unwritten = `{"process": 0, "type": "invoke", "f": "read"}\n{"process": 0, "type": "ok", "f": "read", "value": "x"}`;
    const u = (args: string[]) =>
      JSON.parse(checkCommand(["h.jsonl", "--json", ...args], file(unwritten)));
    expect(u([]).valid).toBe(false);
    expect(u(["--initial", "x"]).valid).toBe(true);
    expect(u(["--initial", '"x"']).valid).toBe(true);
    expect(u(["--initial=nil"]).initial).toBe(null);
  });

  it("infers kv from get, put and append and checks each key", () => {
    const text = readFileSync(
      new URL("../../../shared/external/porcupine-kv/c10-bad.txt", import.meta.url),
      "utf8",
    );
    const json = JSON.parse(checkCommand(["c10-bad.txt", "--json"], file(text)));
    expect(json.model).toBe("kv");
    expect(json.valid).toBe(false);
    expect(Object.keys(json.keys)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    expect(json.keys["4"].valid).toBe(true);
  });

  it("prints a readable summary without --json: the verdict and why", () => {
    const out = checkCommand(["h.edn"], file(STALE));
    expect(out).toMatch(/^history {2}h\.edn \(EDN\): 4 events, 2 operations\n/);
    expect(out).toContain("model    register, every key starting at nil\n");
    expect(out).toContain("verdict  NOT linearizable\n");
    expect(out).toContain(
      "op 1 (process 1: read 0, lines 3-4) cannot take effect at any instant between its invocation and its completion",
    );
    expect(out).toContain("longest linearizable prefix: 1 of 2 operations, leaving 1");
    const fine = checkCommand(
      ["h.edn", "--initial", "0"],
      file(STALE.replace(":value 0}", ":value 1}")),
    );
    expect(fine).toContain("verdict  linearizable\n");
  });

  it("fails only on unreadable input, naming the file and the line", () => {
    const broken =
      "[{:process 0, :type :invoke, :f :read, :value nil}\n {:process 0 :type :ok :value}]";
    expect(() => checkCommand(["h.edn"], file(broken))).toThrow(
      "h.edn: line 2: the map opened here has 5 elements: a map needs keys and values in pairs (reading EDN)",
    );
    expect(() => checkCommand(["h.edn"], file(broken))).not.toThrow(UsageError);
    expect(() =>
      checkCommand(["h.edn"], file('[{"process": 0, "type": "ok", "f": "read"}]')),
    ).toThrow("h.edn: line 1: ok for process 0 which has no operation open (no invoke before it)");
    expect(() => checkCommand(["missing.edn"], noFiles)).toThrow(/cannot read missing.edn/);
    expect(() => checkCommand([], noFiles)).toThrow("check takes one history file");
    expect(() => checkCommand(["h.edn", "--model", "queue"], file(STALE))).toThrow(
      '--model must be one of register, cas-register, kv, got "queue"',
    );
    expect(() => checkCommand(["h.edn", "--seed", "1"], file(STALE))).toThrow(
      "unknown option --seed",
    );
    // an empty file is not a linearizable history: there is nothing in it
    for (const empty of ["", "  \n", "[]"])
      expect(() => checkCommand(["h.edn"], file(empty))).toThrow(
        "h.edn: the file holds no events: there is nothing to check",
      );
  });
});

describe("the coordination and staleness experiments", () => {
  it("staleness prints one JSON object with the curve, the closed form and PBS's numbers", () => {
    const out = experimentCommand([
      "staleness",
      "--latency",
      "lnkd-ssd",
      "--n",
      "3",
      "--r",
      "1",
      "--w",
      "1",
      "--trials",
      "200",
      "--json",
    ]);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ model: "lnkd-ssd", n: 3, r: 1, w: 1, trials: 200 });
    expect(json.curve[0]).toEqual({ tMs: 0, p: json.pConsistentAtCommit });
    expect(json.paper).toMatchObject({ tMs: 1.85, pConsistentAtCommit: 0.974 });
    expect(Object.keys(json.get)).toContain("p999Ms");
    expect(() => experimentCommand(["staleness", "--latency", "nope"])).toThrow(UsageError);
    expect(() => experimentCommand(["staleness", "--r", "4"])).toThrow(UsageError);
  });

  it("run --json reports what RPC semantics did", () => {
    const dir = `{"version":1,"durationMs":500,"network":{"loss":0.1,"duplicate":0.1},"workload":{"rpc":"at-most-once"}}`;
    const json = JSON.parse(runCommand(["x.json", "--json"], () => dir));
    expect(Object.keys(json.rpc)).toEqual([
      "retries",
      "duplicatesApplied",
      "dedupHits",
      "dedupExpired",
      "dedupMissed",
    ]);
  });
});
