import { beforeEach, describe, expect, it } from "vitest";
import type { LogEntry } from "../worker/protocol";
import { initialState, setShowGossip, useAppStore, withFrame } from "./appStore";
import { flightBoard } from "./flights";
import { testFrame } from "./testFrame";

const frameWith = (log: LogEntry[]) => testFrame({ nowMs: 10, events: log.length, log });

const gossip: LogEntry = {
  kind: "send",
  atMs: 1,
  id: 1,
  src: 0,
  dst: 1,
  type: "gossip",
  deliverAtMs: 2,
};
const put: LogEntry = {
  kind: "send",
  atMs: 1,
  id: 2,
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
