/**
 * `npm run --silent bench:table2`: wall time of `experiment table2` (Dynamo Table 2, 100,000
 * requests per mode, both modes), as one JSON object on stdout. The CLI runs the two modes on two
 * threads (src/cli/parallel.ts); the sequential experiment, the same runs one after the other on
 * one thread, is measured beside it. Medians of 3 runs each, alternating, after one warm-up of each.
 */

import { table2Parallel } from "../src/cli/parallel";
import { table2Experiment } from "../src/sim/index";

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

await table2Parallel({ seed: 1 }); // warm-up
table2Experiment({ seed: 1 });
const parallel: number[] = [];
const sequential: number[] = [];
let last: Awaited<ReturnType<typeof table2Parallel>> | null = null;
let equal = true;
for (let i = 0; i < REPEATS; i++) {
  let start = process.hrtime.bigint();
  last = await table2Parallel({ seed: 1 });
  parallel.push(seconds(start));
  start = process.hrtime.bigint();
  const one = table2Experiment({ seed: 1 });
  sequential.push(seconds(start));
  equal &&= JSON.stringify(one) === JSON.stringify(last);
}
process.stdout.write(
  `${JSON.stringify(
    {
      wallSecondsMedian: round(median(parallel)),
      wallSeconds: parallel.map(round),
      sequentialSecondsMedian: round(median(sequential)),
      sequentialSeconds: sequential.map(round),
      speedup: round(median(sequential) / median(parallel)),
      sameResult: equal,
      requestsPerMode: last?.requests,
      clientDrivenFaster: last?.clientDrivenFaster,
      targets: { wallSeconds: 2 },
      node: process.version,
    },
    null,
    2,
  )}\n`,
);
