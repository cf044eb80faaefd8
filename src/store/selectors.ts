/**
 * Narrow selectors over the app store, as module constants, so that a component re-renders only
 * when what it shows changed (zustand compares a selector's result with Object.is).
 */

import type { AppState } from "./appStore";

export const selectInfo = (s: AppState) => s.info;
export const selectGossips = (s: AppState) => s.info?.membership === "gossip";
export const selectShowGossip = (s: AppState) => s.showGossip;
export const selectNodes = (s: AppState) => s.nodes;
export const selectStats = (s: AppState) => s.stats;
export const selectTimeline = (s: AppState) => s.timeline;
export const selectLog = (s: AppState) => s.log;
export const selectAlerts = (s: AppState) => s.alerts;
export const selectSpeed = (s: AppState) => s.speed;
export const selectStatus = (s: AppState) => s.status;
export const selectNowMs = (s: AppState) => s.run?.nowMs ?? 0;
export const selectTraceHash = (s: AppState) => s.run?.traceHash ?? "";
export const selectEvents = (s: AppState) => s.run?.events ?? 0;
export const selectFinished = (s: AppState) => s.run?.finished ?? false;
export const selectBehind = (s: AppState) => s.run?.behind ?? false;
export const selectToEnd = (s: AppState) => s.run?.toEnd ?? false;
export const selectEndMs = (s: AppState) => s.info?.endMs ?? 0;
export const selectSeed = (s: AppState) => s.info?.seed ?? null;
/** "11011": which nodes are up, as a string (equal strings compare equal: no re-render) */
export const selectUpMask = (s: AppState) => s.nodes.map((n) => (n.up ? "1" : "0")).join("");
export const selectFocusNode = (s: AppState) => s.focusNode;
export const selectLookupKey = (s: AppState) => s.lookupKey;
export const selectReplication = (s: AppState) => s.replication;
export const selectInspectNode = (s: AppState) => s.inspectNode;
export const selectInspectKey = (s: AppState) => s.inspectKey;
export const selectNodeDetail = (s: AppState) => s.inspection?.node ?? null;
export const selectKeyDetail = (s: AppState) => s.inspection?.key ?? null;
export const selectConsistency = (s: AppState) => s.consistency;
export const selectChecksPending = (s: AppState) => s.checksPending;
export const selectHistoryOpen = (s: AppState) => s.historyOpen;
export const selectForkedAtMs = (s: AppState) => s.forkedAtMs;
export const selectHistograms = (s: AppState) => s.histograms;
