// biome-ignore lint/style/noRestrictedImports: the test lists and reads the published histories in ../shared/external; the checker itself reads no files.
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import vectors from "../../../../shared/external/vectors/test-vectors.json";
import { Rng } from "../core/rng";
import { type PlannedOp, sequentialRegisterHistory } from "./generate";
import {
  type History,
  type HistoryEvent,
  type Operation,
  pairOperations,
  parseHistory,
  type Value,
} from "./history";
import {
  CheckError,
  type CheckResult,
  checkLinearizability,
  type ModelName,
  type Placement,
} from "./linearizability";

// A tiny notation for hand-built histories: [process, type, f, value, key?], in time order.
type Ev = [number, HistoryEvent["type"], HistoryEvent["f"], Value, string?];
function h(...events: Ev[]): History {
  return events.map(([process, type, f, value, key]) => ({
    process,
    type,
    f,
    value,
    ...(key === undefined ? {} : { key }),
  }));
}

/** The only key's result. */
function only(result: CheckResult) {
  const keys = Object.values(result.keys);
  expect(keys).toHaveLength(1);
  return keys[0] as CheckResult["keys"][string];
}

/** Replays an order on the model, independently of the checker: is every step legal? */
function legal(model: ModelName, initial: Value, ops: Operation[], order: Placement[]): boolean {
  const byId = new Map(ops.map((o) => [o.id, o]));
  const state = new Map<string, Value>();
  const eq = (a: Value, b: Value) => JSON.stringify(a) === JSON.stringify(b);
  let lastAt = -Infinity;
  for (const { op: id, at } of order) {
    const op = byId.get(id) as Operation;
    if (at < op.invoke || (op.complete !== null && at > op.complete) || at < lastAt) return false;
    lastAt = at;
    const key = op.key ?? "";
    const s = state.has(key) ? (state.get(key) as Value) : initial;
    if (op.f === "write" || op.f === "put") state.set(key, op.value);
    else if (op.f === "append") state.set(key, `${s as string}${op.value as string}`);
    else if (op.f === "cas") {
      const [from, to] = op.value as Value[];
      if (!eq(s, from as Value)) return false;
      state.set(key, to as Value);
    } else if (!(model === "cas-register" && op.value === null) && !eq(s, op.value)) return false;
  }
  return true;
}

