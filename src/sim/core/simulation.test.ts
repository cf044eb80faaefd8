import { describe, expect, it } from "vitest";
import { Network } from "../net/network";
import { sendNotes, toyWorld } from "../testkit";
import { Rng } from "./rng";
import { Simulation } from "./simulation";
import { DropReason } from "./trace";

describe("processes and faults", () => {
  it("lose volatile state in a crash, keep their disk, and restart from it", () => {
    const w = toyWorld(2);
    sendNotes(w, 0, 1, 3);
    w.sim.runUntil(10_000);
    expect(w.state(1).calls).toBe(3);
    w.sim.crash(1);
    expect(w.sim.isUp(1)).toBe(false);
    expect(w.sim.stateOf(1)).toBeUndefined();
    expect(w.sim.diskOf(1)).toEqual({ writes: 3 });
    w.sim.recover(1);
    expect(w.state(1).calls).toBe(0); // volatile: gone
    expect(w.state(1).disk.writes).toBe(3); // durable: kept
  });

  it("drop messages that arrive at a crashed process, naming the reason", () => {
    const w = toyWorld(2);
    sendNotes(w, 0, 1, 1);
    w.sim.crash(1);
    w.sim.runUntil(10_000);
    const drop = w.sim.trace.since(0).find((e) => e.kind === "drop");
    expect(drop).toMatchObject({ proc: 1, peer: 0, aux: DropReason.crashed });
  });

  it("never fire a timer armed before a crash, even after recovery", () => {
    const w = toyWorld(1);
    w.ctx(0).after(5, { type: "alarm", n: 1 });
    w.sim.crash(0);
    w.sim.recover(0);
    w.ctx(0).after(10, { type: "alarm", n: 2 });
    w.sim.runUntil(1e6);
    expect(w.state(0).alarms.map((a) => a.n)).toEqual([2]);
  });

  it("cancel timers", () => {
    const w = toyWorld(1);
    const id = w.ctx(0).after(5, { type: "alarm", n: 1 });
    w.ctx(0).after(6, { type: "alarm", n: 2 });
    w.ctx(0).cancel(id);
    w.sim.runUntil(1e6);
    expect(w.state(0).alarms.map((a) => a.n)).toEqual([2]);
  });

  it("run world events at their instant, before later events", () => {
    const w = toyWorld(2, { latency: { kind: "constant", ms: 2 } });
    sendNotes(w, 0, 1, 1);
    w.sim.schedule(1000, "crash", () => w.sim.crash(1));
    w.sim.runUntil(10_000);
    expect(w.sim.trace.since(0).map((e) => e.kind)).toEqual(["send", "intervene", "crash", "drop"]);
  });

  it("refuse duplicate process names", () => {
    const behavior = {
      start: () => ({}),
      onMessage: (s: object) => s,
      onTimer: (s: object) => s,
      disk: () => null,
    };
    const specs = ["A", "B", "A"].map((name) => ({ name, role: "node" as const, behavior }));
    const network = new Network(3, { latency: { kind: "constant", ms: 1 }, loss: 0, duplicate: 0 });
    expect(() => new Simulation(specs, { rng: new Rng(1), network })).toThrow(
      "duplicate process name A",
    );
  });
});
