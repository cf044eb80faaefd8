/**
 * `npm run --silent bench:checker`: the linearizability checker's speed, as one JSON object.
 *
 * generated: a linearizable register history made by a real sequential register (see
 * src/sim/check/generate.ts): 10,000 operations (half reads, half writes) over 100 keys, by 10
 * clients that each run one operation at a time with random durations, so operations overlap.
 * porcupineC50Ok / porcupineC50Bad: Porcupine's key-value histories with 50 clients (from
 * ../shared/external/porcupine-kv), parsed once; the time is the check only.
 *
 * Each time is the median of 5 runs after 2 warm-up runs, in ms. The target: well under a second.
 */

import { readFileSync } from "node:fs";
import { type PlannedOp, sequentialRegisterHistory } from "../src/sim/check/generate";
import { type History, parseHistory } from "../src/sim/check/history";
import { type CheckResult, checkLinearizability } from "../src/sim/check/linearizability";
import { Rng } from "../src/sim/core/rng";

const REPEATS = 5;
const WARMUP = 2;
const TARGET_MS = 1000;

function generated(seed: number): History {
  const rng = new Rng(seed);
  const plans: PlannedOp[][] = [];
  for (let client = 0; client < 10; client++) {
    const plan: PlannedOp[] = [];
    for (let i = 0; i < 1000; i++) {
      plan.push({
        f: rng.chance(0.5) ? "read" : "write",
        key: `k${rng.int(100)}`,
        gapBefore: rng.uniform(0, 2),
        duration: rng.uniform(1, 10),
        effectAt: rng.uniform(0.01, 0.99),
      });
    }
    plans.push(plan);
  }
  return sequentialRegisterHistory(plans).history;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] as number;
}

function time(history: History, model?: "register" | "kv"): { ms: number; result: CheckResult } {
  const now = () => performance.now();
  let result: CheckResult | undefined;
  for (let i = 0; i < WARMUP; i++) checkLinearizability(history, { model, now });
  const samples: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    result = checkLinearizability(history, { model, now });
    samples.push(performance.now() - start);
  }
  return { ms: Math.round(median(samples) * 10) / 10, result: result as CheckResult };
}

function external(name: string): History {
  const url = new URL(`../../shared/external/porcupine-kv/${name}`, import.meta.url);
  return parseHistory(readFileSync(url, "utf8"));
}

const gen = generated(1);
const g = time(gen, "register");
const ok = time(external("c50-ok.txt"), "kv");
const bad = time(external("c50-bad.txt"), "kv");

const out = {
  generatedMs: g.ms,
  generated: {
    operations: g.result.operations.length,
    keys: Object.keys(g.result.keys).length,
    clients: 10,
    valid: g.result.valid,
  },
  porcupineC50OkMs: ok.ms,
  porcupineC50OkValid: ok.result.valid,
  porcupineC50BadMs: bad.ms,
  porcupineC50BadValid: bad.result.valid,
  targetMs: TARGET_MS,
  withinTarget: Math.max(g.ms, ok.ms, bad.ms) < TARGET_MS,
  repeats: REPEATS,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
