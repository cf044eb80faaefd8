/**
 * The playback controller: what the Play, Pause, Step and Run-to-end buttons may do, and when.
 *
 * It drives the simulation through an injected client (the worker in the app, a fake in tests) and
 * learns what the worker did from events the session forwards: LOADED after a load, STEPPED after a
 * step, FRAME while running, HALTED when a play with a stopping instant got there, FINISHED at the
 * end of the run, ERROR when something went wrong. A
 * fatal error (the worker lost its run) leads to `failed`, from which a LOAD recovers; other errors
 * (a bad intervention, a bad scenario while one is loaded) leave the state as it is.
 */

import { assign, type SnapshotFrom, setup } from "xstate";
import type { SimClient } from "../worker/client";
import { type ScenarioSource, STAND_IN } from "../worker/protocol";

export type PlaybackClient = Pick<
  SimClient,
  "load" | "play" | "pause" | "step" | "runToEnd" | "seek" | "stepBack"
>;

export interface PlaybackInput {
  client: PlaybackClient;
  source: ScenarioSource;
  seed: number;
}

export interface PlaybackContext extends PlaybackInput {
  /** the message of the last error, until the next successful load */
  error: string | null;
  /**
   * the scenario and seed of the run on screen: `source` and `seed` are those asked for last, and
   * fall back to these when the worker refuses them (so a Share, a Reload or a change of setting
   * never builds on a scenario that did not load)
   */
  shown: { source: ScenarioSource; seed: number } | null;
}

export { STAND_IN };

export type PlaybackEvent =
  | { type: "LOAD"; source: ScenarioSource; seed: number }
  /** `accepted: false`: the scenario asked for was refused, and the run before (or STAND_IN) stays */
  | { type: "LOADED"; accepted?: boolean }
  /** with `untilMs`, the worker stops by itself at that instant (and the session sends HALTED) */
  | { type: "PLAY"; untilMs?: number }
  | { type: "PAUSE" }
  /** Play when paused, Pause when running (the Space key) */
  | { type: "TOGGLE" }
  | { type: "STEP" }
  | { type: "STEPPED" }
  | { type: "FRAME" }
  | { type: "HALTED" }
  | { type: "RUN_TO_END" }
  | { type: "FINISHED" }
  /** re-run to an instant (the scrubber), or one event back */
  | { type: "SEEK"; ms: number }
  | { type: "STEP_BACK" }
  /** the worker is at the instant sought */
  | { type: "SOUGHT" }
  | { type: "ERROR"; message: string; fatal: boolean };

export const playbackMachine = setup({
  types: {
    context: {} as PlaybackContext,
    events: {} as PlaybackEvent,
    input: {} as PlaybackInput,
  },
  actions: {
    load: ({ context }) => context.client.load(context.source, context.seed),
    play: ({ context, event }) =>
      event.type === "PLAY" && event.untilMs !== undefined
        ? context.client.play(event.untilMs)
        : context.client.play(),
    pause: ({ context }) => context.client.pause(),
    step: ({ context }) => context.client.step(),
    runToEnd: ({ context }) => context.client.runToEnd(),
    seek: ({ context, event }) => {
      if (event.type === "SEEK") context.client.seek(event.ms);
      else context.client.stepBack();
    },
    rememberSource: assign(({ event }) =>
      event.type === "LOAD" ? { source: event.source, seed: event.seed } : {},
    ),
    rememberError: assign(({ event }) => (event.type === "ERROR" ? { error: event.message } : {})),
    clearError: assign({ error: null }),
    settleSource: assign(({ context, event }) => {
      if (event.type !== "LOADED") return {};
      if (event.accepted !== false)
        return { shown: { source: context.source, seed: context.seed } };
      const shown = context.shown ?? STAND_IN;
      return { shown, source: shown.source, seed: shown.seed };
    }),
  },
  guards: {
    fatal: ({ event }) => event.type === "ERROR" && event.fatal,
  },
}).createMachine({
  id: "playback",
  context: ({ input }) => ({ ...input, error: null, shown: null }),
  initial: "loading",
  on: {
    LOAD: { target: ".loading", reenter: true, actions: "rememberSource" },
    ERROR: [
      { guard: "fatal", target: ".failed", actions: "rememberError" },
      { actions: "rememberError" },
    ],
  },
  states: {
    loading: {
      entry: "load",
      on: { LOADED: { target: "paused", actions: ["clearError", "settleSource"] } },
    },
    paused: {
      on: {
        PLAY: "running",
        TOGGLE: "running",
        STEP: "stepping",
        RUN_TO_END: "running.toEnd",
        FINISHED: "finished",
        SEEK: "seeking",
        STEP_BACK: "seeking",
      },
    },
    running: {
      initial: "playing",
      states: {
        playing: {
          entry: "play",
          on: { RUN_TO_END: "toEnd" },
        },
        toEnd: { entry: "runToEnd" },
      },
      on: {
        PAUSE: { target: "paused", actions: "pause" },
        TOGGLE: { target: "paused", actions: "pause" },
        HALTED: "paused",
        // the worker pauses before it steps, and before it seeks
        STEP: "stepping",
        FINISHED: "finished",
        SEEK: "seeking",
        STEP_BACK: "seeking",
      },
    },
    stepping: {
      entry: "step",
      on: {
        STEPPED: "paused",
        FINISHED: "finished",
        PLAY: "running",
        TOGGLE: "running",
        SEEK: "seeking",
        STEP_BACK: "seeking",
      },
    },
    seeking: {
      entry: "seek",
      on: {
        SOUGHT: "paused",
        FINISHED: "finished",
        SEEK: { target: "seeking", reenter: true },
        STEP_BACK: { target: "seeking", reenter: true },
      },
    },
    // the run is over: Play, Step and Run to end have nothing to do; LOAD starts again, and
    // seeking goes back in time
    finished: { on: { SEEK: "seeking", STEP_BACK: "seeking" } },
    failed: {},
  },
});

export type PlaybackSnapshot = SnapshotFrom<typeof playbackMachine>;
export type PlaybackStatus =
  | "loading"
  | "paused"
  | "running"
  | "stepping"
  | "seeking"
  | "finished"
  | "failed";

/** The top-level state as a plain string, for views. */
export function playbackStatus(snapshot: PlaybackSnapshot): PlaybackStatus {
  const v = snapshot.value;
  return (typeof v === "string" ? v : Object.keys(v)[0]) as PlaybackStatus;
}
