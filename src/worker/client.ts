/**
 * The app's side of the worker: sends typed commands, hands typed messages to one listener, and
 * starts a fresh worker when the old one failed (an error it reported as fatal, or one it could
 * not report at all).
 */

import type { LiveIntervention } from "../sim";
import {
  type ExportKind,
  FAIL_FOR_TEST_CONFIRM,
  type FromWorker,
  type ScenarioSource,
  type ToWorker,
} from "./protocol";

/** The commands the playback machine and the views give the simulation. */
export interface SimClient {
  load(source: ScenarioSource, seed: number, speed?: number): void;
  /** plays; with `untilMs`, stops there */
  play(untilMs?: number): void;
  pause(): void;
  step(): void;
  runToEnd(): void;
  setSpeed(speed: number): void;
  intervene(intervention: LiveIntervention): void;
  seek(ms: number): void;
  stepBack(): void;
  staleness(latency: string, n: number, r: number, w: number, trials: number): void;
  /** frames carry the other coordination mode's latency too */
  sideBySide(on: boolean): void;
  /** plans a lesson; the worker answers with `lessonPlan` */
  lessonPlan(lesson: string): void;
  /** what the inspectors show: a node (and a key range of it) and a key */
  inspect(
    node: number | null,
    key: string | null,
    range: number | null,
    history: boolean,
    op?: number | null,
  ): void;
  /** frames carry the space-time diagram's events while on */
  spacetime(on: boolean): void;
  /** asks for one message's detail (answered with a `message`) */
  inspectMessage(id: number): void;
  /** asks for a file of the run; the answer comes as an `export` message with this request id */
  exportRun(what: ExportKind, request: number): void;
  /** makes the simulation fail on purpose (tests only) */
  failForTest(): void;
}

export interface WorkerClient extends SimClient {
  dispose(): void;
}

export function createWorkerClient(listener: (message: FromWorker) => void): WorkerClient {
  let worker: Worker | null = null;
  let broken = false;

  const start = (): Worker => {
    const w = new Worker(new URL("./sim.worker.ts", import.meta.url), { type: "module" });
    w.onmessage = (event: MessageEvent<FromWorker>) => {
      if (event.data.type === "error" && event.data.fatal) broken = true;
      listener(event.data);
    };
    w.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      broken = true;
      listener({
        type: "error",
        message: `the simulation worker failed: ${event.message || "unknown error"}`,
        fatal: true,
        during: "run",
      });
    };
    w.onmessageerror = () => {
      listener({
        type: "error",
        message: "a message from the simulation worker could not be read",
        fatal: false,
        during: "run",
      });
    };
    return w;
  };

  const send = (message: ToWorker): void => {
    if (worker === null) worker = start();
    worker.postMessage(message);
  };

  return {
    load(source, seed, speed) {
      if (broken && worker !== null) {
        worker.terminate();
        worker = null;
      }
      broken = false;
      send({ type: "load", source, seed, ...(speed !== undefined && { speed }) });
    },
    play: (untilMs) => send({ type: "play", ...(untilMs !== undefined && { untilMs }) }),
    pause: () => send({ type: "pause" }),
    step: () => send({ type: "step" }),
    runToEnd: () => send({ type: "runToEnd" }),
    setSpeed: (speed) => send({ type: "setSpeed", speed }),
    intervene: (intervention) => send({ type: "intervene", intervention }),
    seek: (ms) => send({ type: "seek", ms }),
    stepBack: () => send({ type: "stepBack" }),
    staleness: (latency, n, r, w, trials) => send({ type: "staleness", latency, n, r, w, trials }),
    lessonPlan: (lesson) => send({ type: "lessonPlan", lesson }),
    inspect: (node, key, range, history, op) =>
      send({ type: "inspect", node, key, range, history, op: op ?? null }),
    sideBySide: (on) => send({ type: "sideBySide", on }),
    spacetime: (on) => send({ type: "spacetime", on }),
    inspectMessage: (id) => send({ type: "inspectMessage", id }),
    exportRun: (what, request) => send({ type: "export", what, request }),
    failForTest: () => send({ type: "failForTest", confirm: FAIL_FOR_TEST_CONFIRM }),
    dispose() {
      worker?.terminate();
      worker = null;
    },
  };
}
