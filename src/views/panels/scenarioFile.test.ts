import { describe, expect, it } from "vitest";
import { readScenarioText, seedInName } from "./scenarioFile";

describe("opening a scenario file", () => {
  it("reads a JSON object as plain data", () => {
    expect(readScenarioText("a.json", '{"version":1,"name":"x"}')).toEqual({
      ok: true,
      scenario: { version: 1, name: "x" },
    });
  });
  it("names what is wrong: not JSON, not an object, too deep", () => {
    const bad = (text: string) => {
      const r = readScenarioText("my.json", text);
      return r.ok ? "ok" : r.problem;
    };
    expect(bad('{"version":1,')).toMatch(/^my\.json is not JSON \(/);
    expect(bad("[1,2]")).toBe("my.json holds no scenario: a scenario is a JSON object.");
    expect(bad("42")).toMatch(/holds no scenario/);
    expect(bad(`{"a":${"[".repeat(60)}${"]".repeat(60)}}`)).toMatch(/nests too deeply/);
  });
  it("tells a history of operations from a scenario, and says where histories go", () => {
    const hint = (name: string, text: string) => {
      const r = readScenarioText(name, text);
      return r.ok ? "ok" : r.problem;
    };
    for (const [name, text] of [
      ["h.edn", "[{:process 0, :type :invoke, :f :read, :value nil}]"],
      ["c01-ok.txt", '{:process 0, :type :invoke, :f :put, :key "x", :value "y"}\n'],
      ["h.json", '[{"process": 0, "type": "invoke", "f": "read"}]'],
    ])
      expect(hint(name, text)).toBe(
        `${name} looks like a history of operations, not a scenario. Files opens scenarios; the command line checks histories: npm run --silent ringlab -- check ${name}`,
      );
    expect(hint("s.json", '{"version": 1, "type": "x"}')).toBe("ok");
  });
  it("drops prototype keys instead of copying them", () => {
    const r = readScenarioText("p.json", '{"__proto__":{"polluted":true},"name":"x"}');
    expect(r).toEqual({ ok: true, scenario: { name: "x" } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it("finds the seed in a saved file's name", () => {
    expect(seedInName("ringlab-default-seed-11-400ms-scenario.json")).toBe(11);
    expect(seedInName("seed-3.json")).toBe(3);
    expect(seedInName("my-scenario.json")).toBeNull();
    expect(seedInName("ringlab-seed-x-scenario.json")).toBeNull();
    expect(seedInName("reseed-4.json")).toBeNull();
  });
});
