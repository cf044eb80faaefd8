/**
 * `experiment <name> --seeds 1..20 [--<param> value ...] [--json]`: a lab experiment run once per
 * seed and summarised across seeds (mean and 95% t-interval of each measure), exactly as the
 * browser's experiments lab runs it. Parameters are the registry's (`EXPERIMENTS[name].params`),
 * written as in the lab's address: `--requests 20000`, `--models lnkd-ssd,ymmr`.
 *
 * With --json, stdout holds `{ experiment, params, seeds, runs: [{ seed, result }], summary }`.
 */

import {
  aggregate,
  EXPERIMENTS,
  ExperimentError,
  type ExperimentName,
  type ExperimentSummary,
  formatInterval,
  formatParam,
  formatSeeds,
  parseSeeds,
  readParams,
  runExperiment,
  type SeedRun,
} from "../sim/index";

export class LabUsageError extends Error {
  override name = "UsageError";
}

export interface LabOutput {
  experiment: ExperimentName;
  params: Record<string, unknown>;
  seeds: number[];
  runs: SeedRun[];
  summary: ExperimentSummary;
}

/** Runs the experiment for every seed in order; returns the JSON document the CLI prints. */
export function labExperiment(
  name: ExperimentName,
  args: readonly string[],
): { output: LabOutput; json: boolean } {
  const spec = EXPERIMENTS[name];
  const given: Record<string, string> = {};
  let seedsText = spec.defaultSeeds;
  let seedsFlag: string | null = null;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("--"))
      throw new LabUsageError(`experiment ${name} takes no arguments, got "${arg}"`);
    const [flag, inline] = arg.split("=", 2) as [string, string | undefined];
    if (flag === "--json") {
      json = true;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new LabUsageError(`${flag} needs a value`);
    if (flag === "--seeds" || flag === "--seed") {
      if (seedsFlag !== null && seedsFlag !== flag)
        throw new LabUsageError("give --seed or --seeds, not both");
      if (seedsFlag === flag) throw new LabUsageError(`${flag} is given twice`);
      seedsFlag = flag;
      seedsText = value;
    } else given[flag.slice(2)] = value;
  }
  const seeds = parseSeeds(seedsText);
  if (!seeds.ok) throw new LabUsageError(`--seeds: ${seeds.problem}`);
  const { params, problems } = readParams(spec.params, given, true);
  if (problems.length > 0) throw new LabUsageError(problems.join("; "));
  let runs: SeedRun[];
  try {
    runs = seeds.seeds.map((seed) => ({ seed, result: runExperiment(name, params, seed) }));
  } catch (err) {
    if (err instanceof ExperimentError) throw new LabUsageError(err.message);
    throw err;
  }
  return {
    output: {
      experiment: name,
      params: { ...params },
      seeds: seeds.seeds,
      runs,
      summary: aggregate(name, runs),
    },
    json,
  };
}

/** A few lines a person reads: the parameters, the seeds, and the summary's headline numbers. */
export function formatLab(out: LabOutput): string {
  const spec = EXPERIMENTS[out.experiment];
  const lines = [
    `${spec.title} (${spec.source})`,
    `parameters: ${spec.params.map((p) => `${p.key} ${formatParam(p, out.params[p.key] as never)}`).join(", ")}`,
    `seeds: ${formatSeeds(out.seeds)} (${out.seeds.length}); mean [95% t-interval] across seeds`,
    "",
  ];
  const s = out.summary;
  switch (s.experiment) {
    case "table2":
      for (const mode of ["serverDriven", "clientDriven"] as const) {
        const m = s.measured[mode];
        const p = s.paper[mode];
        lines.push(
          `${mode === "serverDriven" ? "server-driven" : "client-driven"}`,
          `  p99.9 read  ${formatInterval(m.p999ReadMs, 2, "ms")}   (paper ${p.p999ReadMs} ms)`,
          `  p99.9 write ${formatInterval(m.p999WriteMs, 2, "ms")}   (paper ${p.p999WriteMs} ms)`,
          `  mean read   ${formatInterval(m.meanReadMs, 2, "ms")}   (paper ${p.meanReadMs} ms)`,
          `  mean write  ${formatInterval(m.meanWriteMs, 2, "ms")}   (paper ${p.meanWriteMs} ms)`,
        );
      }
      lines.push(
        `client-driven lower in every column in ${s.clientDrivenFasterSeeds} of ${s.seeds.length} seeds`,
      );
      break;
    case "strategies":
      for (const p of s.points)
        lines.push(
          `  ${String(p.metadataBytesPerNode).padStart(8)} B/node  strategy ${p.strategy}  efficiency ${formatInterval(p.efficiency, 3)}`,
        );
      break;
    case "keys-moved":
      for (const p of s.points)
        lines.push(
          `  ${p.placement.padEnd(18)} ${p.change.padEnd(5)} S = ${String(p.nodes).padStart(3)}  moved ${formatInterval(p.fractionMoved, 4)}  (ideal ${p.idealFraction.toFixed(4)})`,
        );
      break;
    case "staleness":
      for (const c of s.curves) {
        const at0 = c.curve[0];
        lines.push(
          `  ${c.model.padEnd(9)} ${c.quorum}  consistent at commit ${at0 === undefined ? "n/a" : formatInterval(at0.p, 4)}` +
            `  t(99.9%) ${c.neverReached999 === s.seeds.length ? "beyond the curve" : formatInterval(c.tMsFor999, 2, "ms")}` +
            `${c.paper === null ? "" : `  (PBS Table 4: ${c.paper.tMs} ms)`}  closed form ${c.closedForm.toFixed(4)}`,
        );
      }
      break;
    case "quorum-sweep":
      for (const p of s.points)
        lines.push(
          `  ${p.config}  get p99 ${formatInterval(p.getP99Ms, 1, "ms")}  put p99 ${formatInterval(p.putP99Ms, 1, "ms")}  stale ${formatInterval(p.staleRate, 3)}  available ${formatInterval(p.availability, 3)}`,
        );
      break;
  }
  return `${lines.join("\n")}\n`;
}
