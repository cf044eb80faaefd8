/**
 * Node clocks and Lamport clocks.
 *
 * A node's physical clock reads `true time x (1 + drift) + offset`; skew is a non-zero offset, drift
 * a rate error. Handlers only ever see their own node's clock (`ctx.now()`), so a skewed node
 * believes its own time, which is what makes last-write-wins lose writes.
 *
 * A Lamport clock (Lamport, "Time, Clocks, and the Ordering of Events", 1978) is a counter that
 * ticks on every local event and jumps past any timestamp it receives: if a happened before b then
 * L(a) < L(b), but not the converse, so it cannot tell concurrent events apart.
 */

export class NodeClock {
  offsetTicks = 0;
  drift = 0;

  /** The local reading, in integer ticks, at true time `trueTicks`. */
  read(trueTicks: number): number {
    return Math.floor(trueTicks * (1 + this.drift)) + this.offsetTicks;
  }

  /** True ticks that pass while this clock advances by `localTicks` (at least 1). */
  trueDuration(localTicks: number): number {
    return Math.max(1, Math.ceil(localTicks / (1 + this.drift)));
  }
}

export class LamportClock {
  time = 0;

  /** A local event or a send: advance by one and return the new time. */
  tick(): number {
    this.time += 1;
    return this.time;
  }

  /** A receive: jump past the message's timestamp (max + 1). */
  receive(stamp: number): number {
    this.time = Math.max(this.time, stamp) + 1;
    return this.time;
  }

  /** Witness a timestamp without an event of one's own: move to stamp + 1 if not already past it. */
  witness(stamp: number): void {
    if (stamp >= this.time) this.time = stamp + 1;
  }
}
