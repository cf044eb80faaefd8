/**
 * The simulation host: one Run, driven by commands, advancing simulated time at the chosen speed
 * and posting one frame per tick. The worker entry (sim.worker.ts) is a thin adapter around it;
 * the host itself takes its clock, timers and outlet as parameters so that tests can run it in
 * Node with a fake clock.
 *
 * Pacing. While playing, a self-paced loop (a timer every TICK_MS; workers have no
 * requestAnimationFrame) advances simulated time by (wall time since the last tick) x speed, in
 * slices sized from the observed event rate, and stops early when the tick has used its CPU budget.
 * Time lost that way is not made up later: the run simply goes slower than requested, and the
 * frame says so (`behind`). A frame carries at most MAX_EVENTS_READ trace events' worth of
 * messages; the rest are counted in `skipped`.
 */

import {
  checkConsistency,
  collectTrace,
  describeIntervention,
  describeLatency,
  describePartitioning,
  historyOps,
  type Intervention,
  InterventionError,
  inspectKey,
  inspectNode,
  interventionSchema,
  keySpaceShares,
  keysHeld,
  LessonError,
  LOAD_BALANCER_NAME,
  lessonById,
  lostWrites,
  metadataBytesPerNode,
  msToTicks,
  namesIn,
  type Placement,
  parseScenario,
  planLesson,
  presetScenario,
  presets,
  Run,
  requestRoute,
  type Scenario,
  shivizLog,
  stalenessExperiment,
  staleReads,
  TICKS_PER_MS,
  ticksToMs,
  traceJson,
  WARS_MODEL_NAMES,
  type WarsModelName,
} from "../sim";
import { CheckpointError, pourRun } from "./checkpoint";
import { compactEvents } from "./compact";
import { histogramsOf, Twin } from "./latency";
import { messageDetail } from "./messageDetail";
import {
  type ActiveFaults,
  DEFAULT_SPEED,
  type ExportKind,
  type ExportResult,
  FAIL_FOR_TEST_CONFIRM,
  type Frame,
  type FrameCause,
  type FromWorker,
  LOG_MAX,
  type PlacementInfo,
  type ReplicationFrame,
  type ScenarioInfo,
  type ScenarioSource,
  SPEED_MAX,
  SPEED_MIN,
  STAND_IN,
  STAND_IN_PRESET,
  type TimelineEntry,
  type ToWorker,
} from "./protocol";
import { SpacetimeTracker } from "./spacetime";

export interface HostEnv {
  post(message: FromWorker): void;
  /** wall-clock milliseconds (performance.now in the worker) */
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** Wall ms between ticks while playing (about one display frame). */
export const TICK_MS = 16;
/** CPU ms a playing tick may spend simulating. */
export const TICK_BUDGET_MS = 8;
/** CPU ms a tick may spend when running to the end (frames then report progress). */
export const TO_END_BUDGET_MS = 40;
/** A tick never advances by more wall time than this (timers are throttled in hidden tabs). */
export const MAX_TICK_WALL_MS = 100;
/** At most this many trace events are read back per frame; the rest are skipped. */
export const MAX_EVENTS_READ = 4000;
/** At most this many message sends per frame (the newest): more could not be told apart anyway. */
export const MAX_SENDS_PER_FRAME = 300;
/** Stats (which sort every latency) are recomputed at most this often while playing. */
export const STATS_EVERY_MS = 250;

/** The consistency check runs at most this often while playing (it reads the whole history). */
export const CHECK_EVERY_MS = 1000;
/**
 * While playing, the wall time between two checks (and between two replication summaries) is at
 * least this many times the last one's own duration: on a long, busy run a check takes a third of
 * a second, and checking every second would give a third of the worker (and, on a small machine,
 * of the page's core) to it.
 */
export const CHECK_SPACING_PER_COST = 10;
/** Search steps it may take, so that a hard history costs a bounded time ("unknown") */
export const CHECK_MAX_STEPS = 300_000;
/** A checkpoint is taken every this many simulated ms (doubling when there are too many). */
export const CHECKPOINT_EVERY_MS = 2000;
/** While playing, checkpoints are taken only if the last one took at most this long (wall ms). */
export const CHECKPOINT_PLAYING_MAX_MS = 12;
function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A load's warm-up (see SimHost.warmUp) runs after this many checkpoints, over this many ms. */
const WARM_AFTER_CHECKPOINTS = 3;
const WARM_UP_MS = 1000;
/** At most this many checkpoints are kept; past it, every other one goes and the spacing doubles. */
export const MAX_CHECKPOINTS = 96;

export interface HostOptions {
  /** keep checkpoints so that seeks re-run from the nearest one (default true) */
  checkpoints?: boolean;
}

/** A copy of the run at an instant, with the live interventions it had applied by then. */
interface Checkpoint {
  atMs: number;
  events: number;
  live: Intervention[];
  /** live interventions after `atMs` that its queue holds already (its run knew of them) */
  scheduled: Intervention[];
  run: Run;
}

/**
 * A seek's frame leaves the history's checks (consistency, stale reads, the inspectors) to a frame
 * of their own when they would take longer than this (wall ms, estimated from the last check's
 * cost per operation), or past DEFER_CHECKS_OPS operations. The seek shows its instant at once.
 */
export const DEFER_CHECKS_MS = 12;
export const DEFER_CHECKS_OPS = 500;
/**
 * Deferred checks wait this long (wall ms) after the seek: a scrub is many seeks in a row, and
 * the checks then run once, where it stops, instead of holding up the next seek.
 */
export const DEFERRED_CHECKS_DELAY_MS = 100;
/** The checks' cost per operation is estimated from histories of at least this many. */
const COST_MIN_OPS = 200;

/** Events a slice of simulation aims at, so the budget is checked often enough. */
const EVENTS_PER_SLICE = 2000;

export class SimHost {
  private run: Run | null = null;
  private info: ScenarioInfo | null = null;
  private speed = DEFAULT_SPEED;
  private playing = false;
  private toEnd = false;
  /** a play with `untilMs` stops at this tick */
  private stopAtTick: number | null = null;
  private timer: unknown = null;
  private lastWall = 0;
  private readIndex = 0;
  private seq = 0;
  private rate = 0;
  private behind = false;
  /** observed trace events per simulated ms, to size slices */
  private eventsPerMs = 50;
  private lastStatsWall = Number.NEGATIVE_INFINITY;
  private lastStatsKey = "";
  private sentTimeline = -1;
  /** the scenario as loaded, before any live intervention */
  private base: Scenario | null = null;
  /** the user's interventions on this run, in the order made (a seek replays them) */
  private live: Intervention[] = [];
  /** where the run last forked: an intervention made in the past dropped the later ones */
  private forkedAtMs: number | null = null;
  /** what the inspectors show (kept across loads, so an open inspector follows a reload) */
  private watch: {
    node: number | null;
    key: string | null;
    range: number | null;
    history: boolean;
    op: number | null;
  } = {
    node: null,
    key: null,
    range: null,
    history: false,
    op: null,
  };
  private lastCheckWall = Number.NEGATIVE_INFINITY;
  /** how long the last consistency check took (wall ms) */
  private lastCheckCostMs = 0;
  private lastCheckOps = -1;
  /** wall ms per operation the last history check took, and the last details (replication...) */
  private checkMsPerOp = 0;
  private detailsMsPerOp = 0;
  /** the timer of a seek's deferred checks */
  private checksTimer: unknown = null;
  private lastDetailsWall = Number.NEGATIVE_INFINITY;
  /** how long the last replication summary and inspections took (wall ms) */
  private lastDetailsCostMs = 0;
  private sentMembership = 0;
  private lastFaultsKey = "";
  /** the latency panel's side-by-side mode: the other coordination mode's run, kept in step */
  private sideBySide = false;
  private readonly twin = new Twin();
  /** the space-time diagram's stream, while the app shows the diagram */
  private spacetime: SpacetimeTracker | null = null;

