import { describe, expect, it } from "vitest";
import { formatLabHash, isLabHash, parseLabHash } from "./labUrl";

describe("the lab's address", () => {
  it("holds the experiment, its seeds and its parameters, and reads back what it writes", () => {
    const hash = formatLabHash("keys-moved", { nodes: [5, 10], keys: 500 }, "1..4");
    expect(hash).toBe("#lab=keys-moved&seeds=1..4&nodes=5,10&keys=500");
    expect(parseLabHash(hash)).toEqual({
      experiment: "keys-moved",
      params: { nodes: [5, 10], keys: 500 },
      seedsText: "1..4",
      problems: [],
    });
  });

  it("is told apart from the live view's addresses", () => {
    expect(isLabHash("#lab=table2")).toBe(true);
    expect(isLabHash("#preset=default&seed=1")).toBe(false);
    expect(isLabHash("#share=abc")).toBe(false);
    expect(isLabHash("#run=abc")).toBe(false);
  });

  it("explains an unknown experiment, a bad value or bad seeds, and falls back to the defaults", () => {
    const c = parseLabHash("#lab=nope&seeds=x");
    expect(c.experiment).toBe("table2");
    expect(c.seedsText).toBe("1..8");
    expect(c.problems).toEqual([
      'Unknown experiment "nope" in the address; showing "Client- vs server-driven coordination (Table 2)".',
      'In the address, the seeds: "x" is not a seed or a range of seeds (write e.g. 1..20 or 1, 5, 9); using 1..8.',
    ]);
    const d = parseLabHash("#lab=table2&requests=7");
    expect(d.params.requests).toBe(20_000);
    expect(d.problems[0]).toContain('requests must be a whole number from 1000 to 200000, got "7"');
    const e = parseLabHash("#lab=table2&seeds=1..2&bogus=1");
    expect(e.problems).toEqual([
      'The address holds "bogus", which Client- vs server-driven coordination (Table 2) does not take (it takes requests, nodes); ignored.',
    ]);
  });
});
