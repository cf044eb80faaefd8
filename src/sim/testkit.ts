/**
 * Small worlds for tests of the core: processes that send what they are told, record what they
 * receive and arm timers on request. Test-only; nothing in the app or the CLI uses it.
 */

import { Rng } from "./core/rng";
import { type Behavior, type Ctx, Simulation } from "./core/simulation";
import type { ProcId } from "./core/types";
import type { LatencyDist } from "./net/latency";
import { Network } from "./net/network";

export type ToyMsg = { type: "note"; n: number };
export type ToyTimer = { type: "alarm"; n: number };

export interface ToyState {
  received: { from: number; n: number; at: number; lamport: number }[];
  alarms: { n: number; localAt: number }[];
  /** counts handler calls since the last (re)start: volatile */
  calls: number;
  disk: { writes: number };
}

export interface ToyWorld {
  sim: Simulation<ToyMsg, ToyTimer>;
  net: Network;
  ctx: (i: number) => Ctx<ToyMsg, ToyTimer>;
  state: (i: number) => ToyState;
}

export function toyWorld(
  size: number,
  opts: { seed?: number; latency?: LatencyDist; loss?: number; duplicate?: number } = {},
): ToyWorld {
  const ctxs: Ctx<ToyMsg, ToyTimer>[] = [];
  const behavior: Behavior<ToyState, { writes: number }, ToyMsg, ToyTimer> = {
    start: (disk, ctx) => {
      ctxs[ctx.self] = ctx;
      return { received: [], alarms: [], calls: 0, disk: disk ?? { writes: 0 } };
    },
    onMessage: (s, env, ctx) => {
      s.calls++;
      s.disk.writes++;
      s.received.push({ from: env.src, n: env.body.n, at: ctx.now(), lamport: ctx.lamport() });
      return s;
    },
    onTimer: (s, timer, ctx) => {
      s.calls++;
      s.alarms.push({ n: timer.n, localAt: ctx.now() });
      return s;
    },
    disk: (s) => s.disk,
  };
  const net = new Network(size, {
    latency: opts.latency ?? { kind: "constant", ms: 1 },
    loss: opts.loss ?? 0,
    duplicate: opts.duplicate ?? 0,
  });
  const sim = new Simulation<ToyMsg, ToyTimer>(
    Array.from({ length: size }, (_, i) => ({ name: `P${i}`, role: "node" as const, behavior })),
    { rng: new Rng(opts.seed ?? 1), network: net, traceWindow: 100_000 },
  );
  sim.start();
  return {
    sim,
    net,
    ctx: (i) => ctxs[i] as Ctx<ToyMsg, ToyTimer>,
    state: (i) => sim.stateOf(i) as ToyState,
  };
}

/** Sends `count` notes from a to b at the current instant. */
export function sendNotes(w: ToyWorld, a: number, b: number, count: number): void {
  for (let n = 0; n < count; n++) w.ctx(a).send(b as ProcId, { type: "note", n });
}
