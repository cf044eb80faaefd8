import { describe, expect, it } from "vitest";
import { presetScenario, Run } from "../sim";
import { MAX_SENDS_PER_FRAME, type SimHost, TICK_BUDGET_MS } from "./host";
import { hostHarness } from "./hostHarness";
import { DEFAULT_SPEED, type Frame, type ScenarioInfo } from "./protocol";

/** A host on a fake clock whose posts are structured clones, as a worker's receiver gets them. */
function harness(options: { msPerNowCall?: number } = {}) {
  return hostHarness({ ...options, clone: true });
}

describe("the simulation host", () => {
  it("loads a preset and describes it: nodes, ring tokens, clients, end", () => {
    const h = harness();
    h.host.handle({ type: "load", source: { preset: "default" }, seed: 7 });
    const loaded = h.posted[0];
    expect(loaded?.type).toBe("loaded");
    const info = (loaded as { info: ScenarioInfo }).info;
    expect(info.nodeNames).toEqual(["A", "B", "C", "D", "E"]);
    expect(info.clientNames).toEqual(["client1", "client2"]);
    for (const [i, t] of info.tokens.entries()) expect(t.unit).toBeCloseTo((i + 0.5) / 5, 9);
    expect(info.endMs).toBe(11_000);
    expect(info.title).toMatch(/N = 3/);
    const frame = h.lastFrame();
    expect(frame).toMatchObject({
      seq: 0,
      cause: "load",
      nowMs: 0,
      playing: false,
      speed: DEFAULT_SPEED,
    });
    expect(frame.nodes).toHaveLength(5);
    expect(frame.stats).not.toBeNull();
    expect(frame.timeline).toEqual([]);
  });

  it("runs to the end with the same trace hash as the core run alone (seed 7)", () => {
    const h = harness();
    h.host.handle({ type: "load", source: { preset: "default" }, seed: 7 });
    h.host.handle({ type: "runToEnd" });
    h.runTimers();
    const last = h.lastFrame();
    const run = new Run(presetScenario("default"), 7);
    run.runToEnd();
    expect(last.finished).toBe(true);
    expect(last.playing).toBe(false);
    expect(last.traceHash).toBe(run.summary().traceHash);
    expect(last.events).toBe(run.summary().events);
    expect(last.stats?.put.count).toBe(run.summary().ops.put.count);
  });

  it("counts the hints written so far apart from those held now, waiting for their node", () => {
    const h = harness();
    h.host.handle({ type: "load", source: { preset: "sloppy-quorum" }, seed: 1 });
    h.host.handle({ type: "runToEnd" });
    h.runTimers();
    const replication = h.lastFrame().replication;
    const run = new Run(presetScenario("sloppy-quorum"), 1);
    run.runToEnd();
    let held = 0;
    for (let i = 0; i < run.nodeCount; i++) held += run.nodeSummary(i).hints;
    expect(replication?.hintsHeld).toBe(held);
    expect(replication?.hintsStored).toBeGreaterThan(held);
  });

  it("plays at the chosen speed, one frame per tick, and the frames carry the messages sent", () => {
    const h = harness();
    h.host.handle({ type: "load", source: { preset: "default" }, seed: 7 });
    h.host.handle({ type: "setSpeed", speed: 1 / 10 });
    h.host.handle({ type: "play" });
    h.runTimers(120); // 120 ticks of 16 ms: about 192 ms of simulated time at 1/10x
    const frames = h.frames().filter((f) => f.cause === "tick");
    expect(frames).toHaveLength(120);
    const last = frames.at(-1) as Frame;
    expect(last.nowMs).toBeCloseTo(120 * 16 * (1 / 10), 6);
    expect(last.rate).toBeCloseTo(1 / 10, 6);
    const sends = frames.flatMap((f) => f.sends);
    expect(sends.length).toBeGreaterThan(10);
    for (const s of sends) {
      expect(s.deliverAtMs).toBeGreaterThan(s.sentAtMs);
      expect(s.src).not.toBe(s.dst);
    }
    expect(sends.some((s) => s.type === "replica_write")).toBe(true);
    h.host.handle({ type: "pause" });
    expect(h.lastFrame()).toMatchObject({ cause: "pause", playing: false });
    expect(h.pendingTimers()).toBe(0);
  });

  it("steps exactly one event", () => {
    const h = harness();
    h.host.handle({ type: "load", source: { preset: "default" }, seed: 7 });
    h.host.handle({ type: "step" });
    const first = h.lastFrame();
    h.host.handle({ type: "step" });
    const second = h.lastFrame();
    const run = new Run(presetScenario("default"), 7);
    run.step();
    expect(first.events).toBe(run.sim.trace.length);
    run.step();
    expect(second.events).toBe(run.sim.trace.length);
    expect(second.traceHash).toBe(run.sim.trace.digest);
    expect(second.cause).toBe("step");
  });

  it("records a crash as a live intervention and keeps the run on a bad one", () => {
    const h = harness();
    h.host.handle({ type: "load", source: { preset: "default" }, seed: 7 });
    h.host.handle({ type: "intervene", intervention: { kind: "crash", node: "C" } });
    const f = h.lastFrame();
    expect(f.nodes[2]?.up).toBe(false);
    expect(f.timeline).toEqual([
      {
        atMs: 0,
        text: "crash C",
        kind: "crash",
        live: true,
        intervention: { atMs: 0, kind: "crash", node: "C" },
      },
    ]);
    h.host.handle({ type: "intervene", intervention: { kind: "crash", node: "Z" } });
    const err = h.errors().at(-1);
    expect(err).toMatchObject({ type: "error", fatal: false, during: "intervene" });
    expect(err?.type === "error" && err.message).toMatch(/Z is not a node/);
    h.host.handle({ type: "step" });
    expect(h.lastFrame().cause).toBe("step");
  });

  it("answers an unknown command with an error and keeps the run", () => {
    const h = harness();
    h.host.handle({ type: "load", source: { preset: "default" }, seed: 7 });
    h.host.handle({ type: "rewind" } as unknown as Parameters<SimHost["handle"]>[0]);
    expect(h.errors().at(-1)).toMatchObject({ fatal: false, message: 'unknown command "rewind"' });
    h.host.handle({ type: "step" });
    expect(h.lastFrame().cause).toBe("step");
  });

  it("keeps the loaded run when asked to load a bad scenario", () => {
    const h = harness();
    h.host.handle({ type: "load", source: { preset: "default" }, seed: 7 });
    h.host.handle({
      type: "load",
      source: { scenario: { version: 1, quorum: { r: 9 } } },
      seed: 1,
    });
    const err = h.errors().at(-1);
    expect(err).toMatchObject({ fatal: false, during: "load" });
    expect(err?.type === "error" && err.message).toMatch(/quorum\.r/);
    expect(h.posted.at(-2)).toMatchObject({ type: "loaded", accepted: false });
    expect(h.lastFrame().cause).toBe("load");
  });

  it("shows the default instead of a bad first scenario, and says so", () => {
    const h = harness();
    h.host.handle({
      type: "load",
      source: { scenario: { version: 1, quorum: { n: 3, r: 5 } } },
      seed: 4,
    });
    expect(h.errors()).toHaveLength(1);
    const err = h.errors()[0];
    expect(err).toMatchObject({ fatal: false, during: "load" });
    expect(err?.type === "error" && err.message).toMatch(
      /^The scenario has a problem: quorum\.r: .*\. Showing "default" instead\.$/,
    );
    const loaded = h.posted.filter((m) => m.type === "loaded");
    expect(loaded).toHaveLength(1);
    expect(loaded[0]).toMatchObject({ accepted: false, info: { preset: "default", seed: 1 } });
    h.host.handle({ type: "step" });
    expect(h.lastFrame().cause).toBe("step");
    h.host.handle({ type: "load", source: { scenario: '{"version": 1}' }, seed: 1 });
    expect(h.posted.at(-2)).toMatchObject({ type: "loaded", accepted: true });
  });

  it("play after the end does nothing harmful", () => {
    const h = harness();
    h.host.handle({ type: "load", source: { preset: "default" }, seed: 3 });
    h.host.handle({ type: "runToEnd" });
    h.runTimers();
    const hash = h.lastFrame().traceHash;
    h.host.handle({ type: "play" });
    h.host.handle({ type: "step" });
    expect(h.runTimers()).toBe(0);
    expect(h.lastFrame()).toMatchObject({ finished: true, playing: false, traceHash: hash });
  });

  it("caps the work per tick on a busy run: it falls behind instead of flooding the page", () => {
    // every read of the clock costs 1 ms, so a tick exhausts its budget after a few slices
    const h = harness({ msPerNowCall: 1 });
    h.host.handle({ type: "load", source: { preset: "bench-64" }, seed: 1, speed: 100 });
    h.host.handle({ type: "play" });
    h.runTimers(5);
    const ticks = h.frames().filter((f) => f.cause === "tick");
    expect(ticks).toHaveLength(5);
    for (const f of ticks) {
      expect(f.behind).toBe(true);
      expect(f.rate).toBeLessThan(100);
      expect(f.sends.length).toBeLessThanOrEqual(MAX_SENDS_PER_FRAME);
    }
    expect(TICK_BUDGET_MS).toBeLessThan(16);
  });
});

