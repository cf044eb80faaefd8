import { describe, expect, it } from "vitest";
import { lessonById } from "../../sim/lessons/catalog";
import { planLesson } from "../../sim/lessons/plan";
import type { Intervention } from "../../sim/scenario/schema";
import type { TimelineEntry } from "../../worker/protocol";
import { ownChanges } from "./ownChanges";

const lesson = lessonById("consistent-hashing");
if (lesson === undefined) throw new Error("no lesson consistent-hashing");
const plan = planLesson(lesson);
// step 4 (index 3) crashes B at its first instant
const crashB = plan.steps[3]?.actions[0] as Intervention;

function entry(intervention: Intervention, live: boolean): TimelineEntry {
  return {
    atMs: intervention.atMs,
    text: intervention.kind,
    kind: intervention.kind,
    live,
    intervention,
  };
}

describe("a student's own changes to a lesson's run", () => {
  it("the lesson's own actions are not the student's, whatever their keys' order", () => {
    expect(crashB.kind).toBe("crash");
    const reordered = Object.fromEntries(Object.entries(crashB).reverse()) as Intervention;
    expect(ownChanges([entry(reordered, true)], plan, 3)).toBe(0);
  });

  it("counts live interventions the lesson did not make", () => {
    const mine = { ...crashB, node: "D", atMs: crashB.atMs + 5 } as Intervention;
    expect(ownChanges([entry(crashB, true), entry(mine, true)], plan, 3)).toBe(1);
    // a second crash of B, the same as the lesson's, is the student's too
    expect(ownChanges([entry(crashB, true), entry(crashB, true)], plan, 3)).toBe(1);
  });

  it("a step before the action: the lesson's crash would be the student's", () => {
    expect(ownChanges([entry(crashB, true)], plan, 2)).toBe(1);
  });

  it("interventions written in the scenario are not changes", () => {
    expect(ownChanges([entry(crashB, false)], plan, 0)).toBe(0);
    expect(ownChanges([], null, 0)).toBe(0);
  });
});
