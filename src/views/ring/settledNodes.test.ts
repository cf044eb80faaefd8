import { describe, expect, it } from "vitest";
import type { NodeView } from "../../worker/protocol";
import { NODE_COUNTS_MS, sameButCounts, settle } from "./settledNodes";

const node = (patch: Partial<NodeView> = {}): NodeView => ({
  up: true,
  keys: 10,
  pendingRequests: 0,
  suspects: [],
  hints: 0,
  hintOwners: [],
  clockOffsetMs: 0,
  clockDrift: 0,
  ...patch,
});

describe("settled node states", () => {
  it("a change of counts only waits until the counts are due", () => {
    const shown = [node(), node()];
    const busier = [node({ keys: 11 }), node({ pendingRequests: 3 })];
    expect(sameButCounts(shown, busier)).toBe(true);
    expect(settle(shown, busier, 40)).toBe(shown);
    expect(settle(shown, busier, NODE_COUNTS_MS)).toBe(busier);
  });

  it("a crash, a hint, a suspicion or a clock shows at once", () => {
    const shown = [node(), node()];
    for (const changed of [
      [node(), node({ up: false })],
      [node({ hints: 1, hintOwners: ["B"] }), node()],
      [node({ suspects: ["B"] }), node()],
      [node(), node({ clockOffsetMs: 30 })],
      [node()],
    ]) {
      expect(sameButCounts(shown, changed)).toBe(false);
      expect(settle(shown, changed, 0)).toBe(changed);
    }
  });

  it("the same states stay as they are", () => {
    const shown = [node()];
    expect(settle(shown, shown, 0)).toBe(shown);
  });
});