  /** copies of the run every few simulated seconds, for seeking (see checkpoint.ts) */
  private checkpoints: Checkpoint[] = [];
  private checkpointEveryMs = CHECKPOINT_EVERY_MS;
  private readonly keepCheckpoints: boolean;
  /** wall ms the last checkpoint took, and when it ended: copies cost at most a tenth of the time */
  private checkpointCostMs = 0;
  private checkpointEndWall = Number.NEGATIVE_INFINITY;
  /** whether this load's warm-up ran */
  private warmed = false;
  /** a copy failed to run on in this load's warm-up: no checkpoints for this load */
  private copiesFail = false;

  constructor(
    private readonly env: HostEnv,
    options: HostOptions = {},
  ) {
    this.keepCheckpoints = options.checkpoints ?? true;
  }

  /** wall ms the last seek spent re-running (before building its frame), for benchmarks */
  lastSeekRunMs = 0;

  /** How many checkpoints the host holds now, and how far apart (for tests and benchmarks). */
  get checkpointInfo(): { count: number; everyMs: number } {
    return { count: this.checkpoints.length, everyMs: this.checkpointEveryMs };
  }

  handle(msg: ToWorker): void {
    try {
      switch (msg.type) {
        case "load":
          this.load(msg.source, msg.seed, msg.speed);
          return;
        case "play":
          this.play(false, msg.untilMs);
          return;
        case "runToEnd":
          this.play(true);
          return;
        case "pause":
          this.pause();
          return;
        case "step":
          this.step();
          return;
        case "setSpeed":
          this.setSpeed(msg.speed);
          return;
        case "intervene":
          this.intervene(msg);
          return;
        case "seek":
          this.seek(msg.ms);
          return;
        case "stepBack":
          this.stepBack();
          return;
        case "sideBySide":
          this.setSideBySide(msg.on);
          break;
        case "staleness":
          this.staleness(msg);
          return;
        case "failForTest":
          if (msg.confirm !== FAIL_FOR_TEST_CONFIRM) {
            this.env.post({
              type: "error",
              message: "a test fault was asked for without its confirmation; nothing happened",
              fatal: false,
              during: "command",
            });
            return;
          }
          throw new Error("a fault injected on purpose (failForTest)");
        case "spacetime":
          this.spacetime = msg.on ? new SpacetimeTracker() : null;
          if (this.run !== null) {
            this.restartSpacetime();
            this.postFrame("inspect");
          }
          return;
        case "inspectMessage":
          this.env.post({
            type: "message",
            id: msg.id,
            detail: this.run !== null ? messageDetail(this.run.sim.trace, msg.id) : null,
          });
          return;
        case "lessonPlan":
          this.lessonPlan(msg.lesson);
          return;
        case "export":
          this.env.post({ type: "export", request: msg.request, result: this.exportRun(msg.what) });
          return;
        case "inspect":
          this.watch = {
            node: msg.node,
            key: msg.key,
            range: msg.range,
            history: msg.history,
            op: msg.op ?? null,
          };
          if (this.run !== null) this.postFrame("inspect");
          return;
        default:
          // a message this worker does not know changes nothing
          this.env.post({
            type: "error",
            message: `unknown command ${JSON.stringify((msg as { type?: unknown }).type)}`,
            fatal: false,
            during: "command",
          });
      }
    } catch (err) {
      this.fatal(err, "command");
    }
  }

  // ---- commands -------------------------------------------------------------------------------

