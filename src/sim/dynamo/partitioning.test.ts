import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { placementOf, Run, ringOf } from "../run";
import { presetScenario, presets } from "../scenario/presets";
import { nodeNames, parseScenario, type ScenarioInput, scenarioFrom } from "../scenario/schema";
import {
  changeMembership,
  keySpaceShares,
  type MembershipChange,
  metadataBytesPerNode,
  type Partitioning,
  type Placement,
  placeNodes,
  randomTokens,
  ringOfPlacement,
} from "./partitioning";
import { keyPosition, partitionStart, positionToUnit, Ring, unitToPosition } from "./ring";

const keys = Array.from({ length: 2000 }, (_, i) => `key-${i}`);

/** Every strategy, with its parameters drawn small enough for quick rings. */
const partitioningArb = (nodes: number): fc.Arbitrary<Partitioning> =>
  fc.oneof(
    fc.constant<Partitioning>({ strategy: "tokens" }),
    fc
      .record({ t: fc.integer({ min: 1, max: 8 }), seed: fc.nat() })
      .map(({ t, seed }): Partitioning => ({ strategy: 1, tokensPerNode: t, seed })),
    fc
      .record({
        t: fc.integer({ min: 1, max: 8 }),
        q: fc.integer({ min: 1, max: 500 }),
        seed: fc.nat(),
      })
      .map(
        ({ t, q, seed }): Partitioning => ({ strategy: 2, tokensPerNode: t, partitions: q, seed }),
      ),
    fc
      .record({ extra: fc.integer({ min: 0, max: 300 }), seed: fc.nat() })
      .map(({ extra, seed }): Partitioning => ({ strategy: 3, partitions: nodes + extra, seed })),
    fc.constant<Partitioning>({ strategy: "mod-n" }),
    fc
      .integer({ min: 0, max: 300 })
      .map((extra): Partitioning => ({ strategy: "explicit", partitions: nodes + extra })),
  );

const ringArb = fc
  .integer({ min: 1, max: 12 })
  .chain((nodes) => fc.record({ nodes: fc.constant(nodes), partitioning: partitioningArb(nodes) }));

function sortedWalkIsEveryNode(ring: Ring, key: string): void {
  const walk = ring.walk(key);
  expect([...walk].sort((a, b) => a - b)).toEqual(Array.from({ length: ring.size }, (_, i) => i));
}

/** Node counts per owner of a partition table. */
function counts(placement: Placement): number[] {
  const out = new Array<number>(placement.names.length).fill(0);
  for (const o of placement.owners) out[o] = (out[o] as number) + 1;
  return out;
}