describe("the linearizability checker, on hand-built histories", () => {
  it("accepts a sequential history and returns an order with instants inside each interval", () => {
    const history = h(
      [0, "invoke", "write", 1],
      [0, "ok", "write", 1],
      [1, "invoke", "read", null],
      [1, "ok", "read", 1],
    );
    const result = checkLinearizability(history);
    expect(result.valid).toBe(true);
    expect(result.model).toBe("register");
    expect(result.initial).toBe(null);
    expect(only(result).linearization).toEqual([
      { op: 0, at: 0.5 },
      { op: 1, at: 2.5 },
    ]);
  });

  it("rejects a stale read and says which read, and what the register could hold", () => {
    const history = h(
      [0, "invoke", "write", 1],
      [0, "ok", "write", 1],
      [0, "invoke", "write", 2],
      [0, "ok", "write", 2],
      [1, "invoke", "read", null],
      [1, "ok", "read", 1],
    );
    const key = only(checkLinearizability(history));
    expect(key.valid).toBe(false);
    expect(key.witness).toMatchObject({ op: 2, concurrent: [], state: 2, possibleStates: [2] });
    expect(key.witness?.explanation).toBe(
      "op 2 (process 1: read 1) cannot take effect at any instant between its invocation and its " +
        "completion: whatever legal order the operations before it and the 0 concurrent with it " +
        "take, the register then holds 2, but it read 1. So no order of the operations is linearizable.",
    );
    expect(key.longestPrefix?.order.map((p) => p.op)).toEqual([0, 1]);
    expect(key.longestPrefix?.state).toBe(2);
  });

  it("lets concurrent operations take effect in either order, but not against real time", () => {
    // The write overlaps both reads; the reads may see 0 then 1, never 1 then 0.
    const fine = h(
      [0, "invoke", "write", 1],
      [1, "invoke", "read", null],
      [1, "ok", "read", 0],
      [2, "invoke", "read", null],
      [2, "ok", "read", 1],
      [0, "ok", "write", 1],
    );
    expect(checkLinearizability(fine, { initial: 0 }).valid).toBe(true);
    const backwards = h(
      [0, "invoke", "write", 1],
      [1, "invoke", "read", null],
      [1, "ok", "read", 1],
      [2, "invoke", "read", null],
      [2, "ok", "read", 0],
      [0, "ok", "write", 1],
    );
    const key = only(checkLinearizability(backwards, { initial: 0 }));
    expect(key.valid).toBe(false);
    expect(key.witness?.op).toBe(2);
    expect(key.witness?.concurrent).toEqual([0]);
    expect(key.witness?.possibleStates).toEqual([1]);
  });

  it("checks cas: it swaps only from the value it expects", () => {
    const ok = h(
      [0, "invoke", "cas", [0, 1]],
      [0, "ok", "cas", [0, 1]],
      [1, "invoke", "read", null],
      [1, "ok", "read", 1],
      [1, "invoke", "cas", [1, 5]],
      [1, "ok", "cas", [1, 5]],
    );
    const r = checkLinearizability(ok);
    expect(r.model).toBe("cas-register");
    expect(r.initial).toBe(0);
    expect(r.valid).toBe(true);
    const bad = h([0, "invoke", "cas", [3, 4]], [0, "ok", "cas", [3, 4]]);
    const key = only(checkLinearizability(bad));
    expect(key.valid).toBe(false);
    expect(key.witness?.explanation).toMatch(
      /^op 0 \(process 0: cas 3 -> 4\) cannot take effect .* the register then holds 0, but it needs 3 to swap, and no operation that could take effect before it completes writes 3\./,
    );
  });

  it("reads nil as 'unknown' for the cas-register (Knossos) but as 'empty' for the register", () => {
    const history = h(
      [0, "invoke", "write", 1],
      [0, "ok", "write", 1],
      [1, "invoke", "read", null],
      [1, "ok", "read", null],
    );
    expect(checkLinearizability(history, { model: "cas-register" }).valid).toBe(true);
    expect(checkLinearizability(history, { model: "register" }).valid).toBe(false);
    expect(checkLinearizability(history.slice(2), { model: "register" }).valid).toBe(true);
  });

  it("lets an indeterminate (info) operation take effect at any time after its invocation, or never", () => {
    const before = [
      [0, "invoke", "write", 5],
      [0, "info", "write", 5],
    ] as Ev[];
    // It never took effect...
    expect(
      checkLinearizability(h(...before, [1, "invoke", "read", null], [1, "ok", "read", 0]), {
        initial: 0,
      }).valid,
    ).toBe(true);
    // ... or it took effect long after its process gave up on it, between these two reads.
    const late = h(
      ...before,
      [1, "invoke", "read", null],
      [1, "ok", "read", 0],
      [1, "invoke", "read", null],
      [1, "ok", "read", 5],
    );
    const r = checkLinearizability(late, { initial: 0 });
    expect(r.valid).toBe(true);
    expect(only(r).linearization?.map((p) => p.op)).toEqual([1, 0, 2]);
    // But once it has taken effect it cannot be undone.
    const undone = h(
      ...before,
      [1, "invoke", "read", null],
      [1, "ok", "read", 5],
      [1, "invoke", "read", null],
      [1, "ok", "read", 0],
    );
    expect(checkLinearizability(undone, { initial: 0 }).valid).toBe(false);
    // An invoke that never completes is the same.
    expect(
      checkLinearizability(
        h([0, "invoke", "write", 5], [1, "invoke", "read", null], [1, "ok", "read", 5]),
      ).valid,
    ).toBe(true);
  });

  it("drops a failed operation: it did not happen", () => {
    const history = h(
      [0, "invoke", "write", 7],
      [0, "fail", "write", 7],
      [1, "invoke", "read", null],
      [1, "ok", "read", 7],
    );
    const r = checkLinearizability(history, { initial: 0 });
    expect(r.failed).toBe(1);
    expect(r.operations).toHaveLength(1);
    expect(r.valid).toBe(false);
    expect(checkLinearizability(history.slice(0, 2)).valid).toBe(true);
    expect(checkLinearizability(history.slice(0, 2)).operations).toEqual([]);
  });

  it("reports a read of several sibling values as not linearizable, in so many words", () => {
    const history = h(
      [0, "invoke", "write", 1],
      [1, "invoke", "write", 2],
      [0, "ok", "write", 1],
      [1, "ok", "write", 2],
      [2, "invoke", "read", null],
      [2, "ok", "read", [1, 2]],
    );
    const key = only(checkLinearizability(history));
    expect(key.valid).toBe(false);
    expect(key.witness?.op).toBe(2);
    expect(key.witness?.explanation).toBe(
      "op 2 (process 2: read [1,2]) returned 2 values at once (1, 2): sibling versions left by " +
        "concurrent writes. A linearizable register holds exactly one value at any instant, so " +
        "this read cannot take effect at any point, and no order of the operations is linearizable.",
    );
    expect(key.longestPrefix?.order).toHaveLength(2);
    // One sibling is just a value; none is an empty register.
    const one = h([0, "invoke", "write", 1], [0, "ok", "write", 1], [2, "invoke", "read", null]);
    expect(
      checkLinearizability([...one, { process: 2, type: "ok", f: "read", value: [1] }]).valid,
    ).toBe(true);
    expect(
      checkLinearizability([...one.slice(2), { process: 2, type: "ok", f: "read", value: [] }])
        .valid,
    ).toBe(true);
    // When the writes store arrays, an array is a value.
    const arrays = h(
      [0, "invoke", "write", [1, 2]],
      [0, "ok", "write", [1, 2]],
      [1, "invoke", "read", null],
      [1, "ok", "read", [1, 2]],
    );
    expect(checkLinearizability(arrays).valid).toBe(true);
  });

  it("checks each key on its own and reports every key", () => {
    const history = h(
      [0, "invoke", "write", 1, "a"],
      [1, "invoke", "write", 1, "b"],
      [0, "ok", "write", 1, "a"],
      [1, "ok", "write", 1, "b"],
      [0, "invoke", "read", null, "a"],
      [0, "ok", "read", 1, "a"],
      [1, "invoke", "read", null, "b"],
      [1, "ok", "read", 2, "b"],
    );
    const r = checkLinearizability(history);
    expect(r.valid).toBe(false);
    expect(Object.keys(r.keys)).toEqual(["a", "b"]);
    expect(r.keys.a?.valid).toBe(true);
    expect(r.keys.b?.valid).toBe(false);
    expect(r.keys.b?.witness?.op).toBe(3);
  });

  it("checks Porcupine's key-value model: put, append, get on strings", () => {
    const history = h(
      [0, "invoke", "put", "a", "k"],
      [0, "ok", "put", "a", "k"],
      [0, "invoke", "append", "b", "k"],
      [1, "invoke", "append", "c", "k"],
      [0, "ok", "append", "b", "k"],
      [1, "ok", "append", "c", "k"],
      [2, "invoke", "get", null, "k"],
      [2, "ok", "get", "acb", "k"],
      [2, "invoke", "put", "z", "k"],
      [3, "invoke", "get", null, "k"],
      [3, "ok", "get", "z", "k"],
      [2, "ok", "put", "z", "k"],
      [3, "invoke", "append", "!", "k"],
      [3, "ok", "append", "!", "k"],
      [3, "invoke", "get", null, "k"],
      [3, "ok", "get", "z!", "k"],
    );
    const r = checkLinearizability(history);
    expect(r.model).toBe("kv");
    expect(r.valid).toBe(true);
    expect(legal("kv", "", r.operations, r.keys.k?.linearization ?? [])).toBe(true);
    // A get that saw the appends in an order that contradicts a later get.
    const bad = [
      ...history.slice(0, 8),
      ...h([2, "invoke", "get", null, "k"], [2, "ok", "get", "abc", "k"]),
    ];
    const key = checkLinearizability(bad).keys.k;
    expect(key?.valid).toBe(false);
    expect(key?.witness?.op).toBe(4);
    expect(key?.witness?.explanation).toContain('key "k" then holds "acb", but it returned "abc"');
    // A put that could come in between rescues a get that no longer starts with what was held.
    const rescued = h(
      [0, "invoke", "append", "x", "k"],
      [0, "ok", "append", "x", "k"],
      [1, "invoke", "put", "y", "k"],
      [0, "invoke", "append", "z", "k"],
      [0, "ok", "append", "z", "k"],
      [2, "invoke", "get", null, "k"],
      [2, "ok", "get", "yz", "k"],
      [1, "ok", "put", "y", "k"],
    );
    expect(checkLinearizability(rescued).valid).toBe(true);
  });

  it("starts from the initial value it is given", () => {
    const history = h([0, "invoke", "read", null], [0, "ok", "read", "x"]);
    expect(checkLinearizability(history).valid).toBe(false);
    expect(checkLinearizability(history, { initial: "x" }).valid).toBe(true);
    const kv = h([0, "invoke", "get", null, "k"], [0, "ok", "get", "seed", "k"]);
    expect(checkLinearizability(kv, { initial: "seed" }).valid).toBe(true);
  });

  it("refuses operations its model does not have", () => {
    const history = h([0, "invoke", "cas", [0, 1]], [0, "ok", "cas", [0, 1]]);
    expect(() => checkLinearizability(history, { model: "register" })).toThrow(CheckError);
    expect(() => checkLinearizability(history, { model: "register" })).toThrow(
      "operation 0: a cas operation, which the register model does not have (it has read, write)",
    );
    expect(() => checkLinearizability(h([0, "invoke", "cas", 3], [0, "ok", "cas", 3]))).toThrow(
      "a cas needs [expected new] as its value, got 3",
    );
  });

  it("agrees with Porcupine's register examples (closed intervals, register initially 0)", () => {
    const cases = vectors.porcupine_register_examples.cases as {
      ops: {
        client: number;
        op: string;
        value?: number;
        out?: number;
        call: number;
        ret: number;
      }[];
      linearizable: boolean;
    }[];
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const ops: Operation[] = c.ops.map((o, id) => ({
        id,
        process: o.client,
        f: o.op === "put" ? "write" : "read",
        value: (o.op === "put" ? o.value : o.out) as number,
        status: "ok",
        invoke: o.call,
        complete: o.ret,
      }));
      const r = checkLinearizability(ops, { model: "register", initial: 0 });
      expect(r.valid).toBe(c.linearizable);
      if (r.valid) expect(legal("register", 0, ops, only(r).linearization ?? [])).toBe(true);
    }
  });
});

