import { describe, expect, it } from "vitest";
import { presetScenario, Run } from "../sim";
import { SpacetimeBoard, type StEvent } from "../store/spacetime";
import { messageDetail } from "./messageDetail";
import { SPACETIME_MAX_PER_FRAME, SpacetimeTracker } from "./spacetime";

/** Streams a run through tracker and board, a frame every `frameMs`, as the host and app do. */
function streamed(preset: string, seed: number, untilMs: number, frameMs: number) {
  const run = new Run(presetScenario(preset), seed, { traceRefs: true, traceWindow: 1 << 17 });
  const tracker = new SpacetimeTracker();
  tracker.reset(run.sim.trace, run.sim.processCount);
  const board = new SpacetimeBoard();
  let omitted = 0;
  let largest = 0;
  for (let t = frameMs; t <= untilMs; t += frameMs) {
    run.runUntilMs(t);
    tracker.consume(run.sim.trace);
    const frame = tracker.take();
    omitted += frame.omitted;
    largest = Math.max(largest, frame.events.length);
    board.ingest(frame);
  }
  return { run, board, omitted, largest };
}

/**
 * Happened-before computed the slow way, from the events alone: program order on each lane, and
 * each delivery after its send; a breadth-first search backwards from `to`.
 */
function happenedBefore(events: StEvent[], from: StEvent, to: StEvent): boolean {
  const byIndex = new Map(events.map((e) => [e.index, e]));
  const prevOnLane = new Map<number, StEvent>();
  const lanePrev = new Map<number, StEvent | undefined>();
  const sendOf = new Map<number, StEvent>();
  for (const e of events) {
    if (e.vc === null) continue;
    lanePrev.set(e.index, prevOnLane.get(e.proc));
    prevOnLane.set(e.proc, e);
    if (e.kind === "send") sendOf.set(e.id, e);
  }
  const seen = new Set<number>();
  const todo = [to];
  while (todo.length > 0) {
    const e = todo.pop() as StEvent;
    if (seen.has(e.index)) continue;
    seen.add(e.index);
    if (e.index === from.index) return true;
    const p = lanePrev.get(e.index);
    if (p !== undefined) todo.push(p);
    if (e.kind === "deliver") {
      const s = sendOf.get(e.id);
      if (s !== undefined && s.index < e.index) todo.push(s);
    }
  }
  void byIndex;
  return false;
}

describe("the space-time stream", () => {
  it("gives vector clocks that say exactly which events happened before which (default, seed 3)", () => {
    const { board } = streamed("default", 3, 60, 5);
    const events = board.events.filter((e) => e.vc !== null);
    expect(events.length).toBeGreaterThan(100);
    // every pair among a spread of events: the clocks agree with the search over the events
    const sample = events.filter((_, i) => i % Math.ceil(events.length / 40) === 0);
    let before = 0;
    for (const a of sample) {
      for (const b of sample) {
        if (a === b) continue;
        const byClock = (a.vc as Int32Array)[a.proc] <= (b.vc as Int32Array)[a.proc];
        const bySearch = happenedBefore(events, a, b);
        expect(byClock, `${a.index} -> ${b.index}`).toBe(bySearch);
        if (bySearch) {
          before++;
          // and Lamport times respect it
          expect(a.lamport).toBeLessThan(b.lamport);
        }
      }
    }
    expect(before).toBeGreaterThan(0);
  });

  it("keeps frames bounded and says how many events it left out", () => {
    const { largest, omitted, run, board } = streamed("default", 1, 3000, 1500);
    expect(largest).toBeLessThanOrEqual(SPACETIME_MAX_PER_FRAME);
    expect(omitted).toBeGreaterThan(0);
    expect(board.omitted).toBe(omitted);
    // the newest event on the board is the trace's newest event the diagram draws
    const newest = board.events.at(-1) as StEvent;
    expect(newest.index).toBeLessThan(run.sim.trace.length);
    expect(newest.atMs).toBeLessThanOrEqual(run.nowMs);
  });

  it("starts again from the trace's recent events after a reset, counting clocks from there", () => {
    const run = new Run(presetScenario("default"), 2, { traceRefs: true });
    run.runUntilMs(200);
    const tracker = new SpacetimeTracker();
    tracker.reset(run.sim.trace, run.sim.processCount);
    tracker.consume(run.sim.trace);
    const frame = tracker.take();
    expect(frame.originMs).not.toBeNull();
    expect(frame.originMs as number).toBeGreaterThan(0);
    expect(frame.events.length).toBeGreaterThan(0);
    const board = new SpacetimeBoard();
    board.ingest(frame);
    // no process has counted more events than the stream carried for it (and left out)
    const counts = new Map<number, number>();
    for (const e of board.events)
      if (e.vc !== null) counts.set(e.proc, (counts.get(e.proc) ?? 0) + 1);
    for (const e of board.events) {
      if (e.vc === null) continue;
      expect(e.vc[e.proc]).toBeLessThanOrEqual((counts.get(e.proc) ?? 0) + frame.omitted);
    }
    // the next frame continues the stream
    run.runUntilMs(210);
    tracker.consume(run.sim.trace);
    expect(tracker.take().originMs).toBeNull();
  });
});

describe("the message inspector's detail", () => {
  it("finds a message's body, route and the fate of each copy", () => {
    const run = new Run(presetScenario("default"), 1, { traceRefs: true });
    run.runUntilMs(100);
    const trace = run.sim.trace;
    const sends = trace.since(trace.oldest).filter((e) => e.kind === "send" && e.aux >= 0);
    const delivered = sends.find((s) =>
      trace.since(s.index).some((e) => e.kind === "deliver" && e.id === s.id),
    );
    expect(delivered).toBeDefined();
    const d = messageDetail(trace, (delivered as { id: number }).id);
    expect(d).not.toBeNull();
    const detail = d as NonNullable<typeof d>;
    expect(detail.type).toBe(delivered?.type);
    expect(detail.src).toBe(delivered?.proc);
    expect(detail.dst).toBe(delivered?.peer);
    expect(detail.copies[0]?.fate).toBe("delivered");
    expect(detail.body).toContain(`"type": "${detail.type}"`);
    expect(messageDetail(trace, 10_000_000)).toBeNull();
  });

  it("names the reason a lost message was dropped", () => {
    const base = presetScenario("default");
    const run = new Run({ ...base, network: { ...base.network, loss: 0.3 } }, 1, {
      traceRefs: true,
    });
    run.runUntilMs(100);
    const trace = run.sim.trace;
    const lost = trace.since(trace.oldest).find((e) => e.kind === "send" && e.aux < 0);
    expect(lost).toBeDefined();
    const d = messageDetail(trace, (lost as { id: number }).id);
    expect(d?.copies).toEqual([
      { duplicate: false, fate: "dropped", atMs: d?.sentAtMs, reason: 1 },
    ]);
  });
});
