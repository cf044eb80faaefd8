import { beforeEach, describe, expect, it } from "vitest";
import type { Frame, LogEntry } from "../worker/protocol";
import { initialState, setShowGossip, useAppStore, withFrame } from "./appStore";
import { flightBoard } from "./flights";

function frameWith(log: LogEntry[]): Frame {
  return {
    seq: 1,
    cause: "tick",
    nowMs: 10,
    playing: true,
    toEnd: false,
    finished: false,
    speed: 0.004,
    rate: 0.004,
    behind: false,
    traceHash: "0".repeat(16),
    events: log.length,
    nodes: [],
    stats: null,
    timeline: null,
    sends: [],
    drops: [],
    completes: [],
    delivered: 0,
    log,
    skipped: 0,
  };
}

const gossip: LogEntry = { kind: "send", atMs: 1, src: 0, dst: 1, type: "gossip", deliverAtMs: 2 };
const put: LogEntry = {
  kind: "send",
  atMs: 1,
  src: 0,
  dst: 1,
  type: "replica_write",
  deliverAtMs: 2,
};

describe("the gossip filter", () => {
  beforeEach(() => {
    useAppStore.setState(initialState);
    flightBoard.hidden.clear();
  });

  it("keeps gossip in the log while it is shown", () => {
    const next = withFrame(useAppStore.getState(), frameWith([gossip, put]));
    expect(next.log?.map((l) => ("type" in l.entry ? l.entry.type : l.entry.kind))).toEqual([
      "gossip",
      "replica_write",
    ]);
  });

  it("leaves gossip out of the log and off the canvas once hidden, and only gossip", () => {
    setShowGossip(false);
    expect(flightBoard.hidden.has("gossip")).toBe(true);
    const next = withFrame(useAppStore.getState(), frameWith([gossip, put]));
    expect(next.log?.map((l) => ("type" in l.entry ? l.entry.type : l.entry.kind))).toEqual([
      "replica_write",
    ]);
    setShowGossip(true);
    expect(flightBoard.hidden.size).toBe(0);
  });
});