describe("the checker's budget", () => {
  /**
   * 16 writes of 0 and 1, all concurrent with a run of 18 reads alternating 0 and 1: 17 changes
   * of value from 16 writes cannot be, but every order of the writes is a candidate.
   */
  function hard(writers: number): History {
    const events: History = [];
    for (let p = 0; p < writers; p++) {
      events.push({ process: p, type: "invoke", f: "write", value: p % 2 });
    }
    for (let k = 0; k < writers + 2; k++) {
      events.push({ process: 99, type: "invoke", f: "read", value: null });
      events.push({ process: 99, type: "ok", f: "read", value: k % 2 });
    }
    for (let p = 0; p < writers; p++)
      events.push({ process: p, type: "ok", f: "write", value: p % 2 });
    return events;
  }

  it("says unknown, never hangs, when its steps run out", () => {
    const r = checkLinearizability(hard(16), { maxSteps: 2000 });
    expect(r.valid).toBe("unknown");
    const key = only(r);
    expect(key.valid).toBe("unknown");
    expect(key.reason).toMatch(/^the search stopped after \d+ steps \(its step budget\)/);
    expect(key.longestPrefix?.order.length).toBeGreaterThan(0);
  });

  it("says unknown when an injected clock passes its time budget", () => {
    let t = 0;
    const now = () => {
      t += 1;
      return t;
    };
    const r = checkLinearizability(hard(16), { now, timeBudgetMs: 50 });
    expect(r.valid).toBe("unknown");
    expect(only(r).reason).toMatch(/when its time budget ran out/);
    // With enough budget the same history is decided.
    expect(checkLinearizability(hard(8)).valid).toBe(false);
  });
});