describe("time travel in the host", () => {
  it("seeks back by re-running, forward by running on, and forks when an intervention is made in the past", () => {
    const h = harness();
    h.host.handle({ type: "load", source: { preset: "default" }, seed: 3 });
    h.host.handle({ type: "seek", ms: 100 });
    h.host.handle({ type: "intervene", intervention: { kind: "crash", node: "C" } });
    h.host.handle({ type: "seek", ms: 300 });
    const at300 = h.lastFrame().traceHash;
    h.host.handle({ type: "seek", ms: 50 });
    expect(h.lastFrame().nowMs).toBe(50);
    expect(h.lastFrame().nodes[2]?.up).toBe(true);
    h.host.handle({ type: "seek", ms: 300 });
    expect(h.lastFrame().traceHash).toBe(at300);
    expect(h.lastFrame().forkedAtMs).toBeNull();
    // back to 50 ms and crash B: the crash of C at 100 ms is dropped
    h.host.handle({ type: "seek", ms: 50 });
    h.host.handle({ type: "intervene", intervention: { kind: "crash", node: "B" } });
    const f = h.lastFrame();
    expect(f.forkedAtMs).toBe(50);
    expect(f.timeline?.map((t) => t.text)).toEqual(["crash B"]);
  });
});

describe("a shared run in the host", () => {
  it("replays its interventions to its instant, and shows the scenario from its start when they do not fit", () => {
    const h = harness();
    const live = [{ atMs: 50, kind: "crash", node: "C" }];
    h.host.handle({ type: "load", source: { preset: "default", live, atMs: 120 }, seed: 2 });
    expect(h.errors()).toEqual([]);
    const f = h.lastFrame();
    expect(f.nowMs).toBe(120);
    expect(f.nodes[2]?.up).toBe(false);
    expect(f.timeline?.map((t) => [t.text, t.live])).toEqual([["crash C", true]]);

    const bad = harness();
    bad.host.handle({
      type: "load",
      source: { preset: "default", live: [{ atMs: 5, kind: "crash", node: "Z" }], atMs: 100 },
      seed: 2,
    });
    expect(bad.errors().map((e) => e.type === "error" && [e.fatal, e.message])).toEqual([
      [
        false,
        expect.stringMatching(/shared intervention 1 names Z, which this scenario does not have/),
      ],
    ]);
    expect(bad.lastFrame().nowMs).toBe(0);
    expect(bad.lastFrame().timeline).toEqual([]);
  });
});

