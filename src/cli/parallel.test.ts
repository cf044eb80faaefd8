import { describe, expect, it } from "vitest";
import { table2Experiment } from "../sim/experiments/table2";
import { table2Parallel } from "./parallel";

describe("Table 2 on two threads", () => {
  it("gives exactly the sequential experiment's result for the same seed", async () => {
    const options = { seed: 3, requests: 4_000, nodes: 20 };
    const parallel = await table2Parallel(options);
    expect(parallel).toEqual(table2Experiment(options));
    expect(parallel.requests.serverDriven).toBeGreaterThanOrEqual(4_000);
  });
});
