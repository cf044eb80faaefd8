import { describe, expect, it } from "vitest";
import { lessonHash, parseLessonHash } from "./lessons";

describe("links to lesson steps", () => {
  it("round-trips a lesson and a step (counted from 1 in the address)", () => {
    expect(lessonHash("vector-clocks", 2)).toBe("#lesson=vector-clocks&step=3");
    expect(parseLessonHash("#lesson=vector-clocks&step=3")).toEqual({
      ok: true,
      lesson: "vector-clocks",
      step: 2,
    });
  });

  it("is not a lesson link without lesson=", () => {
    expect(parseLessonHash("#preset=default&seed=3")).toBeNull();
    expect(parseLessonHash("")).toBeNull();
  });

  it("clamps a step past either end, and reads a missing or bad step as the first", () => {
    expect(parseLessonHash("#lesson=staleness&step=99")).toMatchObject({ step: 2 });
    expect(parseLessonHash("#lesson=staleness&step=0")).toMatchObject({ step: 0 });
    expect(parseLessonHash("#lesson=staleness")).toMatchObject({ step: 0 });
    expect(parseLessonHash("#lesson=staleness&step=two")).toMatchObject({ step: 0 });
    // and says so, unless the step was left out
    expect(parseLessonHash("#lesson=staleness&step=99")?.problem).toMatch(
      /has steps 1 to 3, not "99"; opening step 3\.$/,
    );
    expect(parseLessonHash("#lesson=staleness&step=two")?.problem).toMatch(
      /not "two"; opening step 1\.$/,
    );
    expect(parseLessonHash("#lesson=staleness")).not.toHaveProperty("problem");
    expect(parseLessonHash("#lesson=staleness&step=2")).not.toHaveProperty("problem");
  });

  it("names an unknown lesson in plain text, control characters shown as ?", () => {
    const link = parseLessonHash(`#lesson=${encodeURIComponent("ev\u0007il<b>")}`);
    expect(link).toEqual({
      ok: false,
      problem: 'Unknown lesson "ev?il<b>" in the address; the Lessons menu lists them.',
    });
  });
});
