import { describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { type PlaybackClient, playbackMachine, playbackStatus, STAND_IN } from "./playback";

/** A fake worker client that only records the commands it was given. */
function fakeClient() {
  const calls: string[] = [];
  const client: PlaybackClient = {
    load: (source, seed) => calls.push(`load ${JSON.stringify(source)} ${seed}`),
    play: (untilMs?: number) =>
      calls.push(untilMs === undefined ? "play" : `play until ${untilMs}`),
    pause: () => calls.push("pause"),
    step: () => calls.push("step"),
    runToEnd: () => calls.push("runToEnd"),
    seek: (ms) => calls.push(`seek ${ms}`),
    stepBack: () => calls.push("stepBack"),
  };
  return { client, calls };
}

function start() {
  const fake = fakeClient();
  const actor = createActor(playbackMachine, {
    input: { client: fake.client, source: { preset: "default" }, seed: 7 },
  }).start();
  const status = () => playbackStatus(actor.getSnapshot());
  return { ...fake, actor, status };
}

describe("the playback controller", () => {
  it("loads on start and waits, paused, once the worker says the scenario is loaded", () => {
    const { actor, calls, status } = start();
    expect(status()).toBe("loading");
    expect(calls).toEqual(['load {"preset":"default"} 7']);
    actor.send({ type: "PLAY" }); // nothing to play yet
    expect(status()).toBe("loading");
    actor.send({ type: "LOADED" });
    expect(status()).toBe("paused");
    expect(calls).toEqual(['load {"preset":"default"} 7']);
  });

  it("plays, pauses, steps and toggles, telling the worker each time", () => {
    const { actor, calls, status } = start();
    actor.send({ type: "LOADED" });
    actor.send({ type: "PLAY" });
    expect(status()).toBe("running");
    actor.send({ type: "FRAME" });
    expect(status()).toBe("running");
    actor.send({ type: "PAUSE" });
    expect(status()).toBe("paused");
    actor.send({ type: "STEP" });
    expect(status()).toBe("stepping");
    actor.send({ type: "STEP" }); // a second press while the first is on its way is ignored
    actor.send({ type: "STEPPED" });
    expect(status()).toBe("paused");
    actor.send({ type: "TOGGLE" });
    expect(status()).toBe("running");
    actor.send({ type: "STEP" }); // stepping while running: the worker pauses, then steps
    expect(status()).toBe("stepping");
    actor.send({ type: "STEPPED" });
    actor.send({ type: "TOGGLE" });
    actor.send({ type: "TOGGLE" });
    expect(status()).toBe("paused");
    expect(calls.slice(1)).toEqual(["play", "pause", "step", "play", "step", "play", "pause"]);
  });

  it("runs to the end and finishes; Play, Step and Run to end then do nothing", () => {
    const { actor, calls, status } = start();
    actor.send({ type: "LOADED" });
    actor.send({ type: "RUN_TO_END" });
    expect(actor.getSnapshot().matches({ running: "toEnd" })).toBe(true);
    actor.send({ type: "FINISHED" });
    expect(status()).toBe("finished");
    const before = calls.length;
    actor.send({ type: "PLAY" });
    actor.send({ type: "TOGGLE" });
    actor.send({ type: "STEP" });
    actor.send({ type: "RUN_TO_END" });
    actor.send({ type: "PAUSE" });
    expect(status()).toBe("finished");
    expect(calls.length).toBe(before);
    expect(calls.at(-1)).toBe("runToEnd");
  });

  it("switches from playing to running to the end", () => {
    const { actor, calls } = start();
    actor.send({ type: "LOADED" });
    actor.send({ type: "PLAY" });
    actor.send({ type: "RUN_TO_END" });
    expect(actor.getSnapshot().matches({ running: "toEnd" })).toBe(true);
    expect(calls.slice(1)).toEqual(["play", "runToEnd"]);
  });

  it("a step that reaches the end finishes", () => {
    const { actor, status } = start();
    actor.send({ type: "LOADED" });
    actor.send({ type: "STEP" });
    actor.send({ type: "FINISHED" });
    expect(status()).toBe("finished");
  });

  it("goes to failed on a fatal error, ignores the buttons there, and recovers with LOAD", () => {
    const { actor, calls, status } = start();
    actor.send({ type: "LOADED" });
    actor.send({ type: "PLAY" });
    actor.send({ type: "ERROR", message: "the simulation stopped: boom", fatal: true });
    expect(status()).toBe("failed");
    expect(actor.getSnapshot().context.error).toBe("the simulation stopped: boom");
    const before = calls.length;
    actor.send({ type: "PLAY" });
    actor.send({ type: "STEP" });
    expect(status()).toBe("failed");
    expect(calls.length).toBe(before);
    actor.send({ type: "LOAD", source: { preset: "crash-recover" }, seed: 3 });
    expect(status()).toBe("loading");
    expect(calls.at(-1)).toBe('load {"preset":"crash-recover"} 3');
    actor.send({ type: "LOADED" });
    expect(status()).toBe("paused");
    expect(actor.getSnapshot().context.error).toBeNull();
  });

  it("a fatal error while loading fails; a LOAD recovers", () => {
    const { actor, status } = start();
    actor.send({ type: "ERROR", message: 'unknown preset "x"', fatal: true });
    expect(status()).toBe("failed");
    actor.send({ type: "LOAD", source: { preset: "default" }, seed: 1 });
    actor.send({ type: "LOADED" });
    expect(status()).toBe("paused");
  });

  it("a non-fatal error (a bad intervention) keeps the state", () => {
    const { actor, status } = start();
    actor.send({ type: "LOADED" });
    actor.send({ type: "PLAY" });
    actor.send({ type: "ERROR", message: "bad intervention: Z is not a node", fatal: false });
    expect(status()).toBe("running");
    expect(actor.getSnapshot().context.error).toMatch(/Z is not a node/);
  });

  it("LOAD while running reloads", () => {
    const { actor, calls, status } = start();
    actor.send({ type: "LOADED" });
    actor.send({ type: "PLAY" });
    actor.send({ type: "LOAD", source: { preset: "default" }, seed: 9 });
    expect(status()).toBe("loading");
    expect(calls.at(-1)).toBe('load {"preset":"default"} 9');
  });

  it("seeks from any state with a run, the end included, and is paused at the instant sought", () => {
    const { actor, calls, status } = start();
    actor.send({ type: "LOADED" });
    actor.send({ type: "PLAY" });
    actor.send({ type: "SEEK", ms: 120 });
    expect(status()).toBe("seeking");
    actor.send({ type: "SOUGHT" });
    expect(status()).toBe("paused");
    actor.send({ type: "FINISHED" });
    expect(status()).toBe("finished");
    actor.send({ type: "STEP_BACK" });
    expect(status()).toBe("seeking");
    actor.send({ type: "SOUGHT" });
    expect(status()).toBe("paused");
    expect(calls.slice(-2)).toEqual(["seek 120", "stepBack"]);
  });

  it("plays until an instant, and is paused when the worker got there by itself", () => {
    const { actor, calls, status } = start();
    actor.send({ type: "LOADED" });
    actor.send({ type: "PLAY", untilMs: 250 });
    expect(status()).toBe("running");
    expect(calls.at(-1)).toBe("play until 250");
    actor.send({ type: "FRAME" });
    actor.send({ type: "HALTED" });
    expect(status()).toBe("paused");
    // a HALTED that comes late, after the user paused, changes nothing
    actor.send({ type: "HALTED" });
    expect(status()).toBe("paused");
    expect(calls.at(-1)).toBe("play until 250");
  });

  it("remembers the scenario on screen: a refused load falls back to it, or to the stand-in", () => {
    const { actor } = start();
    const ctx = () => actor.getSnapshot().context;
    // the first scenario is refused: the worker shows the default at seed 1
    actor.send({ type: "LOADED", accepted: false });
    expect([ctx().source, ctx().seed]).toEqual([STAND_IN.source, STAND_IN.seed]);
    actor.send({ type: "LOAD", source: { preset: "partition" }, seed: 3 });
    actor.send({ type: "LOADED", accepted: true });
    expect(ctx().shown).toEqual({ source: { preset: "partition" }, seed: 3 });
    // a bad scenario after it: the partition run stays, and so does what Share and Reload build on
    actor.send({ type: "LOAD", source: { scenario: { version: 1, quorum: { r: 9 } } }, seed: 5 });
    expect(ctx().source).toEqual({ scenario: { version: 1, quorum: { r: 9 } } });
    actor.send({ type: "LOADED", accepted: false });
    expect([ctx().source, ctx().seed]).toEqual([{ preset: "partition" }, 3]);
    expect(playbackStatus(actor.getSnapshot())).toBe("paused");
  });
});
