/**
 * Playback speeds: simulated ms per wall-clock ms, on a log scale of round stops from 1/1000x
 * (a 1 ms message takes a second) to 100x.
 */

export const SPEED_STOPS: readonly number[] = [
  1 / 1000,
  1 / 500,
  1 / 250,
  1 / 100,
  1 / 50,
  1 / 25,
  1 / 10,
  1 / 5,
  1 / 2,
  1,
  2,
  5,
  10,
  25,
  50,
  100,
];

/** The stop nearest to `speed` on a log scale. */
export function speedIndex(speed: number): number {
  let best = 0;
  let bestGap = Number.POSITIVE_INFINITY;
  SPEED_STOPS.forEach((s, i) => {
    const gap = Math.abs(Math.log(s) - Math.log(speed));
    if (gap < bestGap) {
      best = i;
      bestGap = gap;
    }
  });
  return best;
}

/** "1/250x real time", "1x real time", "25x real time". */
export function formatSpeed(speed: number): string {
  if (speed >= 1) return `${trim(speed)}x real time`;
  return `1/${trim(1 / speed)}x real time`;
}

/** How long a 1 ms message takes on screen at this speed: "0.25 s", "4 ms". */
export function formatMessageTime(speed: number): string {
  const wallMs = 1 / speed;
  return wallMs >= 100 ? `${trim(wallMs / 1000)} s` : `${trim(wallMs)} ms`;
}

function trim(x: number): string {
  return String(Math.round(x * 100) / 100);
}
