/**
 * The typed messages between the app and the simulation worker.
 *
 * The app sends commands; the worker answers with `loaded` once per scenario, then `frame`s: at
 * most one per display frame while playing, and one after each command that changed something
 * (step, pause, an intervention, a new speed). A frame is the latest state of the run plus what
 * happened since the previous frame, compacted for animation: message sends with their source,
 * destination and the simulated times they leave and arrive, drops with their reason, completed
 * client operations. Times are in simulated milliseconds; processes are indices (nodes first, in
 * ring order, then clients, as in `Run`).
 *
 * Errors are `error` messages. A bad scenario or a bad intervention is not fatal: the worker keeps
 * the run it had. A fatal error (an exception inside the simulation) means the worker dropped its
 * run; the app shows the message and can load a scenario again.
 */

import type {
  ConflictMode,
  ConsistencyReport,
  HistoryOp,
  Intervention,
  KeyDetail,
  LessonPlan,
  LiveIntervention,
  NodeDetail,
  RequestRoute,
  StalenessResult,
  Stats,
} from "../sim";

/** How clients reach a coordinator. */
export type Coordination = "direct" | "server-driven" | "client-driven";

// ---- app -> worker ----------------------------------------------------------------------------

/** Where a scenario comes from: a preset's name, or scenario JSON (text or an object). */
export type ScenarioSource =
  /**
   * a preset, optionally with another way of placing its nodes on the ring (section 6.2), strict
   * or sloppy quorum, or another way of resolving conflicts
   */
  | {
      preset: string;
      partitioning?: PartitioningInput;
      sloppy?: boolean;
      conflicts?: ConflictMode;
      /** how clients reach a coordinator (Dynamo section 6.4, Table 2) */
      coordination?: Coordination;
      /** a shared run: the interventions its user made (validated by the worker), and the instant */
      live?: unknown[];
      atMs?: number;
    }
  | {
      /** a scenario in the scenario format (a parsed JSON file, or its text) */
      scenario: unknown;
      /** a shared run of it: the user's interventions and the instant, as for a preset */
      live?: unknown[];
      atMs?: number;
    };

/** What the worker can write out for the app to save as a file. */
export type ExportKind = "scenario" | "trace" | "shiviz";

/** What a reload of the current preset may change. */
export type PresetChange = Omit<
  Extract<ScenarioSource, { preset: string }>,
  "preset" | "live" | "atMs"
>;

/** A partitioning strategy as the scenario format writes it (validated by the worker). */
export type PartitioningInput =
  | { strategy: "tokens" }
  | { strategy: 1; tokensPerNode: number }
  | { strategy: 2; tokensPerNode: number; partitions: number }
  | { strategy: 3; partitions: number };

/** How the ring is cut up, and how well it balances the key space. */
export interface PlacementInfo {
  /** "tokens", "1", "2", "3", "mod-n" or "explicit" */
  strategy: string;
  /** e.g. "Strategy 3 (Q = 40)" */
  label: string;
  /** mean share of the key space a node stores / the largest share (1 = perfectly even) */
  efficiency: number;
  /** membership metadata each node keeps, in the model of dynamo/partitioning.ts */
  metadataBytesPerNode: number;
}

export type ToWorker =
  | { type: "load"; source: ScenarioSource; seed: number; speed?: number }
  /** the scenario with the user's interventions, or the trace up to now, as a file's text */
  | { type: "export"; what: ExportKind; request: number }
  /** plays; with `untilMs`, stops there by itself (a frame with cause "reached") */
  | { type: "play"; untilMs?: number }
  | { type: "pause" }
  /** runs exactly one event, then pauses */
  | { type: "step" }
  /** simulated ms per wall-clock ms, clamped to [SPEED_MIN, SPEED_MAX] */
  | { type: "setSpeed"; speed: number }
  /** runs as fast as the worker can to the end of the run, in chunks, reporting progress */
  | { type: "runToEnd" }
  | { type: "intervene"; intervention: LiveIntervention }
  /** re-runs to `ms` and pauses there (the run is deterministic: the same run, at that instant) */
  | { type: "seek"; ms: number }
  /** one event back: re-runs to the event before the last */
  | { type: "stepBack" }
  /** frames carry the space-time diagram's events (`spacetime`) while on */
  | { type: "spacetime"; on: boolean }
  /** what one message is: its body, route, times and fate (answered with `message`) */
  | { type: "inspectMessage"; id: number }
  /** plans a lesson (its runs are apart from the live one): answered by `lessonPlan` */
  | { type: "lessonPlan"; lesson: string }
  /**
   * Makes the simulation fail, for testing how the app takes a failed worker; refused unless
   * `confirm` is FAIL_FOR_TEST_CONFIRM (the app sends it only from a test hook, see main.tsx)
   */
  | { type: "failForTest"; confirm: string }
  /** measures staleness (PBS) with the simulator, apart from the live run */
  | { type: "staleness"; latency: string; n: number; r: number; w: number; trials: number }
  /** the latency panel's side-by-side mode: frames carry the other coordination mode's latency */
  | { type: "sideBySide"; on: boolean }
  /**
   * What the inspectors show: one node (and one of its key ranges' Merkle trees) and one key;
   * frames then carry their details, refreshed a few times a second. Null: nothing.
   */
  | {
      type: "inspect";
      node: number | null;
      key: string | null;
      range: number | null;
      /** send the operations for the history view */
      history: boolean;
      /** the client operation whose route to draw (absent or null: none) */
      op?: number | null;
    };

