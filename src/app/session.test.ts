import { describe, expect, it } from "vitest";
import { testFrame } from "../store/testFrame";
import type { Frame, LogEntry } from "../worker/protocol";
import { panelThrottle } from "./session";

const entry = (atMs: number): LogEntry => ({ kind: "crash", atMs, proc: 0 });
const frame = (cause: Frame["cause"], nowMs: number, extra: Partial<Frame> = {}): Frame =>
  testFrame({ seq: 0, speed: 1, rate: 1, traceHash: "", cause, nowMs, ...extra });

describe("the panel throttle", () => {
  it("coalesces tick frames that come too soon, carrying their log, stats and timeline", () => {
    const applied: Frame[] = [];
    const t = panelThrottle((f) => applied.push(f), 50);
    t.offer(frame("tick", 1, { log: [entry(1)] }), 0);
    t.offer(frame("tick", 2, { log: [entry(2)], timeline: [] }), 16);
    t.offer(frame("tick", 3, { log: [entry(3)] }), 32);
    expect(applied.map((f) => f.nowMs)).toEqual([1]);
    t.offer(frame("tick", 4, { log: [entry(4)] }), 60);
    expect(applied.map((f) => f.nowMs)).toEqual([1, 4]);
    expect(applied[1]?.log.map((e) => e.atMs)).toEqual([2, 3, 4]);
    expect(applied[1]?.timeline).toEqual([]);
  });

  it("can space refreshes by a rule read at each frame (wider while the ring is crowded)", () => {
    const applied: Frame[] = [];
    let crowded = false;
    const t = panelThrottle(
      (f) => applied.push(f),
      () => (crowded ? 100 : 50),
    );
    t.offer(frame("tick", 1), 0);
    t.offer(frame("tick", 2), 60);
    crowded = true;
    t.offer(frame("tick", 3), 120);
    t.offer(frame("tick", 4), 170);
    expect(applied.map((f) => f.nowMs)).toEqual([1, 2, 4]);
  });

  it("applies any other frame at once", () => {
    const applied: Frame[] = [];
    const t = panelThrottle((f) => applied.push(f), 50);
    t.offer(frame("tick", 1), 0);
    t.offer(frame("tick", 2), 10);
    t.offer(frame("pause", 2.5), 20);
    t.offer(frame("intervene", 2.5), 21);
    t.offer(frame("tick", 3, { finished: true }), 22);
    expect(applied.map((f) => f.cause)).toEqual(["tick", "pause", "intervene", "tick"]);
  });
});