  /**
   * Loads a scenario. A bad one leaves the run before in place, or (with none before) the default
   * preset, which is then loaded as a stand-in: "loaded" says it was not the one asked for.
   */
  private load(
    source: ScenarioSource,
    seed: number,
    speed: number | undefined,
    standIn = false,
  ): void {
    if (speed !== undefined) this.speed = clampSpeed(speed);
    let scenario: Scenario;
    let preset: string | null = null;
    let run: Run;
    let live: Intervention[] = [];
    try {
      if ("preset" in source) {
        preset = source.preset;
        scenario = presetWith(source);
      } else {
        scenario = parseSource(source.scenario);
      }
      run = liveRun(scenario, seed);
      if (source.live !== undefined || source.atMs !== undefined) {
        // A shared run: its user's interventions written into the timeline, then on to its
        // instant. If they do not fit the scenario, say so and show the scenario without them.
        try {
          live = sharedInterventions(run, source.live ?? []);
          const shared = liveRun({ ...scenario, timeline: [...scenario.timeline, ...live] }, seed);
          const at = source.atMs ?? 0;
          if (!(typeof at === "number" && Number.isFinite(at) && at >= 0))
            throw new Error("the shared instant is not a number of milliseconds from 0 up");
          shared.runUntilMs(at);
          run = shared;
        } catch (err) {
          live = [];
          this.env.post({
            type: "error",
            message: `The run's interventions could not be replayed (${errorMessage(err)}); showing the scenario from its start, without them.`,
            fatal: false,
            during: "load",
          });
        }
      }
    } catch (err) {
      const message = errorMessage(err);
      if (this.run !== null && this.info !== null) {
        // the run we had stays (paused, as after any load): say what was wrong, then tell the app
        // it is still there
        this.stopLoop();
        this.playing = false;
        this.toEnd = false;
        this.rate = 0;
        this.env.post({ type: "error", message, fatal: false, during: "load" });
        this.env.post({ type: "loaded", info: this.info, accepted: false });
        this.postFrame("load");
      } else if (!standIn) {
        // nothing to keep: say what was wrong and show the default instead
        this.env.post({
          type: "error",
          message: `${upperFirst(message).replace(/\.$/, "")}. Showing "${STAND_IN_PRESET}" instead.`,
          fatal: false,
          during: "load",
        });
        this.load(STAND_IN.source, STAND_IN.seed, undefined, true);
      } else {
        this.env.post({ type: "error", message, fatal: true, during: "load" });
      }
      return;
    }
    this.stopLoop();
    this.playing = false;
    this.toEnd = false;
    this.run = run;
    this.readIndex = 0;
    this.seq = 0;
    this.rate = 0;
    this.behind = false;
    this.eventsPerMs = 50;
    this.lastStatsWall = Number.NEGATIVE_INFINITY;
    this.lastStatsKey = "";
    this.lastDetailsWall = Number.NEGATIVE_INFINITY;
    this.lastCheckWall = Number.NEGATIVE_INFINITY;
    this.lastCheckCostMs = 0;
    this.lastDetailsCostMs = 0;
    this.lastCheckOps = -1;
    this.sentMembership = 0;
    this.sentTimeline = -1;
    this.base = scenario;
    this.live = live;
    this.checkpoints = [];
    this.checkpointEveryMs = CHECKPOINT_EVERY_MS;
    this.checkpointCostMs = 0;
    this.checkpointEndWall = Number.NEGATIVE_INFINITY;
    this.warmed = false;
    this.copiesFail = false;
    this.twin.reset();
    this.forkedAtMs = null;
    this.info = describeRun(run, preset);
    this.restartSpacetime();
    this.env.post({ type: "loaded", info: this.info, accepted: !standIn });
    this.postFrame("load");
  }

  private play(toEnd: boolean, untilMs?: number): void {
    const run = this.run;
    if (run === null) return;
    this.stopAtTick =
      untilMs !== undefined && Number.isFinite(untilMs) ? msToTicks(Math.max(untilMs, 0)) : null;
    if (this.stopAtTick !== null && run.sim.now >= this.stopAtTick) {
      // already there: nothing to play
      this.halt();
      this.postFrame("reached");
      return;
    }
    if (run.finished) {
      this.playing = false;
      this.toEnd = false;
      this.postFrame("play");
      return;
    }
    this.toEnd = toEnd;
    if (!this.playing) {
      this.playing = true;
      this.lastWall = this.env.now();
    }
    this.postFrame("play");
    this.stopLoop();
    this.schedule(toEnd ? 0 : TICK_MS);
  }

  /** Stops playing (and running to the end), whatever it was doing. */
  private halt(): void {
    this.stopLoop();
    this.stopAtTick = null;
    this.playing = false;
    this.toEnd = false;
    this.rate = 0;
  }

  private pause(): void {
    if (this.run === null) return;
    this.halt();
    this.postFrame("pause");
  }

  private step(): void {
    const run = this.run;
    if (run === null) return;
    this.halt();
    try {
      run.step();
    } catch (err) {
      this.fatal(err, "run");
      return;
    }
    this.postFrame("step");
  }

  private setSpeed(speed: number): void {
    this.speed = clampSpeed(speed);
    if (this.run !== null) this.postFrame("speed");
  }

  private intervene(msg: Extract<ToWorker, { type: "intervene" }>): void {
    const run = this.run;
    if (run === null) {
      this.env.post({
        type: "error",
        message: "no scenario is loaded",
        fatal: false,
        during: "intervene",
      });
      return;
    }
    let target = run;
    try {
      // An intervention before some earlier live ones (after seeking back) forks the run: the
      // future that followed is dropped and the run goes on from here with the new intervention.
      const now = run.nowMs;
      if (this.live.some((iv) => iv.atMs > now)) {
        target = this.rerun(
          this.live.filter((iv) => iv.atMs <= now),
          { ms: now },
        );
      }
      const iv = target.intervene(msg.intervention);
      if (target !== run) {
        this.live = this.live.filter((x) => x.atMs <= now);
        this.forkedAtMs = now;
        this.adopt(target);
        // checkpoints of the future that was dropped are of no use any more
        this.checkpoints = this.checkpoints.filter((c) => this.fits(c, this.live));
      }
      this.live.push(iv);
    } catch (err) {
      if (err instanceof InterventionError) {
        // validated before anything changed: the run is as it was
        this.env.post({ type: "error", message: err.message, fatal: false, during: "intervene" });
        return;
      }
      this.fatal(err, "run");
      return;
    }
    this.postFrame("intervene");
  }

  /** The run again from the start, with these live interventions written into its timeline. */
  private replay(live: readonly Intervention[]): Run {
    const base = this.base as Scenario;
    const seed = (this.run as Run).seed;
    return liveRun({ ...base, timeline: [...base.timeline, ...live] }, seed);
  }

  /**
   * The run again with these live interventions, to an instant or to a number of events: from the
   * latest checkpoint that fits (taken before the goal, with the same live interventions up to
   * it), else from the start.
   */
  private rerun(live: Intervention[], goal: { ms: number } | { events: number }): Run {
    const before = (c: Checkpoint) => ("ms" in goal ? c.atMs <= goal.ms : c.events <= goal.events);
    let next: Run | null = null;
    for (let i = this.checkpoints.length - 1; i >= 0 && next === null; i--) {
      const c = this.checkpoints[i] as Checkpoint;
      if (!before(c) || !this.fits(c, live)) continue;
      try {
        next = pourRun(c.run, this.replay(live));
        scheduleLater(next, live, c.atMs);
      } catch (err) {
        if (!(err instanceof CheckpointError)) throw err;
        this.checkpoints = []; // a run the copy cannot carry: seek from the start from now on
        next = null;
        break;
      }
    }
    if (next === null) next = this.replay(live);
    if ("ms" in goal) this.runForward(next, goal.ms, live);
    else {
      while (next.sim.eventsProcessed < goal.events && next.step()) {
        // one event at a time, up to the goal
      }
    }
    return next;
  }

