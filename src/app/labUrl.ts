/**
 * The experiments lab's address: `#lab=<experiment>&seeds=1..8&<param>=<value>...`, every
 * parameter in its text form (experiments/params.ts). It lives beside the live view's `#preset=`
 * and `#share=` (url.ts, share.ts) and never collides with them: a hash is the lab's exactly when
 * it starts with `#lab=`. Reading is defensive: an unknown experiment or a bad value becomes a
 * problem to show, and the defaults.
 */

import { parseSeeds } from "../sim/experiments/aggregate";
import { EXPERIMENTS, type ExperimentName, isExperimentName } from "../sim/experiments/experiments";
import { formatParam, type Params, readParams } from "../sim/experiments/params";

export const DEFAULT_EXPERIMENT: ExperimentName = "table2";

export interface LabChoice {
  experiment: ExperimentName;
  params: Params;
  seedsText: string;
  problems: string[];
}

export function isLabHash(hash: string): boolean {
  return hash.startsWith("#lab=") || hash === "#lab";
}

export function parseLabHash(hash: string): LabChoice {
  const query = new URLSearchParams(hash.replace(/^#/, ""));
  const problems: string[] = [];
  let experiment = DEFAULT_EXPERIMENT;
  const name = query.get("lab") ?? "";
  if (isExperimentName(name)) experiment = name;
  else if (name !== "")
    problems.push(
      `Unknown experiment "${name.slice(0, 40)}" in the address; showing "${EXPERIMENTS[DEFAULT_EXPERIMENT].title}".`,
    );
  const spec = EXPERIMENTS[experiment];
  const given: Record<string, string> = {};
  for (const [k, v] of query) if (k !== "lab" && k !== "seeds") given[k] = v;
  const read = readParams(spec.params, given, false);
  for (const p of read.problems) problems.push(`In the address, ${p}; using the default.`);
  const unknown = Object.keys(given).filter((k) => !spec.params.some((p) => p.key === k));
  if (unknown.length > 0)
    problems.push(
      `The address holds ${unknown
        .slice(0, 3)
        .map((k) => `"${k.slice(0, 40)}"`)
        .join(
          ", ",
        )}${unknown.length > 3 ? " and more" : ""}, which ${spec.title} does not take (it takes ${spec.params.map((p) => p.key).join(", ")}); ignored.`,
    );
  let seedsText = query.get("seeds") ?? spec.defaultSeeds;
  const seeds = parseSeeds(seedsText);
  if (!seeds.ok) {
    problems.push(`In the address, the seeds: ${seeds.problem}; using ${spec.defaultSeeds}.`);
    seedsText = spec.defaultSeeds;
  }
  return { experiment, params: read.params, seedsText, problems };
}

export function formatLabHash(
  experiment: ExperimentName,
  params: Params,
  seedsText: string,
): string {
  const q = new URLSearchParams();
  q.set("lab", experiment);
  q.set("seeds", seedsText.replace(/\s+/g, ""));
  for (const spec of EXPERIMENTS[experiment].params) {
    const v = params[spec.key];
    if (v !== undefined) q.set(spec.key, formatParam(spec, v));
  }
  return `#${q.toString().replaceAll("%2C", ",")}`;
}