describe("the checker on histories made by a real sequential register", () => {
  const planned: fc.Arbitrary<PlannedOp> = fc.record({
    f: fc.constantFrom("read" as const, "write" as const),
    key: fc.constantFrom("a", "b"),
    gapBefore: fc.integer({ min: 0, max: 5 }),
    duration: fc.integer({ min: 1, max: 30 }),
    effectAt: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
  });
  const plans = fc.array(fc.array(planned, { minLength: 1, maxLength: 12 }), {
    minLength: 1,
    maxLength: 5,
  });

  it("always finds them linearizable, with a legal order", () => {
    fc.assert(
      fc.property(plans, (p) => {
        const { history } = sequentialRegisterHistory(p);
        const r = checkLinearizability(history, { model: "register" });
        expect(r.valid).toBe(true);
        for (const key of Object.values(r.keys)) {
          expect(legal("register", null, r.operations, key.linearization ?? [])).toBe(true);
        }
      }),
      { seed: 20240601, numRuns: 300 },
    );
  });

  it("finds them not linearizable once one read returns a value never written, and names it", () => {
    fc.assert(
      fc.property(plans, fc.nat(), (p, pick) => {
        const { history } = sequentialRegisterHistory(p);
        const reads = history.flatMap((e, i) => (e.type === "ok" && e.f === "read" ? [i] : []));
        fc.pre(reads.length > 0);
        const at = reads[pick % reads.length] as number;
        const corrupted = history.map((e, i) => (i === at ? { ...e, value: -1 } : e));
        const r = checkLinearizability(corrupted, { model: "register" });
        expect(r.valid).toBe(false);
        const target = pairOperations(corrupted).operations.find((o) => o.complete === at);
        const key = r.keys[target?.key ?? ""];
        expect(key?.valid).toBe(false);
        expect(key?.witness?.op).toBe(target?.id);
        expect(key?.witness?.explanation).toContain("it read -1");
        expect(legal("register", null, r.operations, key?.longestPrefix?.order ?? [])).toBe(true);
      }),
      { seed: 20240602, numRuns: 300 },
    );
  });
});

