import { describe, expect, it } from "vitest";
import { presetScenario } from "../sim/index";
import { decodeRunLink, encodeRunLink, RUN_LINK_VERSION } from "./runLink";

/** A #run= link around any JSON value, as a hand-made or damaged link would be. */
async function linkOf(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  const out = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const packed = new Uint8Array(await new Response(out).arrayBuffer());
  let bin = "";
  for (const b of packed) bin += String.fromCharCode(b);
  return `#run=${btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")}`;
}

describe("a link to one run of an experiment", () => {
  it("carries a scenario and a seed there and back", async () => {
    const scenario = presetScenario("default");
    const decoded = await decodeRunLink(await encodeRunLink({ scenario, seed: 7, label: "x" }));
    expect(decoded).toEqual({ ok: true, run: { scenario, seed: 7, label: "x" } });
  });

  it("refuses a scenario nested deeper than any scenario, instead of overflowing the stack later", async () => {
    let latency: unknown = { kind: "constant", ms: 1 };
    for (let i = 0; i < 1000; i++) latency = { kind: "shifted", offsetMs: 0, dist: latency };
    const deep = await linkOf({
      v: RUN_LINK_VERSION,
      seed: 1,
      scenario: { ...presetScenario("default"), network: { latency } },
    });
    expect(await decodeRunLink(deep)).toEqual({
      ok: false,
      problem: "The link's scenario nests too deeply or holds too much to be a scenario.",
    });
  });

  it("says a link holding a list holds no run", async () => {
    expect(await decodeRunLink(await linkOf([1, 2]))).toEqual({
      ok: false,
      problem: "The link holds no run.",
    });
    expect(
      await decodeRunLink(await linkOf({ v: RUN_LINK_VERSION, seed: 1, scenario: [] })),
    ).toEqual({ ok: false, problem: "The link holds no scenario." });
  });
});
