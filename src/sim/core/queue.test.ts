import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue } from "./queue";

type Op = { kind: "push"; at: number } | { kind: "pop" } | { kind: "cancel"; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.integer({ min: 0, max: 50 }).map((at) => ({ kind: "push" as const, at })),
  },
  { weight: 3, arbitrary: fc.constant({ kind: "pop" as const }) },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: "cancel" as const, pick })) },
);

describe("the event queue", () => {
  it("pops events in time order, and events at the same tick in the order they were scheduled", () => {
    const q = new EventQueue<string>();
    q.push(5, 1, "b1");
    q.push(3, 1, "a");
    q.push(5, 1, "b2");
    q.push(5, 1, "b3");
    q.push(9, 1, "c");
    const out: string[] = [];
    while (q.pop()) out.push(q.lastPayload);
    expect(out).toEqual(["a", "b1", "b2", "b3", "c"]);
  });

  it("behaves like a sorted list under any mix of push, pop and cancel (property)", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
        const q = new EventQueue<number>(16);
        // reference model: a list of live events, kept sorted by (at, seq)
        let model: { at: number; seq: number; handle: number }[] = [];
        let seq = 0;
        const handles: number[] = [];
        for (const op of ops) {
          if (op.kind === "push") {
            const s = seq++;
            const handle = q.push(op.at, 1, s);
            handles.push(handle);
            model.push({ at: op.at, seq: s, handle });
            model.sort((a, b) => a.at - b.at || a.seq - b.seq);
          } else if (op.kind === "pop") {
            const expected = model.shift();
            expect(q.pop()).toBe(expected !== undefined);
            if (expected) {
              expect(q.lastPayload).toBe(expected.seq);
              expect(q.lastAt).toBe(expected.at);
            }
          } else if (handles.length > 0) {
            const handle = handles[op.pick % handles.length] as number;
            const live = model.some((e) => e.handle === handle);
            expect(q.isPending(handle)).toBe(live);
            expect(q.cancel(handle)).toBe(live);
            model = model.filter((e) => e.handle !== handle);
          }
          expect(q.size).toBe(model.length);
          expect(q.peekAt()).toBe(model[0]?.at ?? Number.POSITIVE_INFINITY);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never lets a stale handle cancel an event that reuses its slot", () => {
    const q = new EventQueue<string>();
    const first = q.push(1, 1, "first");
    q.pop();
    const second = q.push(2, 1, "second");
    expect(q.cancel(first)).toBe(false);
    expect(q.isPending(second)).toBe(true);
    expect(q.pop()).toBe(true);
    expect(q.lastPayload).toBe("second");
  });

  it("gives back the two numbers pushed with an event, whatever happened to its slot before", () => {
    const q = new EventQueue<string>(16);
    const stale = q.pushWith(4, 2, "stale", 7, 2 ** 40);
    q.cancel(stale);
    q.pushWith(3, 2, "timer", -5, 2 ** 40 + 1);
    q.push(1, 1, "message");
    expect(q.pop()).toBe(true);
    expect(q.lastPayload).toBe("message");
    expect(q.pop()).toBe(true);
    expect([q.lastPayload, q.lastTag, q.lastA, q.lastB]).toEqual(["timer", 2, -5, 2 ** 40 + 1]);
  });

  it("grows past its initial capacity without losing order", () => {
    const q = new EventQueue<number>(16);
    for (let i = 0; i < 1000; i++) q.push((i * 7919) % 1000, 1, i);
    let last = -1;
    let n = 0;
    while (q.pop()) {
      expect(q.lastAt).toBeGreaterThanOrEqual(last);
      last = q.lastAt;
      n++;
    }
    expect(n).toBe(1000);
  });
});