  /** Whether checkpoint `c` belongs to the run with these live interventions. */
  private fits(c: Checkpoint, live: readonly Intervention[]): boolean {
    const upTo = live.filter((iv) => iv.atMs <= c.atMs);
    return (
      upTo.length === c.live.length &&
      upTo.every((iv, i) => iv === c.live[i]) &&
      c.scheduled.every((iv) => live.includes(iv))
    );
  }

  /** Runs `run` on to `ms`, taking checkpoints on the way. */
  private runForward(run: Run, ms: number, live: Intervention[] = this.live): void {
    const end = Math.min(ms, run.endMs);
    while (run.nowMs < end) {
      const next = Math.min(
        end,
        (Math.floor(run.nowMs / this.checkpointEveryMs) + 1) * this.checkpointEveryMs,
      );
      run.runUntilMs(next);
      this.checkpoint(run, live);
    }
  }

  /**
   * Takes a checkpoint of `run` if none is kept for this stretch of its time, unless copying has
   * taken more than a tenth of the wall time since the last one while playing (`playing`), when
   * only cheap copies are made, so a tick keeps to its budget.
   */
  private checkpoint(run: Run, live: Intervention[] = this.live, playing = false): void {
    if (!this.keepCheckpoints || this.copiesFail || this.base === null) return;
    if (playing && this.checkpointCostMs > CHECKPOINT_PLAYING_MAX_MS) return;
    // while playing, copies may cost up to a tenth of the time; while the user waits for a seek
    // or the end anyway, every stretch gets its copy (seeks later depend on them)
    if (playing && this.env.now() - this.checkpointEndWall < 10 * this.checkpointCostMs) return;
    const now = run.nowMs;
    const slot = Math.floor(now / this.checkpointEveryMs);
    if (slot === 0) return;
    if (
      this.checkpoints.some(
        (c) => Math.floor(c.atMs / this.checkpointEveryMs) === slot && this.fits(c, live),
      )
    )
      return;
    const applied = live.filter((iv) => iv.atMs <= now);
    let copy: Run;
    const startWall = this.env.now();
    try {
      copy = pourRun(run, this.replay(live), true);
      this.checkpointEndWall = this.env.now();
      this.checkpointCostMs = this.checkpointEndWall - startWall;
    } catch (err) {
      if (!(err instanceof CheckpointError)) throw err;
      return;
    }
    const pending = scheduledRefs(run);
    this.checkpoints.push({
      atMs: now,
      events: run.sim.eventsProcessed,
      live: applied,
      scheduled: live.filter((iv) => iv.atMs > now && pending.has(iv)),
      run: copy,
    });
    this.checkpoints.sort((a, b) => a.atMs - b.atMs);
    if (!this.warmed && this.checkpoints.length >= WARM_AFTER_CHECKPOINTS) {
      this.warmed = true;
      this.warmUp(copy, live, now);
    }
    if (this.checkpoints.length > MAX_CHECKPOINTS) {
      this.checkpointEveryMs *= 2;
      this.checkpoints = this.checkpoints.filter((_, i) => i % 2 === 1);
    }
  }

  /**
   * Runs a copy of a checkpoint a little way and drops it, once per load. A copy's objects are
   * new to the JavaScript engine's optimised code (made by the copier, not by the simulation's own
   * literals), so the first run of a copy pays for the code to be re-optimised for both kinds;
   * doing it here, early and on a short stretch, spares the user's first seek that cost.
   */
  private warmUp(checkpoint: Run, live: Intervention[], atMs: number): void {
    try {
      const probe = pourRun(checkpoint, this.replay(live));
      scheduleLater(probe, live, atMs);
      probe.runUntilMs(Math.min(atMs + WARM_UP_MS, probe.endMs));
    } catch {
      // a copy that cannot run on: seeks re-run from the start for the rest of this load
      this.checkpoints = [];
      this.copiesFail = true;
    }
  }

  /** Makes `next` the run shown, from its present: the views start afresh from here. */
  private adopt(next: Run): void {
    this.run = next;
    this.readIndex = next.sim.trace.length;
    this.lastStatsKey = "";
    this.sentTimeline = -1;
    this.sentMembership = -1;
    this.lastCheckOps = -1;
    this.lastDetailsWall = Number.NEGATIVE_INFINITY;
    this.restartSpacetime();
  }

  /** The space-time stream starts again from the present run's recent events. */
  private restartSpacetime(): void {
    const run = this.run;
    if (this.spacetime !== null && run !== null) {
      this.spacetime.reset(run.sim.trace, run.sim.processCount);
    }
  }

  /**
   * Re-runs deterministically to `ms` (the same scenario, seed and live interventions give the same
   * run), paused there. Seeking forward past the present simply runs on.
   */
  private seek(ms: number): void {
    const run = this.run;
    if (run === null) return;
    this.halt();
    const target = Math.min(Math.max(Number.isFinite(ms) ? ms : 0, 0), run.endMs);
    const started = this.env.now();
    try {
      // far ahead, a checkpoint between here and there saves running the stretch between
      const ahead = this.checkpoints.some(
        (c) =>
          c.atMs > run.nowMs + this.checkpointEveryMs &&
          c.atMs <= target &&
          this.fits(c, this.live),
      );
      if (target >= run.nowMs && !ahead) {
        this.runForward(run, target);
        this.readIndex = run.sim.trace.length;
      } else {
        this.adopt(this.rerun(this.live, { ms: target }));
      }
    } catch (err) {
      this.fatal(err, "run");
      return;
    }
    this.lastSeekRunMs = this.env.now() - started;
    this.postFrame("seek");
  }

