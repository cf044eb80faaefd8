import { describe, expect, it } from "vitest";
import { inspectKey } from "../../sim/inspect";
import { Run } from "../../sim/run";
import { presetScenario } from "../../sim/scenario/presets";
import { BOX_W, currentVersions, versionLayout } from "./versionLayout";

describe("the version graph of Figure 3", () => {
  const run = new Run(presetScenario("figure-3"), 1);
  run.runToEnd();
  const detail = inspectKey(run, "cart");

  it("lists every version with its clock, and which it directly supersedes", () => {
    const byValue = Object.fromEntries(detail.versions.map((v) => [v.value, v]));
    expect(detail.versions.map((v) => `${v.value} ${v.clock}`)).toEqual([
      "D1 [(Sx,1)]",
      "D2 [(Sx,2)]",
      "D3 [(Sx,2),(Sy,1)]",
      "D4 [(Sx,2),(Sz,1)]",
      "D5 [(Sx,3),(Sy,1),(Sz,1)]",
    ]);
    expect(byValue.D2?.parents).toEqual(["Sx:1"]);
    expect(byValue.D3?.parents).toEqual(["Sx:2"]);
    expect(byValue.D4?.parents).toEqual(["Sx:2"]);
    expect([...(byValue.D5?.parents ?? [])].sort()).toEqual(["Sy:1", "Sz:1"]);
    expect(detail.versions.filter((v) => v.live).map((v) => v.value)).toEqual(["D5"]);
    expect(byValue.D5?.holders).toEqual(["Sx", "Sy", "Sz"]);
    expect(detail.replicas.map((r) => r.versions)).toEqual([["Sx:3"], ["Sx:3"], ["Sx:3"]]);
  });

  it("puts siblings side by side in one column and draws the merge into D5", () => {
    const layout = versionLayout(detail.versions);
    const x = Object.fromEntries(layout.boxes.map((b) => [b.v.value, b.x]));
    expect(x.D3).toBe(x.D4);
    expect(x.D5).toBeGreaterThan(x.D3 as number);
    expect((x.D2 as number) + BOX_W).toBeLessThan(x.D3 as number);
    const merges = layout.edges.filter((e) => e.merge).map((e) => e.from);
    expect(merges.sort()).toEqual(["Sy:1", "Sz:1"]);
    expect(layout.edges).toHaveLength(5);
    expect(layout.width).toBeGreaterThan(4 * BOX_W);
  });
});

describe("which held versions are current", () => {
  it("tells siblings from versions a reconciling write already supersedes on other replicas", () => {
    const run = new Run(presetScenario("figure-3"), 1);
    const values = (vs: { value: string }[]) => vs.map((v) => v.value).sort();
    // before D5: D3 and D4 are siblings
    run.runUntilMs(250);
    const before = currentVersions(inspectKey(run, "cart").versions);
    expect(values(before.current)).toEqual(["D3", "D4"]);
    expect(before.behind).toEqual([]);
    // while D5 spreads: some replica holds it, others still D3 and D4, which it supersedes
    let mixed: ReturnType<typeof currentVersions> | null = null;
    for (let ms = 250; ms < 400 && mixed === null; ms += 0.1) {
      run.runUntilMs(ms);
      const split = currentVersions(inspectKey(run, "cart").versions);
      if (split.behind.length > 0) mixed = split;
    }
    expect(mixed).not.toBeNull();
    expect(values(mixed?.current ?? [])).toEqual(["D5"]);
    expect(values(mixed?.behind ?? [])).toEqual(["D3", "D4"]);
    // at the end D5 alone
    run.runToEnd();
    const after = currentVersions(inspectKey(run, "cart").versions);
    expect(values(after.current)).toEqual(["D5"]);
    expect(after.behind).toEqual([]);
  });
});
