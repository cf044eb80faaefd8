/**
 * The session wires the three parts of the live view together: the worker client (commands out,
 * frames in), the playback machine (what the buttons may do), and the stores (the zustand store
 * the panels read, the flight board the canvas reads). Views call the session; nothing else talks
 * to the worker.
 */

import { createActor } from "xstate";
import { type PlaybackStatus, playbackMachine, playbackStatus } from "../machines/playback";
import type { LessonPlan, LiveIntervention } from "../sim";
import {
  addAlert,
  applyFrame,
  setInfo,
  setInspection,
  setSideBySide,
  setSpeedValue,
  setStaleness,
  setStatus,
  useAppStore,
} from "../store/appStore";
import { mayRestart, useCrash } from "../store/crash";
import { CROWD, flightBoard } from "../store/flights";
import { spacetimeBoard, useSpacetimeUi } from "../store/spacetime";
import { createWorkerClient, type WorkerClient } from "../worker/client";
import {
  type ExportKind,
  type ExportResult,
  type Frame,
  type FromWorker,
  LOG_MAX,
  type PresetChange,
  type ScenarioSource,
} from "../worker/protocol";
import { encodeShare, type SharedRun } from "./share";
import { formatHash } from "./url";

export interface Session {
  /** Loads a scenario; true once it is on screen, false when it was refused (an alert says why). */
  load(source: ScenarioSource, seed: number): Promise<boolean>;
  play(): void;
  /** plays, stopping by itself at `ms` (a lesson's step) */
  playUntil(ms: number): void;
  /** asks the worker to plan a lesson; `done` gets the plan, or the problem */
  planLesson(lesson: string, done: (result: LessonPlan | string) => void): void;
  pause(): void;
  togglePlay(): void;
  step(): void;
  runToEnd(): void;
  setSpeed(speed: number): void;
  /** crashes an up node, recovers a crashed one: an intervention on the run's timeline */
  toggleNode(index: number): void;
  /** measures staleness (PBS) by simulation; the result lands in the store */
  measureStaleness(latency: string, n: number, r: number, w: number, trials: number): void;
  /** the latency panel's side-by-side mode: the other coordination mode runs beside this one */
  sideBySide(on: boolean): void;
  /** re-runs to an instant, paused there; one event back */
  seek(ms: number): void;
  stepBack(): void;
  /** any other intervention, at the current instant */
  intervene(intervention: LiveIntervention): void;
  /** reloads the current preset with another placement, quorum mode or conflict resolution */
  reconfigure(patch: PresetChange): void;
  /** what a link to this run at this instant holds (null before anything is loaded) */
  shareable(): SharedRun | null;
  /** a file of the run (the scenario with its interventions, the trace, a ShiViz log) */
  exportRun(what: ExportKind): Promise<ExportResult>;
  /** opens (or with null closes) the node and key inspectors */
  inspect(patch: {
    node?: number | null;
    key?: string | null;
    range?: number | null;
    history?: boolean;
    /** the client operation whose route the ring draws */
    op?: number | null;
  }): void;
  /** shows or hides the space-time diagram (frames then carry its events) */
  spacetime(on: boolean): void;
  /** opens the message inspector on a message (null closes it) */
  inspectMessage(id: number | null): void;
  /** loads the last scenario again (after a failure) */
  reload(): void;
  /** makes the simulation fail on purpose (the test hook in main.tsx) */
  failForTest(): void;
  status(): PlaybackStatus;
  dispose(): void;
}

/** Panels (text, tables) refresh at most this often while playing; the canvas runs at full rate. */
export const PANEL_REFRESH_MS = 50;
/**
 * ... and at most this often while the ring shows a crowd of messages (over CROWD): then the
 * main thread's frame budget goes to the canvas, and each refresh (a render and a layout of the
 * panels) would make a frame miss it.
 */
export const CROWDED_PANEL_REFRESH_MS = 100;