  /** A staleness experiment (its own runs; the live one is untouched). */
  private staleness(msg: Extract<ToWorker, { type: "staleness" }>): void {
    if (!(WARS_MODEL_NAMES as readonly string[]).includes(msg.latency)) {
      this.env.post({
        type: "error",
        message: `unknown latency model "${msg.latency}" (models: ${WARS_MODEL_NAMES.join(", ")})`,
        fatal: false,
        during: "command",
      });
      return;
    }
    try {
      const result = stalenessExperiment({
        latency: msg.latency as WarsModelName,
        n: msg.n,
        r: msg.r,
        w: msg.w,
        trials: Math.min(Math.max(Math.round(msg.trials), 50), 5000),
      });
      this.env.post({ type: "staleness", result });
    } catch (err) {
      this.env.post({ type: "error", message: errorMessage(err), fatal: false, during: "command" });
    }
  }

  /** A lesson's plan (its own runs; the live one is untouched). */
  private lessonPlan(id: string): void {
    const lesson = lessonById(id);
    if (lesson === undefined) {
      this.env.post({
        type: "error",
        message: `there is no lesson "${id}"`,
        fatal: false,
        during: "command",
      });
      return;
    }
    try {
      this.env.post({ type: "lessonPlan", plan: planLesson(lesson) });
    } catch (err) {
      if (!(err instanceof LessonError)) throw err;
      this.env.post({ type: "error", message: err.message, fatal: false, during: "command" });
    }
  }

  /**
   * A file of the run: the scenario with the user's interventions written into its timeline (load
   * it with the same seed and it replays this run), the trace from the start to now as JSON, or the
   * same trace as a ShiViz log. Traces are re-run from the scenario, since the live run keeps only a
   * window of its events.
   */
  private exportRun(what: ExportKind): ExportResult {
    const run = this.run;
    const base = this.base;
    if (run === null || base === null) return { ok: false, what, problem: "No run is loaded." };
    const scenario: Scenario = { ...base, timeline: [...base.timeline, ...this.live] };
    try {
      if (what === "scenario") {
        const n = this.live.length;
        return {
          ok: true,
          what,
          text: `${JSON.stringify(scenario, null, 2)}\n`,
          note: `the scenario ${scenario.name}${n > 0 ? ` with your ${n === 1 ? "intervention" : `${n} interventions`}` : ""}; load it with seed ${run.seed} to replay this run`,
        };
      }
      const cap = what === "shiviz" ? SHIVIZ_MAX_EVENTS : TRACE_MAX_EVENTS;
      const trace = collectTrace(scenario, run.seed, run.nowMs, cap);
      const count = trace.records.length;
      const cut =
        count < trace.total
          ? `the first ${count.toLocaleString("en-US")} of ${trace.total.toLocaleString("en-US")} events`
          : `${count.toLocaleString("en-US")} events`;
      return {
        ok: true,
        what,
        text: what === "shiviz" ? shivizLog(trace) : traceJson(trace),
        note: `${cut} to t = ${trace.untilMs} ms (trace ${trace.traceHash})`,
      };
    } catch (err) {
      return { ok: false, what, problem: `The ${what} could not be written: ${errorMessage(err)}` };
    }
  }

  /** One event back: the run again, to the event before the last one. */
  private stepBack(): void {
    const run = this.run;
    if (run === null) return;
    this.halt();
    const goal = run.sim.eventsProcessed - 1;
    try {
      this.adopt(this.rerun(this.live, { events: goal }));
    } catch (err) {
      this.fatal(err, "run");
      return;
    }
    this.postFrame("seek");
  }

  // ---- the loop -------------------------------------------------------------------------------

  private schedule(ms: number): void {
    this.timer = this.env.setTimer(this.tick, ms);
  }

  private stopLoop(): void {
    if (this.timer !== null) {
      this.env.clearTimer(this.timer);
      this.timer = null;
    }
  }

  private readonly tick = (): void => {
    this.timer = null;
    const run = this.run;
    if (run === null || !this.playing) return;
    const wall = this.env.now();
    const dt = Math.min(Math.max(wall - this.lastWall, 0), MAX_TICK_WALL_MS);
    this.lastWall = wall;
    const before = run.nowMs;
    let target = this.toEnd ? run.endMs : before + dt * this.speed;
    const stopAt = this.stopAtTick;
    if (stopAt !== null && !this.toEnd) target = Math.min(target, ticksToMs(stopAt));
    let reached: boolean;
    try {
      reached = this.advance(target, wall, this.toEnd ? TO_END_BUDGET_MS : TICK_BUDGET_MS);
    } catch (err) {
      this.fatal(err, "run");
      return;
    }
    this.behind = !this.toEnd && !reached && !run.finished;
    this.rate = dt > 0 ? (run.nowMs - before) / dt : this.speed;
    let cause: FrameCause = this.toEnd ? "toEnd" : "tick";
    if (stopAt !== null && !this.toEnd && run.sim.now >= stopAt && !run.finished) {
      this.halt();
      this.behind = false;
      cause = "reached";
    }
    if (run.finished) {
      this.playing = false;
      this.toEnd = false;
      this.rate = 0;
      this.behind = false;
    }
    this.postFrame(cause);
    if (this.playing) this.schedule(TICK_MS);
  };

  /** Simulates up to `target` ms unless the budget runs out first; true if it got there. */
  private advance(target: number, startWall: number, budgetMs: number): boolean {
    const run = this.run as Run;
    // whole ticks (microseconds), as the core counts time: a fraction of a tick never advances
    const end = msToTicks(Math.min(target, run.endMs));
    while (run.sim.now < end) {
      if (this.env.now() - startWall >= budgetMs) return false;
      const from = run.sim.now;
      const sliceTicks = Math.max(
        1,
        Math.round((EVENTS_PER_SLICE / Math.max(this.eventsPerMs, 1e-3)) * TICKS_PER_MS),
      );
      const until = Math.min(end, from + sliceTicks);
      const events = run.sim.trace.length;
      run.runUntilMs(ticksToMs(until));
      this.checkpoint(run, this.live, !this.toEnd);
      const done = run.sim.trace.length - events;
      const spanMs = ticksToMs(run.sim.now - from);
      if (spanMs > 0) this.eventsPerMs = 0.5 * this.eventsPerMs + 0.5 * (done / spanMs);
      if (run.sim.now <= from) break; // cannot happen; never spin
    }
    return true;
  }

  // ---- frames ---------------------------------------------------------------------------------

