/**
 * `npm run --silent bench`: the simulator's speed, as one JSON object on stdout.
 *
 * coreEventsPerSec: events (message deliveries, timers, interventions) per second of wall time on
 * the message-heavy preset `bench-64` (64 nodes, 128 closed-loop clients, N = 3, R = W = 2), with
 * the trace on (every event hashed and kept in a bounded window).
 * rawHeapEventsPerSec: in the same process, a bare loop over a binary heap of plain objects holding
 * as many pending events as the simulation had on average, where each event only schedules one new
 * event after a random delay. ratio = core / raw: the share of a bare event loop's speed that the
 * simulator keeps while doing real work.
 *
 * Core and raw runs alternate, so both see the same machine load; the medians are reported.
 *
 * bareCore: the same comparison for the core alone (bench/bareCore.ts: 64 processes whose handlers
 * only send one message on or re-arm a timer, through the same loop, queue, network, clocks and
 * hashed trace), so the core's own speed can be told apart from the protocol handlers'.
 *
 * allocatedBytesPerEvent: bytes allocated per event on bench-64, freed ones included (a steadier
 * measure of the collector's work than any timing).
 *
 * memory: heap in use (after a full garbage collection) a tenth of the way into a long run of the
 * default preset and at its end; with a bounded trace window and no kept history it stays flat.
 */

import { Session } from "node:inspector/promises";
import { presetScenario, Run } from "../src/sim/index";
import { bareCoreRun } from "./bareCore";
import { rawHeapEventsPerSec } from "./rawHeap";

const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const scenario = presetScenario("bench-64");

interface CoreSample {
  eventsPerSec: number;
  traceEventsPerSec: number;
  events: number;
  meanPending: number;
}

function coreRun(traceRefs: boolean): CoreSample {
  const run = new Run(scenario, 1, { keepHistory: false, traceRefs });
  let pendingSum = 0;
  let samples = 0;
  const start = process.hrtime.bigint();
  for (let ms = 10; ms < run.endMs + 10; ms += 10) {
    run.runUntilMs(ms);
    pendingSum += run.sim.pendingEvents;
    samples++;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return {
    eventsPerSec: run.sim.eventsProcessed / seconds,
    traceEventsPerSec: run.sim.trace.length / seconds,
    events: run.sim.eventsProcessed,
    meanPending: pendingSum / samples,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

// Warm up the JIT on both loops: V8 keeps re-optimising the simulator's handlers over the first
// few runs, and steady state is what the numbers are about.
const WARMUP_RUNS = 3;
for (let i = 0; i < WARMUP_RUNS; i++) {
  coreRun(false);
  bareCoreRun(500_000);
  rawHeapEventsPerSec(500, 500_000);
}

const core: CoreSample[] = [];
const raw: number[] = [];
for (let i = 0; i < REPEATS; i++) {
  const c = coreRun(false);
  core.push(c);
  raw.push(rawHeapEventsPerSec(Math.round(c.meanPending), c.events));
}
const bare: number[] = [];
const bareRaw: number[] = [];
let barePending = 0;
for (let i = 0; i < REPEATS; i++) {
  const b = bareCoreRun(1_000_000);
  bare.push(b.eventsPerSec);
  bareRaw.push(rawHeapEventsPerSec(b.pending, b.events));
  barePending = b.pending;
}
const withRefs = coreRun(true);
const memory = memoryOverLongRun();
const allocatedBytesPerEvent = await allocationPerEvent();

/**
 * Bytes allocated per event over one run of the preset, objects the collector has since freed
 * included (V8's sampling heap profiler, one sample per 256 bytes on average). Unlike a speed,
 * it hardly depends on what else the machine is doing, so it shows a change's effect on the
 * garbage collector's work where timings are too noisy to.
 */
async function allocationPerEvent(): Promise<number> {
  const session = new Session();
  session.connect();
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 256,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const events = coreRun(false).events;
  const { profile } = await session.post("HeapProfiler.stopSampling");
  session.disconnect();
  let bytes = 0;
  const walk = (n: { selfSize: number; children: (typeof n)[] }) => {
    bytes += n.selfSize;
    for (const c of n.children) walk(c);
  };
  walk(profile.head);
  return Math.round(bytes / events);
}

/** Heap in use after a full collection, in MB (needs node --expose-gc; null without it). */
function heapMB(): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return null;
  gc();
  return Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
}

function memoryOverLongRun() {
  const long = { ...presetScenario("default"), durationMs: 600_000 };
  const run = new Run(long, 1, { keepHistory: false });
  run.runUntilMs(long.durationMs / 10);
  const early = heapMB();
  run.runToEnd();
  const late = heapMB();
  return {
    simulatedMs: run.nowMs,
    traceEvents: run.sim.trace.length,
    heapUsedMBAt10Percent: early,
    heapUsedMBAtEnd: late,
  };
}

const coreEventsPerSec = median(core.map((c) => c.eventsPerSec));
const rawEventsPerSec = median(raw);
const result = {
  coreEventsPerSec: Math.round(coreEventsPerSec),
  rawHeapEventsPerSec: Math.round(rawEventsPerSec),
  ratio: Math.round((coreEventsPerSec / rawEventsPerSec) * 1000) / 1000,
  pendingEvents: Math.round(median(core.map((c) => c.meanPending))),
  traceEventsPerSec: Math.round(median(core.map((c) => c.traceEventsPerSec))),
  coreEventsPerSecWithTraceRefs: Math.round(withRefs.eventsPerSec),
  bareCore: {
    eventsPerSec: Math.round(median(bare)),
    rawHeapEventsPerSec: Math.round(median(bareRaw)),
    ratio: Math.round((median(bare) / median(bareRaw)) * 1000) / 1000,
    pendingEvents: barePending,
  },
  eventsPerRun: core[0]?.events ?? 0,
  allocatedBytesPerEvent,
  memory,
  repeats: REPEATS,
  warmupRuns: WARMUP_RUNS,
  scenario: scenario.name,
  nodes: scenario.cluster.nodes.length,
  clients: scenario.workload.clients,
  samples: {
    coreEventsPerSec: core.map((c) => Math.round(c.eventsPerSec)),
    rawHeapEventsPerSec: raw.map(Math.round),
    bareCoreEventsPerSec: bare.map(Math.round),
  },
  targets: { coreEventsPerSec: 1_000_000, ratio: 0.33 },
  node: process.version,
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
