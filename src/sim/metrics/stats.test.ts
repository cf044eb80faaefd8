import { describe, expect, it } from "vitest";
import { LatencyRecorder, percentile } from "./stats";

describe("latency statistics", () => {
  it("use nearest-rank percentiles", () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(percentile(xs, 0.5)).toBe(500);
    expect(percentile(xs, 0.99)).toBe(990);
    expect(percentile(xs, 0.999)).toBe(999);
    expect(percentile([7], 0.999)).toBe(7);
    expect(percentile([], 0.5)).toBe(0);
  });

  it("count failures without giving them a latency", () => {
    const r = new LatencyRecorder();
    for (const ms of [3, 1, 2]) {
      r.invoked();
      r.ok(ms);
    }
    r.invoked();
    r.fail();
    expect(r.stats()).toEqual({
      count: 4,
      ok: 3,
      failed: 1,
      meanMs: 2,
      p50Ms: 2,
      p99Ms: 3,
      p999Ms: 3,
      maxMs: 3,
    });
  });
});
