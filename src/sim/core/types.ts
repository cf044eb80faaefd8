/**
 * Branded primitive types shared by the whole simulation core.
 *
 * Time is an integer number of ticks; one tick is one microsecond of simulated time. Integers keep
 * the event order exact (no floating-point drift), and 2^53 microseconds is about 285 years, far
 * beyond any run.
 */

declare const tickBrand: unique symbol;
/** Simulated time or duration, in integer microseconds. */
export type Tick = number & { readonly [tickBrand]: true };

declare const procBrand: unique symbol;
/** Index of a process (a storage node or a client) in the simulation, 0-based. */
export type ProcId = number & { readonly [procBrand]: true };

export const TICKS_PER_MS = 1000;

/** Milliseconds to ticks, rounded to the nearest microsecond. */
export function msToTicks(ms: number): Tick {
  return Math.round(ms * TICKS_PER_MS) as Tick;
}

export function ticksToMs(t: number): number {
  return t / TICKS_PER_MS;
}

export function asTick(n: number): Tick {
  return n as Tick;
}

export function asProc(n: number): ProcId {
  return n as ProcId;
}

/** Marks a branch that exhaustive switches can never reach. */
export function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
