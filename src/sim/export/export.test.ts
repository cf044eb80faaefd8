import { describe, expect, it } from "vitest";
import { Run } from "../run";
import { presetScenario } from "../scenario/presets";
import { scenarioFrom } from "../scenario/schema";
import { SHIVIZ_PARSER, shivizEvents, shivizLog, type VectorClock } from "./shiviz";
import { collectTrace, traceJson } from "./traceExport";

/** a <= b for vector clocks (missing entries are 0) */
function leq(a: VectorClock, b: VectorClock): boolean {
  return Object.entries(a).every(([p, n]) => n <= (b[p] ?? 0));
}
const happenedBefore = (a: VectorClock, b: VectorClock) => leq(a, b) && !leq(b, a);

describe("trace export", () => {
  it("holds the whole run to the instant, with the live run's trace hash", () => {
    for (const [preset, ms] of [
      ["default", 800],
      ["sloppy-quorum", 900],
      ["gossip", 400],
    ] as const) {
      const scenario = presetScenario(preset);
      const live = new Run(scenario, 5);
      live.runUntilMs(ms);
      const t = collectTrace(scenario, 5, ms);
      expect(t.traceHash, preset).toBe(live.summary().traceHash);
      expect(t.total, preset).toBe(live.sim.trace.length);
      expect(t.records.map((r) => r.i)).toEqual(t.records.map((_, i) => i));
      expect(t.records.at(-1)?.atMs ?? 0).toBeLessThanOrEqual(ms);
      // the JSON file parses back to the same records
      const file = JSON.parse(traceJson(t));
      expect(file.traceHash).toBe(t.traceHash);
      expect(file.events).toEqual(t.records);
    }
  });

  it("keeps the first events when asked for fewer, and still reports the total", () => {
    const t = collectTrace(presetScenario("default"), 1, 2_000, 500);
    expect(t.records).toHaveLength(500);
    expect(t.total).toBeGreaterThan(500);
  });

  it("includes interventions written into the timeline, as a shared run replays them", () => {
    const base = presetScenario("default");
    const scenario = scenarioFrom({
      ...base,
      timeline: [...base.timeline, { atMs: 100, kind: "crash", node: "B" }],
    });
    const t = collectTrace(scenario, 2, 300);
    expect(t.records.some((r) => r.kind === "crash" && r.proc === "B")).toBe(true);
    expect(t.records.some((r) => r.kind === "intervene" && r.proc === "world")).toBe(true);
  });
});

describe("ShiViz log", () => {
  const trace = collectTrace(presetScenario("sloppy-quorum"), 3, 600);
  const log = shivizLog(trace);

  it("parses with ShiViz's default expression, one match per event, after its two header lines", () => {
    const [first, second, ...rest] = log.split("\n");
    expect(first).toBe(SHIVIZ_PARSER);
    expect(second).toBe("");
    const body = rest.join("\n");
    const parser = new RegExp(SHIVIZ_PARSER, "g");
    const matches = [...body.matchAll(parser)];
    const events = shivizEvents(trace.records);
    expect(matches.length).toBe(events.length);
    expect(events.length).toBeGreaterThan(1000);
    matches.forEach((m, i) => {
      const g = m.groups as { event: string; host: string; clock: string };
      const clock = JSON.parse(g.clock) as VectorClock;
      expect(g.host).toBe(events[i]?.host);
      expect(clock).toEqual(events[i]?.clock);
      // the local host is in its own clock
      expect(clock[g.host]).toBeGreaterThan(0);
    });
  });

  it("counts each process's own entry 1, 2, 3, ... down its events", () => {
    const seen = new Map<string, number>();
    for (const e of shivizEvents(trace.records)) {
      const n = (seen.get(e.host) ?? 0) + 1;
      expect(e.clock[e.host], `${e.host}: ${e.text}`).toBe(n);
      seen.set(e.host, n);
    }
    expect([...seen.keys()].sort()).toEqual(["A", "B", "C", "D", "E", "client1", "client2"]);
  });

  it("agrees with the trace: each send happened before its deliveries, each event before the next at its process", () => {
    const events = shivizEvents(trace.records);
    const sends = new Map<number, VectorClock>();
    let delivered = 0;
    const last = new Map<string, VectorClock>();
    for (const e of events) {
      if (e.record.kind === "send") sends.set(e.record.id, e.clock);
      if (e.record.kind === "deliver") {
        const s = sends.get(e.record.id);
        expect(s, `send of #${e.record.id}`).toBeDefined();
        expect(happenedBefore(s as VectorClock, e.clock)).toBe(true);
        delivered++;
      }
      const prev = last.get(e.host);
      if (prev !== undefined) expect(happenedBefore(prev, e.clock)).toBe(true);
      last.set(e.host, e.clock);
    }
    expect(delivered).toBeGreaterThan(300);
  });

  it("leaves events concurrent that no chain of messages links", () => {
    const events = shivizEvents(trace.records);
    // the two clients' first sends: neither client has heard from the other
    const a = events.find((e) => e.host === "client1" && e.record.kind === "send");
    const b = events.find((e) => e.host === "client2" && e.record.kind === "send");
    expect(a && b).toBeTruthy();
    if (a === undefined || b === undefined) return;
    expect(leq(a.clock, b.clock) || leq(b.clock, a.clock)).toBe(false);
  });
});
