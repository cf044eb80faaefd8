import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Run } from "../sim/run";
import { presetNames, presetScenario } from "../sim/scenario/presets";
import { interventionSchema } from "../sim/scenario/schema";
import { type HostEnv, SimHost } from "../worker/host";
import type { FromWorker } from "../worker/protocol";
import { decodeShare, encodeShare, migrate, packShare, type SharedRun, shareHash } from "./share";
import { parseHash } from "./url";

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

  it("reproduce every preset's run, with an intervention, at the shared instant: the same trace hash", async () => {
    for (const preset of presetNames.filter((p) => p !== "bench-64")) {
      const scenario = presetScenario(preset);
      const first = new Run(scenario, 3).sim.procName(0);
      const crash = { atMs: 40, kind: "crash", node: first };
      const run = { preset, seed: 3, change: {}, live: [crash], atMs: 150 };
      const decoded = await decodeShare(await encodeShare(run));
      if (!decoded.ok) throw new Error(decoded.problem);
      if (!("preset" in decoded.run)) throw new Error("not a preset run");
      const a = new Run(
        { ...scenario, timeline: [...scenario.timeline, interventionSchema.parse(crash)] },
        3,
      );
      a.runUntilMs(150);
      const shared = presetScenario(decoded.run.preset);
      const live = decoded.run.live.map((iv) => interventionSchema.parse(iv));
      const b = new Run({ ...shared, timeline: [...shared.timeline, ...live] }, decoded.run.seed);
      b.runUntilMs(decoded.run.atMs);
      expect(b.summary().traceHash, preset).toBe(a.summary().traceHash);
      expect(b.summary().traceHash, preset).not.toBe(
        (() => {
          const plain = new Run(scenario, 3);
          plain.runUntilMs(150);
          return plain.summary().traceHash;
        })(),
      );
    }
  });

  it("use the short form for a preset as it comes, and the full form once anything changed", async () => {
    const plain = { preset: "sloppy-quorum", seed: 3, change: {}, live: [], atMs: 0 };
    expect(await shareHash(plain)).toBe("#preset=sloppy-quorum&seed=3");
    expect(parseHash(await shareHash(plain))).toEqual({
      preset: "sloppy-quorum",
      seed: 3,
      problems: [],
      stay: false,
    });
    expect(await shareHash({ ...plain, atMs: 10 })).toMatch(/^#share=/);
    expect(await shareHash({ ...plain, change: { sloppy: false } })).toMatch(/^#share=/);
    expect(await shareHash({ scenario: {}, seed: 1, live: [], atMs: 0 })).toMatch(/^#share=/);
  });

  it("carry a whole scenario (imported from a file), and replay it", async () => {
    const scenario = { ...presetScenario("gossip"), name: "my-gossip", durationMs: 800 };
    const run: SharedRun = { scenario, seed: 9, live: [], atMs: 500 };
    const decoded = await decodeShare(await encodeShare(run));
    expect(decoded).toEqual({ ok: true, run: JSON.parse(JSON.stringify(run)) });
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
    // a version that is no number: named by its type, never turned into a string
    expect(await problem(await packed('{"v":{"toString":false}}'))).toMatch(
      /format version an object/,
    );
    expect(
      await problem(await packed('{"v":2,"seed":1,"scenario":{"preset":"__proto__"}}')),
    ).toMatch(/scenario this RingLab does not have/);
    const hostile = await decodeShare(
      await packed(
        '{"v":1,"preset":"default","seed":1,"change":{"__proto__":{"x":1},"sloppy":true}}',
      ),
    );
    expect(hostile.ok).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    if (hostile.ok && "change" in hostile.run)
      expect(Object.keys(hostile.run.change)).toEqual(["sloppy"]);
    // a custom scenario is copied as plain data: no prototype keys reach the app
    const custom = await decodeShare(
      await packed(
        '{"v":2,"seed":1,"scenario":{"custom":{"name":"x","__proto__":{"polluted":1},"cluster":{"constructor":{"prototype":{"p":1}},"nodes":[]}}}}',
      ),
    );
    expect(custom.ok).toBe(true);
    if (custom.ok && "scenario" in custom.run) {
      expect(custom.run.scenario).toEqual({ name: "x", cluster: { nodes: [] } });
      expect(Object.getPrototypeOf(custom.run.scenario)).toBe(Object.prototype);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await problem(await packed('{"v":2,"seed":1,"scenario":{"custom":[1]}}'))).toMatch(
      /not a scenario object/,
    );
    const deep = `${"[".repeat(100)}${"]".repeat(100)}`;
    expect(
      await problem(await packed(`{"v":2,"seed":1,"scenario":{"custom":{"a":${deep}}}}`)),
    ).toMatch(/far too large/);
    expect(await problem(await packed('{"v":2,"seed":1}'))).toMatch(/holds no scenario/);
  });

  it("never throws on well-packed data of any shape (fuzzed)", async () => {
    const field = fc.constantFrom(
      "v",
      "scenario",
      "preset",
      "change",
      "custom",
      "seed",
      "live",
      "atMs",
      "__proto__",
      "constructor",
    );
    const shaped = fc.dictionary(
      field,
      fc.oneof(fc.jsonValue(), fc.constantFrom(1, 2, "default")),
      {
        maxKeys: 8,
      },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), shaped), async (data) => {
        const d = await decodeShare(await packShare(data));
        expect(typeof d.ok).toBe("boolean");
        if (!d.ok) expect(d.problem).toMatch(/^The shared link/);
      }),
      { numRuns: 1500 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
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

/**
 * Links made by RingLab while the format was at version 1 (presets only, fields at the top level),
 * kept verbatim: they must open the same runs for as long as RingLab reads links.
 */
const V1_LINKS: { link: string; run: SharedRun }[] = [
  {
    link: "#share=BcE7CoAwFEXBvZz6FVoJbw-uQCyCuX4giJiYJmTvzjQqPhrPq6yCE7WHLxWMLEV8MrYz3Ifw1o10VeHLaoQyZ3zoPw",
    run: { preset: "default", seed: 7, change: {}, live: [], atMs: 0 },
  },
  {
    link: "#share=LcpNDoIwEIDRu3zr0YA_m9l5AE9gXDRlFGJtkRaIIb27G9_6bSxoK4yTZSsoOaRx_O4-c5rmN0I269CT4HsXn4Zu-BQfYfAlo4R1pQphWAy9bbhyzWh7aPZn4TXEDsVPLvcIMXWGcqHe5R-PTVN_",
    run: {
      preset: "sloppy-quorum",
      seed: 4,
      change: { conflicts: "lww" },
      live: [{ atMs: 120.5, kind: "crash", node: "A" }],
      atMs: 300,
    },
  },
  {
    link: "#share=TYzBTsMwEAX_Zc4rFEIjob0BZ849IA5us0mtBDuy3VZR5H9HKqByfJp5s3FBH4UlWbaCsrhUfPExIGSzHm2F48mF0dCNPMdlWdHBzdnkbvsw3nBJrti4ok__YEZ3Ta3C7C-Gfmy48p7RrhEmH3qU2YcJYUjxC-UFoUSUV4TjuaAlnU04xHLauzX_7Cp_oed7KE92RQixN5Q3hDgM2W5a29VP-b3suuah7eo3",
    run: {
      preset: "partition",
      seed: 2,
      change: { sloppy: false, partitioning: { strategy: 3, partitions: 40 } },
      live: [
        { atMs: 50, kind: "link", from: "A", to: "B", cut: true, bothWays: true },
        { atMs: 80, kind: "skew", node: "C", offsetMs: 25 },
      ],
      atMs: 450.25,
    },
  },
];

describe("links of older formats", () => {
  it("migrate version 1 data to version 2: the preset and its changes move into `scenario`", () => {
    expect(
      migrate({ v: 1, preset: "default", seed: 3, change: { sloppy: false }, live: [], atMs: 5 }),
    ).toEqual({
      v: 2,
      scenario: { preset: "default", change: { sloppy: false } },
      seed: 3,
      live: [],
      atMs: 5,
    });
    // the current version passes through; unknown ones are left for the reader to refuse
    const current = { v: 2, scenario: { preset: "default" }, seed: 1 };
    expect(migrate(current)).toBe(current);
    expect(migrate({ v: 0 })).toEqual({ v: 0 });
    expect(migrate("text")).toBe("text");
    expect(migrate({ v: "__proto__" })).toEqual({ v: "__proto__" });
  });

  it("open version 1 links made by an earlier RingLab as the runs they were", async () => {
    for (const { link, run } of V1_LINKS) {
      expect(await decodeShare(link)).toEqual({ ok: true, run });
    }
  });

  it("replay a version 1 link in the worker to its instant, interventions and all", async () => {
    for (const { link, run } of V1_LINKS) {
      const decoded = await decodeShare(link);
      if (!decoded.ok || !("preset" in decoded.run)) throw new Error("not a preset run");
      const posted: FromWorker[] = [];
      const env: HostEnv = {
        post: (m) => posted.push(m),
        now: () => 0,
        setTimer: () => 0,
        clearTimer: () => {},
      };
      const { preset, change, live, atMs, seed } = decoded.run;
      new SimHost(env).handle({
        type: "load",
        source: { preset, ...change, live, atMs },
        seed,
      });
      expect(
        posted.filter((m) => m.type === "error"),
        link,
      ).toEqual([]);
      const frame = posted.find((m) => m.type === "frame");
      expect(frame?.type === "frame" && frame.frame.nowMs, link).toBe(run.atMs);
    }
  });

  it("write the current version", async () => {
    const packedV2 = await packShare({
      v: 2,
      scenario: { preset: "default", change: {} },
      seed: 7,
      live: [],
      atMs: 0,
    });
    expect(await encodeShare({ preset: "default", seed: 7, change: {}, live: [], atMs: 0 })).toBe(
      packedV2,
    );
  });
});
