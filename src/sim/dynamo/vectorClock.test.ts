import fc from "fast-check";
import { describe, expect, it } from "vitest";
import vectors from "../../../../shared/external/vectors/test-vectors.json";
import {
  type ClockEntry,
  clockOf,
  compareClocks,
  counterOf,
  descends,
  EMPTY_CLOCK,
  formatClock,
  increment,
  mergeClocks,
  truncate,
  type VectorClock,
} from "./vectorClock";

const riak = vectors.vclock_riak_core;

/** riak_core's {node, {counter, timestamp}} maps, as clocks. */
function fromRiak(vc: Record<string, number[]>): VectorClock {
  return Object.keys(vc)
    .sort()
    .map((node) => ({ node, counter: vc[node]?.[0] as number, ts: vc[node]?.[1] as number }));
}

const dominates = (a: VectorClock, b: VectorClock) => descends(a, b) && !descends(b, a);

describe("vector clocks (riak_core's vclock tests)", () => {
  it("example_test: increments and merges order as riak_core says", () => {
    const A1 = increment(EMPTY_CLOCK, "a", 0);
    const B1 = increment(EMPTY_CLOCK, "b", 0);
    const A2 = increment(A1, "a", 0);
    const C1 = increment(mergeClocks(A2, B1), "c", 0);
    const got: Record<string, boolean> = {
      "descends(A1,A)": descends(A1, EMPTY_CLOCK),
      "descends(B1,B)": descends(B1, EMPTY_CLOCK),
      "descends(A1,B1)": descends(A1, B1),
      "descends(C1,A2)": descends(C1, A2),
      "descends(C1,B1)": descends(C1, B1),
      "descends(B1,C1)": descends(B1, C1),
      "descends(B1,A1)": descends(B1, A1),
    };
    expect(got).toEqual(riak.example_test.expect);
  });

  it("equals_or_dominates_test", () => {
    const A1 = increment([], "a", 1);
    const A2 = increment(A1, "b", 1);
    const A3 = increment(A2, "a", 1);
    const B4 = increment(A3, "b", 1);
    const B5 = increment(A3, "b", 1);
    expect({
      "dominates(B4,A3)": dominates(B4, A3),
      "dominates(A3,B4)": dominates(A3, B4),
      "equal(B4,B5)": compareClocks(B4, B5) === "equal",
      "dominates(B4,B5)": dominates(B4, B5),
      "dominates(B5,B4)": dominates(B5, B4),
    }).toEqual(riak.equals_or_dominates_test.expect);
  });

  it("merge tests: per node the larger counter, equal counters keep the later timestamp", () => {
    for (const t of [riak.merge_test, riak.merge_less_left_test, riak.merge_same_id_test]) {
      const merged = mergeClocks(fromRiak(t.VC1), fromRiak(t.VC2));
      expect(merged).toEqual(fromRiak(t.expected));
    }
    expect(mergeClocks(EMPTY_CLOCK, EMPTY_CLOCK)).toEqual(fromRiak(riak.merge_test.merge_of_fresh));
  });

  it("get_counter and get_entry tests", () => {
    const vc = fromRiak(riak.get_counter.VC);
    expect([counterOf(vc, "1"), counterOf(vc, "2"), counterOf(vc, "3")]).toEqual([
      riak.get_counter["counter(1)"],
      riak.get_counter["counter(2)"],
      riak.get_counter["counter(3)"],
    ]);
    const VC1 = increment(increment(increment(increment([], "a", 0), "b", 0), "c", 0), "a", 0);
    const want = riak.get_entry_test.expect_counters;
    expect(counterOf(VC1, "a")).toBe(want.a);
    expect(counterOf(VC1, "b")).toBe(want.b);
    expect(counterOf(VC1, "c")).toBe(want.c);
    expect(VC1.some((e) => e.node === "d")).toBe(false); // riak: undefined
  });
});

describe("vector clocks", () => {
  it("writes Dynamo's notation, sorted by node", () => {
    expect(formatClock(clockOf({ Sz: 1, Sx: 2, Sy: 1 }))).toBe("[(Sx,2),(Sy,1),(Sz,1)]");
  });

  it("compares as equal, before, after or concurrent", () => {
    const d2 = clockOf({ Sx: 2 });
    const d3 = clockOf({ Sx: 2, Sy: 1 });
    const d4 = clockOf({ Sx: 2, Sz: 1 });
    expect(compareClocks(d2, d2)).toBe("equal");
    expect(compareClocks(d2, d3)).toBe("before");
    expect(compareClocks(d3, d2)).toBe("after");
    expect(compareClocks(d3, d4)).toBe("concurrent");
  });

  const clock = fc
    .dictionary(fc.constantFrom("a", "b", "c", "d", "e"), fc.integer({ min: 1, max: 4 }))
    .map((pairs) => clockOf(pairs));

  it("merge is the least upper bound: commutative, idempotent, and descends both (property)", () => {
    fc.assert(
      fc.property(clock, clock, (a, b) => {
        const m = mergeClocks(a, b);
        expect(descends(m, a) && descends(m, b)).toBe(true);
        expect(compareClocks(mergeClocks(b, a), m)).toBe("equal");
        expect(compareClocks(mergeClocks(a, a), a)).toBe("equal");
      }),
    );
  });

  it("compare is antisymmetric and increment moves strictly after (property)", () => {
    const flip = { before: "after", after: "before", equal: "equal", concurrent: "concurrent" };
    fc.assert(
      fc.property(clock, clock, fc.constantFrom("a", "b", "x"), (a, b, node) => {
        expect(compareClocks(b, a)).toBe(flip[compareClocks(a, b)]);
        expect(compareClocks(increment(a, node, 0), a)).toBe("after");
      }),
    );
  });

  it("truncation drops the oldest entries, and can make a descendant look concurrent", () => {
    const entries: ClockEntry[] = ["n1", "n2", "n3", "n4"].map((node, i) => ({
      node,
      counter: 1,
      ts: 100 + i,
    }));
    const ancestor: VectorClock = entries;
    const descendant = increment(ancestor, "n4", 200);
    expect(compareClocks(descendant, ancestor)).toBe("after");
    const cut = truncate(descendant, 3);
    expect(cut.map((e) => e.node)).toEqual(["n2", "n3", "n4"]); // n1 was the oldest
    expect(compareClocks(cut, ancestor)).toBe("concurrent"); // the anomaly
    expect(truncate(ancestor, 10)).toBe(ancestor);
  });
});
