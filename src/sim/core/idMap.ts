/**
 * A map from non-negative integer ids to values, for what a process has open at a time: the
 * requests a node coordinates, the operations a client waits on. Ids come from counters, so
 * entries are short-lived and every new one has a key never seen before; a Map under that churn
 * keeps rebuilding its table (deleted entries hold their place until a rehash). Here the table is
 * open addressing with linear probing over a power-of-two capacity, indexed by the id's low bits
 * (consecutive ids land in consecutive slots), and a deletion shifts the entries after it back, so
 * no slot is ever a tombstone: lookups, insertions and deletions allocate nothing until the table
 * has to grow.
 *
 * Iteration (`values`) is in increasing id order, which is the order the counters handed them out.
 */

const EMPTY = -1;
const MIN_CAPACITY = 8;

export class IdMap<V> {
  private keys: number[];
  private vals: (V | undefined)[];
  private mask: number;
  private count = 0;

  constructor() {
    this.keys = new Array<number>(MIN_CAPACITY).fill(EMPTY);
    this.vals = new Array<V | undefined>(MIN_CAPACITY).fill(undefined);
    this.mask = MIN_CAPACITY - 1;
  }

  get size(): number {
    return this.count;
  }

  get(id: number): V | undefined {
    const keys = this.keys;
    const mask = this.mask;
    for (let i = id & mask; ; i = (i + 1) & mask) {
      const k = keys[i] as number;
      if (k === id) return this.vals[i];
      if (k === EMPTY) return undefined;
    }
  }

  has(id: number): boolean {
    const keys = this.keys;
    const mask = this.mask;
    for (let i = id & mask; ; i = (i + 1) & mask) {
      const k = keys[i] as number;
      if (k === id) return true;
      if (k === EMPTY) return false;
    }
  }

  set(id: number, value: V): this {
    if (!(id >= 0 && Number.isSafeInteger(id))) throw new Error(`IdMap: ${id} is not an id`);
    const keys = this.keys;
    const mask = this.mask;
    let i = id & mask;
    for (;;) {
      const k = keys[i] as number;
      if (k === id) {
        this.vals[i] = value;
        return this;
      }
      if (k === EMPTY) break;
      i = (i + 1) & mask;
    }
    keys[i] = id;
    this.vals[i] = value;
    // at most half full: probe runs stay short
    if (++this.count * 2 > keys.length) this.rehash(keys.length * 2);
    return this;
  }

  delete(id: number): boolean {
    const keys = this.keys;
    const vals = this.vals;
    const mask = this.mask;
    let i = id & mask;
    for (;;) {
      const k = keys[i] as number;
      if (k === id) break;
      if (k === EMPTY) return false;
      i = (i + 1) & mask;
    }
    // Backward shift: move each later entry of the run into the hole when its home slot allows.
    let hole = i;
    for (let j = (i + 1) & mask; ; j = (j + 1) & mask) {
      const k = keys[j] as number;
      if (k === EMPTY) break;
      const home = k & mask;
      // the entry at j may move to the hole unless its home lies cyclically in (hole, j]
      const stays = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (stays) continue;
      keys[hole] = k;
      vals[hole] = vals[j];
      hole = j;
    }
    keys[hole] = EMPTY;
    vals[hole] = undefined;
    this.count--;
    return true;
  }

  clear(): void {
    this.keys.fill(EMPTY);
    this.vals.fill(undefined);
    this.count = 0;
  }

  /** The values, in increasing order of their ids. */
  values(): V[] {
    const ids: number[] = [];
    for (const k of this.keys) if (k !== EMPTY) ids.push(k);
    ids.sort((a, b) => a - b);
    return ids.map((id) => this.get(id) as V);
  }

  private rehash(capacity: number): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    this.keys = new Array<number>(capacity).fill(EMPTY);
    this.vals = new Array<V | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const k = oldKeys[j] as number;
      if (k === EMPTY) continue;
      let i = k & this.mask;
      while ((this.keys[i] as number) !== EMPTY) i = (i + 1) & this.mask;
      this.keys[i] = k;
      this.vals[i] = oldVals[j];
    }
  }
}
