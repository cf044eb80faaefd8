/**
 * `npm run --silent bench:table2`: wall time of `experiment table2` (Dynamo Table 2, 100,000
 * requests per mode, both modes), as one JSON object on stdout: the median of 3 runs after one
 * warm-up run, with the events simulated per second.
 */

import { table2Experiment } from "../src/sim/index";

const REPEATS = 3;

function once(seed: number) {
  const start = process.hrtime.bigint();
  const result = table2Experiment({ seed });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, result };
}

once(1); // warm-up
const runs = Array.from({ length: REPEATS }, () => once(1));
const times = runs.map((r) => r.seconds).sort((a, b) => a - b);
const median = times[REPEATS >> 1] as number;
const last = runs[runs.length - 1]?.result;
process.stdout.write(
  `${JSON.stringify(
    {
      wallSecondsMedian: Math.round(median * 1000) / 1000,
      wallSeconds: runs.map((r) => Math.round(r.seconds * 1000) / 1000),
      requestsPerMode: last?.requests,
      clientDrivenFaster: last?.clientDrivenFaster,
      targets: { wallSeconds: 2 },
      node: process.version,
    },
    null,
    2,
  )}\n`,
);
