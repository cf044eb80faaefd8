import { table2Parallel } from "/work/wt-core/src/cli/parallel";
import { table2Experiment } from "/work/wt-core/src/sim/index";
for (let i = 0; i < 3; i++) {
  let t = process.hrtime.bigint();
  const p = await table2Parallel({ seed: 1 });
  const tp = Number(process.hrtime.bigint() - t) / 1e9;
  t = process.hrtime.bigint();
  const s = table2Experiment({ seed: 1 });
  const ts = Number(process.hrtime.bigint() - t) / 1e9;
  console.log("parallel", tp.toFixed(2), "sequential", ts.toFixed(2), "equal", JSON.stringify(p) === JSON.stringify(s));
}
