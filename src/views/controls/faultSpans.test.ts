import { describe, expect, it } from "vitest";
import type { Intervention } from "../../sim";
import { activeAt, faultSpans, formatSpanTime, placeSpans, spanText } from "./faultSpans";

/** an intervention at an instant, as the timeline holds it */
const at = (atMs: number, iv: { kind: Intervention["kind"] } & Record<string, unknown>) => ({
  atMs,
  intervention: { ...iv, atMs } as Intervention,
});

describe("fault spans from a timeline", () => {
  it("a crash lasts from the crash to the recovery; without one it stays open", () => {
    const spans = faultSpans([
      at(2000, { kind: "crash", node: "B" }),
      at(5500, { kind: "recover", node: "B" }),
      at(6000, { kind: "crash", node: "C" }),
    ]);
    expect(spans).toEqual([
      { kind: "crash", subject: "B", startMs: 2000, endMs: 5500, detail: "" },
      { kind: "crash", subject: "C", startMs: 6000, endMs: null, detail: "" },
    ]);
    expect(spanText(spans[0] as (typeof spans)[0], 9000)).toBe("B crashed 2.0 s – 5.5 s");
    expect(spanText(spans[1] as (typeof spans)[0], 9000)).toBe("C crashed at 6.0 s, still down");
    expect(spanText(spans[1] as (typeof spans)[0], 100)).toBe(
      "C crashed at 6.0 s, to the end of the run",
    );
  });

  it("reads the timeline in time order, whatever order it comes in, and ignores a second crash", () => {
    const spans = faultSpans([
      at(900, { kind: "recover", node: "C" }),
      at(300, { kind: "crash", node: "C" }),
      at(400, { kind: "crash", node: "C" }),
    ]);
    expect(spans).toEqual([{ kind: "crash", subject: "C", startMs: 300, endMs: 900, detail: "" }]);
  });

  it("a partition lasts until it heals, or until another partition replaces it", () => {
    const spans = faultSpans([
      at(100, { kind: "partition", groups: [["A", "B"], ["C"]], oneWay: false }),
      at(400, { kind: "partition", groups: [["A"], ["B", "C"]], oneWay: true }),
      at(700, { kind: "heal" }),
      at(800, { kind: "heal" }),
    ]);
    expect(spans.map((s) => [s.subject, s.startMs, s.endMs])).toEqual([
      ["A,B | C", 100, 400],
      ["A -/-> B,C", 400, 700],
    ]);
    expect(spanText(spans[0] as (typeof spans)[0], 0)).toBe("Partition A,B | C 100 ms – 400 ms");
  });

  it("a link cut both ways is one span until restored; a one-way fault keeps its direction", () => {
    const spans = faultSpans([
      at(100, { kind: "link", from: "A", to: "D", bothWays: true, cut: true }),
      at(300, { kind: "link", from: "B", to: "C", bothWays: false, loss: 0.25 }),
      at(500, { kind: "link", from: "A", to: "D", bothWays: true, cut: false }),
      at(600, { kind: "link", from: "B", to: "C", bothWays: false, loss: 0 }),
    ]);
    expect(spans).toEqual([
      { kind: "cut", subject: "A↔D", startMs: 100, endMs: 500, detail: "" },
      { kind: "loss", subject: "B→C", startMs: 300, endMs: 600, detail: "loses 25%" },
    ]);
    expect(spanText(spans[1] as (typeof spans)[0], 0)).toBe(
      "Link B→C loses 25% of messages 300 ms – 600 ms",
    );
  });

  it("a link restored in one direction only splits into its two directions", () => {
    const spans = faultSpans([
      at(100, { kind: "link", from: "A", to: "B", bothWays: true, cut: true }),
      at(200, { kind: "link", from: "B", to: "A", bothWays: false, cut: false }),
    ]);
    expect(spans.map((s) => [s.subject, s.endMs])).toEqual([
      ["A→B", null],
      ["B→A", 200],
    ]);
  });

  it("a rate changed again ends one span and starts another; set to zero it ends", () => {
    const spans = faultSpans([
      at(0, { kind: "network", loss: 0.1 }),
      at(1000, { kind: "network", loss: 0.3, duplicate: 0.05 }),
      at(2000, { kind: "network", loss: 0 }),
    ]);
    expect(spans.map((s) => [s.kind, s.detail, s.startMs, s.endMs])).toEqual([
      ["loss", "loses 10%", 0, 1000],
      ["loss", "loses 30%", 1000, 2000],
      ["duplicate", "duplicates 5%", 1000, null],
    ]);
  });

  it("a slow node and a skewed clock last until set back; membership changes are not faults", () => {
    const spans = faultSpans([
      at(100, { kind: "slow", node: "C", factor: 4 }),
      at(200, { kind: "skew", node: "B", offsetMs: 30 }),
      at(250, { kind: "join", node: "F" }),
      at(300, { kind: "skew", node: "B", drift: 0.01 }),
      at(400, { kind: "slow", node: "C", factor: 1 }),
      at(500, { kind: "skew", node: "B", offsetMs: 0, drift: 0 }),
    ]);
    expect(spans.map((s) => [s.kind, s.subject, s.detail, s.startMs, s.endMs])).toEqual([
      ["slow", "C", "×4", 100, 400],
      ["skew", "B", "off by +30 ms", 200, 300],
      ["skew", "B", "off by +30 ms, drifting 0.01", 300, 500],
    ]);
    expect(spanText(spans[0] as (typeof spans)[0], 0)).toBe("C slowed ×4 100 ms – 400 ms");
    expect(spanText(spans[1] as (typeof spans)[0], 0)).toBe(
      "B's clock is off by +30 ms 200 ms – 300 ms",
    );
  });

  it("the scenario's own lossy network and skewed clocks are spans from the start", () => {
    const spans = faultSpans([at(800, { kind: "skew", node: "B", offsetMs: 0 })], {
      loss: 0.05,
      duplicate: 0,
      clocks: [
        { node: "B", offsetMs: -50, drift: 0 },
        { node: "C", offsetMs: 0, drift: 0 },
      ],
    });
    expect(spans.map((s) => [s.kind, s.subject, s.detail, s.startMs, s.endMs])).toEqual([
      ["loss", "network", "loses 5%", 0, null],
      ["skew", "B", "off by -50 ms", 0, 800],
    ]);
    expect(spanText(spans[0] as (typeof spans)[0], 100)).toBe(
      "The network loses 5% of messages from the start",
    );
  });

  it("says which spans are in force at an instant", () => {
    const spans = faultSpans([
      at(100, { kind: "crash", node: "A" }),
      at(300, { kind: "recover", node: "A" }),
      at(200, { kind: "crash", node: "B" }),
    ]);
    expect(activeAt(spans, 150).map((s) => s.subject)).toEqual(["A"]);
    expect(activeAt(spans, 250).map((s) => s.subject)).toEqual(["A", "B"]);
    expect(activeAt(spans, 300).map((s) => s.subject)).toEqual(["B"]);
    expect(activeAt(spans, 50)).toEqual([]);
  });
});

