/**
 * What the views show, as a zustand store: the loaded scenario, the latest frame of the run (time,
 * hash, node states, stats, timeline), the recent-events log, alerts and the chosen speed.
 * Nothing here simulates: the session writes frames in, views read through the selectors in
 * selectors.ts. Messages in flight are not here (they change 60 times a second): see flights.ts.
 */

import { create } from "zustand";
import type { PlaybackStatus } from "../machines/playback";
import type { StalenessResult, Stats } from "../sim";
import { messageFamily } from "../sim/catalog";
import {
  DEFAULT_SPEED,
  type Frame,
  type LogEntry,
  type NodeView,
  type ReplicationFrame,
  type ScenarioInfo,
  type TimelineEntry,
} from "../worker/protocol";
import { flightBoard } from "./flights";

export const DEFAULT_SEED = 1;
/** entries the recent-events log keeps */
export const LOG_KEEP = 12;

export interface RunView {
  nowMs: number;
  traceHash: string;
  events: number;
  finished: boolean;
  playing: boolean;
  toEnd: boolean;
  /** the achieved speed (simulated ms per wall ms) */
  rate: number;
  /** the worker has been falling behind the requested speed for a while */
  behind: boolean;
}

export interface LogLine extends Readonly<{ key: number }> {
  entry: LogEntry;
}

export interface Alert {
  id: number;
  text: string;
  /** a link the alert is about (a broken shared link), shown to copy */
  link?: string;
}

export interface AppState {
  info: ScenarioInfo | null;
  run: RunView | null;
  nodes: NodeView[];
  stats: { get: Stats; put: Stats } | null;
  /** latency histograms, refreshed with the stats */
  histograms: Frame["histograms"];
  timeline: TimelineEntry[];
  log: LogLine[];
  alerts: Alert[];
  speed: number;
  status: PlaybackStatus;
  /** the node under the pointer or keyboard focus, whose range the stage explains */
  focusNode: number | null;
  /** the key the stage shows the placement of ("" for none) */
  lookupKey: string;
  /** show gossip messages on the ring and in the log */
  showGossip: boolean;
  /** versions across the cluster: siblings, lost writes, stale reads, repair counters */
  replication: ReplicationFrame | null;
  /** the node and the key the inspectors show (null: closed) */
  inspectNode: number | null;
  inspectKey: string | null;
  /** the key range whose Merkle tree the node inspector draws (null: its first) */
  inspectRange: number | null;
  /** the client operation whose route the ring draws (null: none) */
  inspectOp: number | null;
  /** their details, as the worker last sent them */
  inspection: Frame["inspection"];
  /** the history view is open */
  historyOpen: boolean;
  /** the consistency verdicts, and the operations when the history view is open */
  consistency: Frame["consistency"];
  /** a seek's checks are on their way: the verdicts shown are of an earlier instant */
  checksPending: boolean;
  /** where the run forked, if an intervention in the past dropped later ones */
  forkedAtMs: number | null;
  /** what is broken now */
  faults: Frame["faults"];
  /** the last staleness measurement, or "measuring" while one runs */
  staleness: StalenessResult | "measuring" | null;
  /** the latency panel compares server- and client-driven coordination side by side */
  sideBySide: boolean;
  /** the other mode's latency, as the worker last sent it */
  twin: Frame["twin"];
}

export const initialState: AppState = {
  info: null,
  run: null,
  nodes: [],
  stats: null,
  histograms: null,
  timeline: [],
  log: [],
  alerts: [],
  speed: DEFAULT_SPEED,
  status: "loading",
  focusNode: null,
  lookupKey: "",
  showGossip: true,
  replication: null,
  inspectNode: null,
  inspectKey: null,
  inspectRange: null,
  inspectOp: null,
  inspection: null,
  historyOpen: false,
  consistency: null,
  checksPending: false,
  forkedAtMs: null,
  faults: null,
  staleness: null,
  sideBySide: false,
  twin: null,
};

export const useAppStore = create<AppState>()(() => initialState);

let nextKey = 1;
/** frames in a row that came back behind the requested speed */
let behindStreak = 0;

function isGossip(entry: LogEntry): boolean {
  return "type" in entry && messageFamily(entry.type) === "gossip";
}

