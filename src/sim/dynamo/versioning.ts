/**
 * Versions of a value and how replicas reconcile them (Dynamo, SOSP 2007, section 4.4).
 *
 * A put's coordinator creates a version: the value, the context the client's put carried (the
 * clock of what the client had read), and a *dot*, the coordinator's own new event (node, counter).
 * Its vector clock, the one Dynamo shows, is the context with the dot added: a put via Sx with the
 * context [(Sx,1)] makes [(Sx,2)].
 *
 * Conflict resolution is switchable:
 * - vector clocks: a replica keeps every version that no version it received supersedes; a
 *   version supersedes another when the other's dot is in its history (its context covers the dot).
 *   What remains are siblings (`Siblings`), returned together by a get for the client to reconcile.
 *   Comparing by dot rather than by whole clocks matters for puts without a context: a blind put
 *   via Sx after [(Sx,1)] gets the dot (Sx,2), and with it the clock [(Sx,2)], which would
 *   "descend" [(Sx,1)] and silently drop it; by dot, the two are siblings, as they should be
 *   (dotted version vectors, Preguiça et al. 2010). For puts with a context, the two rules agree.
 * - last-write-wins: a replica keeps one version, the one with the latest timestamp from its
 *   coordinator's physical clock (ties: node name, then dot counter). A skewed clock makes a later
 *   write lose to an earlier one, silently.
 */

import {
  counterOf,
  descends,
  EMPTY_CLOCK,
  formatClock,
  mergeClocks,
  truncate,
  type VectorClock,
  withEntry,
} from "./vectorClock";

export type ConflictMode = "vector-clock" | "lww";

/** The coordinator's event that created a version: unique per version. */
export interface Dot {
  readonly node: string;
  readonly counter: number;
}

export interface Version {
  readonly value: string;
  readonly dot: Dot;
  /** what the writer had seen: the context its put carried */
  readonly context: VectorClock;
  /** the context with the dot: the version's vector clock */
  readonly clock: VectorClock;
  /** the coordinator's physical clock when it accepted the put (ms); last-write-wins orders by it */
  readonly wallMs: number;
  /** the coordinator's Lamport time when it accepted the put */
  readonly lamport: number;
}

/**
 * A new version: the dot's counter must exceed every counter of `node` the coordinator knows.
 * When the clock would have more than `maxEntries` entries, the oldest entries of other nodes are
 * dropped from the context (Dynamo's truncation), which can make this version look concurrent with
 * versions it in fact supersedes.
 */
export function makeVersion(
  value: string,
  node: string,
  counter: number,
  context: VectorClock,
  wallMs: number,
  lamport: number,
  maxEntries = Number.POSITIVE_INFINITY,
): Version {
  let ctx = context;
  const size = ctx.length + (counterOf(ctx, node) > 0 ? 0 : 1);
  if (size > maxEntries) {
    const drop = new Set(
      ctx
        .filter((e) => e.node !== node)
        .sort((x, y) => x.ts - y.ts || (x.node < y.node ? -1 : x.node > y.node ? 1 : 0))
        .slice(0, size - maxEntries)
        .map((e) => e.node),
    );
    ctx = ctx.filter((e) => !drop.has(e.node));
  }
  return {
    value,
    dot: { node, counter },
    context: ctx,
    clock: withEntry(ctx, node, counter, wallMs),
    wallMs,
    lamport,
  };
}

export function sameDot(a: Version, b: Version): boolean {
  return a.dot.node === b.dot.node && a.dot.counter === b.dot.counter;
}

/** True when `b` is in `a`'s history: the same version, or one a's writer had seen. */
export function covers(a: Version, b: Version): boolean {
  return sameDot(a, b) || b.dot.counter <= counterOf(a.context, b.dot.node);
}

/** Last-write-wins order: timestamp, then node name, then dot counter. */
export function lwwCompare(a: Version, b: Version): number {
  if (a.wallMs !== b.wallMs) return a.wallMs - b.wallMs;
  if (a.dot.node !== b.dot.node) return a.dot.node < b.dot.node ? -1 : 1;
  return a.dot.counter - b.dot.counter;
}

function byDot(a: Version, b: Version): number {
  if (a.dot.node !== b.dot.node) return a.dot.node < b.dot.node ? -1 : 1;
  return a.dot.counter - b.dot.counter;
}

/**
 * What a node holds for one key: the live versions, and `seen`, the merge of the contexts of every
 * version it ever received. A version whose dot `seen` covers is obsolete: some writer had read it
 * before writing. Keeping `seen` (rather than only the surviving versions) makes reconciliation a
 * join: the result depends only on the set of versions received, never on their order, so replicas
 * that received the same writes hold the same siblings, whatever the network did. Without it, a
 * version dropped as superseded would take with it the knowledge that it superseded others.
 *
 * Invariants: `seen` covers the context of every live version (unless truncated); no live
 * version's dot is covered by `seen`; live versions are sorted by dot. Under last-write-wins, one
 * version and an empty `seen`.
 */
