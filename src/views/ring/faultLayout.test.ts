import { describe, expect, it } from "vitest";
import type { ActiveFaults } from "../../worker/protocol";
import { faultMarks, separatingWall, sideOf, splitByLine, wallBetween } from "./faultLayout";
import type { RingLayout } from "./ringLayout";

/** Four nodes at the compass points around (100, 100), a client in the middle. */
const layout = {
  cx: 100,
  cy: 100,
  bandR: 80,
  nodes: [
    { name: "A", x: 100, y: 20 },
    { name: "B", x: 180, y: 100 },
    { name: "C", x: 100, y: 180 },
    { name: "D", x: 20, y: 100 },
  ],
  clients: [{ label: "client1", x: 100, y: 100 }],
} as unknown as RingLayout;

const healthy: ActiveFaults = { partition: null, cuts: [], slow: [], slowLinks: [], rates: null };

describe("drawing a partition by dragging a line across the ring", () => {
  it("puts the processes on each side of the line in a group", () => {
    const at = new Map(layout.nodes.map((n) => [n.name, { x: n.x, y: n.y }]));
    // a line from upper left to lower right: A and B on one side, C and D on the other
    const split = splitByLine({ x: 20, y: 20 }, { x: 180, y: 180 }, at);
    expect(split?.map((g) => g.sort())).toEqual([
      ["C", "D"],
      ["A", "B"],
    ]);
    // the larger side comes first
    at.set("client1", { x: 30, y: 20 });
    expect(splitByLine({ x: 20, y: 20 }, { x: 180, y: 180 }, at)?.[0]?.sort()).toEqual([
      "A",
      "B",
      "client1",
    ]);
  });

  it("ignores a click (too short) and a line with everyone on one side", () => {
    const at = new Map(layout.nodes.map((n) => [n.name, { x: n.x, y: n.y }]));
    expect(splitByLine({ x: 10, y: 10 }, { x: 15, y: 12 }, at)).toBeNull();
    expect(splitByLine({ x: 0, y: 300 }, { x: 300, y: 300 }, at)).toBeNull();
  });

  it("tells the sides of a line apart", () => {
    expect(sideOf({ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 5, y: 5 })).toBe(1);
    expect(sideOf({ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 5, y: -5 })).toBe(-1);
  });
});

describe("faults on the ring", () => {
  it("pairs both directions of a cut link into one mark, and keeps a one-way one apart", () => {
    const marks = faultMarks(layout, { ...healthy, cuts: ["A→B", "B→A", "C→D"] }, null);
    expect(marks.cuts.map((c) => [c.label, c.oneWay])).toEqual([
      ["A↔B", false],
      ["C→D", true],
    ]);
    expect(marks.cuts[0]?.from).toEqual({ x: 100, y: 20 });
  });

  it("dashes slow links and walls off a partition between its two groups", () => {
    const marks = faultMarks(
      layout,
      {
        ...healthy,
        slowLinks: ["A→C"],
        partition: [
          ["A", "B"],
          ["C", "D", "client1"],
        ],
      },
      null,
    );
    expect(marks.slow.map((s) => s.label)).toEqual(["A→C"]);
    const wall = marks.wall;
    expect(wall).not.toBeNull();
    const w = wall as NonNullable<typeof wall>;
    // A and B on one side of the wall, C and D on the other
    const s = (p: { x: number; y: number }) => sideOf(w.from, w.to, p);
    expect(s({ x: 100, y: 20 })).toBe(s({ x: 180, y: 100 }));
    expect(s({ x: 100, y: 180 })).toBe(s({ x: 20, y: 100 }));
    expect(s({ x: 100, y: 20 })).not.toBe(s({ x: 100, y: 180 }));
  });

  it("keeps the wall the user drew while it still separates the groups", () => {
    const drawn = { from: { x: 20, y: 20 }, to: { x: 180, y: 180 } };
    const marks = faultMarks(
      layout,
      {
        ...healthy,
        partition: [
          ["A", "B"],
          ["C", "D"],
        ],
      },
      drawn,
    );
    expect(marks.wall).toBe(drawn);
    const other = faultMarks(
      layout,
      {
        ...healthy,
        partition: [
          ["A", "C"],
          ["B", "D"],
        ],
      },
      drawn,
    );
    expect(other.wall).not.toBe(drawn);
  });

  it("finds a line that separates the groups where a bisector of their centres would not", () => {
    // a tight group on the right, a wide one around it: the centres' bisector cuts the wide one
    const g1 = [
      { x: 170, y: 90 },
      { x: 170, y: 110 },
    ];
    const g2 = [
      { x: 20, y: 100 },
      { x: 150, y: 20 },
      { x: 150, y: 180 },
    ];
    const wall = separatingWall(g1, g2, { x: 100, y: 100 }, 80) as NonNullable<
      ReturnType<typeof separatingWall>
    >;
    const side = (p: { x: number; y: number }) => sideOf(wall.from, wall.to, p);
    expect(new Set(g1.map(side))).toEqual(new Set([side(g1[0] as { x: number; y: number })]));
    expect(new Set(g2.map(side)).size).toBe(1);
    expect(side(g1[0] as { x: number; y: number })).not.toBe(
      side(g2[0] as { x: number; y: number }),
    );
    const bisector = wallBetween(g1, g2, { x: 100, y: 100 }, 80) as NonNullable<typeof wall>;
    expect(new Set(g2.map((p) => sideOf(bisector.from, bisector.to, p))).size).toBe(2);
    // interleaved groups cannot be split by one line: the bisector stands in
    const a = [
      { x: 100, y: 20 },
      { x: 100, y: 180 },
    ];
    const b = [
      { x: 20, y: 100 },
      { x: 180, y: 100 },
    ];
    expect(separatingWall(a, b, { x: 100, y: 100 }, 80)).toEqual(
      wallBetween(a, b, { x: 100, y: 100 }, 80),
    );
  });

  it("draws no wall for identical centres", () => {
    expect(wallBetween([{ x: 1, y: 1 }], [{ x: 1, y: 1 }], { x: 0, y: 0 }, 10)).toBeNull();
  });
});