describe("side-by-side latency in the host", () => {
  const other = (ms: number, timeline: Run["timeline"] = []) => {
    const base = presetScenario("coordination");
    const run = new Run(
      {
        ...base,
        workload: { ...base.workload, coordination: "client-driven" },
        timeline: [...base.timeline, ...timeline],
      },
      5,
    );
    run.runUntilMs(ms);
    return run.stats();
  };

  it("runs the other coordination mode to the same instant, through seeks and interventions", () => {
    const h = harness();
    h.host.handle({ type: "load", source: { preset: "coordination" }, seed: 5 });
    expect(h.lastFrame().twin).toBeNull();
    h.host.handle({ type: "sideBySide", on: true });
    h.host.handle({ type: "seek", ms: 400 });
    const at400 = h.lastFrame().twin;
    expect(at400?.coordination).toBe("client-driven");
    expect(at400?.nowMs).toBe(400);
    expect(at400?.stats).toEqual(other(400));
    expect(at400?.histograms.get.reduce((a, b) => a + b, 0)).toBe(at400?.stats.get.ok);

    // an intervention now reaches the twin at the same instant
    h.host.handle({ type: "intervene", intervention: { kind: "crash", node: "C" } });
    h.host.handle({ type: "seek", ms: 900 });
    expect(h.lastFrame().twin?.stats).toEqual(
      other(900, [{ atMs: 400, kind: "crash", node: "C" }]),
    );

    // back in time: the twin is rebuilt, still in step
    h.host.handle({ type: "seek", ms: 200 });
    expect(h.lastFrame().twin?.nowMs).toBe(200);
    expect(h.lastFrame().twin?.stats).toEqual(other(200));
  });

  it("offers no twin for a run that coordinates directly, and stops when turned off", () => {
    const h = harness();
    h.host.handle({ type: "load", source: { preset: "default" }, seed: 1 });
    h.host.handle({ type: "sideBySide", on: true });
    h.host.handle({ type: "seek", ms: 200 });
    expect(h.lastFrame().twin).toBeNull();
    h.host.handle({ type: "load", source: { preset: "coordination" }, seed: 1 });
    expect(h.lastFrame().twin?.coordination).toBe("client-driven");
    h.host.handle({ type: "sideBySide", on: false });
    h.host.handle({ type: "seek", ms: 300 });
    expect(h.lastFrame().twin).toBeNull();
    expect(h.errors()).toEqual([]);
  });
});
