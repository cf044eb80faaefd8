import { describe, expect, it } from "vitest";
import { presetScenario } from "../sim";
import { type HostEnv, SimHost } from "./host";
import type { Frame, FromWorker, ToWorker } from "./protocol";

/** A host that never plays on its own (no timers run): seeks, steps and interventions only. */
function host(checkpoints: boolean) {
  const posted: FromWorker[] = [];
  const env: HostEnv = {
    post: (m) => posted.push(m),
    now: () => 0,
    setTimer: () => 0,
    clearTimer: () => {},
  };
  const h = new SimHost(env, { checkpoints });
  const last = (): Frame => {
    const f = posted.filter((m) => m.type === "frame").at(-1);
    if (f?.type !== "frame") throw new Error("no frame");
    return f.frame;
  };
  return { h, last, errors: () => posted.filter((m) => m.type === "error") };
}

/** The same commands to a host with checkpoints and one without: the same run at every step. */
function both(commands: ToWorker[]) {
  const a = host(true);
  const b = host(false);
  const seen: { nowMs: number; hash: string; events: number; forkedAtMs: number | null }[] = [];
  for (const c of commands) {
    a.h.handle(c);
    b.h.handle(c);
    const fa = a.last();
    const fb = b.last();
    expect({ cmd: c.type, now: fa.nowMs, hash: fa.traceHash, events: fa.events }).toEqual({
      cmd: c.type,
      now: fb.nowMs,
      hash: fb.traceHash,
      events: fb.events,
    });
    seen.push({
      nowMs: fa.nowMs,
      hash: fa.traceHash,
      events: fa.events,
      forkedAtMs: fa.forkedAtMs,
    });
  }
  expect(a.errors()).toEqual([]);
  expect(b.errors()).toEqual([]);
  return { seen, checkpoints: a.h.checkpointInfo, noCheckpoints: b.h.checkpointInfo };
}

describe("seeking from checkpoints", () => {
  it("gives the same trace hash as a re-run from the start, back and forth (default, seed 4)", () => {
    const { seen, checkpoints, noCheckpoints } = both([
      { type: "load", source: { preset: "default" }, seed: 4 },
      { type: "seek", ms: 9000 },
      { type: "seek", ms: 5300 },
      { type: "seek", ms: 2100 },
      { type: "seek", ms: 8999 },
      { type: "stepBack" },
      { type: "stepBack" },
    ]);
    expect(checkpoints.count).toBeGreaterThan(2);
    expect(noCheckpoints.count).toBe(0);
    expect(seen[2]?.nowMs).toBe(5300);
    expect(seen[3]?.nowMs).toBe(2100);
    expect(seen[6]?.events).toBeLessThan(seen[4]?.events as number);
  });

  it("keeps live interventions across checkpoints, and forks the same way (crash-recover, seed 2)", () => {
    const { seen } = both([
      { type: "load", source: { preset: "crash-recover" }, seed: 2 },
      { type: "seek", ms: 2500 },
      { type: "intervene", intervention: { kind: "crash", node: "A" } },
      { type: "seek", ms: 6100 },
      { type: "intervene", intervention: { kind: "recover", node: "A" } },
      { type: "seek", ms: 9000 },
      // back before the recovery: the checkpoints after the crash still fit
      { type: "seek", ms: 4200 },
      { type: "seek", ms: 8000 },
      // back before the crash, and a new intervention there: the run forks
      { type: "seek", ms: 1200 },
      { type: "intervene", intervention: { kind: "crash", node: "B" } },
      { type: "seek", ms: 7000 },
      { type: "seek", ms: 3000 },
    ]);
    expect(seen[9]?.forkedAtMs).toBe(1200);
  });
});

describe("seeking from checkpoints on longer runs with live interventions", () => {
  // copies of copies, across a crash, a recovery and a join: the probe (at-most-once), the load
  // balancer (server-driven coordination), gossip views, a ring that changed
  it.each(["join-leave", "at-most-once", "coordination", "gossip"])(
    "gives a re-run's trace hash at every instant (%s, seed 5)",
    (preset) => {
      const base = presetScenario(preset);
      const first = base.cluster.nodes[0]?.name as string;
      const standby = base.cluster.nodes.find((n) => n.standby === true)?.name;
      const { checkpoints } = both([
        { type: "load", source: { scenario: { ...base, durationMs: 16_000 } }, seed: 5 },
        { type: "seek", ms: 5000 },
        { type: "intervene", intervention: { kind: "crash", node: first } },
        { type: "seek", ms: 8000 },
        { type: "intervene", intervention: { kind: "recover", node: first } },
        { type: "seek", ms: 9500 },
        ...(standby !== undefined
          ? [{ type: "intervene" as const, intervention: { kind: "join" as const, node: standby } }]
          : []),
        { type: "seek", ms: 15_000 },
        { type: "seek", ms: 6100 },
        { type: "seek", ms: 12_300 },
        { type: "seek", ms: 2500 },
        { type: "seek", ms: 14_000 },
        { type: "stepBack" },
      ]);
      expect(checkpoints.count).toBeGreaterThan(4);
    },
  );
});
