import { describe, expect, it } from "vitest";
import { checkConsistency, presetScenario, Run } from "../sim";
import { CHECK_MAX_STEPS, DEFER_CHECKS_OPS, DEFERRED_CHECKS_DELAY_MS } from "./host";
import { hostHarness } from "./hostHarness";
import type { Frame } from "./protocol";

const longDefault = { ...presetScenario("default"), durationMs: 30_000 };

describe("a seek's history checks", () => {
  it("on a long run come in a frame of their own, once where a scrub stops, as a fresh run's", () => {
    const h = hostHarness();
    h.host.handle({ type: "load", source: { scenario: longDefault }, seed: 3 });
    h.host.handle({ type: "seek", ms: 25_000 });
    const seek = h.lastFrame();
    // the instant shows at once; the checks are on their way
    expect(seek.cause).toBe("seek");
    expect(seek.nowMs).toBe(25_000);
    expect(seek.checksPending).toBe(true);
    expect(seek.consistency).toBeNull();
    expect(seek.replication).toBeNull();
    expect(h.timers().map((t) => t.at)).toEqual([DEFERRED_CHECKS_DELAY_MS]);
    // a scrub: more seeks before the checks ran; only the last instant is checked
    h.host.handle({ type: "seek", ms: 21_000 });
    h.host.handle({ type: "seek", ms: 22_500 });
    expect(h.timers()).toHaveLength(1);
    const before = h.frames().length;
    h.runPendingTimers();
    const checked = h.frames().slice(before);
    expect(checked).toHaveLength(1);
    const frame = checked[0] as Frame;
    expect(frame.nowMs).toBe(22_500);
    expect(frame.checksPending).toBe(false);
    expect(frame.replication).not.toBeNull();
    const fresh = new Run(longDefault, 3, { traceRefs: true });
    fresh.runUntilMs(22_500);
    expect(fresh.history.length).toBeGreaterThan(DEFER_CHECKS_OPS);
    const expected = checkConsistency(fresh, { maxSteps: CHECK_MAX_STEPS });
    expect(frame.consistency).toEqual({ ...expected, ops: null });
    expect(frame.traceHash).toBe(fresh.sim.trace.digest);
  });

  it("are not run twice: a later command's frame (play, pause) carries them", () => {
    const h = hostHarness();
    h.host.handle({ type: "load", source: { scenario: longDefault }, seed: 3 });
    h.host.handle({ type: "seek", ms: 25_000 });
    h.host.handle({ type: "play" });
    h.host.handle({ type: "pause" });
    const before = h.frames().length;
    h.runPendingTimers();
    expect(
      h
        .frames()
        .slice(before)
        .filter((f) => f.cause === "inspect"),
    ).toEqual([]);
  });

  it("come with the next command's frame if one comes first, even one that checks nothing new", () => {
    const h = hostHarness();
    h.host.handle({ type: "load", source: { scenario: longDefault }, seed: 3 });
    h.host.handle({ type: "seek", ms: 25_000 });
    h.runPendingTimers();
    // the same instant again: checked already, but the seek's frame leaves its checks for later
    h.host.handle({ type: "seek", ms: 25_000 });
    expect(h.lastFrame().checksPending).toBe(true);
    // a change of speed, paused: no operation happened since, yet the checks are owed
    h.host.handle({ type: "setSpeed", speed: 0.01 });
    const speed = h.lastFrame();
    expect(speed.cause).toBe("speed");
    expect(speed.checksPending).toBe(false);
    expect(speed.consistency).not.toBeNull();
    expect(speed.replication).not.toBeNull();
    expect(h.timers()).toEqual([]);
  });

  it("on a short run come with the seek itself", () => {
    const h = hostHarness();
    h.host.handle({ type: "load", source: { preset: "default" }, seed: 3 });
    h.host.handle({ type: "seek", ms: 800 });
    const seek = h.lastFrame();
    expect(seek.checksPending).toBe(false);
    expect(seek.consistency).not.toBeNull();
    expect(h.timers()).toEqual([]);
  });
});