describe("rows for the bands", () => {
  it("overlapping spans of a band take separate rows; bands stack in a fixed order", () => {
    const spans = faultSpans([
      at(100, { kind: "crash", node: "A" }),
      at(150, { kind: "slow", node: "D", factor: 2 }),
      at(200, { kind: "crash", node: "B" }),
      at(300, { kind: "recover", node: "A" }),
      at(400, { kind: "crash", node: "C" }),
    ]);
    const { spans: placed, rows } = placeSpans(spans, 1000);
    const rowOf = (subject: string) => placed.find((s) => s.subject === subject)?.row;
    expect(rows).toBe(3);
    expect(rowOf("A")).toBe(0);
    expect(rowOf("B")).toBe(1); // overlaps A
    expect(rowOf("C")).toBe(0); // A has ended by then
    expect(rowOf("D")).toBe(2); // the slow band, under the crashes
    expect(placed.find((s) => s.subject === "D")?.band).toBe("slow");
  });

  it("past the row limit a band's extra spans share its last row", () => {
    const spans = faultSpans(
      ["A", "B", "C", "D", "E"].map((node, i) => at(i * 10, { kind: "crash", node })),
    );
    const { spans: placed, rows } = placeSpans(spans, 1000, 3);
    expect(rows).toBe(3);
    expect(placed.map((s) => s.row)).toEqual([0, 1, 2, 2, 2]);
  });
});

describe("span times", () => {
  it("in ms below a second, in seconds to a tenth above", () => {
    expect(formatSpanTime(300)).toBe("300 ms");
    expect(formatSpanTime(2.5)).toBe("2.5 ms");
    expect(formatSpanTime(165.83)).toBe("165.8 ms");
    expect(formatSpanTime(2000)).toBe("2.0 s");
    expect(formatSpanTime(5549)).toBe("5.5 s");
  });
});
