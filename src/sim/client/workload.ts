/**
 * What clients ask for: which operation, on which key, and when.
 *
 * Open loop: each client issues operations as a Poisson process at its rate, whether or not earlier
 * ones have finished (load does not back off when the system slows down). Closed loop: each client
 * waits for its operation to finish, thinks, then issues the next. Keys are uniform or Zipf
 * distributed over a fixed key space named k0, k1, ...
 */

import type { Rng } from "../core/rng";

export interface WorkloadSpec {
  clients: number;
  mode: "open" | "closed" | "script" | "staleness";
  /** open loop: operations per second per client */
  ratePerSec: number;
  /** closed loop: pause between an operation's end and the next one's start */
  thinkMs: number;
  /** share of gets; the rest are puts */
  getFraction: number;
  keys: { count: number; distribution: "uniform" | "zipf"; zipfExponent: number };
  startMs: number;
  /** no new operation starts after this instant (undefined: until the end of the run) */
  stopMs?: number | undefined;
  /** a client gives up on an operation after this long without an answer */
  clientTimeoutMs: number;
  /** a put carries the context of the client's last get of the key, or none, or reads first */
  context: "last-read" | "none" | "read-first";
  /** scripted operations (mode "script" runs only these; other modes run them too) */
  script: readonly ScriptOp[];
  /** RPC semantics: retries, and request ids for de-duplication (rpc.ts) */
  rpc: RpcMode;
  maxRetries: number;
  retryAfterMs: number;
  dedupWindowMs: number;
  /** who picks the coordinator: the client from the ring, a load balancer, or the client's view */
  coordination: CoordinationMode;
  /** mode "staleness": the probe's trials */
  staleness?: StalenessProbe | undefined;
}

export type RpcMode = "none" | "at-least-once" | "at-most-once";
export type CoordinationMode = "direct" | "server-driven" | "client-driven";

/** One write per trial, then reads at fixed delays after its acknowledgement (PBS, section 4). */
export interface StalenessProbe {
  trials: number;
  readAtMs: readonly number[];
  gapMs: number;
  /** the node each write goes through, or several to choose among uniformly at random */
  writeVia: string | readonly string[];
  readVia: string | readonly string[];
}

export interface ScriptOp {
  atMs: number;
  client: string;
  f: "get" | "put";
  key: string;
  value?: string | undefined;
  via?: string | undefined;
  context: "last-read" | "none";
  /** union: the value written is the union of the items of the siblings last read, and its own */
  merge: "none" | "union";
}

export class KeyChooser {
  private readonly cdf: Float64Array | undefined;
  readonly names: readonly string[];

  constructor(spec: WorkloadSpec["keys"]) {
    this.names = Array.from({ length: spec.count }, (_, i) => `k${i}`);
    if (spec.distribution === "zipf") {
      const cdf = new Float64Array(spec.count);
      let acc = 0;
      for (let i = 0; i < spec.count; i++) {
        acc += 1 / (i + 1) ** spec.zipfExponent;
        cdf[i] = acc;
      }
      for (let i = 0; i < spec.count; i++) cdf[i] = (cdf[i] as number) / acc;
      this.cdf = cdf;
    }
  }

  /** The index of one of this key space's keys (`k7` is 7), or -1 for any other key. */
  indexOf(key: string): number {
    const names = this.names;
    if (key.length < 2 || key.charCodeAt(0) !== 107 /* k */) return -1;
    let i = 0;
    for (let c = 1; c < key.length; c++) {
      const d = key.charCodeAt(c) - 48;
      if (d < 0 || d > 9 || i >= names.length) return -1;
      i = i * 10 + d;
    }
    return i < names.length && names[i] === key ? i : -1;
  }

  next(rng: Rng): string {
    const cdf = this.cdf;
    if (cdf === undefined) return this.names[rng.int(this.names.length)] as string;
    const u = rng.float();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return this.names[lo] as string;
  }
}
