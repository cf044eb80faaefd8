/**
 * `npm run --silent bench:seek`: how long a seek takes on a 10-minute run, with the host's
 * checkpoints and without them (a re-run from time zero). Prints one JSON object.
 *
 * The run is the default preset lengthened to 600 s of simulated time, in a SimHost (the worker's
 * host, here in Node, with the live view's options: envelopes kept). The host first runs to the
 * end (taking its checkpoints on the way); then it seeks to a fixed list of instants spread over
 * the run, backwards and forwards, timing each command with performance.now: `seek*` is the
 * whole command (the re-run and the frame it posts, which is what the view waits for),
 * `rerun*` the re-run alone (the host's `lastSeekRunMs`), `checks*` the frame of the history's
 * checks that a seek on a long run leaves for a moment later (the host's deferred timer, run here
 * at once after the seek, timed apart). Medians and the 95th percentile are over those seeks;
 * without checkpoints there are fewer (each re-runs the run from its start). `heapMB` is the
 * heap after the run to the end and a full garbage collection, `arrayBuffersMB` the typed arrays
 * outside it (trace windows, latency samples), both with the host's checkpoints. `seekCpu*` is
 * the process's CPU time over each seek command (process.cpuUsage, every thread: the garbage
 * collector and the compiler too): on a shared machine the wall time also counts the time the
 * process waited for a core. Read the medians.
 */

import { presets } from "../src/sim/catalog";
import { type HostEnv, SimHost } from "../src/worker/host";
import type { FromWorker } from "../src/worker/protocol";

const DURATION_MS = 600_000;
/** instants to seek to, in ms: spread over the run, not in order */
const TARGETS = [
  312_345, 45_678, 598_100, 201_000, 477_777, 130_003, 555_555, 9_999, 388_800, 250_250, 421_000,
  77_700, 599_990, 166_600, 333_333, 511_111, 28_000, 444_444, 290_000, 60_606,
];

function makeHost(checkpoints: boolean) {
  const errors: string[] = [];
  const env: HostEnv = {
    post: (m: FromWorker) => {
      if (m.type === "error") errors.push(m.message);
    },
    now: () => performance.now(),
    setTimer: () => 0,
    clearTimer: () => {},
  };
  const host = new SimHost(env, { checkpoints });
  const gc = (globalThis as { gc?: () => void }).gc;
  const base = presets.default?.scenario;
  if (base === undefined) throw new Error("no default preset");
  host.handle({
    type: "load",
    source: { scenario: { ...base, durationMs: DURATION_MS } },
    seed: 1,
  });
  return { host, errors, gc };
}

const round = (x: number) => Math.round(x * 10) / 10;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function measure(checkpoints: boolean, seeks: number) {
  const { host, errors, gc } = makeHost(checkpoints);
  let t = performance.now();
  host.handle({ type: "seek", ms: DURATION_MS });
  const toEndMs = performance.now() - t;
  host.flushDeferredChecks();
  let memory: { heapMB: number; arrayBuffersMB: number } | null = null;
  if (gc !== undefined) {
    gc();
    const m = process.memoryUsage();
    memory = { heapMB: round(m.heapUsed / 1e6), arrayBuffersMB: round(m.arrayBuffers / 1e6) };
  }
  const times: number[] = [];
  const reruns: number[] = [];
  const checks: number[] = [];
  const cpu: number[] = [];
  for (const ms of TARGETS.slice(0, seeks)) {
    const cpuStart = process.cpuUsage();
    t = performance.now();
    host.handle({ type: "seek", ms });
    times.push(performance.now() - t);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    reruns.push(host.lastSeekRunMs);
    t = performance.now();
    if (host.flushDeferredChecks()) checks.push(performance.now() - t);
  }
  if (errors.length > 0) throw new Error(errors.join("; "));
  const sorted = [...times].sort((a, b) => a - b);
  const rerunSorted = [...reruns].sort((a, b) => a - b);
  const checkSorted = [...checks].sort((a, b) => a - b);
  const cpuSorted = [...cpu].sort((a, b) => a - b);
  return {
    seeks,
    firstRunToEndMs: round(toEndMs),
    seekMedianMs: round(quantile(sorted, 0.5)),
    seekP95Ms: round(quantile(sorted, 0.95)),
    seekMaxMs: round(sorted.at(-1) as number),
    seekCpuMedianMs: round(quantile(cpuSorted, 0.5)),
    seekCpuP95Ms: round(quantile(cpuSorted, 0.95)),
    rerunMedianMs: round(quantile(rerunSorted, 0.5)),
    rerunP95Ms: round(quantile(rerunSorted, 0.95)),
    deferredChecks: checks.length,
    checksMedianMs: checks.length > 0 ? round(quantile(checkSorted, 0.5)) : null,
    checksP95Ms: checks.length > 0 ? round(quantile(checkSorted, 0.95)) : null,
    ...memory,
    ...host.checkpointInfo,
  };
}

const withCheckpoints = measure(true, TARGETS.length);
process.stderr.write(`with checkpoints: ${JSON.stringify(withCheckpoints)}\n`);
const withoutCheckpoints = measure(false, 3);
console.log(
  JSON.stringify(
    {
      runSimulatedMs: DURATION_MS,
      withCheckpoints,
      withoutCheckpoints,
      targetSeekMs: 200,
      speedup:
        Math.round((withoutCheckpoints.seekMedianMs / withCheckpoints.seekMedianMs) * 10) / 10,
    },
    null,
    2,
  ),
);
