/**
 * What the presets' texts promise, checked on their runs: the gossip preset's local suspicions,
 * key-placement's "K in (A, B] is stored at B, C and D", the Strategies' balance and metadata,
 * coordination's forwarding through the load balancer,
 * and the staleness preset's reads going stale less often the later they come. Every preset also
 * names its concept (title), its setup (description) and what to watch.
 */

import { describe, expect, it } from "vitest";
import { keySpaceShares, metadataBytesPerNode } from "../dynamo/partitioning";
import { keyPosition } from "../dynamo/ring";
import { Run } from "../run";
import { presetNames, presets } from "./catalog";
import { presetScenario } from "./presets";
import { scenarioFrom } from "./schema";

const names = ["A", "B", "C", "D", "E"];

describe("every preset says what it teaches", () => {
  it("has a title (the concept), a description (the setup) and what to watch", () => {
    for (const name of presetNames) {
      const p = presets[name];
      expect(p?.title.length ?? 0, name).toBeGreaterThan(10);
      expect(p?.scenario.description?.length ?? 0, name).toBeGreaterThan(20);
      expect(p?.watch.length ?? 0, name).toBeGreaterThan(60);
    }
  });

  it("covers the concepts of the course", () => {
    for (const name of [
      "key-placement",
      "strategies",
      "join-leave",
      "sloppy-quorum",
      "figure-3",
      "lww-skew",
      "lamport-vs-vector",
      "cap-partition",
      "coordination",
      "at-least-once",
      "at-most-once",
      "read-repair",
      "anti-entropy",
      "gossip",
      "linearizability-violation",
      "staleness",
    ]) {
      expect(presetNames, name).toContain(name);
    }
  });
});

describe("the presets do what their texts say", () => {
  it("gossip: nodes come to suspect C one by one while it is down, and all clear it after it recovers", () => {
    const run = new Run(presetScenario("gossip"), 1);
    const suspecting = () =>
      names.filter((n) => n !== "C" && run.nodeSummary(names.indexOf(n)).suspects.includes(2));
    const counts: number[] = [];
    for (let t = 300; t <= 880; t += 20) {
      run.runUntilMs(t);
      counts.push(suspecting().length);
    }
    // opinions are local: at some instant some live nodes suspect C and others do not yet
    expect(counts.some((c) => c > 0 && c < 4)).toBe(true);
    // before C recovers every live node has tried C and suspects it
    expect(counts.at(-1)).toBe(4);
    // no live node ever suspects another live node
    for (const n of names) {
      expect(run.nodeSummary(names.indexOf(n)).suspects.every((i) => i === 2)).toBe(true);
    }
    run.runToEnd();
    expect(suspecting()).toEqual([]);
  });

  it("key-placement: a key whose position falls in (A, B] is stored at B, C and D", () => {
    const run = new Run(presetScenario("key-placement"), 1);
    const ring = run.ring;
    const tokenOf = (node: number) =>
      ring.tokens.find((t) => t.node === node)?.position ?? "missing";
    const [a, b] = [tokenOf(0), tokenOf(1)];
    expect(a < b).toBe(true);
    let key = "";
    for (let i = 0; key === "" && i < 10_000; i++) {
      const pos = keyPosition(`K${i}`);
      if (pos > a && pos <= b) key = `K${i}`;
    }
    expect(key).not.toBe("");
    expect(ring.preferenceList(key, 3).map((i) => names[i])).toEqual(["B", "C", "D"]);
  });

  it("strategies: Strategy 3 balances best with the least metadata; 2 pays for its partition map", () => {
    const measure = (partitioning: unknown) => {
      const base = presetScenario("strategies");
      const run = new Run(
        scenarioFrom({ ...base, cluster: { ...base.cluster, partitioning } } as never),
        1,
      );
      run.runUntilMs(1_000);
      const shares = keySpaceShares(run.currentPlacement, 3);
      const mean = shares.reduce((x, y) => x + y, 0) / shares.length;
      expect(run.stats().put.ok, JSON.stringify(partitioning)).toBeGreaterThan(0);
      return {
        balance: Math.round((mean / Math.max(...shares)) * 100) / 100,
        bytes: metadataBytesPerNode(run.currentPlacement),
      };
    };
    const s1 = measure({ strategy: 1, tokensPerNode: 8 });
    const s2 = measure({ strategy: 2, tokensPerNode: 8, partitions: 512 });
    const s3 = measure({ strategy: 3, partitions: 64 });
    // the numbers the preset's text quotes
    expect([s1, s2, s3]).toEqual([
      { balance: 0.81, bytes: 1280 },
      { balance: 0.8, bytes: 3328 },
      { balance: 0.92, bytes: 256 },
    ]);
  });

  it("coordination: the load balancer picks a random node, and about nine times in twelve it forwards into the preference list", () => {
    const run = new Run(presetScenario("coordination"), 1, { traceWindow: 1 << 20 });
    run.runUntilMs(3_000);
    const nodes = new Set(run.ring.tokens.map((t) => t.node));
    let handedOut = 0;
    let forwarded = 0;
    for (const e of run.sim.trace.since(0)) {
      if (e.kind !== "send" || (e.type !== "get" && e.type !== "put")) continue;
      if (run.sim.procName(e.proc) === "lb") handedOut++;
      else if (nodes.has(e.proc) && nodes.has(e.peer)) forwarded++;
    }
    expect(handedOut).toBeGreaterThan(500);
    const share = forwarded / handedOut;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
  });

  it("staleness: a read right at commit is often stale, and reads later are stale less often", () => {
    const base = presetScenario("staleness");
    const scenario = scenarioFrom({
      ...base,
      durationMs: 400 * 30,
      workload: {
        ...base.workload,
        staleness: { ...base.workload.staleness, trials: 300 },
      },
    } as never);
    const run = new Run(scenario, 1);
    run.runToEnd();
    const byKey = new Map<string, { put?: boolean; reads: boolean[] }>();
    for (const op of run.history) {
      const entry = byKey.get(op.key) ?? { reads: [] };
      if (op.f === "put") entry.put = op.outcome === "ok";
      else if (op.outcome === "ok") {
        const values = (op.result as { values: readonly string[] }).values;
        entry.reads.push(values.includes(`v${op.key.slice(1)}`));
      }
      byKey.set(op.key, entry);
    }
    const fresh = [0, 0, 0, 0];
    let trials = 0;
    for (const e of byKey.values()) {
      if (e.put !== true || e.reads.length !== 4) continue;
      trials++;
      e.reads.forEach((ok, i) => {
        if (ok) fresh[i] = (fresh[i] as number) + 1;
      });
    }
    expect(trials).toBeGreaterThan(200);
    const p = fresh.map((f) => f / trials);
    expect(p[0]).toBeLessThan(0.9);
    expect(p).toEqual([...p].sort((x, y) => x - y));
    expect(p[3]).toBeGreaterThan(p[0] as number);
    expect(p[3]).toBeGreaterThan(0.95);
  });
});
