import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { VectorClock } from "../dynamo/vectorClock";
import { ContextTable } from "./client";
import { KeyChooser } from "./workload";

const chooser = new KeyChooser({ count: 50, distribution: "uniform", zipfExponent: 1 });

describe("KeyChooser.indexOf", () => {
  it("finds each of its keys and no other", () => {
    chooser.names.forEach((name, i) => {
      expect(chooser.indexOf(name)).toBe(i);
    });
    for (const other of ["k50", "k", "k07", "k-1", "t3", "", "K3", "k3x", "k99999999999999999999"])
      expect(chooser.indexOf(other), other).toBe(-1);
  });
});

describe("ContextTable", () => {
  it("agrees with a Map for the key space's keys and any others", () => {
    const key = fc.oneof(
      fc.integer({ min: 0, max: 60 }).map((i) => `k${i}`),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.boolean()), { maxLength: 200 }), (ops) => {
        const table = new ContextTable(chooser);
        const ref = new Map<string, VectorClock>();
        ops.forEach(([k, write], n) => {
          if (write) {
            const clock: VectorClock = [{ node: "A", counter: n, ts: 0 }];
            table.set(k, clock);
            ref.set(k, clock);
          }
          expect(table.get(k)).toBe(ref.get(k));
        });
      }),
    );
  });
});
