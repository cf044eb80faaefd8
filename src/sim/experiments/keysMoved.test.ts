import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  changeMembership,
  keySpaceShares,
  type Partitioning,
  placeNodes,
  ringOfPlacement,
} from "../dynamo/partitioning";
import { keyPosition } from "../dynamo/ring";
import { nodeNames } from "../scenario/schema";
import { fractionMoved, keysMovedExperiment } from "./keysMoved";

const positions = Array.from({ length: 4000 }, (_, i) => keyPosition(`key-${i}`));

/** The consistent-hashing strategies, drawn for S nodes. */
const consistent = (s: number): fc.Arbitrary<Partitioning> =>
  fc.oneof(
    fc.constant<Partitioning>({ strategy: "tokens" }),
    fc
      .record({ t: fc.integer({ min: 1, max: 64 }), seed: fc.nat() })
      .map(({ t, seed }): Partitioning => ({ strategy: 1, tokensPerNode: t, seed })),
    fc.record({ t: fc.integer({ min: 1, max: 16 }), seed: fc.nat() }).map(
      ({ t, seed }): Partitioning => ({
        strategy: 2,
        tokensPerNode: t,
        partitions: 10 * s * t,
        seed,
      }),
    ),
    fc
      .record({ perNode: fc.integer({ min: 2, max: 64 }), seed: fc.nat() })
      .map(({ perNode, seed }): Partitioning => ({ strategy: 3, partitions: perNode * s, seed })),
    fc
      .integer({ min: 2, max: 64 })
      .map((perNode): Partitioning => ({ strategy: "explicit", partitions: perNode * s })),
  );

describe("keys moved by a join or a leave", () => {
  it("under consistent hashing, moves only keys the joining node takes over, and leaves the rest where they were (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).chain((s) => fc.tuple(fc.constant(s), consistent(s))),
        ([s, partitioning]) => {
          const before = placeNodes(nodeNames(s), partitioning);
          const after = changeMembership(before, { kind: "join", name: "NEW" });
          const a = ringOfPlacement(before);
          const b = ringOfPlacement(after);
          for (const position of positions.slice(0, 500)) {
            const was = a.names[a.ownerAt(position)];
            const is = b.names[b.ownerAt(position)];
            if (was !== is) expect(is).toBe("NEW");
          }
        },
      ),
    );
  });

  it("under consistent hashing, moves about 1/(S+1) of the keys on a join (property, seed pinned)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }).chain((s) => fc.tuple(fc.constant(s), consistent(s))),
        ([s, partitioning]) => {
          const before = placeNodes(nodeNames(s), partitioning);
          const after = changeMembership(before, { kind: "join", name: "NEW" });
          // exactly, the keys that move are the joiner's share of the key space...
          const share = keySpaceShares(after, 1)[s] as number;
          expect(Math.abs(fractionMoved(before, after, positions) - share)).toBeLessThan(0.05);
          // ...which is 1/(S+1) give or take the luck of random tokens
          const ideal = 1 / (s + 1);
          if (partitioning.strategy === 3 || partitioning.strategy === "explicit") {
            const q = partitioning.partitions;
            expect(share).toBeCloseTo(Math.floor(q / (s + 1)) / q, 9);
          } else if (partitioning.strategy === "tokens") {
            expect(share).toBeCloseTo(1 / (2 * s), 9); // half of one evenly spaced range
          } else {
            expect(share).toBeGreaterThan(ideal / 10);
            expect(share).toBeLessThan(ideal * 6);
          }
        },
      ),
      { seed: 20_071_014, numRuns: 60 },
    );
  });

  it("under consistent hashing, moves 1/(S+1) of the keys on average over many random rings", () => {
    const s = 20;
    const shares = Array.from({ length: 40 }, (_, seed) => {
      const before = placeNodes(nodeNames(s), { strategy: 1, tokensPerNode: 8, seed: seed + 1 });
      const after = changeMembership(before, { kind: "join", name: "NEW" });
      return keySpaceShares(after, 1)[s] as number;
    });
    const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
    expect(mean).toBeGreaterThan(0.9 / (s + 1));
    expect(mean).toBeLessThan(1.1 / (s + 1));
  });

  it("under consistent hashing, moves only the leaver's keys on a leave", () => {
    for (const partitioning of [
      { strategy: 1, tokensPerNode: 8, seed: 3 },
      { strategy: 3, partitions: 300, seed: 3 },
      { strategy: "explicit", partitions: 300 },
    ] as const) {
      const before = placeNodes(nodeNames(10), partitioning);
      const after = changeMembership(before, { kind: "leave", name: "D" });
      const a = ringOfPlacement(before);
      const b = ringOfPlacement(after);
      let moved = 0;
      for (const position of positions) {
        const was = a.names[a.ownerAt(position)];
        if (was !== b.names[b.ownerAt(position)]) {
          expect(was).toBe("D");
          moved++;
        }
      }
      expect(moved / positions.length).toBeCloseTo(keySpaceShares(before, 1)[3] as number, 1);
    }
  });

  it("under mod-N, moves about S/(S+1) of the keys on a join, for every S from 2 to 40", () => {
    for (let s = 2; s <= 40; s++) {
      const before = placeNodes(nodeNames(s), { strategy: "mod-n" });
      const after = changeMembership(before, { kind: "join", name: "NEW" });
      const moved = fractionMoved(before, after, positions);
      expect(Math.abs(moved - s / (s + 1)), `S = ${s}`).toBeLessThan(0.03);
    }
  });

  it("reports one row per placement and change, as the CLI prints it", () => {
    const r = keysMovedExperiment({ seed: 1, nodes: 10, keys: 20_000 });
    expect(r.rows.map((row) => `${row.placement} ${row.change}`)).toEqual(
      ["tokens", "strategy 1", "strategy 2", "strategy 3", "mod-n", "explicit"].flatMap((p) => [
        `${p} join`,
        `${p} leave`,
      ]),
    );
    const row = (placement: string, change: string) =>
      r.rows.find((x) => x.placement === placement && x.change === change);
    for (const p of ["strategy 3", "explicit"]) {
      expect(Math.abs((row(p, "join")?.fractionMoved as number) - 1 / 11)).toBeLessThan(0.01);
      expect(Math.abs((row(p, "leave")?.fractionMoved as number) - 1 / 10)).toBeLessThan(0.01);
    }
    expect(row("mod-n", "join")?.fractionMoved).toBeGreaterThan(0.85);
    expect(row("strategy 1", "join")).toMatchObject({ nodesBefore: 10, nodesAfter: 11, node: "K" });
    expect(keysMovedExperiment({ seed: 1, nodes: 10, keys: 20_000 })).toEqual(r); // deterministic
  });
});
