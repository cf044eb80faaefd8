/**
 * The network between processes: per-direction latency, loss and duplication, partitions, cut links
 * and slow nodes.
 *
 * Every link is directional: A->B and B->A are configured and faulted separately, so one-way
 * partitions and asymmetric latency are expressible. A partition is a set of groups: a message
 * between different groups is blocked (one-way: only from an earlier group to a later one). Cutting
 * a link blocks one direction on its own, independently of partitions. A slow node multiplies the
 * delay of every message it sends or receives.
 */

import type { Rng } from "../core/rng";
import { compileLatency, type LatencyDist, type Sampler } from "./latency";

export interface LinkSpec {
  latency: LatencyDist;
  /** probability that a message is lost */
  loss: number;
  /** probability that a message is delivered twice */
  duplicate: number;
}

/** A link's spec with its sampler compiled, as the send path reads it. */
export interface CompiledLink {
  readonly spec: LinkSpec;
  readonly sample: Sampler;
  readonly loss: number;
  readonly duplicate: number;
}

function compile(spec: LinkSpec): CompiledLink {
  return { spec, sample: compileLatency(spec.latency), loss: spec.loss, duplicate: spec.duplicate };
}

export class Network {
  readonly size: number;
  private defaultLink: CompiledLink;
  /** per-direction overrides by src * size + dst; most runs have none, so this stays small */
  private readonly links = new Map<number, CompiledLink>();
  private readonly partitioned: Uint8Array;
  private readonly cut: Uint8Array;
  private readonly slow: Float64Array;
  /** blocked directions (partition or cut): when zero, `blocked` skips the matrices */
  private blockedCount = 0;
  private partitionGroups: number[][] = [];
  private partitionOneWay = false;

  constructor(size: number, defaults: LinkSpec) {
    this.size = size;
    this.defaultLink = compile(defaults);
    this.partitioned = new Uint8Array(size * size);
    this.cut = new Uint8Array(size * size);
    this.slow = new Float64Array(size).fill(1);
  }

  link(src: number, dst: number): LinkSpec {
    return this.linkOf(src, dst).spec;
  }

  /** Changes part of one direction's spec; other directions keep theirs. */
  setLink(src: number, dst: number, change: Partial<LinkSpec>): void {
    const spec = { ...this.link(src, dst), ...change };
    this.links.set(src * this.size + dst, compile(spec));
  }

  setDefault(change: Partial<LinkSpec>): void {
    const spec = { ...this.defaultLink.spec, ...change };
    this.defaultLink = compile(spec);
  }

  /** True if a message from src to dst cannot get through right now. */
  blocked(src: number, dst: number): boolean {
    if (this.blockedCount === 0) return false;
    const i = src * this.size + dst;
    return this.partitioned[i] === 1 || this.cut[i] === 1;
  }

  isCut(src: number, dst: number): boolean {
    return this.cut[src * this.size + dst] === 1;
  }

  setCut(src: number, dst: number, cut: boolean): void {
    const i = src * this.size + dst;
    const was = this.cut[i] as number;
    const now = cut ? 1 : 0;
    this.cut[i] = now;
    this.blockedCount += now - was;
  }

  /** Replaces any current partition. Processes in no group are unaffected. */
  partition(groups: number[][], oneWay: boolean): void {
    this.heal();
    this.partitionGroups = groups.map((g) => [...g]);
    this.partitionOneWay = oneWay;
    for (let gi = 0; gi < groups.length; gi++) {
      for (let gj = 0; gj < groups.length; gj++) {
        if (gi === gj || (oneWay && gi > gj)) continue;
        for (const a of groups[gi] as number[]) {
          for (const b of groups[gj] as number[]) {
            const i = a * this.size + b;
            if (this.partitioned[i] === 0) {
              this.partitioned[i] = 1;
              this.blockedCount++;
            }
          }
        }
      }
    }
  }

  heal(): void {
    for (let i = 0; i < this.partitioned.length; i++) {
      if (this.partitioned[i] === 1) {
        this.partitioned[i] = 0;
        this.blockedCount--;
      }
    }
    this.partitionGroups = [];
    this.partitionOneWay = false;
  }

  get partitionState(): { groups: number[][]; oneWay: boolean } {
    return { groups: this.partitionGroups.map((g) => [...g]), oneWay: this.partitionOneWay };
  }

  slowFactor(proc: number): number {
    return this.slow[proc] as number;
  }

  setSlow(proc: number, factor: number): void {
    this.slow[proc] = factor;
  }

  /** The compiled link src->dst (the default unless overridden). */
  linkOf(src: number, dst: number): CompiledLink {
    if (this.links.size === 0) return this.defaultLink;
    return this.links.get(src * this.size + dst) ?? this.defaultLink;
  }

  /** Samples one message's delay in ms on a link, slow nodes included. */
  sampleMs(link: CompiledLink, src: number, dst: number, rng: Rng): number {
    const a = this.slow[src] as number;
    const b = this.slow[dst] as number;
    return link.sample(rng) * Math.max(a, b);
  }
}
