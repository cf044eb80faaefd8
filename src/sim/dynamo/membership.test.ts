import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../core/rng";
import {
  type MemberEntry,
  type MembershipView,
  mergeViews,
  owners,
  sameView,
  viewOf,
  withEntry,
} from "./membership";

const entry = (version: number, status: MemberEntry["status"] = "member"): MemberEntry => ({
  status,
  version,
  tokens: [],
});

const viewArb: fc.Arbitrary<MembershipView> = fc
  .dictionary(
    fc.constantFrom("A", "B", "C", "D", "E"),
    fc.record({
      status: fc.constantFrom("joining", "member", "leaving", "removed") as fc.Arbitrary<
        MemberEntry["status"]
      >,
      version: fc.integer({ min: 0, max: 5 }),
      tokens: fc.constant([] as string[]),
    }),
  )
  .map(viewOf);

describe("membership views", () => {
  it("merge by taking, per node, the entry with the higher version", () => {
    const a = viewOf({ A: entry(2), B: entry(1) });
    const b = viewOf({ B: entry(3, "leaving"), C: entry(1, "joining") });
    const m = mergeViews(a, b);
    expect(m.get("A")?.version).toBe(2);
    expect(m.get("B")).toEqual(entry(3, "leaving"));
    expect(m.get("C")?.status).toBe("joining");
  });

  it("merge commutatively, associatively and idempotently when versions identify entries (property)", () => {
    // Versions identify entries in real runs (only one writer raises a node's version); model that
    // by deriving the status from the version.
    const canonical = (v: MembershipView) =>
      viewOf(
        Object.fromEntries(
          [...v].map(([n, e]) => [
            n,
            entry(e.version, (["joining", "member", "leaving", "removed"] as const)[e.version % 4]),
          ]),
        ),
      );
    fc.assert(
      fc.property(viewArb, viewArb, viewArb, (x, y, z) => {
        const [a, b, c] = [canonical(x), canonical(y), canonical(z)];
        expect(sameView(mergeViews(a, b), mergeViews(b, a))).toBe(true);
        expect(sameView(mergeViews(mergeViews(a, b), c), mergeViews(a, mergeViews(b, c)))).toBe(
          true,
        );
        expect(sameView(mergeViews(a, a), a)).toBe(true);
      }),
    );
  });

  it("raise the version on every change", () => {
    const v = withEntry(viewOf({ A: entry(4) }), "A", { status: "leaving" });
    expect(v.get("A")).toEqual({ status: "leaving", version: 5, tokens: [] });
  });

  it("list as owners the members and the nodes still leaving", () => {
    const v = viewOf({
      A: entry(1),
      B: entry(1, "joining"),
      C: entry(1, "leaving"),
      D: entry(1, "removed"),
    });
    expect(owners(v)).toEqual(["A", "C"]);
  });

  it("converge under random pairwise gossip in O(log S) rounds: 64 nodes, one change, at most 20 rounds", () => {
    const size = 64;
    const names = Array.from({ length: size }, (_, i) => `N${i}`);
    const base = viewOf(Object.fromEntries(names.map((n) => [n, entry(1)])));
    const views: MembershipView[] = names.map(() => base);
    views[0] = withEntry(base, "N0", { status: "leaving" }); // one node hears of a change
    const rng = new Rng(12);
    let rounds = 0;
    while (!views.every((v) => sameView(v, views[0] as MembershipView))) {
      rounds++;
      for (let i = 0; i < size; i++) {
        let j = rng.int(size - 1);
        if (j >= i) j++;
        const merged = mergeViews(views[i] as MembershipView, views[j] as MembershipView);
        views[i] = merged;
        views[j] = mergeViews(views[j] as MembershipView, merged);
      }
    }
    expect(rounds).toBeLessThanOrEqual(20);
    expect(rounds).toBeGreaterThan(1);
  });
});
