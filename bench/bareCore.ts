/**
 * The simulation core with trivial handlers: every delivered message makes its receiver send one
 * new message to a random process, and every process re-arms a periodic timer. It goes through the
 * same paths as a protocol run (the loop, the queue, the network's latency sampling, Lamport clocks,
 * the hashed trace), so comparing it with the raw heap measures the core's own overhead, apart from
 * any protocol handler.
 */

import { Rng } from "../src/sim/core/rng";
import { type Behavior, Simulation } from "../src/sim/core/simulation";
import type { ProcId } from "../src/sim/core/types";
import { Network } from "../src/sim/net/network";

type Msg = { readonly type: "ping"; readonly n: number };
type Timer = { readonly type: "tick" };

const TICK: Timer = { type: "tick" };

export interface BareCoreSample {
  eventsPerSec: number;
  events: number;
  pending: number;
  digest: string;
}

/**
 * Runs `procs` processes with `perProc` messages each always in flight (exponential latency, mean
 * 0.5 ms) and one timer each every `timerMs`, for `events` events; returns events per second.
 */
export function bareCoreRun(
  events: number,
  procs = 64,
  perProc = 8,
  timerMs = 1,
  seed = 1,
): BareCoreSample {
  const behavior: Behavior<number, number, Msg, Timer> = {
    start: (_disk, ctx) => {
      for (let i = 0; i < perProc; i++)
        ctx.send(ctx.rng.int(procs) as ProcId, { type: "ping", n: i });
      ctx.after(timerMs, TICK);
      return 0;
    },
    onMessage: (s, env, ctx) => {
      ctx.send(ctx.rng.int(procs) as ProcId, { type: "ping", n: env.body.n });
      return s + 1;
    },
    onTimer: (s, _timer, ctx) => {
      ctx.after(timerMs, TICK);
      return s;
    },
    disk: (s) => s,
  };
  const network = new Network(procs, {
    latency: { kind: "exponential", meanMs: 0.5 },
    loss: 0,
    duplicate: 0,
  });
  const sim = new Simulation<Msg, Timer>(
    Array.from({ length: procs }, (_, i) => ({ name: `P${i}`, role: "node" as const, behavior })),
    { rng: new Rng(seed), network, traceWindow: 16384 },
  );
  sim.start();
  const pending = sim.pendingEvents;
  const start = process.hrtime.bigint();
  while (sim.eventsProcessed < events) sim.runUntil(sim.now + 1000);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return {
    eventsPerSec: sim.eventsProcessed / seconds,
    events: sim.eventsProcessed,
    pending,
    digest: sim.trace.digest,
  };
}
