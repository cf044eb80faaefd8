import { describe, expect, it } from "vitest";
import { Trace, TraceKind } from "./trace";

function fill(t: Trace, n: number, change?: { at: number; field: "at" | "peer" | "aux" | "type" }) {
  const put = t.code("put");
  const get = t.code("get");
  for (let i = 0; i < n; i++) {
    const tweak = change !== undefined && change.at === i;
    t.record(
      i * 10 + (tweak && change.field === "at" ? 1 : 0),
      TraceKind.send,
      i % 5,
      tweak && change.field === "peer" ? 4 : 3,
      i,
      tweak && change.field === "type" ? get : put,
      i + 1,
      tweak && change.field === "aux" ? 2 ** 40 : i * 10 + 5,
      0,
      null,
    );
  }
}

describe("the trace", () => {
  it("keeps only a bounded window of events while counting and hashing all of them", () => {
    const t = new Trace(100);
    fill(t, 1000);
    expect(t.length).toBe(1000);
    expect(t.oldest).toBe(900);
    expect(t.get(899)).toBeUndefined();
    expect(t.get(950)?.id).toBe(950);
    expect(t.since(0)).toHaveLength(100);
    expect(t.since(990).map((e) => e.id)).toEqual([
      990, 991, 992, 993, 994, 995, 996, 997, 998, 999,
    ]);
  });

  it("hashes equal traces equally, whatever the window size", () => {
    const a = new Trace(10);
    const b = new Trace(5000);
    fill(a, 2000);
    fill(b, 2000);
    expect(a.digest).toBe(b.digest);
    expect(a.digest).toMatch(/^[0-9a-f]{16}$/);
  });

  it("changes the hash when any one field of any one event changes", () => {
    const base = new Trace(10);
    fill(base, 500);
    for (const field of ["at", "peer", "aux", "type"] as const) {
      const other = new Trace(10);
      fill(other, 500, { at: 321, field });
      expect(other.digest, field).not.toBe(base.digest);
    }
  });

  it("reads events back with their names", () => {
    const t = new Trace(8);
    const code = t.code("replica_write");
    t.record(1500, TraceKind.deliver, 2, 0, 17, code, 9, 1000, 0, null);
    expect(t.get(0)).toMatchObject({
      at: 1500,
      kind: "deliver",
      proc: 2,
      peer: 0,
      id: 17,
      type: "replica_write",
      lamport: 9,
      aux: 1000,
    });
  });
});