export interface Siblings {
  readonly seen: VectorClock;
  readonly versions: readonly Version[];
}

/**
 * What a Siblings value caches, under symbols (copies sent to the app, which are structured clones,
 * and JSON leave them out): its context (contextOf) and its Merkle digest (merkle.ts). Siblings
 * values never change, so each is computed at most once.
 */
export const CONTEXT_CACHE: unique symbol = Symbol("context");
export const DIGEST_CACHE: unique symbol = Symbol("digest");

/**
 * Siblings as the simulator makes them: every one has the same members, the caches included from
 * the start, so the engine sees one object shape wherever siblings are read (a cache added later
 * would give each value one of several shapes, and every read site would have to tell them apart).
 */
class SiblingsValue implements Siblings {
  readonly seen: VectorClock;
  readonly versions: readonly Version[];
  [CONTEXT_CACHE]: VectorClock | undefined = undefined;
  [DIGEST_CACHE]: number | undefined = undefined;

  constructor(seen: VectorClock, versions: readonly Version[]) {
    this.seen = seen;
    this.versions = versions;
  }
}

/** True for siblings made by makeSiblings (values that never change, but for their caches). */
export function isSiblingsValue(value: unknown): value is Siblings {
  return value instanceof SiblingsValue;
}

/** Siblings with these members (see SiblingsValue). */
export function makeSiblings(seen: VectorClock, versions: readonly Version[]): Siblings {
  return new SiblingsValue(seen, versions);
}

/** What a node holds for a key it has no versions of. Shared by every run: never change it. */
export const NO_VERSIONS: Siblings = makeSiblings(EMPTY_CLOCK, []);
(NO_VERSIONS as SiblingsValue)[CONTEXT_CACHE] = EMPTY_CLOCK;

/** The siblings a set of versions leaves, as if received one by one. */
export function siblingsOf(versions: readonly Version[], mode: ConflictMode): Siblings {
  if (versions.length === 0) return NO_VERSIONS;
  if (mode === "lww") {
    let best = versions[0] as Version;
    for (const v of versions) if (lwwCompare(v, best) > 0) best = v;
    return makeSiblings(EMPTY_CLOCK, [best]);
  }
  let seen = EMPTY_CLOCK;
  for (const v of versions) seen = mergeClocks(seen, v.context);
  return makeSiblings(seen, live(seen, versions));
}

/** The versions whose dot `seen` does not cover, each once, sorted by dot. */
function live(seen: VectorClock, versions: readonly Version[]): readonly Version[] {
  const sorted = [...versions].sort(byDot);
  const out: Version[] = [];
  for (const v of sorted) {
    if (v.dot.counter <= counterOf(seen, v.dot.node)) continue;
    const last = out[out.length - 1];
    if (last !== undefined && sameDot(last, v)) continue;
    out.push(v);
  }
  return out;
}

/** `live` of two lists already sorted by dot, in one merging pass. */
function liveMerged(
  seen: VectorClock,
  a: readonly Version[],
  b: readonly Version[],
): readonly Version[] {
  const out = MERGED;
  let k = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    let v: Version;
    if (y === undefined || (x !== undefined && byDot(x, y) <= 0)) {
      v = x as Version;
      i++;
      if (y !== undefined && sameDot(v, y)) j++;
    } else {
      v = y;
      j++;
    }
    if (v.dot.counter > counterOf(seen, v.dot.node)) out[k++] = v;
  }
  // a copy of exactly the right size: pushing onto a fresh array would reserve room for 16
  return out.slice(0, k);
}

/** liveMerged's scratch list (it never runs re-entrantly): the last call's first, older after */
const MERGED: Version[] = [];

/** True when `held` already knows everything `incoming` brings (reconciling changes nothing). */
function knowsAll(held: Siblings, incoming: Siblings): boolean {
  if (!descends(held.seen, incoming.seen)) return false;
  const versions = incoming.versions;
  for (let i = 0; i < versions.length; i++) {
    const v = versions[i] as Version;
    if (v.dot.counter <= counterOf(held.seen, v.dot.node)) continue;
    if (!hasDot(held.versions, v)) return false;
  }
  return true;
}

/** True when one of `versions` has v's dot. */
function hasDot(versions: readonly Version[], v: Version): boolean {
  for (let i = 0; i < versions.length; i++) if (sameDot(versions[i] as Version, v)) return true;
  return false;
}

