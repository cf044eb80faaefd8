import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { putVersion, staleReads as staleReadsOf } from "../check/versions";
import type { Operation } from "../core/simulation";
import { Run } from "../run";
import { nodeNames, scenarioFrom } from "../scenario/schema";

interface Config {
  nodes: number;
  n: number;
  r: number;
  w: number;
  clients: number;
  keys: number;
  seed: number;
}

function runWorkload(c: Config): Run {
  const scenario = scenarioFrom({
    version: 1,
    durationMs: 1500,
    cluster: { nodes: nodeNames(c.nodes).map((name) => ({ name })) },
    quorum: { n: c.n, r: c.r, w: c.w, requestTimeoutMs: 500, sloppy: false },
    network: { latency: { kind: "exponential", meanMs: 1 } },
    workload: { clients: c.clients, mode: "open", ratePerSec: 200, keys: { count: c.keys } },
  });
  const run = new Run(scenario, c.seed);
  run.runToEnd();
  return run;
}

/** Gets that began after a put of their key completed, yet returned neither it nor a successor. */
function staleReads(history: readonly Operation[]): Operation[] {
  return staleReadsOf(history, "vector-clock").map((s) => s.get);
}

const strictQuorum = fc
  .record({
    nodes: fc.integer({ min: 3, max: 8 }),
    n: fc.integer({ min: 1, max: 5 }),
    r: fc.integer({ min: 1, max: 5 }),
    w: fc.integer({ min: 1, max: 5 }),
    clients: fc.integer({ min: 1, max: 4 }),
    keys: fc.integer({ min: 1, max: 5 }),
    seed: fc.nat(),
  })
  .map((c) => {
    const n = Math.min(c.n, c.nodes);
    const r = Math.min(c.r, n);
    const w = Math.max(Math.min(c.w, n), n - r + 1); // R + W > N
    return { ...c, n, r, w };
  });

describe("quorum get and put", () => {
  it("with strict quorum, R + W > N and no faults, a get that starts after a put completed returns it or a newer version (property)", () => {
    fc.assert(
      fc.property(strictQuorum, (c) => {
        const run = runWorkload(c);
        const ops = run.history;
        expect(ops.length).toBeGreaterThan(0);
        expect(ops.every((op) => op.outcome === "ok")).toBe(true);
        expect(staleReads(ops)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it("catches a read that returns an older version than a completed put (the check has teeth)", () => {
    const run = runWorkload({ nodes: 5, n: 3, r: 2, w: 2, clients: 2, keys: 1, seed: 1 });
    const history = run.history.map((op) => ({ ...op }));
    expect(staleReads(history)).toEqual([]);
    // Make the last read return the first version ever written: it is now stale.
    const firstPut = history.find((op) => op.f === "put" && op.outcome === "ok") as Operation;
    const lastGet = history.findLast((op) => op.f === "get" && op.outcome === "ok") as Operation;
    const first = putVersion(firstPut);
    lastGet.result = { values: [first.value], versions: [first], context: first.clock };
    expect(staleReads(history)).toEqual([lastGet]);
  });

  it("with the coordinator always the first replica, R = W = 1 still reads its own latest write", () => {
    // The coordinator writes locally before answering and reads locally first, so without faults or
    // a change of coordinator even N = 3, R = W = 1 returns the newest version. Staleness needs a
    // different coordinator for reads, which sloppy quorums and client-driven routing bring.
    const run = runWorkload({ nodes: 5, n: 3, r: 1, w: 1, clients: 4, keys: 2, seed: 1 });
    expect(staleReads(run.history)).toEqual([]);
  });

  it("answers a put only after W replicas hold it", () => {
    const run = runWorkload({ nodes: 5, n: 3, r: 2, w: 3, clients: 1, keys: 1, seed: 4 });
    const events = run.sim.trace.since(0);
    for (const ok of events.filter((e) => e.kind === "send" && e.type === "put_ok")) {
      // each put_ok is preceded by two replica_write_ok deliveries to its coordinator
      const acks = events.filter(
        (e) =>
          e.kind === "deliver" &&
          e.type === "replica_write_ok" &&
          e.proc === ok.proc &&
          e.index < ok.index,
      );
      expect(acks.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("fails a put with a reason when too few replicas answer, and the client sees it", () => {
    const scenario = scenarioFrom({
      version: 1,
      durationMs: 1000,
      quorum: { n: 3, r: 2, w: 3, requestTimeoutMs: 100, sloppy: false },
      workload: { clients: 1, ratePerSec: 20, getFraction: 0 },
      timeline: [{ atMs: 0, kind: "crash", node: "E" }],
    });
    const run = new Run(scenario, 2);
    run.runToEnd();
    const failed = run.history.filter((op) => op.outcome !== "ok");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((op) => op.outcome === "info")).toBe(true); // a failed put may have applied
    expect(failed.map((op) => op.reason)).toContain(
      "timed out after 100 ms with 2 of 3 acknowledgements (W = 3); no answer from E (strict quorum: only the preference list may answer)",
    );
  });

  it("times out at the client when the coordinator is down", () => {
    const scenario = scenarioFrom({
      version: 1,
      durationMs: 1000,
      workload: { clients: 1, ratePerSec: 50, clientTimeoutMs: 200 },
      timeline: [{ atMs: 0, kind: "crash", node: "A" }],
    });
    const run = new Run(scenario, 3);
    run.runToEnd();
    const reasons = new Set(run.history.filter((op) => op.outcome !== "ok").map((op) => op.reason));
    expect([...reasons]).toEqual(["no answer from A within 200 ms"]);
  });
});