export const FAIL_FOR_TEST_CONFIRM = "fail the simulation on purpose";

export const SPEED_MIN = 1 / 1000;
export const SPEED_MAX = 100;
/**
 * The speed the app opens at: a 1 ms network hop takes a quarter of a second on screen, so one
 * operation of the default scenario (four hops, about 4 ms) plays out in about a second, and with
 * about 100 operations per simulated second a new one starts every 2.5 s on average.
 */
export const DEFAULT_SPEED = 1 / 250;

// ---- worker -> app ----------------------------------------------------------------------------

export interface RingTokenInfo {
  /** fraction of the ring in [0, 1): 0 is drawn at 12 o'clock, increasing clockwise */
  unit: number;
  node: number;
  /** the exact 128-bit position (32 hex digits); `unit` keeps only 52 bits of it */
  position: string;
}

/** What the views need to know about a loaded scenario; sent once per load. */
export interface ScenarioInfo {
  /** the preset's name, or null for scenario JSON */
  preset: string | null;
  name: string;
  title: string;
  /** what to watch while it runs (presets), or the scenario's description */
  watch: string;
  seed: number;
  nodeNames: string[];
  clientNames: string[];
  /** sorted by unit */
  tokens: RingTokenInfo[];
  quorum: { n: number; r: number; w: number };
  placement: PlacementInfo;
  /** Q fixed partitions (Strategies 2 and 3), 0 when the ranges between tokens are the partitions */
  partitions: number;
  /** how nodes learn the membership: from the scenario (oracle) or by gossip */
  membership: "oracle" | "gossip";
  /** the nodes on the ring (the others are on standby, or left) */
  members: string[];
  /** joins and leaves so far, with the share of keys each moved */
  membershipChanges: MembershipChangeInfo[];
  /** sloppy quorum (stand-ins with hints) or strict (the preference list only) */
  sloppy: boolean;
  /** siblings by vector clock, or last-write-wins by the coordinator's clock */
  conflicts: ConflictMode;
  /** how clients reach a coordinator */
  coordination: Coordination;
  /** the workload's keys are k0, k1, ... k(keyCount - 1) */
  keyCount: number;
  latency: string;
  /** the scenario's link latency distribution, as the scenario format writes it */
  latencySpec: unknown;
  loss: number;
  duplicate: number;
  /** node clocks the scenario sets off from the start (offset, drift), for the timeline's spans */
  clocks?: { node: string; offsetMs: number; drift: number }[];
  /** each link's bandwidth (null: unlimited) and the range of put value sizes, bytes */
  bandwidthMbps?: number | null;
  valueBytes?: { min: number; max: number };
  durationMs: number;
  endMs: number;
}

export interface NodeView {
  up: boolean;
  keys: number;
  pendingRequests: number;
  /** nodes this node believes are down (gossip membership only), by name */
  suspects: string[];
  /** hinted replicas it holds for other nodes, counted by key */
  hints: number;
  /** the owners of those hints, by name */
  hintOwners: string[];
  /** its clock's offset from true time (ms) and drift */
  clockOffsetMs: number;
  clockDrift: number;
}

/** The faults in force now, as the timeline so far leaves them. */
export interface ActiveFaults {
  partition: string[][] | null;
  cuts: string[];
  slow: string[];
  /** links given a latency of their own ("A→B"), drawn dashed on the ring */
  slowLinks: string[];
  /** network-wide loss and duplication rates when changed from the scenario's, else null */
  rates: { loss: number; duplicate: number } | null;
}

/** Counts of successful operations per latency bin; bins are log-spaced, `edgesMs` their bounds. */
export interface LatencyHistograms {
  edgesMs: number[];
  get: number[];
  put: number[];
}

/** The other coordination mode's latency, for the side-by-side mode (same scenario and seed). */
export interface TwinLatency {
  coordination: "server-driven" | "client-driven";
  nowMs: number;
  stats: { get: Stats; put: Stats };
  histograms: LatencyHistograms;
}