describe("partitioning strategies", () => {
  it("never repeats a physical node in a preference list, under any strategy (property)", () => {
    fc.assert(
      fc.property(ringArb, fc.string(), ({ nodes, partitioning }, key) => {
        const ring = ringOfPlacement(placeNodes(nodeNames(nodes), partitioning));
        sortedWalkIsEveryNode(ring, key);
        const n = Math.min(3, nodes);
        const list = ring.preferenceList(key, n);
        expect(new Set(list).size).toBe(n);
        expect(ring.walkFrom(keyPosition(key))).toEqual(ring.walk(key));
      }),
    );
  });

  it("keeps preference lists free of repeats through joins and leaves (property)", () => {
    fc.assert(
      fc.property(
        ringArb,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
        fc.string(),
        ({ nodes, partitioning }, joins, key) => {
          let placement = placeNodes(nodeNames(nodes), partitioning);
          let next = 0;
          for (const join of joins) {
            const names = placement.names;
            const change: MembershipChange =
              join || names.length === 1
                ? { kind: "join", name: `X${next++}` }
                : { kind: "leave", name: names[next % names.length] as string };
            const q = placement.owners.length;
            if (change.kind === "join" && q > 0 && q < 2 * (names.length + 1)) continue;
            placement = changeMembership(placement, change);
          }
          sortedWalkIsEveryNode(ringOfPlacement(placement), key);
        },
      ),
    );
  });

  it("keeps the default ring exactly as before: one token per node, evenly spaced in node order", () => {
    const scenario = presetScenario("default");
    const ring = ringOf(scenario);
    expect(ring.tokens.map((t) => [t.unit, ring.names[t.node]])).toEqual(
      ["A", "B", "C", "D", "E"].map((name, i) => [
        positionToUnit(unitToPosition((i + 0.5) / 5)),
        name,
      ]),
    );
    const input = presets.default?.scenario as ScenarioInput;
    const explicit = scenarioFrom({
      ...input,
      cluster: { ...input.cluster, partitioning: { strategy: "tokens" } },
    });
    const a = new Run(scenario, 7);
    const b = new Run(explicit, 7);
    a.runUntilMs(2000);
    b.runUntilMs(2000);
    expect(b.summary().traceHash).toBe(a.summary().traceHash);
  });

  it("gives each Strategy 1 node T tokens that depend on its name alone", () => {
    const small = placeNodes(["A", "B", "C"], { strategy: 1, tokensPerNode: 4 });
    const large = placeNodes(nodeNames(10), { strategy: 1, tokensPerNode: 4 });
    expect(small.tokens[0]).toEqual(large.tokens[0]);
    expect(small.tokens[0]).toEqual(randomTokens("A", 4));
    // token i of A is MD5("A#i"): anyone can check it with md5sum
    expect(randomTokens("A", 1)[0]).toBe(keyPosition("A#0"));
    const seeded = placeNodes(["A", "B", "C"], { strategy: 1, tokensPerNode: 4, seed: 9 });
    expect(seeded.tokens[0]).not.toEqual(small.tokens[0]);
    expect(ringOfPlacement(small).tokens).toHaveLength(12);
  });

  it("cuts Strategy 3's key space into Q equal partitions and gives each node Q/S of them, +-1, through joins and leaves (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 20 }),
        fc.integer({ min: 2, max: 40 }),
        fc.nat(),
        fc.array(fc.boolean(), { maxLength: 5 }),
        (nodes, perNode, seed, joins) => {
          const q = nodes * perNode + (seed % nodes);
          let placement = placeNodes(nodeNames(nodes), { strategy: 3, partitions: q, seed });
          joins.forEach((join, i) => {
            const names = placement.names;
            if (join && q >= 2 * (names.length + 1)) {
              placement = changeMembership(placement, { kind: "join", name: `J${i}` });
            } else if (names.length > 1) {
              placement = changeMembership(placement, {
                kind: "leave",
                name: names[seed % names.length] as string,
              });
            }
          });
          const s = placement.names.length;
          for (const c of counts(placement)) {
            expect(c).toBeGreaterThanOrEqual(Math.floor(q / s));
            expect(c).toBeLessThanOrEqual(Math.ceil(q / s));
          }
          const ring = ringOfPlacement(placement);
          expect(ring.tokens).toHaveLength(q); // one token per partition, at its end
          expect(ring.tokens.map((t) => t.position)).toEqual(
            Array.from({ length: q }, (_, p) => partitionStart(p, q)),
          );
        },
      ),
    );
  });

  it("makes Strategy 3's partitions equal to within one unit of 2^-128", () => {
    for (const q of [7, 30, 1000, 65536, 1_000_003 % 2 ** 20]) {
      const step = (1n << 128n) / BigInt(q);
      for (const p of [0, 1, Math.floor(q / 2), q - 2]) {
        const a = BigInt(`0x${partitionStart(p, q)}`);
        const b = BigInt(`0x${partitionStart(p + 1, q)}`);
        expect(b - a === step || b - a === step + 1n).toBe(true);
      }
    }
    expect(partitionStart(1, 4)).toBe(`4${"0".repeat(31)}`);
  });

  it("gives every key of a Strategy 2 partition the partition's preference list: the first N nodes clockwise from its end", () => {
    const names = nodeNames(8);
    const placement = placeNodes(names, { strategy: 2, tokensPerNode: 3, partitions: 64, seed: 5 });
    const ring = ringOfPlacement(placement);
    const plain = new Ring(names, placement.tokens); // the same tokens, without fixed partitions
    const byPartition = new Map<number, string>();
    let shared = 0;
    for (const key of keys) {
      const p = ring.partitionOf(keyPosition(key));
      const list = ring.preferenceList(key, 3).join(",");
      const seen = byPartition.get(p);
      if (seen !== undefined) {
        expect(list).toBe(seen);
        shared++;
      }
      byPartition.set(p, list);
      const end = partitionStart((p + 1) % 64, 64);
      expect(list).toBe(plain.walkFrom(end).slice(0, 3).join(","));
    }
    expect(byPartition.size).toBe(64);
    expect(shared).toBe(keys.length - 64);
  });

  it("puts a position on a partition boundary in the partition it ends", () => {
    const ring = ringOfPlacement(placeNodes(nodeNames(4), { strategy: 3, partitions: 10 }));
    for (const p of [1, 5, 9]) {
      const start = partitionStart(p, 10);
      expect(ring.partitionOf(start)).toBe(p - 1);
      const after = (BigInt(`0x${start}`) + 1n).toString(16).padStart(32, "0");
      expect(ring.partitionOf(after)).toBe(p);
    }
    expect(ring.partitionOf("0".repeat(32))).toBe(9);
    expect(ring.partitionOf("f".repeat(32))).toBe(9);
  });

  it("sends a key to hash mod S and the next nodes by index under mod-N", () => {
    const ring = ringOfPlacement(placeNodes(nodeNames(7), { strategy: "mod-n" }));
    expect(ring.tokens).toEqual([]);
    for (const key of keys.slice(0, 50)) {
      const first = Number(BigInt(`0x${keyPosition(key)}`) % 7n);
      expect(ring.walk(key)).toEqual(Array.from({ length: 7 }, (_, k) => (first + k) % 7));
    }
  });

  it("computes each node's share of the key space exactly from the ranges", () => {
    // Dynamo's Figure 2: seven nodes at tenths of the ring, A at 0.1
    const names = nodeNames(7);
    const ring = new Ring(
      names,
      names.map((_, i) => [unitToPosition((i + 1) / 10)]),
    );
    const own = ring.keySpaceShares(1);
    expect(own[0]).toBeCloseTo(0.4, 12); // A owns (0.7, 0.1], wrapping
    expect(own.slice(1).every((x) => Math.abs(x - 0.1) < 1e-12)).toBe(true);
    const replica = ring.keySpaceShares(3);
    expect(replica.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 12);
    expect(replica[3]).toBeCloseTo(0.3, 12); // D stores (A, B], (B, C] and (C, D]
  });

  it("reads Strategy 3's shares off its partition table exactly as the ring computes them (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 200 }),
        fc.nat(),
        fc.integer({ min: 1, max: 4 }),
        (nodes, extra, seed, n) => {
          for (const partitioning of [
            { strategy: 3, partitions: nodes + extra, seed },
            { strategy: "explicit", partitions: nodes + extra },
          ] as const) {
            const placement = placeNodes(nodeNames(nodes), partitioning);
            const fromTable = keySpaceShares(placement, n);
            const fromRing = ringOfPlacement(placement).keySpaceShares(n);
            fromTable.forEach((x, i) => {
              expect(x).toBeCloseTo(fromRing[i] as number, 9);
            });
          }
        },
      ),
    );
  });

  it("moves exactly floor(Q/(S+1)) partitions of the explicit map to a joining node, and only the leaver's on a leave", () => {
    for (const [s, q] of [
      [10, 640],
      [30, 1920],
      [7, 100],
    ] as const) {
      const before = placeNodes(nodeNames(s), { strategy: "explicit", partitions: q });
      const joined = changeMembership(before, { kind: "join", name: "NEW" });
      const moved = before.owners.flatMap((o, p) => (joined.owners[p] !== o ? [p] : []));
      expect(moved).toHaveLength(Math.floor(q / (s + 1)));
      expect(moved.every((p) => joined.owners[p] === s)).toBe(true);
      const c = counts(joined);
      expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);

      const left = changeMembership(joined, { kind: "leave", name: "B" });
      const changed = joined.owners.flatMap((o, p) =>
        joined.names[o] !== left.names[left.owners[p] as number] ? [o] : [],
      );
      expect(new Set(changed)).toEqual(new Set([1])); // only B's partitions changed hands
      const d = counts(left);
      expect(Math.max(...d) - Math.min(...d)).toBeLessThanOrEqual(1);
    }
  });

  it("spreads a joining node's partitions in the explicit map, so its replica load stays balanced", () => {
    const before = placeNodes(nodeNames(30), { strategy: "explicit", partitions: 1920 });
    expect(Math.max(...keySpaceShares(before, 3))).toBeCloseTo(3 / 30, 12); // round-robin: perfect
    const after = changeMembership(before, { kind: "join", name: "NEW" });
    const loads = keySpaceShares(after, 3);
    expect(3 / 31 / Math.max(...loads)).toBeGreaterThan(0.9);
  });

  it("splits the largest range when a node joins the teaching ring without tokens", () => {
    const placement = placeNodes(["A", "B"], { strategy: "tokens" }, [
      [unitToPosition(0.1)],
      [unitToPosition(0.2)],
    ]);
    const joined = changeMembership(placement, { kind: "join", name: "C" });
    expect(positionToUnit(joined.tokens[2]?.[0] as string)).toBeCloseTo(0.65, 12); // the middle of (0.2, 1.1]
    const given = changeMembership(placement, {
      kind: "join",
      name: "C",
      tokens: [unitToPosition(0.15)],
    });
    expect(ringOfPlacement(given).tokens.map((t) => t.node)).toEqual([0, 2, 1]);
  });

  it("refuses membership changes that make no sense", () => {
    const placement = placeNodes(["A", "B", "C"], { strategy: 3, partitions: 3 });
    expect(() => changeMembership(placement, { kind: "join", name: "A" })).toThrow(/already/);
    expect(() => changeMembership(placement, { kind: "leave", name: "Z" })).toThrow(/not a member/);
    expect(() => changeMembership(placement, { kind: "join", name: "D" })).toThrow(/partitions/);
    expect(() =>
      changeMembership(placeNodes(["A"], { strategy: "mod-n" }), { kind: "leave", name: "A" }),
    ).toThrow(/last node/);
    expect(() =>
      changeMembership(placement, { kind: "join", name: "D", tokens: [unitToPosition(0.5)] }),
    ).toThrow(/give no tokens/);
  });

  it("counts membership metadata per node by the stated model", () => {
    const names = nodeNames(30);
    const bytes = (p: Partitioning) => metadataBytesPerNode(placeNodes(names, p));
    expect(bytes({ strategy: "tokens" })).toBe(30 * 20);
    expect(bytes({ strategy: 1, tokensPerNode: 8 })).toBe(30 * 8 * 20);
    expect(bytes({ strategy: 2, tokensPerNode: 8, partitions: 2400 })).toBe(30 * 8 * 20 + 2400 * 4);
    expect(bytes({ strategy: 3, partitions: 2400 })).toBe(2400 * 4);
    expect(bytes({ strategy: "explicit", partitions: 2400 })).toBe(2400 * 4);
    expect(bytes({ strategy: "mod-n" })).toBe(30 * 4);
  });
});

