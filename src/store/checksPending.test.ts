import { describe, expect, it } from "vitest";
import type { Frame } from "../worker/protocol";
import { type AppState, initialState, withFrame } from "./appStore";
import { testFrame } from "./testFrame";

const report: NonNullable<Frame["consistency"]> = {
  linearizable: true,
  operations: 3,
  keys: {},
  witness: null,
  points: [],
  staleReads: [],
  lostWrites: [],
  replicasDiffer: [],
  ops: null,
};

function applied(state: AppState, frame: Frame): AppState {
  return { ...state, ...withFrame(state, frame) };
}

describe("checks on their way after a seek", () => {
  it("are pending from the seek's frame until a frame brings them", () => {
    let s = applied(initialState, testFrame({ cause: "load", consistency: report }));
    expect(s.checksPending).toBe(false);
    s = applied(s, testFrame({ cause: "seek", nowMs: 5000, checksPending: true }));
    expect(s.checksPending).toBe(true);
    // the verdict of the instant before stays, greyed by the views, until the new one comes
    expect(s.consistency).toBe(report);
    s = applied(s, testFrame({ cause: "tick", nowMs: 5000 }));
    expect(s.checksPending).toBe(true);
    const later = { ...report, operations: 9 };
    s = applied(s, testFrame({ cause: "inspect", nowMs: 5000, consistency: later }));
    expect(s.checksPending).toBe(false);
    expect(s.consistency).toBe(later);
  });

  it("are forgotten when another scenario loads", () => {
    let s = applied(initialState, testFrame({ cause: "seek", checksPending: true }));
    s = applied(s, testFrame({ cause: "load" }));
    expect(s.checksPending).toBe(false);
  });
});
