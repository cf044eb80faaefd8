import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyPosition, positionToUnit, Ring, unitToPosition } from "./ring";

const names = ["A", "B", "C", "D", "E", "F", "G"];
/** Seven nodes at tenths of the ring, as in Dynamo's Figure 2 (A at 0.1, B at 0.2, ...). */
const figure2 = new Ring(
  names,
  names.map((_, i) => [unitToPosition((i + 1) / 10)]),
);

/** A key that falls at the given fraction of the ring: search names until one does. */
function keyIn(lo: number, hi: number): string {
  for (let i = 0; ; i++) {
    const u = positionToUnit(keyPosition(`key-${i}`));
    if (u > lo && u <= hi) return `key-${i}`;
  }
}

describe("the ring", () => {
  it("stores a key in (A, B] at B, C and D (Dynamo, Figure 2)", () => {
    const k = keyIn(0.1, 0.2);
    expect(figure2.preferenceList(k, 3).map((i) => names[i])).toEqual(["B", "C", "D"]);
  });

  it("stores a key exactly at B's token at B", () => {
    expect(
      figure2
        .walkFrom(unitToPosition(0.2))
        .slice(0, 3)
        .map((i) => names[i]),
    ).toEqual(["B", "C", "D"]);
  });

  it("wraps around past the last token", () => {
    const k = keyIn(0.7, 1);
    expect(figure2.preferenceList(k, 3).map((i) => names[i])).toEqual(["A", "B", "C"]);
  });

  it("skips a node's extra virtual nodes so the list holds distinct physical nodes", () => {
    // A owns 0.1 and 0.15, B owns 0.2, C 0.3
    const ring = new Ring(
      ["A", "B", "C"],
      [[unitToPosition(0.1), unitToPosition(0.15)], [unitToPosition(0.2)], [unitToPosition(0.3)]],
    );
    const k = keyIn(0.05, 0.1);
    expect(ring.preferenceList(k, 3).map((i) => ring.names[i])).toEqual(["A", "B", "C"]);
  });

  it("walks every node exactly once, starting at the key's successor (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.double({ min: 0, max: 0.999999, noNaN: true }), {
          minLength: 1,
          maxLength: 40,
          comparator: (a, b) => unitToPosition(a) === unitToPosition(b),
        }),
        fc.integer({ min: 1, max: 8 }),
        fc.string(),
        (units, nodeCount, key) => {
          const n = Math.min(nodeCount, units.length);
          const tokens: string[][] = Array.from({ length: n }, () => []);
          units.forEach((u, i) => {
            (tokens[i % n] as string[]).push(unitToPosition(u));
          });
          const ring = new Ring(
            Array.from({ length: n }, (_, i) => `N${i}`),
            tokens,
          );
          const walk = ring.walk(key);
          expect([...walk].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
          // the first node owns the first token at or after the key's position
          const pos = keyPosition(key);
          const sorted = [...ring.tokens];
          const owner = (sorted.find((t) => t.position >= pos) ?? sorted[0])?.node;
          expect(walk[0]).toBe(owner);
        },
      ),
    );
  });

  it("converts ring fractions to positions and back", () => {
    expect(unitToPosition(0)).toBe("0".repeat(32));
    expect(unitToPosition(0.5)).toBe(`8${"0".repeat(31)}`);
    expect(positionToUnit(unitToPosition(0.3))).toBeCloseTo(0.3, 12);
    expect(() => unitToPosition(1)).toThrow();
  });

  it("refuses two tokens at the same position", () => {
    expect(() => new Ring(["A", "B"], [[unitToPosition(0.5)], [unitToPosition(0.5)]])).toThrow(
      /share the ring position/,
    );
  });
});
