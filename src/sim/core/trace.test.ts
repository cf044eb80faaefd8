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

  it("hashes the same whenever the digest is read, and tells apart every field it encodes", () => {
    type Ev = [number, TraceKind, number, number, number, string, number, number];
    // at, kind, proc, peer, id, type, aux, detail: wide values exercise the optional words
    const events: Ev[] = [
      [0, TraceKind.send, 0, 1, 1, "put", 40, 0],
      [0, TraceKind.timer, 2, -1, 7, "tick", 0, 0],
      [40, TraceKind.deliver, 1, 0, 1, "put", 0, 0],
      [41, TraceKind.send, 5000, 1, 2, "put", -1, 0],
      [41, TraceKind.invoke, 3, -1, 2 ** 33, "get", 0, 0xdeadbeef],
      [2 ** 35, TraceKind.send, 3, 4094, 3, "get", 2 ** 35 + 9, 0],
      [2 ** 35, TraceKind.complete, 3, -1, 2 ** 33, "get", 1, 0xdeadbeef],
    ];
    const digest = (evs: Ev[], readEach: boolean) => {
      const t = new Trace(4);
      for (const [at, kind, proc, peer, id, type, aux, detail] of evs) {
        t.record(at, kind, proc, peer, id, t.code(type), 0, aux, detail, null);
        if (readEach) void t.digest;
      }
      return t.digest;
    };
    const base = digest(events, false);
    expect(digest(events, true)).toBe(base);
    const seen = new Set([base]);
    // every field but the kind (which decides what counts), changed by 1, or by 2^32 + 1 where it
    // can be wide; a delivery's type and aux are not hashed: they are those of its send
    const fields = [0, 2, 3, 4, 5, 6, 7];
    for (let e = 0; e < events.length; e++) {
      for (const f of fields) {
        const changed = events.map((ev) => [...ev] as Ev);
        const ev = changed[e] as Ev;
        if (ev[1] === TraceKind.deliver && (f === 5 || f === 6)) continue;
        if (f === 5) ev[5] = `${ev[5]}!`;
        else ev[f] = (ev[f] as number) + (f === 4 || f === 6 ? 2 ** 32 + 1 : 1);
        const d = digest(changed, false);
        expect(seen.has(d), `event ${e} field ${f}`).toBe(false);
        seen.add(d);
      }
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
