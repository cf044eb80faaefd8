import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Run } from "../sim/run";
import { presetNames, presetScenario } from "../sim/scenario/presets";
import { decodeShare, encodeShare, type SharedRun } from "./share";

const sample: SharedRun = {
  preset: "default",
  seed: 7,
  change: { sloppy: false, conflicts: "lww" },
  live: [{ atMs: 120.5, kind: "crash", node: "C" }],
  atMs: 250,
};

describe("shared links", () => {
  it("round-trip a run: preset, seed, changes, interventions and instant", async () => {
    const hash = await encodeShare(sample);
    expect(hash).toMatch(/^#share=[A-Za-z0-9_-]+$/);
    expect(await decodeShare(hash)).toEqual({ ok: true, run: sample });
  });

  it("reproduce every preset's run at the shared instant: the same trace hash", async () => {
    for (const preset of presetNames.filter((p) => p !== "bench-64")) {
      const run = { preset, seed: 3, change: {}, live: [], atMs: 150 };
      const decoded = await decodeShare(await encodeShare(run));
      if (!decoded.ok) throw new Error(decoded.problem);
      const a = new Run(presetScenario(preset), 3);
      a.runUntilMs(150);
      const b = new Run(presetScenario(decoded.run.preset), decoded.run.seed);
      b.runUntilMs(decoded.run.atMs);
      expect(b.summary().traceHash, preset).toBe(a.summary().traceHash);
    }
  });

  it("name what is wrong with truncated, corrupted, oversized or hostile links", async () => {
    const good = await encodeShare(sample);
    const problem = async (hash: string) => {
      const d = await decodeShare(hash);
      return d.ok ? "ok" : d.problem;
    };
    expect(await problem(good.slice(0, 20))).toMatch(/damaged or cut short/);
    expect(await problem("#share=not*base64")).toMatch(/not in the expected letters/);
    expect(await problem(`#share=${"A".repeat(70_000)}`)).toMatch(/too long/);
    const packed = async (json: string) => {
      const stream = new Blob([new TextEncoder().encode(json)])
        .stream()
        .pipeThrough(new CompressionStream("deflate-raw"));
      const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      let bin = "";
      for (const b of bytes) bin += String.fromCharCode(b);
      return `#share=${btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")}`;
    };
    expect(await problem(await packed("{"))).toMatch(/not JSON/);
    expect(await problem(await packed('{"v":99}'))).toMatch(/format version 99/);
    expect(await problem(await packed('{"v":1,"preset":"__proto__","seed":1}'))).toMatch(
      /scenario this RingLab does not have/,
    );
    const hostile = await decodeShare(
      await packed(
        '{"v":1,"preset":"default","seed":1,"change":{"__proto__":{"x":1},"sloppy":true}}',
      ),
    );
    expect(hostile.ok).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    if (hostile.ok) expect(Object.keys(hostile.run.change)).toEqual(["sloppy"]);
  });

  it("never throws, whatever the link (fuzzed)", async () => {
    const good = await encodeShare(sample);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc
            .tuple(fc.nat(good.length), fc.string({ maxLength: 8 }))
            .map(([i, s]) => good.slice(0, i) + s + good.slice(i + s.length)),
        ),
        async (hash) => {
          const d = await decodeShare(hash.startsWith("#share=") ? hash : `#share=${hash}`);
          expect(typeof d.ok).toBe("boolean");
        },
      ),
      { numRuns: 2000 },
    );
  });
});
