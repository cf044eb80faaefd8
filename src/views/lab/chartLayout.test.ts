import { describe, expect, it } from "vitest";
import { aggregate } from "../../sim/experiments/experiments";
import { runExperiment } from "../../sim/experiments/labRuns";
import { barEnds, type ChartSpec, chartLayout, chartRows, hasOpenBars, toCsv } from "./chartLayout";
import { figuresOf } from "./figures";

const spec = (over: Partial<ChartSpec> = {}): ChartSpec => ({
  id: "t",
  title: "T",
  caption: "c",
  xLabel: "x",
  yLabel: "y",
  xKind: "linear",
  yKind: "linear",
  xFormat: String,
  yFormat: String,
  xColumn: "x",
  yColumn: "y",
  series: [
    {
      name: "a",
      colour: "#000",
      line: true,
      points: [
        { x: 0, y: 0, yLo: -1, yHi: 1 },
        { x: 10, y: 10, yLo: 9, yHi: 11 },
      ],
    },
  ],
  ...over,
});

describe("the lab's chart layout", () => {
  it("maps the data inside the plot, larger y upwards, with an error bar per interval", () => {
    const l = chartLayout(spec(), 500, 300);
    const s = l.series[0];
    expect(s?.path).toMatch(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
    const [a, b] = s?.dots ?? [];
    expect((b?.cx as number) > (a?.cx as number)).toBe(true);
    expect((b?.cy as number) < (a?.cy as number)).toBe(true);
    for (const d of s?.dots ?? []) {
      expect(d.cx).toBeGreaterThanOrEqual(l.plot.left);
      expect(d.cx).toBeLessThanOrEqual(l.plot.right);
      expect(d.cy).toBeGreaterThanOrEqual(l.plot.top);
      expect(d.cy).toBeLessThanOrEqual(l.plot.bottom);
    }
    expect(s?.bars).toHaveLength(2);
    expect(s?.dots[1]?.title).toBe("a: x 10, y 10 [9, 11]");
  });

  it("puts the nines evenly apart on a nines axis, and decades on a log axis", () => {
    const l = chartLayout(
      spec({
        xKind: "log",
        yKind: "nines",
        yDomain: [0, 0.999],
        series: [
          {
            name: "a",
            colour: "#000",
            line: true,
            points: [
              { x: 1, y: 0.5 },
              { x: 100, y: 0.99 },
            ],
          },
        ],
      }),
      500,
      300,
    );
    const ys = l.yTicks.map((t) => t.at);
    expect(l.yTicks.map((t) => t.label)).toEqual(["0", "0.5", "0.9", "0.99", "0.999"]);
    expect((ys[2] as number) - (ys[3] as number)).toBeCloseTo(
      (ys[3] as number) - (ys[4] as number),
      6,
    );
    expect(l.xTicks.map((t) => t.label)).toEqual(["1", "10", "100"]);
  });

  it("leaves out points a log axis cannot show instead of drawing them at infinity", () => {
    const l = chartLayout(
      spec({
        xKind: "log",
        series: [
          {
            name: "a",
            colour: "#000",
            line: true,
            points: [
              { x: 0, y: 1 },
              { x: 5, y: 2 },
            ],
          },
        ],
      }),
      400,
      300,
    );
    expect(l.series[0]?.dots).toHaveLength(1);
  });

  it("caps an error bar's ends inside the plot, and marks an end cut off by the axis with an arrow", () => {
    const closed = chartLayout(spec(), 500, 300);
    expect(hasOpenBars(closed)).toBe(false);
    for (const b of closed.series[0]?.bars ?? []) {
      const ends = barEnds(b);
      expect(ends.arrows).toBe("");
      expect(ends.caps.match(/M/g)).toHaveLength(2);
    }
    // a lower bound at or below zero cannot be shown on a log axis, and a fixed domain cuts the top
    const cut = chartLayout(
      spec({
        xKind: "log",
        xDomain: [1, 100],
        series: [
          {
            name: "a",
            colour: "#000",
            line: true,
            points: [
              { x: 10, y: 1, xLo: -5, xHi: 25 },
              { x: 20, y: 2, xLo: 5, xHi: 400 },
            ],
          },
        ],
      }),
      500,
      300,
    );
    expect(hasOpenBars(cut)).toBe(true);
    const [low, high] = cut.series[0]?.bars ?? [];
    expect([low?.open1, low?.open2, high?.open1, high?.open2]).toEqual([true, false, false, true]);
    expect(low?.x1).toBeCloseTo(cut.plot.left, 6);
    expect(high?.x2).toBeCloseTo(cut.plot.right, 6);
    const lowEnds = barEnds(low as NonNullable<typeof low>);
    // the arrow's tip is the cut-off end, and it points out of the plot (leftwards)
    expect(lowEnds.arrows).toMatch(new RegExp(`^M${cut.plot.left.toFixed(1)},`));
    const xs = [...lowEnds.arrows.matchAll(/[ML]([\d.]+),/g)].map((m) => Number(m[1]));
    expect(Math.min(...xs)).toBeCloseTo(cut.plot.left, 1);
    expect(Math.max(...xs)).toBeGreaterThan(cut.plot.left);
    expect(lowEnds.caps.match(/M/g)).toHaveLength(1);
    expect(barEnds({ x1: 5, y1: 5, x2: 5, y2: 5, open1: true, open2: false })).toEqual({
      caps: "",
      arrows: "",
    });
  });

  it("writes CSV with a header of every column, quoting what needs it", () => {
    expect(
      toCsv([
        { a: 1, b: 'x,"y"' },
        { a: Number.NaN, c: "z" },
      ]),
    ).toBe('a,b,c\r\n1,"x,""y""",\r\n,,z\r\n');
    expect(chartRows(spec())[1]).toEqual({ series: "a", x: 10, y: 10, "y low": 9, "y high": 11 });
  });
});

describe("the lab's figures", () => {
  it("draw Table 2 as the paper's table beside the measured one, and a CDF per mode and operation", () => {
    const runs = [1, 2].map((seed) => ({
      seed,
      result: runExperiment("table2", { requests: 1000, nodes: 8 }, seed),
    }));
    const [table, cdf] = figuresOf(aggregate("table2", runs));
    if (table?.kind !== "table" || cdf?.kind !== "chart") throw new Error("wrong figures");
    expect(table.rows.map((r) => r.label)).toEqual([
      "server-driven (paper)",
      "server-driven (measured)",
      "client-driven (paper)",
      "client-driven (measured)",
    ]);
    expect(table.rows[0]?.cells).toEqual(["68.90", "68.50", "3.90", "4.02"]);
    expect(table.rows[1]?.cells[0]).toMatch(/^\d+\.\d\d ± \d+\.\d\d$/);
    expect(cdf.spec.series.map((s) => s.name)).toEqual([
      "server-driven reads",
      "server-driven writes",
      "client-driven reads",
      "client-driven writes",
      "paper's p99.9 read",
    ]);
  });
});

describe("bounded axes and crowded labels", () => {
  it("stops a share's axis at 0% and 100% and keeps labels of coinciding points apart", () => {
    const l = chartLayout(
      spec({
        xBounds: [0, 1],
        yBounds: [0, 1],
        series: [
          {
            name: "a",
            colour: "#000",
            line: false,
            points: ["N3R1W1", "N3R2W2", "N3R3W1"].map((label) => ({
              x: 0,
              y: 0.98,
              xLo: -0.4,
              xHi: 0.4,
              yLo: 0.9,
              yHi: 1.04,
              label,
            })),
          },
        ],
      }),
      500,
      300,
    );
    const xs = l.xTicks.map((t) => Number(t.label));
    const ys = l.yTicks.map((t) => Number(t.label));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ys)).toBeLessThanOrEqual(1);
    expect(hasOpenBars(l)).toBe(true);
    const labels = l.series[0]?.labels ?? [];
    expect(new Set(labels.map((t) => t.y)).size).toBe(3);
    // the first keeps its place beside its point; the two moved away are tied to it by a leader
    const dot = l.series[0]?.dots[0];
    expect(labels[0]?.leader).toBeNull();
    for (const t of labels.slice(1)) {
      expect(t.leader).toEqual({ x: dot?.cx, y: dot?.cy });
      expect(Math.abs(t.y - (dot?.cy ?? 0))).toBeGreaterThan(6);
    }
  });
});

describe("interval bars of several series at one quantile", () => {
  it("sit side by side when the chart dodges them, and on the point's line otherwise", () => {
    const curve = (name: string) => ({
      name,
      colour: "#000",
      line: true,
      points: [{ x: 5, y: 0.5, xLo: 2, xHi: 8 }],
    });
    const base = spec({ series: [curve("a"), curve("b"), curve("c")] });
    const ys = (l: ReturnType<typeof chartLayout>) => l.series.map((s) => s.bars[0]?.y1 ?? NaN);
    const plain = ys(chartLayout(base, 500, 300));
    expect(new Set(plain).size).toBe(1);
    const dodged = ys(chartLayout({ ...base, dodgeBars: 3 }, 500, 300));
    expect(dodged).toEqual([plain[0] - 3, plain[0], plain[0] + 3].map((v) => v as number));
  });
});