/** The state after a frame: a pure function of the state and the frame. */
export function withFrame(state: AppState, frame: Frame): Partial<AppState> {
  const fresh = frame.cause === "load";
  behindStreak = frame.behind ? behindStreak + 1 : 0;
  const run: RunView = {
    nowMs: frame.nowMs,
    traceHash: frame.traceHash,
    events: frame.events,
    finished: frame.finished,
    playing: frame.playing,
    toEnd: frame.toEnd,
    rate: frame.rate,
    behind: frame.playing && !frame.toEnd && behindStreak >= 10,
  };
  const out: Partial<AppState> = { run };
  if (frame.forkedAtMs !== state.forkedAtMs) out.forkedAtMs = frame.forkedAtMs;
  if (frame.faults !== null) out.faults = frame.faults;
  if (frame.cause === "seek") out.log = [];
  if (fresh || !sameNodes(state.nodes, frame.nodes)) out.nodes = frame.nodes;
  if (frame.stats !== null) out.stats = frame.stats;
  if (frame.histograms !== null) out.histograms = frame.histograms;
  if (frame.twin !== null) out.twin = frame.twin;
  else if (fresh) out.twin = null;
  if (frame.timeline !== null) out.timeline = frame.timeline;
  if (frame.replication !== null) out.replication = frame.replication;
  if (frame.membership !== null && state.info !== null) {
    out.info = { ...state.info, ...frame.membership };
  }
  if (frame.inspection !== null) out.inspection = frame.inspection;
  if (frame.checksPending === true) out.checksPending = true;
  else if ((frame.consistency !== null || fresh) && state.checksPending) out.checksPending = false;
  if (frame.consistency !== null) {
    // a check without operations keeps the ones the open history view last had
    out.consistency =
      frame.consistency.ops === null && state.consistency !== null && state.historyOpen && !fresh
        ? { ...frame.consistency, ops: state.consistency.ops }
        : frame.consistency;
  }
  if (fresh) out.log = [];
  const entries = state.showGossip ? frame.log : frame.log.filter((e) => !isGossip(e));
  if (entries.length > 0) {
    const base = fresh ? [] : state.log;
    const added = entries.map((entry) => ({ key: nextKey++, entry }));
    const log = base.concat(added);
    out.log = log.length > LOG_KEEP ? log.slice(log.length - LOG_KEEP) : log;
  }
  return out;
}

function sameNodes(a: readonly NodeView[], b: readonly NodeView[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as NodeView;
    const y = b[i] as NodeView;
    if (x.up !== y.up || x.keys !== y.keys || x.pendingRequests !== y.pendingRequests) return false;
    if (x.suspects.join() !== y.suspects.join()) return false;
    if (x.hints !== y.hints || x.hintOwners.join() !== y.hintOwners.join()) return false;
    if (x.clockOffsetMs !== y.clockOffsetMs || x.clockDrift !== y.clockDrift) return false;
  }
  return true;
}

// ---- actions ----------------------------------------------------------------------------------

export function applyFrame(frame: Frame): void {
  useAppStore.setState((s) => withFrame(s, frame));
}

export function setInfo(info: ScenarioInfo): void {
  useAppStore.setState((s) => ({
    info,
    focusNode: null,
    // an inspected node that the new scenario does not have closes its inspector
    inspectNode:
      s.inspectNode !== null && s.inspectNode < info.nodeNames.length ? s.inspectNode : null,
    inspectRange: null,
  }));
}

/** What the inspectors show; the session tells the worker. */
export function setInspection(
  patch: Partial<
    Pick<AppState, "inspectNode" | "inspectKey" | "inspectRange" | "historyOpen" | "inspectOp">
  >,
): void {
  useAppStore.setState(patch);
}

export function setStatus(status: PlaybackStatus): void {
  if (useAppStore.getState().status !== status) useAppStore.setState({ status });
}

export function setFocusNode(focusNode: number | null): void {
  useAppStore.setState({ focusNode });
}

export function setLookupKey(lookupKey: string): void {
  useAppStore.setState({ lookupKey });
}

/** Shows or hides gossip messages: in the store for the panels, on the flight board for the canvas. */
export function setShowGossip(showGossip: boolean): void {
  if (showGossip) flightBoard.hidden.delete("gossip");
  else flightBoard.hidden.add("gossip");
  useAppStore.setState({ showGossip });
}

export function setSpeedValue(speed: number): void {
  useAppStore.setState({ speed });
}

let nextAlert = 1;
export function addAlert(text: string, link?: string): void {
  useAppStore.setState((s) => {
    // the same message twice in a row is shown once
    if (s.alerts.at(-1)?.text === text) return {};
    const alert: Alert =
      link !== undefined ? { id: nextAlert++, text, link } : { id: nextAlert++, text };
    return { alerts: [...s.alerts, alert].slice(-4) };
  });
}

export function dismissAlert(id: number): void {
  useAppStore.setState((s) => ({ alerts: s.alerts.filter((a) => a.id !== id) }));
}

export function setStaleness(staleness: AppState["staleness"]): void {
  useAppStore.setState({ staleness });
}

export function setSideBySide(sideBySide: boolean): void {
  useAppStore.setState(sideBySide ? { sideBySide } : { sideBySide, twin: null });
}
