import { describe, expect, it } from "vitest";
import { latencySchema } from "../../sim/scenario/schema";
import { scaleLatency } from "./networkFaults";

describe("a slower latency distribution", () => {
  it("multiplies every shape's times and stays a valid scenario latency", () => {
    const shapes = [
      { kind: "constant", ms: 1 },
      { kind: "uniform", minMs: 1, maxMs: 3 },
      { kind: "exponential", meanMs: 2 },
      { kind: "lognormal", medianMs: 1, sigma: 0.4 },
      { kind: "pareto", scaleMs: 0.5, shape: 2 },
      {
        kind: "mixture",
        components: [
          { weight: 9, dist: { kind: "constant", ms: 1 } },
          {
            weight: 1,
            dist: { kind: "shifted", offsetMs: 5, dist: { kind: "exponential", meanMs: 1 } },
          },
        ],
      },
    ];
    for (const s of shapes) {
      const slow = scaleLatency(s, 10);
      expect(slow).not.toBeNull();
      expect(latencySchema.safeParse(slow).success).toBe(true);
    }
    expect(scaleLatency({ kind: "lognormal", medianMs: 1, sigma: 0.4 }, 10)).toEqual({
      kind: "lognormal",
      medianMs: 10,
      sigma: 0.4,
    });
    expect(
      scaleLatency(
        {
          kind: "mixture",
          components: [
            {
              weight: 1,
              dist: { kind: "shifted", offsetMs: 2, dist: { kind: "constant", ms: 1 } },
            },
          ],
        },
        3,
      ),
    ).toEqual({
      kind: "mixture",
      components: [
        { weight: 1, dist: { kind: "shifted", offsetMs: 6, dist: { kind: "constant", ms: 3 } } },
      ],
    });
  });

  it("says so for a shape it does not know", () => {
    expect(scaleLatency({ kind: "weird" }, 2)).toBeNull();
    expect(scaleLatency(null, 2)).toBeNull();
  });
});
