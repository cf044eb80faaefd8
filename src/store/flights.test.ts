import { describe, expect, it } from "vitest";
import type { MessageDrop, MessageSend } from "../worker/protocol";
import { FALL_WALL_MS, FlightBoard, LAG_WALL_MS, LOST_AT } from "./flights";
import { testFrame } from "./testFrame";

const frame = testFrame;

const send = (
  id: number,
  sentAtMs: number,
  deliverAtMs: number,
  duplicate = false,
): MessageSend => ({
  id,
  src: 0,
  dst: 1,
  type: "put",
  sentAtMs,
  deliverAtMs,
  duplicate,
});
const drop = (id: number, atMs: number, reason: number): MessageDrop => ({
  id,
  src: 0,
  dst: 1,
  type: "put",
  atMs,
  reason,
});

describe("the flight board", () => {
  it("runs the display clock smoothly behind the newest frame, never backwards or past it", () => {
    const board = new FlightBoard();
    board.ingest(frame({ cause: "load", nowMs: 0, playing: false, rate: 0 }), 0);
    board.ingest(frame({ nowMs: 1, rate: 1 / 100 }), 1000);
    expect(board.displayNow(1000)).toBeCloseTo(1 - (LAG_WALL_MS * 1) / 100, 9);
    expect(board.displayNow(1020)).toBeCloseTo(1 - (30 * 1) / 100, 9);
    expect(board.displayNow(1000 + LAG_WALL_MS)).toBeCloseTo(1, 9);
    expect(board.displayNow(1100)).toBe(1); // caught up with the newest frame: waits there
    board.ingest(frame({ nowMs: 1.1, rate: 1 / 100 }), 1100);
    const t = board.displayNow(1101);
    expect(t).toBeGreaterThanOrEqual(1); // never backwards
    expect(t).toBeLessThanOrEqual(1.1);
  });

  it("glides to a paused frame's instant instead of jumping", () => {
    const board = new FlightBoard();
    board.ingest(frame({ cause: "load", nowMs: 0, playing: false, rate: 0 }), 0);
    board.displayNow(0);
    board.ingest(frame({ cause: "step", nowMs: 2, playing: false, rate: 0 }), 10);
    const a = board.displayNow(30);
    const b = board.displayNow(60);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    expect(b).toBeLessThan(2);
    expect(board.displayNow(2000)).toBe(2);
  });

  it("keeps a message until it arrives; a dropped one then falls, and fades away", () => {
    const board = new FlightBoard();
    board.ingest(frame({ cause: "load", playing: false }), 0);
    board.ingest(frame({ nowMs: 1, sends: [send(1, 0.2, 1.2), send(2, 0.3, 1.5)] }), 0);
    board.ingest(frame({ nowMs: 1.5, drops: [drop(2, 1.5, 3)] }), 10);
    expect(board.flights.size).toBe(2);
    board.retire(1.3, 20);
    expect(board.flights.size).toBe(1); // message 1 delivered
    expect(board.falls).toHaveLength(0);
    board.retire(1.5, 30);
    expect(board.flights.size).toBe(0);
    expect(board.falls).toMatchObject([{ f: 1, reason: 3 }]);
    board.retire(1.5, 30 + FALL_WALL_MS);
    expect(board.falls).toHaveLength(0);
  });

  it("shows a message lost by the network part of the way, then falling", () => {
    const board = new FlightBoard();
    board.ingest(frame({ cause: "load", playing: false }), 0);
    board.ingest(frame({ nowMs: 1, sends: [send(7, 0.5, -1)], drops: [drop(7, 0.5, 1)] }), 0);
    const f = board.flights.get(14);
    expect(f?.fEnd).toBe(LOST_AT);
    expect(f?.dropReason).toBe(1);
    expect(f?.endMs).toBeGreaterThan(0.5);
    board.retire(10, 5);
    expect(board.falls).toMatchObject([{ f: LOST_AT, reason: 1 }]);
  });

  it("tells a duplicate from the original by its own delivery time", () => {
    const board = new FlightBoard();
    board.ingest(frame({ cause: "load", playing: false }), 0);
    board.ingest(frame({ nowMs: 1, sends: [send(3, 0, 1), send(3, 0, 1.4, true)] }), 0);
    board.ingest(frame({ nowMs: 1.4, drops: [drop(3, 1.4, 3)] }), 0);
    expect(board.flights.get(6)?.dropReason).toBe(0);
    expect(board.flights.get(7)?.dropReason).toBe(3);
    expect(board.flights.get(7)?.duplicate).toBe(true);
  });

  it("starts afresh on a load", () => {
    const board = new FlightBoard();
    board.ingest(frame({ nowMs: 1, sends: [send(1, 0, 5)] }), 0);
    const epoch = board.epoch;
    board.ingest(frame({ cause: "load", nowMs: 0, playing: false }), 0);
    expect(board.flights.size).toBe(0);
    expect(board.epoch).toBe(epoch + 1);
    expect(board.displayNow(1)).toBe(0);
  });
});
