/**
 * Vector clocks (Dynamo, SOSP 2007, section 4.4): a list of (node, counter) pairs, one per node
 * that coordinated an update in a version's history.
 *
 * Clock A descends from B when every counter of B is at most A's (a missing entry counts as 0).
 * Two clocks compare as equal, before, after, or concurrent (neither descends from the other).
 * Each entry also carries the coordinator's physical time of its last increment, which is what
 * truncation uses: past a size threshold (Dynamo: "say 10") the oldest entries are dropped, and
 * with them the knowledge that may have told a descendant from a concurrent version.
 *
 * Clocks are immutable arrays sorted by node name, so equal clocks have equal shapes.
 */

export interface ClockEntry {
  readonly node: string;
  readonly counter: number;
  /** the coordinator's physical clock (ms) when it last raised this entry */
  readonly ts: number;
}

export type VectorClock = readonly ClockEntry[];

export type ClockOrder = "equal" | "before" | "after" | "concurrent";

export const EMPTY_CLOCK: VectorClock = Object.freeze([]) as VectorClock;

/**
 * The scratch list clocks are built in before they are copied out at their exact size (an empty
 * array pushed onto reserves room for 16 entries); nothing here runs re-entrantly.
 */
const SCRATCH: ClockEntry[] = [];

/** The counter of `node` in the clock (0 when absent). */
export function counterOf(clock: VectorClock, node: string): number {
  for (let i = 0; i < clock.length; i++) {
    const e = clock[i] as ClockEntry;
    if (e.node === node) return e.counter;
  }
  return 0;
}

/** True when `a` has seen everything `b` has: every counter of b is at most a's. */
export function descends(a: VectorClock, b: VectorClock): boolean {
  if (a === b) return true;
  let i = 0;
  for (let j = 0; j < b.length; j++) {
    const eb = b[j] as ClockEntry;
    const at = seek(a, i, eb.node);
    i = at < 0 ? ~at : at + 1;
    if ((at < 0 ? 0 : (a[at] as ClockEntry).counter) < eb.counter) return false;
  }
  return true;
}

/**
 * Where `node` is in the clock, searching from index `from` (the entries before it are known to
 * sort before `node`): its index, or ~(where it would go) when absent. Names are compared for
 * equality before order: clocks of one key mostly name the same nodes, and an equality test of the
 * same string is far cheaper than an ordering of two.
 */
function seek(clock: VectorClock, from: number, node: string): number {
  for (let i = from; i < clock.length; i++) {
    const name = (clock[i] as ClockEntry).node;
    if (name === node) return i;
    if (name > node) return ~i;
  }
  return ~clock.length;
}

/** How `a` relates to `b`: "before" means a happened before b (b descends from a). */
export function compareClocks(a: VectorClock, b: VectorClock): ClockOrder {
  const ab = descends(a, b);
  const ba = descends(b, a);
  if (ab && ba) return "equal";
  if (ab) return "after";
  if (ba) return "before";
  return "concurrent";
}

/**
 * Per node, the larger counter (ties keep the later timestamp). When one clock already holds the
 * merge (it has every entry of the other, as high and as recent), that clock itself is returned.
 */
export function mergeClocks(a: VectorClock, b: VectorClock): VectorClock {
  if (a.length === 0 || a === b) return b;
  if (b.length === 0) return a;
  if (a.length >= b.length && holdsAll(a, b)) return a;
  if (b.length >= a.length && holdsAll(b, a)) return b;
  const out = SCRATCH;
  let k = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const ea = a[i];
    const eb = b[j];
    if (ea !== undefined && eb !== undefined && ea.node === eb.node) {
      const pick =
        ea.counter > eb.counter || (ea.counter === eb.counter && ea.ts >= eb.ts) ? ea : eb;
      out[k++] = pick;
      i++;
      j++;
    } else if (eb === undefined || (ea !== undefined && ea.node < eb.node)) {
      out[k++] = ea as ClockEntry;
      i++;
    } else {
      out[k++] = eb;
      j++;
    }
  }
  return out.slice(0, k);
}

/** True when every entry of `b` is in `a` with a counter as high, or as high and stamped no earlier. */
function holdsAll(a: VectorClock, b: VectorClock): boolean {
  let i = 0;
  for (let j = 0; j < b.length; j++) {
    const eb = b[j] as ClockEntry;
    const at = seek(a, i, eb.node);
    if (at < 0) return false;
    const ea = a[at] as ClockEntry;
    if (ea.counter < eb.counter || (ea.counter === eb.counter && ea.ts < eb.ts)) return false;
    i = at + 1;
  }
  return true;
}

/** The clock with `node`'s entry set to `counter` (stamped `ts`); other entries unchanged. */
export function withEntry(
  clock: VectorClock,
  node: string,
  counter: number,
  ts: number,
): VectorClock {
  const out = SCRATCH;
  let k = 0;
  let placed = false;
  for (let i = 0; i < clock.length; i++) {
    const e = clock[i] as ClockEntry;
    if (!placed && (e.node === node || e.node > node)) {
      out[k++] = { node, counter, ts };
      placed = true;
      if (e.node === node) continue;
    }
    out[k++] = e;
  }
  if (!placed) out[k++] = { node, counter, ts };
  return out.slice(0, k);
}

/** The clock with `node`'s counter raised by one, stamped `ts`. */
export function increment(clock: VectorClock, node: string, ts: number): VectorClock {
  return withEntry(clock, node, counterOf(clock, node) + 1, ts);
}

/**
 * Drops the oldest entries (smallest timestamp; ties: node name) until at most `max` remain.
 * Returns the clock itself when it is small enough.
 */
export function truncate(clock: VectorClock, max: number): VectorClock {
  if (clock.length <= max) return clock;
  const drop = new Set(
    [...clock]
      .sort((x, y) => x.ts - y.ts || (x.node < y.node ? -1 : x.node > y.node ? 1 : 0))
      .slice(0, clock.length - max)
      .map((e) => e.node),
  );
  return clock.filter((e) => !drop.has(e.node));
}

/** Dynamo's notation: "[(Sx,2),(Sy,1)]". */
export function formatClock(clock: VectorClock): string {
  return `[${clock.map((e) => `(${e.node},${e.counter})`).join(",")}]`;
}

/** A clock as plain JSON for reports: `{ Sx: 2, Sy: 1 }`. */
export function clockToJSON(clock: VectorClock): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of clock) out[e.node] = e.counter;
  return out;
}

/** Builds a clock from pairs (timestamps 0), sorting by node: for tests and scripted scenarios. */
export function clockOf(pairs: Readonly<Record<string, number>>): VectorClock {
  return Object.keys(pairs)
    .sort()
    .filter((node) => (pairs[node] as number) > 0)
    .map((node) => ({ node, counter: pairs[node] as number, ts: 0 }));
}
