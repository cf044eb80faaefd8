import { describe, expect, it } from "vitest";
import { presetsCommand, runCommand, UsageError } from "./commands";

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
});
