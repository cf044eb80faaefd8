import { describe, expect, it } from "vitest";
import { formatMessageTime, formatSpeed, SPEED_STOPS, speedIndex } from "./speed";

describe("playback speeds", () => {
  it("run on a log scale from 1/1000x to 100x", () => {
    expect(SPEED_STOPS[0]).toBe(1 / 1000);
    expect(SPEED_STOPS.at(-1)).toBe(100);
    for (let i = 1; i < SPEED_STOPS.length; i++) {
      const ratio = (SPEED_STOPS[i] as number) / (SPEED_STOPS[i - 1] as number);
      expect(ratio).toBeGreaterThanOrEqual(2);
      expect(ratio).toBeLessThanOrEqual(2.5);
    }
  });

  it("read as fractions of real time", () => {
    expect(formatSpeed(1 / 250)).toBe("1/250x real time");
    expect(formatSpeed(1)).toBe("1x real time");
    expect(formatSpeed(25)).toBe("25x real time");
    expect(formatMessageTime(1 / 250)).toBe("0.25 s");
    expect(formatMessageTime(1 / 1000)).toBe("1 s");
    expect(formatMessageTime(1 / 10)).toBe("10 ms");
  });

  it("snap to the nearest stop", () => {
    expect(SPEED_STOPS[speedIndex(1 / 250)]).toBe(1 / 250);
    expect(SPEED_STOPS[speedIndex(1 / 240)]).toBe(1 / 250);
    expect(SPEED_STOPS[speedIndex(1e9)]).toBe(100);
    expect(SPEED_STOPS[speedIndex(1e-9)]).toBe(1 / 1000);
  });
});
