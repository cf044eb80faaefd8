import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdMap } from "./idMap";

type Op = { kind: "set"; id: number; v: number } | { kind: "delete"; id: number };

/** Ids clustered as a counter hands them out, with collisions forced by a few far-apart ones. */
const idArb = fc.oneof(
  fc.integer({ min: 0, max: 40 }),
  fc.integer({ min: 0, max: 5 }).map((k) => k * 64),
  fc.integer({ min: 0, max: 2 ** 40 }),
);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("set" as const), id: idArb, v: fc.nat() }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), id: idArb }) },
);

describe("IdMap", () => {
  it("agrees with a Map after every set and delete", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 400 }), (ops) => {
        const m = new IdMap<number>();
        const ref = new Map<number, number>();
        for (const op of ops) {
          if (op.kind === "set") {
            m.set(op.id, op.v);
            ref.set(op.id, op.v);
          } else {
            expect(m.delete(op.id)).toBe(ref.delete(op.id));
          }
          expect(m.size).toBe(ref.size);
        }
        for (const [id, v] of ref) {
          expect(m.get(id)).toBe(v);
          expect(m.has(id)).toBe(true);
        }
        for (const op of ops) if (!ref.has(op.id)) expect(m.get(op.id)).toBeUndefined();
        expect(m.values()).toEqual([...ref].sort((a, b) => a[0] - b[0]).map(([, v]) => v));
      }),
    );
  });

  it("keeps every entry through a long run of counter ids opened and closed out of order", () => {
    const m = new IdMap<string>();
    const open: number[] = [];
    let next = 0;
    let seed = 7;
    for (let step = 0; step < 20_000; step++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      if (open.length < 50 && seed % 3 !== 0) {
        m.set(next, `r${next}`);
        open.push(next++);
      } else if (open.length > 0) {
        const [id] = open.splice(seed % open.length, 1) as [number];
        expect(m.get(id)).toBe(`r${id}`);
        expect(m.delete(id)).toBe(true);
        expect(m.has(id)).toBe(false);
      }
    }
    expect(m.size).toBe(open.length);
    expect(m.values()).toEqual(open.sort((a, b) => a - b).map((id) => `r${id}`));
  });

  it("refuses what is not an id", () => {
    const m = new IdMap<number>();
    expect(() => m.set(-1, 0)).toThrow(/not an id/);
    expect(() => m.set(1.5, 0)).toThrow(/not an id/);
  });
});