/**
 * Hands frames to the store, coalescing tick frames that come sooner than PANEL_REFRESH_MS after
 * the last one: a clock that changes 20 times a second reads as smoothly as one that changes 60
 * times, and React then renders a third as often. Nothing is lost: the log, stats and timeline of
 * coalesced frames are carried into the next one applied. Any frame other than a tick (load, step,
 * pause, intervention, the end) is applied at once.
 */
export function panelThrottle(
  apply: (frame: Frame) => void,
  everyMs: number | (() => number) = PANEL_REFRESH_MS,
) {
  let pending: Frame | null = null;
  let lastWall = Number.NEGATIVE_INFINITY;
  return {
    offer(frame: Frame, wall: number): void {
      const merged: Frame =
        pending === null || frame.cause === "load"
          ? frame
          : {
              ...frame,
              stats: frame.stats ?? pending.stats,
              histograms: frame.histograms ?? pending.histograms,
              twin: frame.twin ?? pending.twin,
              timeline: frame.timeline ?? pending.timeline,
              replication: frame.replication ?? pending.replication,
              membership: frame.membership ?? pending.membership,
              consistency: frame.consistency ?? pending.consistency,
              faults: frame.faults ?? pending.faults,
              inspection: frame.inspection ?? pending.inspection,
              log: pending.log.concat(frame.log).slice(-LOG_MAX),
            };
      const spacing = typeof everyMs === "number" ? everyMs : everyMs();
      if (frame.cause !== "tick" || frame.finished || wall - lastWall >= spacing) {
        pending = null;
        lastWall = wall;
        apply(merged);
      } else {
        pending = merged;
      }
    },
  };
}