  private postFrame(cause: FrameCause): void {
    const run = this.run;
    if (run === null) return;
    const trace = run.sim.trace;
    const total = trace.length;
    let from = this.readIndex;
    let skipped = 0;
    // running to the end: only the newest events, for the log
    const limit = cause === "toEnd" ? LOG_MAX * 4 : MAX_EVENTS_READ;
    if (from < trace.oldest) {
      skipped += trace.oldest - from;
      from = trace.oldest;
    }
    if (total - from > limit) {
      skipped += total - limit - from;
      from = total - limit;
    }
    const compacted = compactEvents(trace.since(from));
    if (compacted.sends.length > MAX_SENDS_PER_FRAME) {
      skipped += compacted.sends.length - MAX_SENDS_PER_FRAME;
      compacted.sends = compacted.sends.slice(-MAX_SENDS_PER_FRAME);
    }
    this.readIndex = total;

    const wall = this.env.now();
    let stats: Frame["stats"] = null;
    let histograms: Frame["histograms"] = null;
    let twin: Frame["twin"] = null;
    if (cause !== "tick" || wall - this.lastStatsWall >= STATS_EVERY_MS || run.finished) {
      const s = run.stats();
      const key = `${s.get.count},${s.get.ok},${s.get.failed},${s.put.count},${s.put.ok},${s.put.failed}`;
      if (key !== this.lastStatsKey || cause === "load") {
        stats = s;
        histograms = histogramsOf(run);
        this.lastStatsKey = key;
        twin = this.followTwin(run);
      }
      this.lastStatsWall = wall;
    }

    let timeline: TimelineEntry[] | null = null;
    if (run.timeline.length !== this.sentTimeline) {
      timeline = run.timeline
        .map((iv) => ({
          atMs: iv.atMs,
          text: describeIntervention(iv),
          kind: iv.kind as string,
          live: this.live.includes(iv),
          intervention: iv,
        }))
        .sort((a, b) => a.atMs - b.atMs);
      this.sentTimeline = run.timeline.length;
    }

    const nodes = [];
    for (let i = 0; i < run.nodeCount; i++) {
      const s = run.nodeSummary(i);
      const clock = run.sim.clockOf(i);
      nodes.push({
        up: run.sim.isUp(i),
        keys: s.keys,
        pendingRequests: s.pendingRequests,
        suspects: s.suspects.map((j) => run.ring.names[j] as string),
        hints: s.hints,
        hintOwners: s.hintOwners.map((j) => run.ring.names[j] as string),
        clockOffsetMs: ticksToMs(clock.offsetTicks),
        clockDrift: clock.drift,
      });
    }
    let consistency: Frame["consistency"] = null;
    const opsNow = run.history.length;
    // After a seek on a long run, the history's checks (up to a second on a 10-minute run) come
    // in a frame of their own soon after, so the run at its new instant shows at once.
    const deferChecks =
      cause === "seek" &&
      (opsNow > DEFER_CHECKS_OPS ||
        opsNow * (this.checkMsPerOp + this.detailsMsPerOp) > DEFER_CHECKS_MS);
    // checks a seek left for later come with any other command's frame instead, and then only there
    const owed = !deferChecks && cause !== "tick" && this.checksTimer !== null;
    if (owed) this.cancelDeferredChecks();
    const checkDue =
      !deferChecks &&
      (owed ||
        cause === "inspect" ||
        cause === "load" ||
        run.finished ||
        (opsNow !== this.lastCheckOps &&
          (cause !== "tick" ||
            wall - this.lastCheckWall >=
              Math.max(CHECK_EVERY_MS, CHECK_SPACING_PER_COST * this.lastCheckCostMs))));
    if (checkDue) {
      const start = this.env.now();
      consistency = {
        ...checkConsistency(run, { maxSteps: CHECK_MAX_STEPS }),
        ops: this.watch.history ? historyOps(run) : null,
      };
      // per operation, from a history long enough for the figure to mean something
      if (opsNow >= COST_MIN_OPS) this.checkMsPerOp = (this.env.now() - start) / opsNow;
      this.lastCheckCostMs = this.env.now() - start;
      this.lastCheckWall = wall;
      this.lastCheckOps = opsNow;
    }
    // what is broken now changes with the clock (scripted faults) as well as with interventions
    let faults: Frame["faults"] = activeFaults(run);
    const faultsKey = JSON.stringify(faults);
    if (faultsKey === this.lastFaultsKey && cause !== "load" && cause !== "seek") faults = null;
    else this.lastFaultsKey = faultsKey;
    let membership: Frame["membership"] = null;
    if (run.membershipChanges.length !== this.sentMembership) {
      membership = membershipOf(run);
      this.sentMembership = run.membershipChanges.length;
    }
    let replication: Frame["replication"] = null;
    let inspection: Frame["inspection"] = null;
    if (
      !deferChecks &&
      (owed ||
        cause !== "tick" ||
        wall - this.lastDetailsWall >=
          Math.max(STATS_EVERY_MS, CHECK_SPACING_PER_COST * this.lastDetailsCostMs) ||
        run.finished)
    ) {
      const start = this.env.now();
      // the stale reads were just counted if this frame checked the history
      replication = replicationFrame(run, consistency?.staleReads.length);
      const { node, key, range, op } = this.watch;
      inspection = {
        node:
          node !== null && node >= 0 && node < run.nodeCount ? inspectNode(run, node, range) : null,
        key: key !== null ? inspectKey(run, key) : null,
        route: op !== null ? requestRoute(run, op) : null,
      };
      if (opsNow >= COST_MIN_OPS) this.detailsMsPerOp = (this.env.now() - start) / opsNow;
      this.lastDetailsCostMs = this.env.now() - start;
      this.lastDetailsWall = wall;
    }

    const frame: Frame = {
      seq: this.seq++,
      cause,
      nowMs: run.nowMs,
      playing: this.playing,
      toEnd: this.toEnd,
      finished: run.finished,
      speed: this.speed,
      rate: this.playing ? this.rate || this.speed : 0,
      behind: this.behind,
      traceHash: trace.digest,
      events: total,
      nodes,
      stats,
      histograms,
      twin,
      timeline,
      replication,
      membership,
      forkedAtMs: this.forkedAtMs,
      faults,
      consistency,
      inspection,
      checksPending: deferChecks,
      sends: compacted.sends,
      drops: compacted.drops,
      completes: compacted.completes,
      delivered: compacted.delivered,
      log: compacted.log,
      skipped,
      spacetime: null,
    };
    if (this.spacetime !== null) {
      this.spacetime.consume(trace);
      frame.spacetime = this.spacetime.take();
    }
    this.env.post({ type: "frame", frame });
    if (deferChecks) {
      const seekRun = run;
      this.cancelDeferredChecks();
      this.checksTimer = this.env.setTimer(() => {
        this.checksTimer = null;
        // still the same run, still paused there: its checks now
        if (this.run === seekRun && !this.playing) this.postFrame("inspect");
      }, DEFERRED_CHECKS_DELAY_MS);
    }
  }

