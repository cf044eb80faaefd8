import { describe, expect, it } from "vitest";
import { Run } from "../run";
import { presetScenario } from "../scenario/presets";
import { scenarioFrom } from "../scenario/schema";
import { HEADER_BYTES, messageBytes, transferMs, valueSize } from "./payload";

describe("message sizes and bandwidth", () => {
  it("gives each value a size in its range, the same wherever it travels", () => {
    const sizes = { min: 1_000, max: 2_000 };
    for (let i = 0; i < 500; i++) {
      const b = valueSize(`client1:${i}`, sizes);
      expect(b).toBeGreaterThanOrEqual(1_000);
      expect(b).toBeLessThanOrEqual(2_000);
      expect(valueSize(`client1:${i}`, sizes)).toBe(b);
    }
    expect(valueSize("x", { min: 0, max: 0 })).toBe(0);
    const put = { type: "put", key: "k", value: "v", context: null } as const;
    expect(messageBytes(put, { min: 500, max: 500 })).toBe(HEADER_BYTES + 500);
    expect(messageBytes({ type: "membership_req" }, { min: 500, max: 500 })).toBe(HEADER_BYTES);
    // 1 MB at 8 Mbps: one second
    expect(transferMs(1_000_000, 8)).toBe(1_000);
  });

  it("big values on a thin network: each hop that carries the value pays size / bandwidth", () => {
    const base = presetScenario("default");
    const run = (big: boolean) => {
      const r = new Run(
        scenarioFrom({
          ...base,
          durationMs: 4_000,
          network: { ...base.network, ...(big && { bandwidthMbps: 10 }) },
          // one client: no concurrent writes, so no siblings to carry besides the value itself
          workload: { ...base.workload, clients: 1, valueBytes: { min: 50_000, max: 50_000 } },
        }),
        2,
      );
      r.runToEnd();
      return r.stats();
    };
    const small = run(false);
    const large = run(true);
    // 50,100 bytes at 10 Mbps = 40.08 ms a hop. A put carries its value to the coordinator, the
    // coordinator to the replicas, and the answer back: three such hops, about 120 ms more.
    const putMore = large.put.meanMs - small.put.meanMs;
    expect(putMore).toBeGreaterThan(110);
    expect(putMore).toBeLessThan(140);
    // a get carries the value back twice (replica to coordinator, coordinator to client)
    const getMore = large.get.meanMs - small.get.meanMs;
    expect(getMore).toBeGreaterThan(60);
    expect(getMore).toBeLessThan(putMore);
  });
});