/** A join or leave, and the share of keys it moved (beside what hashing mod N would move). */
export interface MembershipChangeInfo {
  atMs: number;
  kind: "join" | "leave";
  node: string;
  nodesBefore: number;
  nodesAfter: number;
  fractionMoved: number;
  modNFraction: number;
}

/** What the versions of the run look like now, for the badges and the inspectors. */
export interface ReplicationFrame {
  /** keys held anywhere, with their count of live versions (siblings when more than one) */
  keys: { key: string; siblings: number }[];
  /** acknowledged writes that the cluster no longer keeps (last-write-wins under skew) */
  lostWrites: { key: string; value: string | null; beatenBy: string | null; why: string }[];
  /** gets that missed a put completed before they began */
  staleReads: number;
  /** hinted writes stand-ins have taken so far (one key may be hinted many times) */
  hintsStored: number;
  /** hinted replicas held now, waiting to be handed off, counted by key */
  hintsHeld: number;
  hintsDelivered: number;
  readRepairs: number;
  aeExchanges: number;
  aeKeysSent: number;
}

/** A message leaving `src` for `dst` (or a duplicate copy of one). */
export interface MessageSend {
  id: number;
  src: number;
  dst: number;
  type: string;
  sentAtMs: number;
  /** when it arrives (or is dropped on arrival); -1 when the network dropped it at once */
  deliverAtMs: number;
  /** a second copy made by the network (same id, its own delivery time) */
  duplicate: boolean;
}

export interface MessageDrop {
  id: number;
  src: number;
  dst: number;
  type: string;
  atMs: number;
  /** a DropReason code (see dropReasonNames): 1 loss, 2 partition, 3 destination crashed */
  reason: number;
}

export interface OpComplete {
  client: number;
  opId: number;
  /** get or put */
  f: string;
  outcome: "ok" | "fail" | "info";
  atMs: number;
}

export type LogEntry =
  | {
      kind: "send" | "duplicate";
      atMs: number;
      /** the message's id (for the message inspector) */
      id: number;
      src: number;
      dst: number;
      type: string;
      /** -1 when the network lost it at once */
      deliverAtMs: number;
    }
  | {
      kind: "drop";
      atMs: number;
      id: number;
      src: number;
      dst: number;
      type: string;
      reason: number;
    }
  | { kind: "crash" | "recover"; atMs: number; proc: number };

export interface TimelineEntry {
  atMs: number;
  /** one line, e.g. "crash C" */
  text: string;
  kind: string;
  /** made by the user during this run (rather than written in the scenario) */
  live: boolean;
  /** the intervention itself (a shared link carries the live ones; the timeline draws spans) */
  intervention: Intervention;
}

/** The kinds of event the space-time diagram draws. */
export type SpaceKind =
  | "send"
  | "deliver"
  | "drop"
  | "duplicate"
  | "timer"
  | "crash"
  | "recover"
  | "invoke"
  | "complete";

/** One event on a process's lane of the space-time diagram. */
export interface SpaceEvent {
  /** its position in the run's trace */
  index: number;
  atMs: number;
  kind: SpaceKind;
  /** the process whose lane it is on (a drop: the destination it did not reach) */
  proc: number;
  /** the other end of a message, or -1 */
  peer: number;
  /** the message id (send, deliver, drop, duplicate), timer serial or operation id */
  id: number;
  /** the message type, timer name, or get / put */
  type: string;
  lamport: number;
  /**
   * send and duplicate: when it arrives, ms (-1: lost at once); deliver: when it was sent, ms;
   * drop: a DropReason code; complete: 1 ok, 2 fail, 3 info
   */
  aux: number;
  /**
   * its vector clock, as pairs [process, count, ...] of the entries that changed since the last
   * event of the same process this stream carried (empty for drops and duplicates, which have no
   * clock of their own)
   */
  vc: number[];
}

/** The space-time diagram's share of a frame. */
export interface SpacetimeFrame {
  /** set when the stream starts again (vector clocks count events from this instant) */
  originMs: number | null;
  procs: number;
  /** the newest events since the previous frame, oldest first */
  events: SpaceEvent[];
  /** events since the previous frame left out (too many for one frame) */
  omitted: number;
}

/** What one message is, for the message inspector. */
export interface MessageDetail {
  id: number;
  type: string;
  src: number;
  dst: number;
  sentAtMs: number;
  lamport: number;
  /** the message it answers, or 0 */
  inReplyTo: number;
  /** its body as JSON (shortened when long), or null when the trace no longer holds it */
  body: string | null;
  /** every copy the network made: when each arrives, or where and why it was dropped */
  copies: {
    duplicate: boolean;
    fate: "delivered" | "dropped" | "in flight";
    /** delivery or drop instant, or the planned arrival while in flight (-1: lost at once) */
    atMs: number;
    /** a DropReason code when dropped */
    reason: number;
  }[];
}

