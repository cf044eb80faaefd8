import { describe, expect, it } from "vitest";
import type { StEvent } from "../../store/spacetime";
import {
  causalTo,
  formatVectorClock,
  hitTest,
  LEFT,
  type SpacetimeInput,
  spacetimeLayout,
} from "./spacetimeLayout";

let next = 0;
function ev(
  partial: Partial<StEvent> & Pick<StEvent, "kind" | "proc" | "atMs">,
  vc: number[] | null,
): StEvent {
  return {
    index: next++,
    peer: -1,
    id: 0,
    type: "timer",
    lamport: 0,
    aux: 0,
    ...partial,
    vc: vc === null ? null : Int32Array.from(vc),
  };
}

/**
 * Three nodes A, B, C. A sends m1 to B; B, having it, sends m2 to C; meanwhile A's timer fires and
 * C's did before; A then sends m3, which the network loses; B sends m4 to A, still on its way at 10.
 */
function story(): StEvent[] {
  next = 0;
  return [
    ev(
      { kind: "send", proc: 0, peer: 1, id: 1, type: "put", atMs: 1, aux: 3, lamport: 1 },
      [1, 0, 0],
    ),
    ev({ kind: "timer", proc: 2, atMs: 2, lamport: 1 }, [0, 0, 1]),
    ev(
      { kind: "deliver", proc: 1, peer: 0, id: 1, type: "put", atMs: 3, aux: 1, lamport: 2 },
      [1, 1, 0],
    ),
    ev(
      { kind: "send", proc: 1, peer: 2, id: 2, type: "replica_write", atMs: 4, aux: 6, lamport: 3 },
      [1, 2, 0],
    ),
    ev({ kind: "timer", proc: 0, atMs: 5, lamport: 2 }, [2, 0, 0]),
    ev(
      {
        kind: "deliver",
        proc: 2,
        peer: 1,
        id: 2,
        type: "replica_write",
        atMs: 6,
        aux: 4,
        lamport: 4,
      },
      [1, 2, 2],
    ),
    ev(
      { kind: "send", proc: 0, peer: 2, id: 3, type: "gossip", atMs: 7, aux: -1, lamport: 3 },
      [3, 0, 0],
    ),
    ev({ kind: "drop", proc: 2, peer: 0, id: 3, type: "gossip", atMs: 7, aux: 1 }, null),
    ev(
      { kind: "send", proc: 1, peer: 0, id: 4, type: "put_ok", atMs: 8, aux: 20, lamport: 4 },
      [1, 3, 0],
    ),
  ];
}

const base = (events: StEvent[], patch: Partial<SpacetimeInput> = {}): SpacetimeInput => ({
  events,
  laneNames: ["A", "B", "C"],
  nodeCount: 3,
  width: 600,
  height: 200,
  endMs: 10,
  spanMs: 10,
  selected: null,
  ...patch,
});

describe("causality in the space-time diagram", () => {
  it("splits the other events into B's send's causal past, its future and what is concurrent", () => {
    const events = story();
    const send = events[3] as StEvent;
    const of = (i: number) => causalTo(send, events[i] as StEvent);
    expect([0, 2].map(of)).toEqual(["past", "past"]);
    expect(of(3)).toBe("self");
    expect([5, 8].map(of)).toEqual(["future", "future"]);
    expect([1, 4, 6].map(of)).toEqual(["concurrent", "concurrent", "concurrent"]);
    const layout = spacetimeLayout(base(events, { selected: send.index }));
    expect(layout.selection).toMatchObject({ past: 2, future: 2, concurrent: 3 });
    // arrows take the causal place of their delivery: m1 is in the past, m2 in the future
    const arrow = (id: number) => layout.arrows.find((a) => a.id === id);
    expect(arrow(1)?.causal).toBe("past");
    expect(arrow(2)?.causal).toBe("future");
    // a lost message has no delivery: it takes its send's place
    expect(arrow(3)?.causal).toBe("concurrent");
  });

  it("without a selection, says nothing of causality", () => {
    const layout = spacetimeLayout(base(story()));
    expect(layout.selection).toBeNull();
    expect(new Set(layout.marks.map((m) => m.causal))).toEqual(new Set(["none"]));
  });
});

