import { describe, expect, it } from "vitest";
import { placeNodes } from "../dynamo/partitioning";
import { nodeNames } from "../scenario/schema";
import { loadBalancingEfficiency, strategiesExperiment } from "./strategies";

describe("the partitioning strategies at equal metadata (Dynamo, Figure 8)", () => {
  const result = strategiesExperiment({ seed: 1, repeats: 3, sweep: [1, 4, 16] });

  it("ranks Strategy 3 first and Strategy 2 last at every metadata size, S = 30, N = 3", () => {
    expect(result.rows).toHaveLength(9);
    for (let i = 0; i < result.rows.length; i += 3) {
      const [s1, s2, s3] = result.rows.slice(i, i + 3);
      expect([s1?.strategy, s2?.strategy, s3?.strategy]).toEqual([1, 2, 3]);
      // equal metadata per node
      expect(s2?.metadataBytesPerNode).toBe(s1?.metadataBytesPerNode);
      expect(s3?.metadataBytesPerNode).toBe(s1?.metadataBytesPerNode);
      expect(s3?.efficiency).toBeGreaterThan(s1?.efficiency as number);
      expect(s1?.efficiency).toBeGreaterThan(s2?.efficiency as number);
    }
  });

  it("balances better with more metadata", () => {
    for (const strategy of [1, 2, 3]) {
      const effs = result.rows.filter((r) => r.strategy === strategy).map((r) => r.efficiency);
      expect(effs[2]).toBeGreaterThan(effs[0] as number);
    }
  });

  it("reports each row's parameters, its spread over placements, and nothing random", () => {
    expect(result.rows[0]).toMatchObject({
      strategy: 1,
      nodes: 30,
      replicas: 3,
      tokensPerNode: 3,
      partitions: 90,
      metadataBytesPerNode: 1800,
      placements: 3,
    });
    expect(result.rows[2]).toMatchObject({ strategy: 3, tokensPerNode: 15, partitions: 450 });
    for (const row of result.rows) {
      expect(row.efficiencyMin).toBeLessThanOrEqual(row.efficiency);
      expect(row.efficiency).toBeLessThanOrEqual(row.efficiencyMax);
      expect(row.efficiencyMax).toBeLessThanOrEqual(1);
    }
    expect(strategiesExperiment({ seed: 1, repeats: 3, sweep: [1, 4, 16] })).toEqual(result);
  });

  it("calls evenly spaced tokens and a round-robin partition table perfectly balanced", () => {
    expect(loadBalancingEfficiency(placeNodes(nodeNames(30)), 3)).toBeCloseTo(1, 9);
    expect(
      loadBalancingEfficiency(
        placeNodes(nodeNames(30), { strategy: "explicit", partitions: 300 }),
        3,
      ),
    ).toBeCloseTo(1, 9);
  });
});
