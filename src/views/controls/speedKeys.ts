/**
 * The number keys' speeds: 1 to 9 step through simulated speed on a log scale, from 1/1000x
 * (a 1 ms hop takes a second) to 100x real time; 2 is the speed the app opens at.
 */

import { DEFAULT_SPEED, SPEED_MAX, SPEED_MIN } from "../../worker/protocol";

export const SPEED_KEYS: readonly number[] = [
  SPEED_MIN,
  DEFAULT_SPEED,
  1 / 100,
  1 / 25,
  1 / 10,
  1 / 4,
  1,
  10,
  SPEED_MAX,
];

/** The speed for a key ("1" to "9"), or null for any other key. */
export function speedForKey(key: string): number | null {
  if (!/^[1-9]$/.test(key)) return null;
  return SPEED_KEYS[Number(key) - 1] ?? null;
}
