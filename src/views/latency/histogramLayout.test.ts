import { describe, expect, it } from "vitest";
import { histogramLayout } from "./histogramLayout";

const edges = Array.from({ length: 41 }, (_, i) => 10 ** (i / 10 - 1));
const counts = edges.slice(1).map((_, i) => (i >= 10 && i < 30 ? 5 : 0));

describe("the histogram's marks", () => {
  it("write each label apart when the lines stand apart", () => {
    const { marks } = histogramLayout(
      edges,
      counts,
      [
        { name: "mean", ms: 1 },
        { name: "p99", ms: 30 },
      ],
      320,
      84,
    );
    expect(marks.map((m) => m.label)).toEqual(["mean", "p99"]);
    expect(marks.map((m) => m.labelX)).toEqual(marks.map((m) => m.x));
  });

  it("share one label, between them, when the lines are too close for two", () => {
    const { marks } = histogramLayout(
      edges,
      counts,
      [
        { name: "mean", ms: 1 },
        { name: "p99", ms: 30 },
        { name: "p99.9", ms: 31 },
      ],
      320,
      84,
    );
    expect(marks.map((m) => m.label)).toEqual(["mean", "p99 / p99.9", ""]);
    const [, p99, p999] = marks;
    expect(p99?.labelX).toBeCloseTo(((p99?.x ?? 0) + (p999?.x ?? 0)) / 2);
  });
});