  /** A seek's deferred checks are not wanted any more (another frame carries checks). */
  private cancelDeferredChecks(): void {
    if (this.checksTimer !== null) {
      this.env.clearTimer(this.checksTimer);
      this.checksTimer = null;
    }
  }

  /**
   * Runs a seek's deferred checks now, if any are waiting (benchmarks time them); true if it did.
   */
  flushDeferredChecks(): boolean {
    if (this.checksTimer === null || this.run === null) return false;
    this.cancelDeferredChecks();
    if (!this.playing) this.postFrame("inspect");
    return true;
  }

  /** Side-by-side latency on or off; on, the next frame carries the twin's. */
  private setSideBySide(on: boolean): void {
    this.sideBySide = on;
    if (!on) this.twin.reset();
    this.lastStatsKey = "";
    if (this.run !== null) this.postFrame("inspect");
  }

  /** The twin's latency now, if side-by-side is on; a twin that fails turns the mode off. */
  private followTwin(run: Run): Frame["twin"] {
    if (!this.sideBySide || this.base === null) return null;
    try {
      return this.twin.follow(this.base, run.seed, this.live, run.nowMs);
    } catch (err) {
      this.sideBySide = false;
      this.twin.reset();
      this.env.post({
        type: "error",
        message: `The other coordination mode could not follow this run (${errorMessage(err)}); side-by-side is off.`,
        fatal: false,
        during: "command",
      });
      return null;
    }
  }

  private fatal(err: unknown, during: "command" | "run"): void {
    this.stopLoop();
    this.playing = false;
    this.toEnd = false;
    this.run = null;
    this.info = null;
    const where = during === "run" ? "the simulation stopped: " : "";
    this.env.post({ type: "error", message: `${where}${errorMessage(err)}`, fatal: true, during });
  }
}

/**
 * After pouring a checkpoint into a skeleton: the live interventions made after the checkpoint's
 * instant that its queue does not hold yet (they were made live, after it was taken) are scheduled
 * at their instants, as a re-run from the start would have them.
 */
function scheduleLater(run: Run, live: readonly Intervention[], afterMs: number): void {
  const pending = scheduledRefs(run);
  const schedule = (run as unknown as { scheduleIntervention?: (iv: Intervention) => void })
    .scheduleIntervention;
  if (typeof schedule !== "function")
    throw new CheckpointError("this run cannot schedule an intervention");
  for (const iv of live) {
    if (iv.atMs > afterMs && !pending.has(iv)) schedule.call(run, iv);
  }
}

/** The interventions a run has scheduled and not yet applied (its queue's world events). */
function scheduledRefs(run: Run): Set<unknown> {
  const queue = (run.sim as unknown as { queue: { payloads: unknown[] } }).queue;
  const pending = new Set<unknown>();
  for (const p of queue.payloads) {
    if (typeof p === "object" && p !== null && "apply" in p && "ref" in p) pending.add(p.ref);
  }
  return pending;
}

/** A run for the live view: it keeps each event's envelope, so a message can be inspected. */
function liveRun(scenario: Scenario, seed: number): Run {
  return new Run(scenario, seed, { traceRefs: true });
}
/** Events a trace file holds at most (about 150 bytes each as JSON). */
export const TRACE_MAX_EVENTS = 200_000;
/** ShiViz draws a few thousand events comfortably; its log is cut here. */
export const SHIVIZ_MAX_EVENTS = 20_000;

function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return DEFAULT_SPEED;
  return Math.min(SPEED_MAX, Math.max(SPEED_MIN, speed));
}

function parseSource(input: unknown): Scenario {
  let json = input;
  if (typeof input === "string") {
    try {
      json = JSON.parse(input);
    } catch (err) {
      throw new Error(`the scenario is not valid JSON: ${errorMessage(err)}`);
    }
  }
  const parsed = parseScenario(json);
  if (!parsed.ok) {
    const n = parsed.problems.length;
    throw new Error(
      `the scenario has ${n === 1 ? "a problem" : `${n} problems`}: ${parsed.problems.join("; ")}`,
    );
  }
  return parsed.scenario;
}

/**
 * A preset, with its nodes placed by another strategy (their own tokens dropped), another quorum
 * mode or another conflict resolution, as the source asks.
 */
function presetWith(source: Extract<ScenarioSource, { preset: string }>): Scenario {
  const { preset: name, partitioning, sloppy, conflicts, coordination } = source;
  const preset = presets[name];
  if (preset === undefined) return presetScenario(name); // throws the usual message
  if (
    partitioning === undefined &&
    sloppy === undefined &&
    conflicts === undefined &&
    coordination === undefined
  ) {
    return presetScenario(name);
  }
  let input = preset.scenario;
  if (partitioning !== undefined) {
    const nodes = (input.cluster?.nodes ?? []).map((n) => ({ name: n.name }));
    input = { ...input, cluster: { ...input.cluster, nodes, partitioning } };
  }
  if (sloppy !== undefined) input = { ...input, quorum: { ...input.quorum, sloppy } };
  if (conflicts !== undefined) {
    input = { ...input, replication: { ...input.replication, conflicts } };
  }
  if (coordination !== undefined) {
    input = { ...input, workload: { ...input.workload, coordination } };
  }
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`cannot change ${name} that way: ${parsed.problems.join("; ")}`);
  return parsed.scenario;
}

