import { describe, expect, it } from "vitest";
import vectors from "../../../../shared/external/vectors/test-vectors.json";
import type { ProcId } from "../core/types";
import { toyWorld } from "../testkit";
import { LamportClock, NodeClock } from "./clock";

describe("node clocks", () => {
  it("read true time x (1 + drift) + offset", () => {
    const c = new NodeClock();
    expect(c.read(1_000_000)).toBe(1_000_000);
    c.offsetTicks = -250_000;
    expect(c.read(1_000_000)).toBe(750_000);
    c.drift = 0.01;
    expect(c.read(1_000_000)).toBe(1_010_000 - 250_000);
  });

  it("make a node's timers follow its own clock: a fast clock fires early in true time", () => {
    const w = toyWorld(2);
    w.sim.clockOf(1).drift = 0.25; // runs 25% fast
    w.ctx(0).after(100, { type: "alarm", n: 0 });
    w.ctx(1).after(100, { type: "alarm", n: 1 });
    w.sim.runUntil(1e6);
    const fired = w.sim.trace
      .since(0)
      .filter((e) => e.kind === "timer")
      .map((e) => [w.sim.procName(e.proc), e.at]);
    expect(fired).toEqual([
      ["P1", 80_000],
      ["P0", 100_000],
    ]);
    expect(w.state(1).alarms[0]?.localAt).toBe(100_000); // 100 ms by its own clock
  });

  it("let handlers see only their own skewed time", () => {
    const w = toyWorld(2, { latency: { kind: "constant", ms: 1 } });
    w.sim.clockOf(1).offsetTicks = 5_000_000;
    w.ctx(0).send(1 as ProcId, { type: "note", n: 1 });
    w.sim.runUntil(10_000);
    expect(w.state(1).received[0]?.at).toBe(5_001_000);
  });
});

describe("Lamport clocks", () => {
  it("follow serf's witness semantics (hashicorp/serf lamport_test.go)", () => {
    const c = new LamportClock();
    for (const [step, expected] of vectors.lamport_serf.steps as [string, number | null][]) {
      if (step === "Time") expect(c.time).toBe(expected);
      else if (step === "Increment") expect(c.tick()).toBe(expected);
      else {
        const m = /^Witness\((\d+)\)$/.exec(step);
        if (m === null) throw new Error(`unknown step ${step}`);
        c.witness(Number(m[1]));
      }
    }
  });

  it("jump past a received timestamp: max(local, received) + 1", () => {
    const c = new LamportClock();
    c.tick();
    expect(c.receive(10)).toBe(11);
    expect(c.receive(3)).toBe(12);
  });

  it("stamp every message so that a receive is later than its send", () => {
    const w = toyWorld(3, { latency: { kind: "uniform", minMs: 0.5, maxMs: 3 }, seed: 9 });
    for (let i = 0; i < 30; i++) w.ctx(i % 3).send(((i + 1) % 3) as ProcId, { type: "note", n: i });
    w.sim.runUntil(1e7);
    const events = w.sim.trace.since(0);
    const sendLamport = new Map(
      events.filter((e) => e.kind === "send").map((e) => [e.id, e.lamport]),
    );
    for (const d of events.filter((e) => e.kind === "deliver")) {
      expect(d.lamport).toBeGreaterThan(sendLamport.get(d.id) as number);
    }
  });
});