describe("the checker on long histories of one hot key", () => {
  function hotKey(clients: number, perClient: number, seed: number): History {
    const rng = new Rng(seed);
    const plans: PlannedOp[][] = [];
    for (let c = 0; c < clients; c++) {
      const plan: PlannedOp[] = [];
      for (let i = 0; i < perClient; i++) {
        plan.push({
          f: rng.chance(0.5) ? "read" : "write",
          gapBefore: rng.uniform(0, 2),
          duration: rng.uniform(1, 10),
          effectAt: rng.uniform(0.01, 0.99),
        });
      }
      plans.push(plan);
    }
    return sequentialRegisterHistory(plans).history;
  }

  it("decides 2,000 operations by 20 concurrent clients either way, within the step budget", () => {
    const history = hotKey(20, 100, 7);
    const r = checkLinearizability(history, { model: "register" });
    expect(r.valid).toBe(true);
    expect(legal("register", null, r.operations, only(r).linearization ?? [])).toBe(true);
    const last = history.findLastIndex((e) => e.type === "ok" && e.f === "read");
    const corrupted = history.map((e, i) => (i === last ? { ...e, value: -1 } : e));
    const bad = checkLinearizability(corrupted, { model: "register" });
    const key = only(bad);
    expect(key.valid).toBe(false);
    expect(bad.operations[key.witness?.op ?? -1]?.complete).toBe(last);
    expect(key.witness?.explanation).toMatch(
      /it read -1.*no operation that could take effect before it completes writes -1/,
    );
    expect(key.longestPrefix?.order.length).toBeGreaterThan(1900);
  });

  it("decides a stale read among 50 concurrent clients", () => {
    const history = hotKey(50, 40, 8);
    expect(checkLinearizability(history, { model: "register" }).valid).toBe(true);
    // A read made to return a value overwritten before it began: w, then w2 after w, then r.
    const ops = pairOperations(history).operations;
    const writes = ops.filter((o) => o.f === "write");
    const done = (o: Operation) => o.complete as number;
    let corrupted: History | undefined;
    for (const r of ops.filter((o) => o.f === "read").reverse()) {
      const w = writes.find((w1) =>
        writes.some((w2) => done(w1) < w2.invoke && done(w2) < r.invoke),
      );
      if (w !== undefined) {
        corrupted = history.map((e, i) => (i === r.complete ? { ...e, value: w.value } : e));
        break;
      }
    }
    expect(corrupted).toBeDefined();
    const r = checkLinearizability(corrupted as History, { model: "register" });
    expect(r.valid).toBe(false);
  });
});

