import { describe, expect, it } from "vitest";
import { DropReason } from "../core/trace";
import { sendNotes, toyWorld } from "../testkit";

describe("the network model", () => {
  it("delivers every message after the link's latency, rounded to whole ticks", () => {
    const w = toyWorld(2, { latency: { kind: "constant", ms: 2.5004 } });
    sendNotes(w, 0, 1, 3);
    w.sim.runUntil(10_000);
    expect(w.state(1).received.map((r) => r.at)).toEqual([2500, 2500, 2500]);
  });

  it("loses about the configured share of messages, and says so in the trace", () => {
    const w = toyWorld(2, { loss: 0.2, seed: 3 });
    sendNotes(w, 0, 1, 10_000);
    w.sim.runUntil(1e9);
    const got = w.state(1).received.length;
    expect(got / 10_000).toBeGreaterThan(0.78);
    expect(got / 10_000).toBeLessThan(0.82);
    const drops = w.sim.trace.since(0).filter((e) => e.kind === "drop");
    expect(drops.length).toBe(10_000 - got);
    expect(drops.every((e) => e.aux === DropReason.loss)).toBe(true);
  });

  it("duplicates about the configured share of messages, delivering each copy", () => {
    const w = toyWorld(2, { duplicate: 0.1, seed: 4 });
    sendNotes(w, 0, 1, 10_000);
    w.sim.runUntil(1e9);
    const got = w.state(1).received.length;
    expect(got).toBeGreaterThan(10_800);
    expect(got).toBeLessThan(11_200);
    const dups = w.sim.trace.since(0).filter((e) => e.kind === "duplicate").length;
    expect(got).toBe(10_000 + dups);
  });

  it("blocks both directions between the groups of a partition, and nothing else", () => {
    const w = toyWorld(4);
    w.net.partition(
      [
        [0, 1],
        [2, 3],
      ],
      false,
    );
    sendNotes(w, 0, 2, 1);
    sendNotes(w, 3, 1, 1);
    sendNotes(w, 0, 1, 1);
    sendNotes(w, 2, 3, 1);
    w.sim.runUntil(10_000);
    expect(w.state(2).received).toHaveLength(0);
    expect(w.state(1).received.map((r) => r.from)).toEqual([0]);
    expect(w.state(3).received.map((r) => r.from)).toEqual([2]);
  });

  it("blocks only the first group's messages in a one-way partition", () => {
    const w = toyWorld(2);
    w.net.partition([[0], [1]], true);
    sendNotes(w, 0, 1, 1);
    sendNotes(w, 1, 0, 1);
    w.sim.runUntil(10_000);
    expect(w.state(1).received).toHaveLength(0);
    expect(w.state(0).received).toHaveLength(1);
  });

  it("drops a message in flight when a partition starts before it arrives, and heals", () => {
    const w = toyWorld(2, { latency: { kind: "constant", ms: 5 } });
    sendNotes(w, 0, 1, 1);
    w.sim.schedule(1000, "partition", () => w.net.partition([[0], [1]], false));
    w.sim.runUntil(10_000);
    expect(w.state(1).received).toHaveLength(0);
    const drop = w.sim.trace.since(0).find((e) => e.kind === "drop");
    expect(drop?.aux).toBe(DropReason.partition);
    w.net.heal();
    sendNotes(w, 0, 1, 1);
    w.sim.runUntil(20_000);
    expect(w.state(1).received).toHaveLength(1);
  });

  it("cuts a single direction of a link without touching the other", () => {
    const w = toyWorld(3);
    w.net.setCut(0, 1, true);
    sendNotes(w, 0, 1, 1);
    sendNotes(w, 1, 0, 1);
    sendNotes(w, 0, 2, 1);
    w.sim.runUntil(10_000);
    expect(w.state(1).received).toHaveLength(0);
    expect(w.state(0).received).toHaveLength(1);
    expect(w.state(2).received).toHaveLength(1);
    w.net.setCut(0, 1, false);
    sendNotes(w, 0, 1, 1);
    w.sim.runUntil(20_000);
    expect(w.state(1).received).toHaveLength(1);
  });

  it("slows every message to and from a slow node by its factor", () => {
    const w = toyWorld(3, { latency: { kind: "constant", ms: 1 } });
    w.net.setSlow(1, 4);
    sendNotes(w, 0, 1, 1);
    sendNotes(w, 1, 2, 1);
    sendNotes(w, 0, 2, 1);
    w.sim.runUntil(10_000);
    expect(w.state(1).received[0]?.at).toBe(4000);
    expect(w.state(2).received.map((r) => [r.from, r.at])).toEqual([
      [0, 1000],
      [1, 4000],
    ]);
  });

  it("applies per-direction latency overrides", () => {
    const w = toyWorld(2, { latency: { kind: "constant", ms: 1 } });
    w.net.setLink(0, 1, { latency: { kind: "constant", ms: 7 } });
    sendNotes(w, 0, 1, 1);
    sendNotes(w, 1, 0, 1);
    w.sim.runUntil(20_000);
    expect(w.state(1).received[0]?.at).toBe(7000);
    expect(w.state(0).received[0]?.at).toBe(1000);
  });
});