export type FrameCause =
  | "load"
  | "tick"
  | "step"
  | "pause"
  | "play"
  | "speed"
  | "intervene"
  | "inspect"
  | "seek"
  | "toEnd"
  /** a play with `untilMs` got there and stopped */
  | "reached";

export interface Frame {
  /** counts frames since the last load (the load's own frame is 0) */
  seq: number;
  cause: FrameCause;
  nowMs: number;
  playing: boolean;
  /** running to the end as fast as possible */
  toEnd: boolean;
  finished: boolean;
  /** requested speed: simulated ms per wall ms */
  speed: number;
  /** achieved speed over the last tick (simulated ms per wall ms); 0 when not playing */
  rate: number;
  /** the worker hit its per-tick work cap: simulated time runs slower than requested */
  behind: boolean;
  traceHash: string;
  events: number;
  nodes: NodeView[];
  /** null when unchanged since the previous frame */
  stats: { get: Stats; put: Stats } | null;
  /** latency histograms of successful gets and puts, sent with the stats */
  histograms: LatencyHistograms | null;
  /** side-by-side mode: the other coordination mode's latency at this instant, sent with the stats */
  twin: TwinLatency | null;
  /** null when unchanged since the previous frame */
  timeline: TimelineEntry[] | null;
  /** null when not recomputed for this frame (a few times a second) */
  replication: ReplicationFrame | null;
  /** what is broken now: the partition's groups, cut links ("A→B"), slowed nodes; null unchanged */
  faults: ActiveFaults | null;
  /** where the run forked (an intervention in the past dropped the later ones), or null */
  forkedAtMs: number | null;
  /** the ring after a join or leave; null when unchanged since the previous frame */
  membership: Pick<ScenarioInfo, "tokens" | "members" | "membershipChanges" | "placement"> | null;
  /**
   * what clients observed, judged: linearizable or not (with the witness), stale reads, lost
   * writes; and the newest operations when the history view is open. Null when not recomputed
   * (about once a second while playing, and after every command).
   */
  consistency: (ConsistencyReport & { ops: HistoryOp[] | null }) | null;
  /**
   * true when this frame (a seek's) leaves the history's checks, the replication summary and the
   * inspectors to a frame of their own that follows shortly: what is shown of them is older
   */
  checksPending?: boolean;
  /** the inspected node and key (see the inspect command); null when not recomputed */
  inspection: {
    node: NodeDetail | null;
    key: KeyDetail | null;
    /** the inspected operation's route, hop by hop (null: none inspected, or not in the run) */
    route?: RequestRoute | null;
  } | null;
  sends: MessageSend[];
  drops: MessageDrop[];
  completes: OpComplete[];
  /** messages delivered since the previous frame */
  delivered: number;
  /** the newest message and fault events since the previous frame, oldest first (at most LOG_MAX) */
  log: LogEntry[];
  /** trace events since the previous frame that this frame leaves out (work cap or trace window) */
  skipped: number;
  /** the space-time diagram's events, while it is on (the `spacetime` command); else null */
  spacetime: SpacetimeFrame | null;
}

/** A file's text for an `export` request, or why there is none. */
export type ExportResult =
  | {
      ok: true;
      what: ExportKind;
      text: string;
      /** what the file holds, in a sentence ("4,210 events to t = 300 ms") */
      note: string;
    }
  | { ok: false; what: ExportKind; problem: string };

export type FromWorker =
  | {
      type: "loaded";
      info: ScenarioInfo;
      /**
       * false when the scenario asked for was refused (an error message says why) and the run on
       * screen is the one before it, or, for a first load, the default preset at seed 1
       */
      accepted: boolean;
    }
  | { type: "export"; request: number; result: ExportResult }
  | { type: "staleness"; result: StalenessResult }
  | { type: "lessonPlan"; plan: LessonPlan }
  | { type: "frame"; frame: Frame }
  /** the answer to `inspectMessage`: null detail when the trace no longer holds that message */
  | { type: "message"; id: number; detail: MessageDetail | null }
  | {
      type: "error";
      message: string;
      /** fatal: the worker has no run any more, load again; otherwise the run is unchanged */
      fatal: boolean;
      during: "load" | "intervene" | "command" | "run";
    };

/** At most this many log entries per frame (the app keeps the last few of them). */
export const LOG_MAX = 12;

/**
 * What the worker shows when the first scenario asked for is refused, with nothing before it to
 * keep: the live view's default preset at seed 1 (its "loaded" then says `accepted: false`).
 */
export const STAND_IN_PRESET = "default";
export const STAND_IN: { source: ScenarioSource; seed: number } = {
  source: { preset: STAND_IN_PRESET },
  seed: 1,
};