describe("arrows", () => {
  it("run from send to delivery, stop short when lost, and grow while in flight", () => {
    const layout = spacetimeLayout(base(story()));
    const [a, b, c] = layout.lanes.map((l) => l.y) as [number, number, number];
    const m1 = layout.arrows.find((x) => x.id === 1);
    expect(m1).toMatchObject({ fate: "delivered", y1: a, y2: b, family: "put" });
    expect(m1?.x1).toBeCloseTo(layout.x(1));
    expect(m1?.x2).toBeCloseTo(layout.x(3));
    const m3 = layout.arrows.find((x) => x.id === 3);
    expect(m3?.fate).toBe("lost");
    expect(m3?.y2).toBeGreaterThan(a);
    expect(m3?.y2).toBeLessThan(c);
    const m4 = layout.arrows.find((x) => x.id === 4);
    expect(m4?.fate).toBe("in flight");
    // sent at 8, due at 20, drawn at 10: a sixth of the way from B to A
    expect(m4?.x2).toBeCloseTo(layout.x(10));
    expect(m4?.y2).toBeCloseTo(b + (a - b) / 6);
  });

  it("start at the left edge when sent before the span", () => {
    const layout = spacetimeLayout(base(story(), { endMs: 10, spanMs: 5 }));
    const m2 = layout.arrows.find((x) => x.id === 2);
    expect(m2?.x1).toBe(LEFT);
    // its send (at 4) is outside the span: no mark for it
    expect(layout.marks.some((m) => m.index === 3)).toBe(false);
    // m1 was delivered at 3, before the span: not drawn
    expect(layout.arrows.some((x) => x.id === 1)).toBe(false);
  });

  it("bundle many messages between the same lanes at the same moment into one, with a count", () => {
    next = 0;
    const events: StEvent[] = [];
    for (let i = 0; i < 50; i++) {
      const at = 5 + i * 0.0001;
      events.push(
        ev({ kind: "send", proc: 0, peer: 1, id: 100 + i, type: "gossip", atMs: at, aux: at + 1 }, [
          i + 1,
          0,
          0,
        ]),
      );
    }
    const layout = spacetimeLayout(base(events));
    expect(layout.arrows).toHaveLength(1);
    expect(layout.arrows[0]?.count).toBe(50);
    expect(layout.marks).toHaveLength(1);
    expect(layout.marks[0]).toMatchObject({ count: 50, label: null });
    expect(layout.folded).toBe(49 + 49);
  });

  it("leave out the message kinds the user hid", () => {
    const layout = spacetimeLayout(base(story(), { hidden: new Set(["gossip"]) }));
    expect(layout.arrows.some((x) => x.family === "gossip")).toBe(false);
    expect(layout.arrows.some((x) => x.family === "put")).toBe(true);
  });
});

describe("crashed lanes", () => {
  it("grey a lane from its crash to its recovery, and to the right edge while still down", () => {
    next = 100;
    const events = [
      ev({ kind: "crash", proc: 1, atMs: 2 }, [0, 0, 0]),
      ev({ kind: "recover", proc: 1, atMs: 5 }, [0, 1, 0]),
      ev({ kind: "crash", proc: 2, atMs: 7 }, [0, 0, 0]),
    ];
    const layout = spacetimeLayout(base(events, { downNow: new Set([0, 2]) }));
    const spans = layout.down.map((d) => [d.proc, Math.round(d.x1), Math.round(d.x2)]);
    expect(spans).toEqual([
      [1, Math.round(layout.x(2)), Math.round(layout.x(5))],
      [2, Math.round(layout.x(7)), Math.round(layout.x(10))],
      // A crashed before anything in the window: down across all of it
      [0, Math.round(layout.x(0)), Math.round(layout.x(10))],
    ]);
  });
});

describe("marks and labels", () => {
  it("label events with their Lamport time where there is room", () => {
    const layout = spacetimeLayout(base(story(), { height: 300 }));
    const deliver = layout.marks.find((m) => m.index === 2);
    expect(deliver?.label).toBe("2");
  });

  it("drop labels when lanes are too thin for text", () => {
    const names = Array.from({ length: 70 }, (_, i) => `N${i}`);
    const layout = spacetimeLayout(base(story(), { laneNames: names, nodeCount: 64 }));
    expect(layout.marks.every((m) => m.label === null)).toBe(true);
    // and name only every few lanes
    expect(layout.lanes.filter((l) => l.labelled).length).toBeLessThan(70);
    expect(layout.lanes[65]?.client).toBe(true);
  });

  it("finds what the pointer is on: an event first, else a message", () => {
    const layout = spacetimeLayout(base(story()));
    const m = layout.marks.find((k) => k.index === 2) as { x: number; y: number };
    expect(hitTest(layout, m.x + 2, m.y - 2)).toEqual({ kind: "event", index: 2 });
    const m1 = layout.arrows.find((x) => x.id === 1) as {
      x1: number;
      y1: number;
      x2: number;
      y2: number;
    };
    const mid = { x: (m1.x1 + m1.x2) / 2, y: (m1.y1 + m1.y2) / 2 };
    expect(hitTest(layout, mid.x, mid.y)).toEqual({ kind: "message", id: 1, sendIndex: 0 });
    expect(hitTest(layout, 5, 5)).toBeNull();
  });

  it("writes vector clocks by name, leaving out zeros", () => {
    expect(formatVectorClock(Int32Array.from([1, 0, 2]), ["A", "B", "C"])).toBe("[A:1, C:2]");
    expect(formatVectorClock(null, [])).toBe("—");
  });
});