/** The faults the timeline so far leaves in force (interventions applied up to now, in order). */
function activeFaults(run: Run): ActiveFaults {
  let partition: string[][] | null = null;
  const cuts = new Set<string>();
  const slowLinks = new Set<string>();
  const base = { loss: run.scenario.network.loss, duplicate: run.scenario.network.duplicate };
  const rates = { ...base };
  const baseLatency = JSON.stringify(run.scenario.network.latency);
  const slow = new Map<string, number>();
  const applied = run.timeline
    .map((iv, i) => ({ iv, i }))
    .filter(({ iv }) => iv.atMs <= run.nowMs)
    .sort((a, b) => a.iv.atMs - b.iv.atMs || a.i - b.i);
  for (const { iv } of applied) {
    switch (iv.kind) {
      case "partition":
        partition = iv.groups.map((g) => [...g]);
        break;
      case "heal":
        partition = null;
        break;
      case "link": {
        const ways = iv.bothWays
          ? [`${iv.from}→${iv.to}`, `${iv.to}→${iv.from}`]
          : [`${iv.from}→${iv.to}`];
        for (const w of ways) {
          if (iv.cut === true) cuts.add(w);
          else if (iv.cut === false) cuts.delete(w);
          if (iv.latency !== undefined) {
            if (JSON.stringify(iv.latency) === baseLatency) slowLinks.delete(w);
            else slowLinks.add(w);
          }
        }
        break;
      }
      case "network":
        if (iv.loss !== undefined) rates.loss = iv.loss;
        if (iv.duplicate !== undefined) rates.duplicate = iv.duplicate;
        break;
      case "slow":
        if (iv.factor > 1) slow.set(iv.node, iv.factor);
        else slow.delete(iv.node);
        break;
      default:
        break;
    }
  }
  return {
    partition,
    cuts: [...cuts].sort(),
    slow: [...slow].map(([node, f]) => `${node} ×${f}`),
    slowLinks: [...slowLinks].sort(),
    rates: rates.loss !== base.loss || rates.duplicate !== base.duplicate ? rates : null,
  };
}

/** Interventions from a shared link, each validated as the scenario format and the run require. */
function sharedInterventions(run: Run, input: unknown[]): Intervention[] {
  if (!Array.isArray(input)) throw new Error("the shared interventions are not a list");
  if (input.length > 1000)
    throw new Error(`the shared link has ${input.length} interventions (at most 1,000)`);
  return input.map((raw, i) => {
    const parsed = interventionSchema.safeParse(raw);
    if (!parsed.success) {
      const why = parsed.error.issues.map((x) => `${x.path.join(".") || "it"}: ${x.message}`);
      throw new Error(`shared intervention ${i + 1} is not valid: ${why.join("; ")}`);
    }
    for (const who of namesIn(parsed.data)) {
      if (!run.sim.hasProc(who))
        throw new Error(
          `shared intervention ${i + 1} names ${who}, which this scenario does not have`,
        );
    }
    return parsed.data;
  });
}

/** The ring as it is now: tokens, members, and the joins and leaves that made it. */
function membershipOf(
  run: Run,
): Pick<ScenarioInfo, "tokens" | "members" | "membershipChanges" | "placement"> {
  return {
    placement: describePlacement(run.currentPlacement, run.scenario.quorum.n),
    tokens: run.ring.tokens.map((t) => ({ unit: t.unit, node: t.node, position: t.position })),
    members: run.members,
    membershipChanges: run.membershipChanges.map((c) => ({ ...c })),
  };
}

/** The badges' and panels' view of versions: cheap enough for a few times a second. */
function replicationFrame(run: Run, staleReadCount?: number): ReplicationFrame {
  const totals = {
    hintsStored: 0,
    hintsHeld: 0,
    hintsDelivered: 0,
    readRepairs: 0,
    aeExchanges: 0,
    aeKeysSent: 0,
  };
  for (let i = 0; i < run.nodeCount; i++) {
    const summary = run.nodeSummary(i);
    const d = summary.stats;
    totals.hintsStored += d.hintsStored;
    totals.hintsHeld += summary.hints;
    totals.hintsDelivered += d.hintsDelivered;
    totals.readRepairs += d.readRepairs;
    totals.aeExchanges += d.aeExchanges;
    totals.aeKeysSent += d.aeKeysSent;
  }
  const mode = run.scenario.replication.conflicts;
  return {
    keys: keysHeld(run),
    // under vector clocks nothing acknowledged is ever dropped (the property tests check it)
    lostWrites:
      mode === "lww"
        ? lostWrites(run).map((l) => ({
            key: l.key,
            value: l.put.value,
            beatenBy: l.beatenBy?.value ?? null,
            why: l.why,
          }))
        : [],
    staleReads: staleReadCount ?? staleReads(run.history, mode).length,
    ...totals,
  };
}

function describePlacement(placement: Placement, n: number): PlacementInfo {
  const shares = keySpaceShares(placement, Math.min(n, placement.names.length));
  const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
  const max = Math.max(...shares);
  return {
    strategy: String(placement.partitioning.strategy),
    label: describePartitioning(placement.partitioning),
    efficiency: max > 0 ? mean / max : 1,
    metadataBytesPerNode: metadataBytesPerNode(placement),
  };
}

export function describeRun(run: Run, preset: string | null): ScenarioInfo {
  const s = run.scenario;
  const p = preset !== null ? presets[preset] : undefined;
  return {
    preset,
    name: s.name,
    title: p?.title ?? s.name,
    watch: p?.watch ?? s.description,
    seed: run.seed,
    nodeNames: [...run.ring.names],
    // the load balancer (server-driven coordination) is drawn with the clients: it is the process
    // after them
    clientNames: run.sim.hasProc(LOAD_BALANCER_NAME)
      ? [...run.clientNames, LOAD_BALANCER_NAME]
      : [...run.clientNames],
    ...membershipOf(run),
    quorum: { n: s.quorum.n, r: s.quorum.r, w: s.quorum.w },
    keyCount: s.workload.keys.count,

    partitions: run.ring.partitionCount,
    membership: s.membership.mode,
    sloppy: s.quorum.sloppy,
    conflicts: s.replication.conflicts,
    coordination: s.workload.coordination,
    latency: describeLatency(s.network.latency),
    latencySpec: s.network.latency,
    loss: s.network.loss,
    duplicate: s.network.duplicate,
    clocks: s.clocks.map((c) => ({ node: c.node, offsetMs: c.offsetMs, drift: c.drift })),
    bandwidthMbps: s.network.bandwidthMbps ?? null,
    valueBytes: s.workload.valueBytes,
    durationMs: s.durationMs,
    endMs: run.endMs,
  };
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
