/**
 * `npm run --silent bench:export`: how long the Files panel's trace exports take and how large
 * they are, as one JSON object. For each preset: the whole run (its scenario's duration) re-run
 * and collected (`collectTrace`, capped at 200,000 events as in the app), written as JSON and as a
 * ShiViz log (capped at 20,000 events). Times are medians of 3 runs after 1 warm-up, in ms.
 * The target: under 2 s for a default 10 s run, so a click answers promptly.
 */

import { shivizLog } from "../src/sim/export/shiviz";
import { collectTrace, traceJson } from "../src/sim/export/traceExport";
import { presetScenario } from "../src/sim/scenario/presets";

const REPEATS = 3;
const TARGET_MS = 2000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time<T>(f: () => T): { ms: number; value: T } {
  f();
  const times: number[] = [];
  let value = f();
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    value = f();
    times.push(performance.now() - t0);
  }
  return { ms: Math.round(median(times) * 10) / 10, value };
}

const out: Record<string, unknown> = {};
for (const preset of ["default", "sloppy-quorum", "gossip"]) {
  const scenario = presetScenario(preset);
  const collected = time(() => collectTrace(scenario, 1, scenario.durationMs, 200_000));
  const json = time(() => traceJson(collected.value));
  const shivizTrace = collectTrace(scenario, 1, scenario.durationMs, 20_000);
  const shiviz = time(() => shivizLog(shivizTrace));
  out[preset] = {
    simulatedMs: scenario.durationMs,
    events: collected.value.total,
    exported: collected.value.records.length,
    collectMs: collected.ms,
    jsonMs: json.ms,
    jsonBytes: Buffer.byteLength(json.value),
    shivizEvents: shivizTrace.records.length,
    shivizMs: shiviz.ms,
    shivizBytes: Buffer.byteLength(shiviz.value),
  };
}
const d = out.default as { collectMs: number; jsonMs: number };
out.targetMs = TARGET_MS;
out.defaultTotalMs = Math.round((d.collectMs + d.jsonMs) * 10) / 10;
out.meetsTarget = d.collectMs + d.jsonMs < TARGET_MS;
console.log(JSON.stringify(out));