describe("a scenario's partitioning", () => {
  it("is optional and, when given, chooses the ring", () => {
    const scenario = scenarioFrom({
      version: 1,
      cluster: { partitioning: { strategy: 2, tokensPerNode: 4, partitions: 200 } },
    });
    expect(scenario.cluster.partitioning).toEqual({
      strategy: 2,
      tokensPerNode: 4,
      partitions: 200,
      seed: 0,
    });
    const ring = ringOf(scenario);
    expect(ring.partitionCount).toBe(200);
    expect(ring.tokens).toHaveLength(20);
    expect(placementOf(scenario).partitioning.strategy).toBe(2);
    const run = new Run(scenario, 3);
    run.runToEnd();
    expect(run.summary().ops.put.failed).toBe(0);
  });

  it("names the field at fault", () => {
    const problems = (partitioning: unknown, nodes?: unknown) => {
      const r = parseScenario({
        version: 1,
        cluster: { partitioning, ...(nodes ? { nodes } : {}) },
      });
      return r.ok ? [] : r.problems;
    };
    expect(problems({ strategy: 4 })).toEqual([
      'cluster.partitioning.strategy: must be "tokens", 1, 2, 3, "mod-n" or "explicit"',
    ]);
    expect(problems({ strategy: 3, partitions: 4 })).toEqual([
      "cluster.partitioning.partitions: Q = 4 partitions cannot give each of the 5 nodes one",
    ]);
    expect(problems({ strategy: 1 })[0]).toMatch(/^cluster\.partitioning\.tokensPerNode: /);
    expect(problems({ strategy: 1, tokensPerNode: 2, partitions: 9 })[0]).toMatch(/partitions/);
    expect(
      problems({ strategy: 1, tokensPerNode: 2 }, [
        { name: "A", tokens: [0.5] },
        { name: "B", tokens: [0.1] },
        { name: "C", tokens: [0.9] },
      ]),
    ).toEqual([
      'cluster.partitioning: nodes with their own tokens need the "tokens" strategy, not 1',
    ]);
  });
});