/**
 * What a node keeps after receiving `incoming` while holding `held`. Returns `held` itself (the
 * same object) when nothing changes, so callers can tell a no-op by identity.
 */
export function reconcile(
  held: Siblings,
  incoming: Siblings,
  mode: ConflictMode,
  maxEntries = Number.POSITIVE_INFINITY,
): Siblings {
  // the join is idempotent: replicas that took the same write often hold the very same object
  if (incoming === held) return held;
  if (incoming.versions.length === 0 && incoming.seen.length === 0) return held;
  if (held.versions.length === 0 && held.seen.length === 0) return incoming;
  if (mode === "lww") {
    const a = held.versions[0];
    const b = incoming.versions[0];
    if (b === undefined || (a !== undefined && lwwCompare(a, b) >= 0)) return held;
    // what came in is already one version and nothing seen: shared rather than rebuilt
    if (incoming.versions.length === 1 && incoming.seen.length === 0) return incoming;
    return makeSiblings(EMPTY_CLOCK, [b]);
  }
  // Past `maxEntries`, what was seen is truncated like a clock (Dynamo section 4.4): the oldest
  // entries go, and with them the knowledge that would have retired some versions.
  if (knowsAll(held, incoming)) return held; // the common case: a repeat, or old news
  const seen = truncate(mergeClocks(held.seen, incoming.seen), maxEntries);
  const next = liveMerged(seen, held.versions, incoming.versions);
  if (sameClock(seen, held.seen) && sameDots(next, held.versions)) return held;
  // the usual outcome of a newer write: exactly what came in, which replicas then share (and
  // later reconciliations of the same object are free)
  if (seen === incoming.seen && sameDots(next, incoming.versions)) return incoming;
  return makeSiblings(seen, next);
}

/** Reconciles one new version into what is held. */
export function addVersion(
  held: Siblings,
  v: Version,
  mode: ConflictMode,
  maxEntries = Number.POSITIVE_INFINITY,
): Siblings {
  return reconcile(held, single(v, mode), mode, maxEntries);
}

/** siblingsOf([v]), without its sorting and merging. */
function single(v: Version, mode: ConflictMode): Siblings {
  if (mode === "lww") return makeSiblings(EMPTY_CLOCK, [v]);
  const live = v.dot.counter > counterOf(v.context, v.dot.node);
  return makeSiblings(v.context, live ? [v] : NO_VERSIONS.versions);
}

/** True when `s` holds `v` or knows a version that superseded it (under the mode). */
export function holdsVersion(s: Siblings, v: Version, mode: ConflictMode): boolean {
  if (mode === "lww") return s.versions.some((x) => lwwCompare(x, v) >= 0);
  return v.dot.counter <= counterOf(s.seen, v.dot.node) || s.versions.some((x) => sameDot(x, v));
}

/** The context a get returns: everything seen, and the clocks of the live versions. */
export function contextOf(s: Siblings): VectorClock {
  const cached = (s as Cached)[CONTEXT_CACHE];
  if (cached !== undefined) return cached;
  let ctx = s.seen;
  const versions = s.versions;
  for (let i = 0; i < versions.length; i++) ctx = mergeClocks(ctx, (versions[i] as Version).clock);
  if (!Object.isFrozen(s)) (s as Cached)[CONTEXT_CACHE] = ctx;
  return ctx;
}

/** The caches of a Siblings value; one made elsewhere (a test's literal) gains them when first used. */
export interface Cached {
  [CONTEXT_CACHE]?: VectorClock | undefined;
  [DIGEST_CACHE]?: number | undefined;
}

function sameClock(a: VectorClock, b: VectorClock): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((e, i) => e.node === b[i]?.node && e.counter === b[i]?.counter);
}

function sameDots(a: readonly Version[], b: readonly Version[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((x, i) => sameDot(x, b[i] as Version));
}

/** True when both hold the same live versions and have seen the same. */
export function sameSiblings(a: Siblings, b: Siblings): boolean {
  return a === b || (sameClock(a.seen, b.seen) && sameDots(a.versions, b.versions));
}

/** "D3 [(Sx,2),(Sy,1)]": a version as Dynamo's Figure 3 writes it. */
export function formatVersion(v: Version): string {
  return `${v.value} ${formatClock(v.clock)}`;
}

/** A version as plain JSON for reports. */
export interface VersionJSON {
  value: string;
  clock: Record<string, number>;
  dot: [string, number];
  lamport: number;
  wallMs: number;
}

export function versionToJSON(v: Version): VersionJSON {
  const clock: Record<string, number> = {};
  for (const e of v.clock) clock[e.node] = e.counter;
  return {
    value: v.value,
    clock,
    dot: [v.dot.node, v.dot.counter],
    lamport: v.lamport,
    wallMs: v.wallMs,
  };
}
