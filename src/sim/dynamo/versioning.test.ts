import fc from "fast-check";
import { describe, expect, it } from "vitest";
import vectors from "../../../../shared/external/vectors/test-vectors.json";
import { clockOf, EMPTY_CLOCK, formatClock, type VectorClock } from "./vectorClock";
import {
  type ConflictMode,
  contextOf,
  covers,
  formatVersion,
  holdsVersion,
  makeVersion,
  NO_VERSIONS,
  reconcile as reconcileSiblings,
  type Siblings,
  siblingsOf,
  type Version,
} from "./versioning";

/** A coordinator's put: the next dot of `node` above what it and the context know. */
function put(
  held: Siblings,
  value: string,
  node: string,
  context: VectorClock,
  wallMs = 0,
): Version {
  const known = Math.max(
    0,
    ...contextOf(held)
      .filter((e) => e.node === node)
      .map((e) => e.counter),
    ...context.filter((e) => e.node === node).map((e) => e.counter),
  );
  return makeVersion(value, node, known + 1, context, wallMs, 0);
}

/** Receives versions, one by one, into what is held. */
function reconcile(
  held: Siblings | readonly Version[],
  incoming: readonly Version[],
  mode: ConflictMode,
): Siblings {
  let out = Array.isArray(held) ? siblingsOf(held, mode) : (held as Siblings);
  for (const v of incoming) out = reconcileSiblings(out, siblingsOf([v], mode), mode);
  return out;
}

const values = (s: Siblings) => s.versions.map((v) => v.value).sort();