describe("the checker on published histories", () => {
  const root = new URL("../../../../shared/external/", import.meta.url);
  const files = (dir: string) =>
    readdirSync(new URL(dir, root))
      .filter((f) => f.endsWith(".txt") || f.endsWith(".edn"))
      .map((f) => `${dir}${f}`);
  const cases = [
    ...files("porcupine-kv/").map((f) => ({ f, model: "kv" as const, valid: f.includes("-ok") })),
    ...files("knossos-cas-register/good/").map((f) => ({
      f,
      model: "cas-register" as const,
      valid: true,
    })),
    ...files("knossos-cas-register/bad/").map((f) => ({
      f,
      model: "cas-register" as const,
      valid: false,
    })),
  ];

  it("finds every file", () => {
    expect(cases.filter((c) => c.model === "kv")).toHaveLength(6);
    expect(cases.filter((c) => c.model === "cas-register")).toHaveLength(10);
  });

  for (const { f, model, valid } of cases) {
    it(`agrees that ${f} is ${valid ? "" : "not "}linearizable`, () => {
      const history = parseHistory(readFileSync(new URL(f, root), "utf8"));
      const r = checkLinearizability(history, { model });
      expect(r.valid).toBe(valid);
      for (const key of Object.values(r.keys)) {
        expect(key.valid).not.toBe("unknown");
        if (key.valid === true) {
          expect(legal(model, r.initial, r.operations, key.linearization ?? [])).toBe(true);
        } else {
          expect(key.witness?.explanation.length).toBeGreaterThan(0);
          expect(legal(model, r.initial, r.operations, key.longestPrefix?.order ?? [])).toBe(true);
        }
      }
    });
  }

  it("names the read Knossos names in rethink-fail-minimal: the read of 3, not the read after it", () => {
    const text = readFileSync(
      new URL("knossos-cas-register/bad/rethink-fail-minimal.edn", root),
      "utf8",
    );
    const r = checkLinearizability(parseHistory(text), { model: "cas-register" });
    const key = only(r);
    const op = r.operations[key.witness?.op ?? -1];
    expect(op).toMatchObject({ f: "read", value: 3, process: 1 });
    expect(key.witness?.possibleStates).toEqual(expect.arrayContaining([0, 4]));
    expect(key.witness?.explanation).toContain(
      "the register then holds either 0 or 4, but it read 3",
    );
  });
});
