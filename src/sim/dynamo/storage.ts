/**
 * A node's durable store: for each key it replicates, the versions it keeps (siblings under vector
 * clocks, one version under last-write-wins); apart from them, the hinted replicas it holds for
 * other nodes (sloppy quorum, Dynamo section 4.6); and, per key, the highest dot counter it has
 * issued as a coordinator, so that its versions never share a dot.
 *
 * The store is the part of a node that survives a crash. Applying versions is idempotent,
 * commutative and associative (versioning.ts: reconcile), so replays, duplicates and reordered
 * writes converge to the same state.
 */

import { counterOf } from "./vectorClock";
import { type ConflictMode, contextOf, NO_VERSIONS, reconcile, type Siblings } from "./versioning";

/** A hinted replica: the versions held for an unreachable owner, and a revision number. */
export interface Hint {
  readonly siblings: Siblings;
  /** raised on every change, so a handoff acknowledges exactly what it delivered */
  readonly rev: number;
}

/**
 * What the store keeps for one key: the versions it holds (none once the key moved away) and the
 * highest dot counter it issued for the key (kept after the versions go, so counters never repeat).
 * One slot per key, changed in place: a put's coordinator reads and writes both with one lookup.
 */
interface Slot {
  siblings: Siblings;
  dot: number;
}

export class Storage {
  readonly mode: ConflictMode;
  private readonly slots = new Map<string, Slot>();
  /** keys whose slot holds versions */
  private held = 0;
  /** owner node index -> key -> hint */
  private readonly hinted = new Map<number, Map<string, Hint>>();
  private hintRevs = 0;
  /** raised whenever a key's versions change, so a scan can tell nothing happened since the last */
  revision = 0;

  /** what a node has seen for a key is truncated like a vector clock past this many entries */
  readonly clockMaxEntries: number;

  constructor(mode: ConflictMode = "vector-clock", clockMaxEntries = Number.POSITIVE_INFINITY) {
    this.mode = mode;
    this.clockMaxEntries = clockMaxEntries;
  }

  /** Reconciles two sets of versions under this store's rules. */
  reconcile(held: Siblings, incoming: Siblings): Siblings {
    return reconcile(held, incoming, this.mode, this.clockMaxEntries);
  }

  /** What is held for a key (no versions if none). */
  siblings(key: string): Siblings {
    return this.slots.get(key)?.siblings ?? NO_VERSIONS;
  }

  /** Reconciles incoming versions into the key's; returns true if what is held changed. */
  apply(key: string, incoming: Siblings): boolean {
    const slot = this.slots.get(key);
    const held = slot?.siblings ?? NO_VERSIONS;
    const next = this.reconcile(held, incoming);
    if (next === held) return false;
    this.put(slot, key, next);
    this.revision++;
    return true;
  }

  /** Forgets a key (it moved to other replicas). */
  delete(key: string): void {
    const slot = this.slots.get(key);
    if (slot === undefined || slot.siblings === NO_VERSIONS) return;
    this.put(slot, key, NO_VERSIONS);
    this.revision++;
  }

  /** Replaces what is held for a key (tests); no versions removes the key. */
  set(key: string, siblings: Siblings): void {
    const none = siblings.versions.length === 0 && siblings.seen.length === 0;
    this.put(this.slots.get(key), key, none ? NO_VERSIONS : siblings);
    this.revision++;
  }

  /** Stores `siblings` (NO_VERSIONS: nothing) in the key's slot, which `slot` is if it exists. */
  private put(slot: Slot | undefined, key: string, siblings: Siblings): void {
    const had = slot !== undefined && slot.siblings !== NO_VERSIONS;
    const has = siblings !== NO_VERSIONS;
    if (slot === undefined) {
      if (has) this.slots.set(key, { siblings, dot: 0 });
    } else slot.siblings = siblings;
    this.held += (has ? 1 : 0) - (had ? 1 : 0);
  }

  /**
   * The next dot counter for a version `node` (this node's name) coordinates: above every counter
   * of its own that it has issued, that `known` says, or that the key's replica or hints know.
   */
  nextDot(key: string, node: string, known: number): number {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = { siblings: NO_VERSIONS, dot: 0 };
      this.slots.set(key, slot);
    }
    let local = counterOf(contextOf(slot.siblings), node);
    if (this.hinted.size > 0)
      for (const owner of this.hinted.values()) {
        const hint = owner.get(key);
        if (hint !== undefined) local = Math.max(local, counterOf(contextOf(hint.siblings), node));
      }
    const next = Math.max(slot.dot, known, local) + 1;
    slot.dot = next;
    return next;
  }

  /** Keys held (with versions). */
  get size(): number {
    return this.held;
  }

  /** Keys in sorted order (a canonical order for views and checks). */
  keys(): string[] {
    const out: string[] = [];
    for (const [key, slot] of this.slots) if (slot.siblings !== NO_VERSIONS) out.push(key);
    return out.sort();
  }

  entries(): [string, Siblings][] {
    return this.entriesWhere(() => true);
  }

  /** The entries whose key passes `keep`, in sorted key order (entries(), filtered). */
  entriesWhere(keep: (key: string) => boolean): [string, Siblings][] {
    const out: [string, Siblings][] = [];
    for (const [key, slot] of this.slots)
      if (slot.siblings !== NO_VERSIONS && keep(key)) out.push([key, slot.siblings]);
    return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  // --- hinted replicas -------------------------------------------------------------------------

  /** Keeps versions meant for `owner`; returns true if the hint changed. */
  addHint(owner: number, key: string, incoming: Siblings): boolean {
    let forOwner = this.hinted.get(owner);
    if (forOwner === undefined) {
      forOwner = new Map();
      this.hinted.set(owner, forOwner);
    }
    const held = forOwner.get(key);
    const next = this.reconcile(held?.siblings ?? NO_VERSIONS, incoming);
    if (held !== undefined && next === held.siblings) return false;
    forOwner.set(key, { siblings: next, rev: ++this.hintRevs });
    return true;
  }

  /** The versions held for `owner` under `key`, if any. */
  hint(owner: number, key: string): Hint | undefined {
    return this.hinted.get(owner)?.get(key);
  }

  /** What this node holds for a key, its replica and every hinted replica reconciled. */
  everything(key: string): Siblings {
    let all = this.siblings(key);
    if (this.hinted.size === 0) return all;
    for (const owner of this.hintOwners()) {
      const hint = this.hinted.get(owner)?.get(key);
      if (hint !== undefined) all = this.reconcile(all, hint.siblings);
    }
    return all;
  }

  /** Owners this node holds hints for, in index order. */
  hintOwners(): number[] {
    return [...this.hinted.keys()].sort((a, b) => a - b);
  }

  /** Hints held for `owner`, by key in sorted order. */
  hintsFor(owner: number): [string, Hint][] {
    const forOwner = this.hinted.get(owner);
    if (forOwner === undefined) return [];
    return [...forOwner.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** Deletes a delivered hint, unless it changed since revision `rev` was sent. */
  dropHint(owner: number, key: string, rev: number): boolean {
    const forOwner = this.hinted.get(owner);
    const held = forOwner?.get(key);
    if (forOwner === undefined || held === undefined || held.rev !== rev) return false;
    forOwner.delete(key);
    if (forOwner.size === 0) this.hinted.delete(owner);
    return true;
  }

  /** Every hint this node holds, counted by key. */
  get hintCount(): number {
    let n = 0;
    for (const m of this.hinted.values()) n += m.size;
    return n;
  }

  /** Forgets every hint (a node whose hints live in memory loses them on a crash). */
  clearHints(): void {
    this.hinted.clear();
  }
}