describe("versions and siblings", () => {
  it("reproduces Dynamo's Figure 3", () => {
    const d1 = put(NO_VERSIONS, "D1", "Sx", EMPTY_CLOCK);
    const d2 = put(siblingsOf([d1], "vector-clock"), "D2", "Sx", d1.clock);
    const d3 = put(NO_VERSIONS, "D3", "Sy", d2.clock);
    const d4 = put(NO_VERSIONS, "D4", "Sz", d2.clock);
    expect([d1, d2, d3, d4].map(formatVersion)).toEqual([
      "D1 [(Sx,1)]",
      "D2 [(Sx,2)]",
      "D3 [(Sx,2),(Sy,1)]",
      "D4 [(Sx,2),(Sz,1)]",
    ]);
    let replica = reconcile([], [d1], "vector-clock");
    replica = reconcile(replica, [d2], "vector-clock");
    expect(values(replica)).toEqual(["D2"]); // D2 supersedes D1
    replica = reconcile(replica, [d3, d4], "vector-clock");
    expect(values(replica)).toEqual(["D3", "D4"]); // concurrent: siblings
    const context = contextOf(replica);
    expect(formatClock(context)).toBe("[(Sx,2),(Sy,1),(Sz,1)]");
    const d5 = put(siblingsOf([d2], "vector-clock"), "D5", "Sx", context);
    expect(formatVersion(d5)).toBe("D5 [(Sx,3),(Sy,1),(Sz,1)]");
    expect(values(reconcile(replica, [d5], "vector-clock"))).toEqual(["D5"]);
  });

  it("a blind put is a sibling, not a successor (dvvset's sibling-explosion story)", () => {
    // Mary writes v1 without context at a; Peter reads it; Mary writes v2 without context;
    // Peter writes v3 with v1's context: v1 goes, v2 stays as concurrent, v3 joins.
    const story = vectors.dvvset.sync_update_test_sibling_explosion_avoidance;
    expect(story.A2).toContain("v3,v2");
    const v1 = put(NO_VERSIONS, "v1", "a", EMPTY_CLOCK);
    let held = reconcile([], [v1], "vector-clock");
    const peterContext = contextOf(held);
    expect(peterContext).toEqual(clockOf({ a: 1 })); // VV1 = [{a,1}]
    const v2 = put(held, "v2", "a", EMPTY_CLOCK);
    held = reconcile(held, [v2], "vector-clock");
    expect(values(held)).toEqual(["v1", "v2"]); // A1: two siblings
    const v3 = put(held, "v3", "a", peterContext);
    held = reconcile(held, [v3], "vector-clock");
    expect(values(held)).toEqual(["v2", "v3"]); // A2: v1 obsoleted
    expect(v3.dot).toEqual({ node: "a", counter: 3 });
  });

  it("dvvset's update_test: the same outcomes through coordinators a and b", () => {
    const v1 = put(NO_VERSIONS, "v1", "a", EMPTY_CLOCK);
    const A0 = reconcile([], [v1], "vector-clock");
    const v2 = put(A0, "v2", "a", contextOf(A0));
    const A1 = reconcile(A0, [v2], "vector-clock");
    expect(values(A1)).toEqual(["v2"]);
    const A2 = reconcile(A1, [put(A1, "v3", "b", contextOf(A1))], "vector-clock");
    expect(values(A2)).toEqual(["v3"]); // {[{a,2,[]},{b,1,[v3]}]}
    const A3 = reconcile(A1, [put(A1, "v4", "b", contextOf(A0))], "vector-clock");
    expect(values(A3)).toEqual(["v2", "v4"]); // {[{a,2,[v2]},{b,1,[v4]}]}
    const A4 = reconcile(A1, [put(A1, "v5", "a", contextOf(A0))], "vector-clock");
    expect(values(A4)).toEqual(["v2", "v5"]); // {[{a,3,[v5,v2]}]}
  });

  it("last-write-wins keeps the latest timestamp, whatever the causality", () => {
    const early = put(NO_VERSIONS, "early", "A", EMPTY_CLOCK, 700);
    const late = put(NO_VERSIONS, "late", "B", EMPTY_CLOCK, 650); // B's clock is behind
    expect(values(reconcile([early], [late], "lww"))).toEqual(["early"]);
    expect(values(reconcile([late], [early], "lww"))).toEqual(["early"]);
    const held = siblingsOf([early], "lww");
    expect(reconcile(held, [early], "lww")).toBe(held); // no change, same object
  });

  it("truncation past the threshold drops the oldest entries and revives a superseded version", () => {
    let ctx: VectorClock = EMPTY_CLOCK;
    const old: Version[] = [];
    for (const [i, node] of ["n1", "n2", "n3", "n4"].entries()) {
      const v = makeVersion(`v${i}`, node, 1, ctx, 100 + i, 0, 3);
      old.push(v);
      ctx = v.clock;
    }
    // The fourth write could keep only three entries: n1, the oldest, was dropped.
    const last = old[3] as Version;
    expect(last.clock.map((e) => e.node)).toEqual(["n2", "n3", "n4"]);
    expect(covers(last, old[0] as Version)).toBe(false);
    const held = reconcile([old[0] as Version], [last], "vector-clock");
    expect(values(held)).toEqual(["v0", "v3"]); // a false sibling
  });

  const opArb = fc.array(
    fc.record({
      coordinator: fc.integer({ min: 0, max: 2 }),
      readFrom: fc.integer({ min: 0, max: 2 }),
      withContext: fc.boolean(),
      /** which of the other two replicas the coordinator's write reaches */
      reaches: fc.integer({ min: 0, max: 3 }),
    }),
    { minLength: 1, maxLength: 14 },
  );

  it("replicas that received the same writes hold the same siblings, in any order (property)", () => {
    fc.assert(
      fc.property(opArb, fc.nat(), (ops, shuffleSeed) => {
        // Three replicas A, B, C. Each write is coordinated by a replica, with the context read
        // from any replica (or none: a blind write); it reaches some of the others, as a
        // coordinator's replica_write does: with everything the coordinator holds for the key.
        const names = ["A", "B", "C"];
        const replicas: Siblings[] = [NO_VERSIONS, NO_VERSIONS, NO_VERSIONS];
        const sent: Siblings[] = [];
        const all: Version[] = [];
        ops.forEach((op, i) => {
          const read = replicas[op.readFrom] as Siblings;
          const context = op.withContext ? contextOf(read) : EMPTY_CLOCK;
          const mine = replicas[op.coordinator] as Siblings;
          const v = put(mine, `w${i}`, names[op.coordinator] as string, context);
          all.push(v);
          const full = reconcileSiblings(mine, siblingsOf([v], "vector-clock"), "vector-clock");
          replicas[op.coordinator] = full;
          sent.push(full);
          const others = [0, 1, 2].filter((r) => r !== op.coordinator);
          others.forEach((r, k) => {
            if (op.reaches & (1 << k)) {
              replicas[r] = reconcileSiblings(replicas[r] as Siblings, full, "vector-clock");
            }
          });
        });
        // Anti-entropy: every replica gets every other's state, in two different orders.
        const merge = (order: readonly Siblings[]) =>
          order.reduce((acc, x) => reconcileSiblings(acc, x, "vector-clock"), NO_VERSIONS);
        const k = shuffleSeed % sent.length;
        const forward = merge(replicas);
        const shuffled = merge([...sent.slice(k), ...sent.slice(0, k)].reverse());
        expect(values(shuffled)).toEqual(values(forward));
        expect(shuffled.seen).toEqual(forward.seen);
        // idempotent: the same state again changes nothing
        expect(reconcileSiblings(forward, forward, "vector-clock")).toBe(forward);
        // every write is kept or superseded by a write whose writer had seen it
        for (const v of all) expect(holdsVersion(forward, v, "vector-clock")).toBe(true);
        // siblings never cover each other
        for (const a of forward.versions)
          for (const b of forward.versions) if (a !== b) expect(covers(a, b)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the knowledge of superseded versions, so the order of arrival does not matter", () => {
    // w0 via B; w1 via A read w0 (supersedes it); w2 via A blind; w3 via A read w2 only.
    const w0 = makeVersion("w0", "B", 1, EMPTY_CLOCK, 0, 0);
    const w1 = makeVersion("w1", "A", 1, clockOf({ B: 1 }), 0, 0);
    const w2 = makeVersion("w2", "A", 2, EMPTY_CLOCK, 0, 0);
    const w3 = makeVersion("w3", "A", 3, clockOf({ A: 2 }), 0, 0);
    const early = reconcile([], [w0, w1, w2, w3], "vector-clock");
    const late = reconcile([], [w0, w3, w2, w1], "vector-clock");
    expect(values(early)).toEqual(["w3"]);
    expect(values(late)).toEqual(["w3"]); // w1 arrived after w3 covered it, and still retired w0
  });
});
