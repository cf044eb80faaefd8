import { describe, expect, it } from "vitest";
import { DEFAULT_SPEED, SPEED_MAX, SPEED_MIN } from "../../worker/protocol";
import { SPEED_KEYS, speedForKey } from "./speedKeys";

describe("the number keys' speeds", () => {
  it("climb from the slowest speed to the fastest, 2 being the one the app opens at", () => {
    expect(SPEED_KEYS).toHaveLength(9);
    expect(speedForKey("1")).toBe(SPEED_MIN);
    expect(speedForKey("2")).toBe(DEFAULT_SPEED);
    expect(speedForKey("7")).toBe(1);
    expect(speedForKey("9")).toBe(SPEED_MAX);
    for (let i = 1; i < SPEED_KEYS.length; i++) {
      expect(SPEED_KEYS[i] as number).toBeGreaterThan(SPEED_KEYS[i - 1] as number);
    }
  });

  it("mean nothing for other keys", () => {
    expect(speedForKey("0")).toBeNull();
    expect(speedForKey("a")).toBeNull();
    expect(speedForKey("10")).toBeNull();
  });
});
