import { describe, expect, it } from "vitest";
import type { LabJobMessage } from "../worker/labJob";
import { handleLabJob } from "../worker/labJob";
import { experimentCommand, UsageError } from "./commands";

/** What the browser's lab worker answers for one seed, as the pool hands it a job. */
function browserRun(experiment: LabJobMessage["experiment"], params: unknown, seed: number) {
  const reply = handleLabJob({ type: "run", jobId: 1, experiment, params, seed }, () => 0);
  if (reply.type !== "result") throw new Error(reply.message);
  return reply.result;
}

describe("the lab experiments in the CLI and in the browser", () => {
  it("give equal results for equal seeds: experiment staleness --seeds 4..5 against the lab worker's job", () => {
    const out = JSON.parse(
      experimentCommand([
        "staleness",
        "--seeds",
        "4..5",
        "--models",
        "ymmr",
        "--quorums",
        "R1W1,R2W1",
        "--trials",
        "80",
        "--json",
      ]),
    );
    expect(out.seeds).toEqual([4, 5]);
    for (const run of out.runs) {
      expect(browserRun("staleness", out.params, run.seed)).toEqual(run.result);
    }
    expect(out.summary.seeds).toEqual([4, 5]);
  });

  it("give equal results for Table 2 and the N/R/W sweep", () => {
    const t2 = JSON.parse(
      experimentCommand(["table2", "--seeds=2", "--requests", "1500", "--nodes", "8", "--json"]),
    );
    expect(browserRun("table2", { requests: 1500, nodes: 8 }, 2)).toEqual(t2.runs[0].result);
    const q = JSON.parse(
      experimentCommand([
        "quorum-sweep",
        "--seeds",
        "3",
        "--configs",
        "N3R2W2",
        "--rate",
        "100",
        "--json",
      ]),
    );
    expect(browserRun("quorum-sweep", q.params, 3)).toEqual(q.runs[0].result);
  });

  it("keeps the one-seed forms working, and says what is wrong with a bad flag", () => {
    const one = JSON.parse(
      experimentCommand(["keys-moved", "--seed", "2", "--nodes", "10", "--json"]),
    );
    expect(one.experiment).toBe("keys-moved");
    expect(one.rows.length).toBeGreaterThan(0);
    expect(() => experimentCommand(["table2", "--seeds", "1", "--requests", "10"])).toThrow(
      UsageError,
    );
    expect(() => experimentCommand(["table2", "--seeds", "9..1"])).toThrow(/runs backwards/);
    expect(() => experimentCommand(["strategies", "--seeds", "1..2", "--seed", "4"])).toThrow(
      "give --seed or --seeds, not both",
    );
    expect(() => experimentCommand(["quorum-sweep", "--seeds", "1", "--colour", "red"])).toThrow(
      /unknown parameter colour/,
    );
  });

  it("prints a summary with intervals and the seeds used", () => {
    const text = experimentCommand([
      "strategies",
      "--seeds",
      "1..3",
      "--sweep",
      "2",
      "--nodes",
      "10",
    ]);
    expect(text).toContain("seeds: 1..3 (3); mean [95% t-interval] across seeds");
    expect(text).toMatch(/strategy 3 {2}efficiency 0\.\d{3} \[/);
  });
});