export function createSession(initial: { source: ScenarioSource; seed: number }): Session {
  let client: WorkerClient | null = null;
  let exportRequests = 0;
  const pendingExports = new Map<
    number,
    { what: ExportKind; resolve: (result: ExportResult) => void }
  >();
  const worker = (): WorkerClient => {
    if (client === null) client = createWorkerClient(onMessage);
    return client;
  };

  /** per load sent to the worker, in order, who waits to hear whether it was accepted */
  const loadsAnswered: (((accepted: boolean) => void) | null)[] = [];
  let nextLoadAnswered: ((accepted: boolean) => void) | null = null;
  const answerLoads = (accepted: boolean, all: boolean) => {
    do loadsAnswered.shift()?.(accepted);
    while (all && loadsAnswered.length > 0);
  };

  const actor = createActor(playbackMachine, {
    input: {
      client: {
        // every load carries the chosen speed: a restarted worker starts with it
        load: (source, seed) => {
          loadsAnswered.push(nextLoadAnswered);
          nextLoadAnswered = null;
          worker().load(source, seed, useAppStore.getState().speed);
        },
        play: (untilMs) => worker().play(untilMs),
        pause: () => worker().pause(),
        step: () => worker().step(),
        runToEnd: () => worker().runToEnd(),
        seek: (ms) => worker().seek(ms),
        stepBack: () => worker().stepBack(),
      },
      source: initial.source,
      seed: initial.seed,
    },
  });

  function onMessage(message: FromWorker): void {
    switch (message.type) {
      case "loaded":
        setInfo(message.info);
        flightBoard.reset();
        {
          // a fresh worker knows nothing of the open inspectors
          const st = useAppStore.getState();
          worker().inspect(
            st.inspectNode,
            st.inspectKey,
            st.inspectRange,
            st.historyOpen,
            st.inspectOp,
          );
          if (useSpacetimeUi.getState().open) worker().spacetime(true);
        }
        actor.send({ type: "LOADED", accepted: message.accepted });
        answerLoads(message.accepted, false);
        return;
      case "frame": {
        const frame = message.frame;
        const wall = performance.now();
        flightBoard.ingest(frame, wall);
        spacetimeBoard.ingest(frame.spacetime);
        panels.offer(frame, wall);
        if (frame.cause === "load") return;
        if (frame.cause === "seek") flightBoard.reset();
        if (frame.finished) actor.send({ type: "FINISHED" });
        else if (frame.cause === "step") actor.send({ type: "STEPPED" });
        else if (frame.cause === "seek") actor.send({ type: "SOUGHT" });
        else if (frame.cause === "reached") actor.send({ type: "HALTED" });
        else actor.send({ type: "FRAME" });
        return;
      }
      case "staleness":
        setStaleness(message.result);
        return;
      case "message":
        if (useSpacetimeUi.getState().messageId === message.id) {
          useSpacetimeUi.setState({ message: message.detail });
        }
        return;
      case "lessonPlan":
        lessonPlanned?.(message.plan);
        lessonPlanned = null;
        return;
      case "export": {
        const pending = pendingExports.get(message.request);
        pendingExports.delete(message.request);
        pending?.resolve(message.result);
        return;
      }
      case "error": {
        if (message.during === "command" && useAppStore.getState().staleness === "measuring") {
          setStaleness(null);
        }
        if (message.during === "command" && lessonPlanned !== null) {
          lessonPlanned(message.message);
          lessonPlanned = null;
        }
        // a fatal error says how to reproduce it (the scenario and seed; live interventions are
        // not in the address yet)
        if (message.fatal) {
          // a worker that failed answers no more requests: say so to those waiting
          answerLoads(false, true);
          for (const [request, { what, resolve }] of pendingExports) {
            pendingExports.delete(request);
            resolve({ ok: false, what, problem: `The simulation stopped: ${message.message}` });
          }
        }
        if (!message.fatal) {
          addAlert(message.message);
          actor.send({ type: "ERROR", message: message.message, fatal: false });
          return;
        }
        // A fatal error: say what happened with a link that reproduces the run as it was, and
        // start a fresh worker on the same scenario (unless the failure keeps coming back, or
        // came while loading: a load that fails would only fail again).
        const run = api.shareable();
        const wall = performance.now();
        const restart = message.during !== "load" && mayRestart(restarts, wall);
        useCrash.setState({
          report: { message: message.message, link: null, restarted: restart, at: wall },
        });
        if (run !== null) {
          void encodeShare(run).then((hash) => {
            const report = useCrash.getState().report;
            if (report?.at !== wall) return;
            const link = `${globalThis.location?.origin ?? ""}${globalThis.location?.pathname ?? "/"}${hash}`;
            useCrash.setState({ report: { ...report, link } });
          });
        } else {
          const { source, seed } = actor.getSnapshot().context;
          if ("preset" in source) {
            const report = useCrash.getState().report;
            if (report !== null)
              useCrash.setState({ report: { ...report, link: formatHash(source.preset, seed) } });
          }
        }
        actor.send({ type: "ERROR", message: message.message, fatal: true });
        if (restart) {
          restarts.push(wall);
          api.reload();
        }
        return;
      }
    }
  }

  let lessonPlanned: ((result: LessonPlan | string) => void) | null = null;
  const panels = panelThrottle(applyFrame, () =>
    flightBoard.inFlight > CROWD ? CROWDED_PANEL_REFRESH_MS : PANEL_REFRESH_MS,
  );
  /** wall times of automatic restarts after fatal errors */
  const restarts: number[] = [];
  const sub = actor.subscribe((snapshot) => setStatus(playbackStatus(snapshot)));
  actor.start();

  const live = () => {
    const s = playbackStatus(actor.getSnapshot());
    return s !== "loading" && s !== "failed";
  };

  const api: Session = {
    load: (source, seed) =>
      new Promise<boolean>((resolve) => {
        nextLoadAnswered = resolve;
        actor.send({ type: "LOAD", source, seed });
        // the machine sends every LOAD on to the worker at once; if it did not, nobody answers
        if (nextLoadAnswered === resolve) {
          nextLoadAnswered = null;
          resolve(false);
        }
      }),
    play: () => actor.send({ type: "PLAY" }),
    playUntil: (ms) => actor.send({ type: "PLAY", untilMs: ms }),
    planLesson(lesson, done) {
      lessonPlanned = done;
      worker().lessonPlan(lesson);
    },
    pause: () => actor.send({ type: "PAUSE" }),
    togglePlay: () => actor.send({ type: "TOGGLE" }),
    step: () => actor.send({ type: "STEP" }),
    runToEnd: () => actor.send({ type: "RUN_TO_END" }),
    seek: (ms) => actor.send({ type: "SEEK", ms }),
    stepBack: () => actor.send({ type: "STEP_BACK" }),
    sideBySide(on) {
      setSideBySide(on);
      worker().sideBySide(on);
    },
    measureStaleness(latency, n, r, w, trials) {
      setStaleness("measuring");
      worker().staleness(latency, n, r, w, trials);
    },
    setSpeed(speed) {
      setSpeedValue(speed);
      worker().setSpeed(speed);
    },
    toggleNode(index) {
      const state = useAppStore.getState();
      const name = state.info?.nodeNames[index];
      const node = state.nodes[index];
      if (!live() || name === undefined || node === undefined) return;
      worker().intervene({ kind: node.up ? "crash" : "recover", node: name });
    },
    intervene(intervention) {
      if (live()) worker().intervene(intervention);
    },
    reconfigure(patch) {
      const { source, seed } = actor.getSnapshot().context;
      if (!("preset" in source)) return;
      // Interventions the user made are replayed under the new setting, up to the instant on
      // screen, so nothing they did is lost and the two runs compare at once (if they no longer
      // fit, the worker says so and starts without them). With none, the new setting starts
      // from the beginning.
      const state = useAppStore.getState();
      const live = state.timeline.filter((t) => t.live).map((t) => t.intervention);
      const { live: _live, atMs: _atMs, ...rest } = source;
      actor.send({
        type: "LOAD",
        source:
          live.length > 0
            ? { ...rest, ...patch, live, atMs: state.run?.nowMs ?? 0 }
            : { ...rest, ...patch },
        seed,
      });
    },
    shareable() {
      const { source, seed } = actor.getSnapshot().context;
      const state = useAppStore.getState();
      const common = {
        seed,
        live: state.timeline.filter((t) => t.live).map((t) => t.intervention),
        atMs: state.run?.nowMs ?? 0,
      };
      if (!("preset" in source)) return { scenario: source.scenario, ...common };
      const { preset, live: _live, atMs: _atMs, ...change } = source;
      return { preset, change, ...common };
    },
    exportRun(what) {
      const request = ++exportRequests;
      return new Promise<ExportResult>((resolve) => {
        pendingExports.set(request, { what, resolve });
        worker().exportRun(what, request);
      });
    },
    inspect(patch) {
      const before = useAppStore.getState();
      const next = {
        inspectNode: patch.node !== undefined ? patch.node : before.inspectNode,
        inspectKey: patch.key !== undefined ? patch.key : before.inspectKey,
        inspectRange:
          patch.range !== undefined
            ? patch.range
            : patch.node !== undefined
              ? null
              : before.inspectRange,
        historyOpen: patch.history ?? before.historyOpen,
        inspectOp: patch.op !== undefined ? patch.op : before.inspectOp,
      };
      setInspection(next);
      worker().inspect(
        next.inspectNode,
        next.inspectKey,
        next.inspectRange,
        next.historyOpen,
        next.inspectOp,
      );
    },
    spacetime(on) {
      useSpacetimeUi.setState({ open: on });
      if (!on) spacetimeBoard.clear();
      worker().spacetime(on);
    },
    inspectMessage(id) {
      useSpacetimeUi.setState({ messageId: id, message: id === null ? null : "loading" });
      if (id !== null) worker().inspectMessage(id);
    },
    reload() {
      const { source, seed } = actor.getSnapshot().context;
      actor.send({ type: "LOAD", source, seed });
    },
    failForTest: () => worker().failForTest(),
    status: () => playbackStatus(actor.getSnapshot()),
    dispose() {
      sub.unsubscribe();
      actor.stop();
      client?.dispose();
    },
  };
  return api;
}
