import { describe, expect, it } from "vitest";
import { historyOps } from "../check/consistency";
import { clusterVersions, putVersion } from "../check/versions";
import { holdsVersion } from "../dynamo/versioning";
import { Run } from "../run";
import { presetScenario } from "../scenario/presets";
import { type ScenarioInput, scenarioFrom } from "../scenario/schema";
import type { PutResult } from "./client";

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** The default cluster on a network that loses and duplicates, under the given RPC semantics. */
function lossy(
  rpc: "at-least-once" | "at-most-once",
  extra: Partial<ScenarioInput["workload"]> = {},
) {
  const base = presetScenario("default");
  return scenarioFrom({
    ...base,
    durationMs: 3_000,
    network: { ...base.network, loss: 0.05, duplicate: 0.1 },
    workload: { ...base.workload, rpc, ...extra },
  });
}

/** A put through A whose answers never reach client1, so the client retries it. */
function unanswered(rpc: "at-least-once" | "at-most-once", dedupWindowMs = 1000): Run {
  const run = new Run(
    scenarioFrom({
      version: 1,
      durationMs: 500,
      cluster: { nodes: [{ name: "A" }, { name: "B" }, { name: "C" }] },
      network: {
        latency: { kind: "constant", ms: 1 },
        links: [{ from: "A", to: "client1", bothWays: false, loss: 1 }],
      },
      replication: { readRepair: false, antiEntropyIntervalMs: 0 },
      workload: {
        clients: 1,
        mode: "script",
        rpc,
        maxRetries: 2,
        retryAfterMs: 50,
        dedupWindowMs,
        clientTimeoutMs: 400,
        script: [{ atMs: 10, client: "client1", f: "put", key: "x", value: "once", via: "A" }],
      },
    }),
    1,
  );
  run.runToEnd();
  return run;
}

describe("RPC semantics", () => {
  it("at-least-once: a put whose answers are lost is retried, and applied again each time", () => {
    const run = unanswered("at-least-once");
    expect(run.summary().rpc).toMatchObject({ retries: 2, duplicatesApplied: 2, dedupHits: 0 });
    const versions = clusterVersions(run, "x").versions;
    // three applications of one request: three versions with distinct dots, kept as siblings
    expect(versions.map((v) => v.value)).toEqual(["once", "once", "once"]);
    expect(new Set(versions.map((v) => `${v.dot.node}:${v.dot.counter}`)).size).toBe(3);
  });

  it("at-most-once: the retries get the remembered answer and the put is applied once", () => {
    const run = unanswered("at-most-once");
    expect(run.summary().rpc).toMatchObject({ retries: 2, duplicatesApplied: 0, dedupHits: 2 });
    expect(clusterVersions(run, "x").versions.map((v) => v.value)).toEqual(["once"]);
  });

  it("marks each retry, duplicate and de-duplication hit on the operation it belongs to", () => {
    const least = historyOps(unanswered("at-least-once"));
    expect(least).toHaveLength(1);
    // retries at 60 and 110 ms (50 ms apart); each reaches A 1 ms later and is applied again
    expect(least[0]?.rpc).toEqual([
      { kind: "retry", atMs: 60, at: "client1" },
      { kind: "duplicate", atMs: 61, at: "A" },
      { kind: "retry", atMs: 110, at: "client1" },
      { kind: "duplicate", atMs: 111, at: "A" },
    ]);
    const most = historyOps(unanswered("at-most-once"));
    expect(most[0]?.rpc.map((m) => `${m.kind}@${m.at}`)).toEqual([
      "retry@client1",
      "dedup-hit@A",
      "retry@client1",
      "dedup-hit@A",
    ]);
  });

  it("at-most-once: a retry after the retention window is applied again, and counted", () => {
    const run = unanswered("at-most-once", 30);
    expect(run.summary().rpc).toMatchObject({
      retries: 2,
      duplicatesApplied: 2,
      dedupHits: 0,
      dedupExpired: 2,
    });
    expect(clusterVersions(run, "x").versions).toHaveLength(3);
  });

  it("at-most-once never applies a request twice within the retention window (loss and duplication)", () => {
    let hits = 0;
    for (const seed of SEEDS) {
      const scenario = lossy("at-most-once", { dedupWindowMs: 2_000 });
      const run = new Run(scenario, seed);
      run.runToEnd();
      const probe = run.rpcProbe;
      expect(probe).not.toBeNull();
      for (const [rid, applications] of probe?.entries() ?? []) {
        for (let i = 1; i < applications.length; i++) {
          const a = applications[i - 1];
          const b = applications[i];
          if (a === undefined || b === undefined) continue;
          if (a.node === b.node) {
            expect(b.atMs - a.atMs, `seed ${seed}: ${rid}`).toBeGreaterThan(2_000);
          }
        }
      }
      const counts = run.summary().rpc;
      expect(counts?.duplicatesApplied, `seed ${seed}`).toBe(0);
      hits += counts?.dedupHits ?? 0;
    }
    expect(hits).toBeGreaterThan(0);
  });

  it("at-least-once applies every acknowledged request at least once, and some more than once", () => {
    let duplicates = 0;
    for (const seed of SEEDS) {
      const scenario = lossy("at-least-once");
      const run = new Run(scenario, seed);
      run.runToEnd();
      const probe = run.rpcProbe;
      const mode = scenario.replication.conflicts;
      const puts = run.history.filter((op) => op.f === "put" && op.outcome === "ok");
      expect(puts.length).toBeGreaterThan(0);
      for (const op of puts) {
        const rid = (op.result as PutResult).requestId as string;
        expect(probe?.applicationsOf(rid).length, `seed ${seed}: ${rid}`).toBeGreaterThanOrEqual(1);
        const version = putVersion(op);
        // the acknowledged version is in the cluster, or superseded by what is
        expect(holdsVersion(clusterVersions(run, op.key), version, mode), `seed ${seed}`).toBe(
          true,
        );
      }
      duplicates += run.summary().rpc?.duplicatesApplied ?? 0;
      expect(run.summary().rpc?.retries).toBeGreaterThan(0);
    }
    expect(duplicates).toBeGreaterThan(0);
  });
});
