import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue } from "./queue";

type Op =
  | { kind: "push"; at: number; how: "push" | "late" | "with" }
  | { kind: "pop" }
  | { kind: "popUntil"; ahead: number }
  | { kind: "cancel"; pick: number };

/**
 * Operations whose push times (or delays, see agreesWithSortedList) come from `at`; a push is an
 * ordinary one, a late one, or one with numbers (pushWith: a timer, which may go to a lane).
 */
function opsArb(at: fc.Arbitrary<number>): fc.Arbitrary<Op[]> {
  const how = fc.constantFrom("push", "push", "with", "with", "with", "late") as fc.Arbitrary<
    "push" | "late" | "with"
  >;
  const op: fc.Arbitrary<Op> = fc.oneof(
    {
      weight: 5,
      arbitrary: fc.tuple(at, how).map(([t, h]) => ({ kind: "push" as const, at: t, how: h })),
    },
    { weight: 2, arbitrary: fc.constant({ kind: "pop" as const }) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 0, max: 3_000 })
        .map((ahead) => ({ kind: "popUntil" as const, ahead })),
    },
    { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: "cancel" as const, pick })) },
  );
  return fc.array(op, { maxLength: 300, size: "max" });
}

/**
 * Runs `ops` on a queue and on a sorted list, and checks that they agree after each one. With
 * `relative`, push times count from the last popped event's time, as in a simulation. A small
 * wheel (see EventQueue) makes events move between the wheel and the heap often.
 */
function agreesWithSortedList(ops: Op[], relative: boolean, wheelBuckets?: number): void {
  const q = new EventQueue<number>(16, wheelBuckets);
  // reference model: a list of live events, kept sorted by (at, seq); late events after all others
  let model: { at: number; seq: number; handle: number; with: boolean }[] = [];
  let seq = 0;
  let now = 0;
  const handles: number[] = [];
  // plain comparisons (expect is slow in a loop this hot); fast-check reports the failing case
  const same = (what: string, actual: unknown, expected: unknown) => {
    if (actual !== expected)
      throw new Error(`${what}: ${String(actual)}, expected ${String(expected)}`);
  };
  for (const [k, op] of ops.entries()) {
    if (op.kind === "push") {
      const s = op.how === "late" ? 2 ** 40 + seq++ : seq++;
      const at = relative ? now + op.at : op.at;
      const handle =
        op.how === "late"
          ? q.pushLate(at, 3, s)
          : op.how === "with"
            ? q.pushWith(at, 2, s, s % 1000, s * 3)
            : q.push(at, 1, s);
      handles.push(handle);
      model.push({ at, seq: s, handle, with: op.how === "with" });
      model.sort((a, b) => a.at - b.at || a.seq - b.seq);
    } else if (op.kind === "pop" || op.kind === "popUntil") {
      const until = op.kind === "pop" ? Number.POSITIVE_INFINITY : now + op.ahead;
      const first = model[0];
      const expected = first !== undefined && first.at <= until ? model.shift() : undefined;
      same(`op ${k}: pop`, op.kind === "pop" ? q.pop() : q.popUntil(until), expected !== undefined);
      if (expected) {
        same(`op ${k}: payload`, q.lastPayload, expected.seq);
        same(`op ${k}: time`, q.lastAt, expected.at);
        same(`op ${k}: tag`, q.lastTag, expected.with ? 2 : expected.seq >= 2 ** 40 ? 3 : 1);
        if (expected.with) {
          same(`op ${k}: a`, q.lastA, expected.seq % 1000);
          same(`op ${k}: b`, q.lastB, expected.seq * 3);
        }
        now = expected.at;
      }
    } else if (handles.length > 0) {
      const handle = handles[op.pick % handles.length] as number;
      const live = model.some((e) => e.handle === handle);
      same(`op ${k}: pending`, q.isPending(handle), live);
      same(`op ${k}: cancel`, q.cancel(handle), live);
      model = model.filter((e) => e.handle !== handle);
    }
    same(`op ${k}: size`, q.size, model.length);
    same(`op ${k}: peek`, q.peekAt(), model[0]?.at ?? Number.POSITIVE_INFINITY);
  }
}

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

  it("orders events added without a handle among pushed ones by time, then scheduling order", () => {
    const q = new EventQueue<string>();
    q.add(5, 1, "b1");
    const h = q.push(5, 1, "b2");
    q.add(3, 1, "a");
    q.add(5, 1, "b3");
    q.add(40_000, 1, "late");
    q.cancel(h);
    const out: string[] = [];
    while (q.pop()) out.push(q.lastPayload);
    expect(out).toEqual(["a", "b1", "b3", "late"]);
  });

  it("behaves like a sorted list under any mix of push, pop and cancel (property)", () => {
    fc.assert(
      fc.property(opsArb(fc.integer({ min: 0, max: 50 })), (ops) =>
        agreesWithSortedList(ops, false),
      ),
      { numRuns: 500 },
    );
  });

  it("... also with times far apart, earlier than the last pop or not (property)", () => {
    const at = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 300_000 }));
    fc.assert(
      fc.property(opsArb(at), (ops) => agreesWithSortedList(ops, false)),
      { numRuns: 500 },
    );
  });

  it("... also with a wheel of 1 to 2,048 buckets, which turns every few ticks (property)", () => {
    const at = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3_000 }));
    const buckets = fc.constantFrom(1, 2, 4, 8, 32, 64, 2048);
    fc.assert(
      fc.property(opsArb(at), buckets, fc.boolean(), (ops, wheel, relative) =>
        agreesWithSortedList(ops, relative, wheel),
      ),
      { numRuns: 500 },
    );
  });

  it("... also as a simulation schedules: soon, later, and much later than the last pop (property)", () => {
    const delay = fc.oneof(
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 0, max: 3_000 }),
      fc.integer({ min: 30_000, max: 40_000 }),
      fc.integer({ min: 0, max: 2_000_000 }),
    );
    fc.assert(
      fc.property(opsArb(delay), (ops) => agreesWithSortedList(ops, true)),
      { numRuns: 500 },
    );
  });

  it("... also with timeouts of a few fixed delays beyond the wheel, most cancelled (lanes, property)", () => {
    // delays repeat, as timeouts do, so lanes fill and their first events are cancelled often
    const delay = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(100, 300, 1_000, 40_000, 100_000) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 3_000 }) },
    );
    const buckets = fc.constantFrom(1, 8, 64, 2048);
    fc.assert(
      fc.property(opsArb(delay), buckets, (ops, wheel) => agreesWithSortedList(ops, true, wheel)),
      { numRuns: 1_000 },
    );
  });

  it("keeps a lane's order when its first timer is cancelled and its representative is stale", () => {
    const q = new EventQueue<string>(16, 4); // a wheel of 4 ticks: delays of 10 go to a lane
    const a = q.pushWith(10, 2, "a", 0, 0);
    q.pushWith(10, 2, "b", 0, 0); // same lane, same tick, scheduled after a
    q.push(10, 1, "plain"); // scheduled after both
    expect(q.size).toBe(3);
    expect(q.cancel(a)).toBe(true);
    expect(q.isPending(a)).toBe(false);
    expect(q.size).toBe(2);
    expect(q.peekAt()).toBe(10);
    const out: string[] = [];
    while (q.pop()) out.push(q.lastPayload);
    expect(out).toEqual(["b", "plain"]);
    expect(q.size).toBe(0);
    expect(q.peekAt()).toBe(Number.POSITIVE_INFINITY);
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
