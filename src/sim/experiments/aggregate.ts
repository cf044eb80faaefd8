/**
 * Summaries of one measure across the seeds of an experiment: the mean, a 95% confidence interval
 * for it (Student's t, since a lab run has a handful of seeds, not hundreds), the sample standard
 * deviation, the extremes, and how many seeds it rests on. With one seed the interval is the point
 * itself: one run says nothing about the spread.
 *
 * Pure arithmetic with no dependencies, so the app's main thread aggregates results as they stream
 * in from the workers without loading the simulator.
 */

export interface Interval {
  /** seeds measured */
  readonly n: number;
  readonly mean: number;
  /** the 95% t-interval for the mean: mean -+ t(0.975, n-1) * sd / sqrt(n) */
  readonly lo: number;
  readonly hi: number;
  /** sample standard deviation (0 for one seed) */
  readonly sd: number;
  readonly min: number;
  readonly max: number;
}

/** t(0.975, df) for df = 1..30; beyond, the normal quantile's 1.96 is within 2%. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/** The two-sided 95% quantile of Student's t with `df` degrees of freedom. */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) throw new Error(`degrees of freedom must be at least 1, got ${df}`);
  if (df <= T975.length) return T975[Math.floor(df) - 1] as number;
  if (df <= 60) return 2.0;
  if (df <= 120) return 1.98;
  return 1.96;
}

/** Mean and 95% t-interval of the values (NaN values are left out, e.g. a measure a run lacked). */
export function interval(values: readonly number[]): Interval {
  const xs = values.filter((x) => Number.isFinite(x));
  const n = xs.length;
  if (n === 0)
    return {
      n: 0,
      mean: Number.NaN,
      lo: Number.NaN,
      hi: Number.NaN,
      sd: 0,
      min: Number.NaN,
      max: Number.NaN,
    };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const half = n > 1 ? (tQuantile975(n - 1) * sd) / Math.sqrt(n) : 0;
  return {
    n,
    mean,
    lo: mean - half,
    hi: mean + half,
    sd,
    min: Math.min(...xs),
    max: Math.max(...xs),
  };
}

/** "3.91 ms [3.80, 4.02]": a mean with its interval, for tables and CSV. */
export function formatInterval(iv: Interval, digits = 2, unit = ""): string {
  if (iv.n === 0) return "n/a";
  const u = unit === "" ? "" : ` ${unit}`;
  if (iv.n === 1) return `${iv.mean.toFixed(digits)}${u}`;
  return `${iv.mean.toFixed(digits)}${u} [${iv.lo.toFixed(digits)}, ${iv.hi.toFixed(digits)}]`;
}

/**
 * Seeds as a compact list: [1, 2, 3, 5, 7, 8] -> "1..3, 5, 7..8". The inverse of `parseSeeds`.
 */
export function formatSeeds(seeds: readonly number[]): string {
  const sorted = [...new Set(seeds)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}..${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(", ");
}

export const SEEDS_MAX = 200;

/**
 * Reads a list of seeds: "1..20", "3", "1, 5, 9", "1..4, 10". Seeds are whole numbers from 0 up;
 * at most SEEDS_MAX of them, each once, in the order given.
 */
export function parseSeeds(
  text: string,
): { ok: true; seeds: number[] } | { ok: false; problem: string } {
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0) return { ok: false, problem: "no seeds given (write e.g. 1..20)" };
  const seeds: number[] = [];
  const seen = new Set<number>();
  const add = (s: number) => {
    if (!seen.has(s)) {
      seen.add(s);
      seeds.push(s);
    }
  };
  for (const part of parts) {
    const range = /^(\d{1,12})\s*\.\.\s*(\d{1,12})$/.exec(part);
    if (range !== null) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (b < a) return { ok: false, problem: `the seed range "${part}" runs backwards` };
      if (b - a + 1 > SEEDS_MAX)
        return { ok: false, problem: `at most ${SEEDS_MAX} seeds, "${part}" has ${b - a + 1}` };
      for (let s = a; s <= b; s++) add(s);
    } else if (/^\d{1,12}$/.test(part)) {
      add(Number(part));
    } else {
      return {
        ok: false,
        problem: `"${part.slice(0, 30)}" is not a seed or a range of seeds (write e.g. 1..20 or 1, 5, 9)`,
      };
    }
    if (seeds.length > SEEDS_MAX) return { ok: false, problem: `at most ${SEEDS_MAX} seeds` };
  }
  return { ok: true, seeds };
}
