/**
 * A replica's durable store: for each key, the newest version it has seen.
 *
 * The store is the part of a node that survives a crash. A write applies only if its version is
 * newer than the one held, so replays and reordered writes converge to the same value.
 */

import type { Version } from "./messages";

export interface Stored {
  readonly value: string;
  readonly version: Version;
}

export class Storage {
  private readonly data = new Map<string, Stored>();

  get(key: string): Stored | undefined {
    return this.data.get(key);
  }

  /** Applies a write if it is newer than what is held; returns true if it was applied. */
  write(key: string, value: string, version: Version): boolean {
    const held = this.data.get(key);
    if (held !== undefined) {
      const h = held.version;
      if (
        h.counter > version.counter ||
        (h.counter === version.counter && h.node >= version.node)
      ) {
        return false;
      }
    }
    this.data.set(key, { value, version });
    return true;
  }

  get size(): number {
    return this.data.size;
  }

  /** Keys in sorted order (a canonical order for views and checks). */
  keys(): string[] {
    return [...this.data.keys()].sort();
  }

  entries(): [string, Stored][] {
    return this.keys().map((k) => [k, this.data.get(k) as Stored]);
  }
}
