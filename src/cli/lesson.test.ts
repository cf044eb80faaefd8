import { describe, expect, it } from "vitest";
import { lessons } from "../sim/lessons/catalog";
import { UsageError } from "./commands";
import { lessonCommand } from "./lesson";

describe("ringlab lesson", () => {
  it("lists the lessons, as text and as JSON", () => {
    expect(lessonCommand([])).toContain("vector-clocks");
    const listed = JSON.parse(lessonCommand(["--json"])) as { id: string; steps: number }[];
    expect(listed.map((l) => l.id)).toEqual(lessons.map((l) => l.id));
  });

  it("runs a lesson headless: every wait met, the handlers' runs counted", () => {
    const out = JSON.parse(lessonCommand(["sloppy-quorum", "--json"])) as {
      steps: { met: boolean; endMs: number; handlers: { handler: string; ran: number | null }[] }[];
    };
    expect(out.steps).toHaveLength(4);
    expect(out.steps.every((s) => s.met)).toBe(true);
    const handoff = out.steps[3]?.handlers.find((h) => h.handler === "handoff.onHandoff");
    expect(handoff?.ran).toBeGreaterThan(0);
    expect(lessonCommand(["sloppy-quorum"])).toMatch(
      /4\. C recovers: hinted handoff: \d+ -> \d+ ms, until every hint has been handed off: met/,
    );
  });

  it("refuses an unknown lesson or option with a usage error", () => {
    expect(() => lessonCommand(["nope"])).toThrow(UsageError);
    expect(() => lessonCommand(["nope"])).toThrow(
      /unknown lesson "nope"; lessons: consistent-hashing/,
    );
    expect(() => lessonCommand(["staleness", "--seed", "3"])).toThrow(/unknown option --seed/);
  });
});
