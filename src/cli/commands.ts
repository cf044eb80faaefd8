/**
 * The CLI's commands as pure functions from arguments to output text, so tests can call them
 * without spawning a process. Reading files is passed in.
 */

import {
  CheckError,
  type CheckResult,
  type ConsistencyReport,
  checkConsistency,
  checkLinearizability,
  describeOp,
  HistoryError,
  type HistoryFormat,
  type HistoryOperation,
  isExperimentName,
  isPreset,
  type KeysMovedResult,
  keysMovedExperiment,
  MODEL_NAMES,
  type ModelName,
  pairOperations,
  parseScenario,
  presetNames,
  presetScenario,
  presets,
  type ReplicationReport,
  Run,
  type RunSummary,
  readHistory,
  replicationReport,
  type Scenario,
  type StalenessResult,
  type Stats,
  type StrategiesResult,
  showValue,
  stalenessExperiment,
  strategiesExperiment,
  type Table2Mode,
  type Table2Result,
  table2Experiment,
  type Value,
  WARS_MODEL_NAMES,
  type WarsModelName,
} from "../sim/index";
import { formatLab, LabUsageError, labExperiment } from "./lab";

export class UsageError extends Error {
  override name = "UsageError";
}

interface Flags {
  positional: string[];
  json: boolean;
  seed: number;
  untilMs: number | undefined;
  nodes: number | undefined;
  model: ModelName | undefined;
  initial: string | undefined;
  latency: WarsModelName | undefined;
  n: number | undefined;
  r: number | undefined;
  w: number | undefined;
  trials: number | undefined;
}

function parseFlags(args: string[], allowed: readonly string[]): Flags {
  const flags: Flags = {
    positional: [],
    json: false,
    seed: 1,
    untilMs: undefined,
    nodes: undefined,
    model: undefined,
    initial: undefined,
    latency: undefined,
    n: undefined,
    r: undefined,
    w: undefined,
    trials: undefined,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("--")) {
      flags.positional.push(arg);
      continue;
    }
    const [name, inline] = arg.split("=", 2) as [string, string | undefined];
    if (!allowed.includes(name)) throw new UsageError(`unknown option ${name}`);
    if (name === "--json") {
      flags.json = true;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    if (name === "--seed") {
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
        throw new UsageError(`--seed must be a non-negative integer, got "${value}"`);
      }
      flags.seed = Number(value);
    } else if (name === "--until-ms") {
      const n = Number(value);
      if (value.trim() === "" || !Number.isFinite(n) || n < 0) {
        throw new UsageError(
          `--until-ms must be a non-negative number of milliseconds, got "${value}"`,
        );
      }
      flags.untilMs = n;
    } else if (name === "--nodes") {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < 2 || n > EXPERIMENT_NODES_MAX) {
        throw new UsageError(
          `--nodes must be a whole number of nodes from 2 to ${EXPERIMENT_NODES_MAX}, got "${value}"`,
        );
      }
      flags.nodes = n;
    } else if (name === "--model") {
      if (!(MODEL_NAMES as readonly string[]).includes(value)) {
        throw new UsageError(`--model must be one of ${MODEL_NAMES.join(", ")}, got "${value}"`);
      }
      flags.model = value as ModelName;
    } else if (name === "--initial") {
      flags.initial = value;
    } else if (name === "--latency") {
      if (!(WARS_MODEL_NAMES as readonly string[]).includes(value)) {
        throw new UsageError(
          `--latency must be one of ${WARS_MODEL_NAMES.join(", ")}, got "${value}"`,
        );
      }
      flags.latency = value as WarsModelName;
    } else if (name === "--n" || name === "--r" || name === "--w") {
      const k = Number(value);
      if (!/^\d+$/.test(value) || k < 1 || k > 16) {
        throw new UsageError(`${name} must be a whole number from 1 to 16, got "${value}"`);
      }
      flags[name.slice(2) as "n" | "r" | "w"] = k;
    } else if (name === "--trials") {
      const k = Number(value);
      if (!/^\d+$/.test(value) || k < 1 || k > 200_000) {
        throw new UsageError(`--trials must be a whole number from 1 to 200000, got "${value}"`);
      }
      flags.trials = k;
    }
  }
  return flags;
}

/** Resolves a preset name or a scenario file into a validated scenario. */
export function loadScenario(source: string, readFile: (path: string) => string): Scenario {
  if (isPreset(source)) return presetScenario(source);
  if (!source.endsWith(".json")) {
    throw new UsageError(
      `"${source}" is neither a preset (${presetNames.join(", ")}) nor a .json file`,
    );
  }
  let text: string;
  try {
    text = readFile(source);
  } catch (err) {
    throw new UsageError(
      `cannot read ${source}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${source} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = parseScenario(json);
  if (!parsed.ok) throw new UsageError(`${source}: ${parsed.problems.join("; ")}`);
  return parsed.scenario;
}

export function runCommand(args: string[], readFile: (path: string) => string): string {
  const flags = parseFlags(args, ["--seed", "--until-ms", "--json"]);
  if (flags.positional.length !== 1) {
    throw new UsageError("run takes one preset name or scenario file");
  }
  const scenario = loadScenario(flags.positional[0] as string, readFile);
  const run = new Run(scenario, flags.seed);
  if (flags.untilMs === undefined) run.runToEnd();
  else run.runUntilMs(flags.untilMs);
  const summary = run.summary();
  const report = replicationReport(run);
  const c = checkConsistency(run);
  const consistency = {
    linearizable: c.linearizable,
    operations: c.operations,
    witness: c.witness,
    staleReads: c.staleReads,
    replicasDiffer: c.replicasDiffer,
  };
  return flags.json
    ? `${JSON.stringify({ ...summary, ...report, consistency })}\n`
    : `${formatSummary(summary)}${formatReport(report)}${formatConsistency(c)}`;
}

function formatConsistency(c: ConsistencyReport): string {
  const verdict =
    c.linearizable === true
      ? "linearizable"
      : c.linearizable === false
        ? "not linearizable"
        : "unknown (search budget spent)";
  const lines = [
    `consistency     ${verdict} (${c.operations} operations checked); replicas ${c.replicasDiffer.length === 0 ? "agree on every key" : `differ on ${c.replicasDiffer.join(", ")}`}`,
  ];
  if (c.witness !== null) lines.push(`  ${c.witness.key}: ${c.witness.explanation}`);
  return `${lines.join("\n")}\n`;
}

/** The check command's JSON: the checker's result and what was read. */
export interface CheckReport extends CheckResult {
  history: {
    file: string;
    format: HistoryFormat;
    events: number;
    /** events of non-client processes (Jepsen's :nemesis), left out */
    skipped: number;
    /** operations with an info completion or none */
    indeterminate: number;
  };
}

/**
 * `check <history-file> [--model register|cas-register|kv] [--initial V] [--json]`: is the history
 * linearizable? The file is a JSON array of events, JSON lines or Jepsen EDN. The model defaults to
 * kv if any get / put / append, cas-register if any cas, else register. --initial V is read as
 * JSON (a number, "a string", null) or nil, else taken as a string. Any verdict is a result; an
 * unreadable file is an error naming its line. `now` is the clock (ms) the search's time budget
 * runs on; without it a step budget bounds it.
 */
export function checkCommand(
  args: string[],
  readFile: (path: string) => string,
  now?: () => number,
): string {
  return checkHistory(args, readFile, now).output;
}

/**
 * The exit status of `check` for a verdict, so that a script can tell the outcomes apart without
 * reading the output: 0 linearizable, 3 not linearizable, 4 unknown (the search budget ran out).
 * Bad arguments (2) and a malformed history (1) are errors, as for every command.
 */
export function checkExitCode(valid: CheckResult["valid"]): number {
  return valid === true ? 0 : valid === false ? 3 : 4;
}

/** `check`: the report as the command prints it, and the verdict for the exit status. */
export function checkHistory(
  args: string[],
  readFile: (path: string) => string,
  now?: () => number,
): { output: string; valid: CheckResult["valid"] } {
  const flags = parseFlags(args, ["--model", "--initial", "--json"]);
  if (flags.positional.length !== 1) throw new UsageError("check takes one history file");
  const file = flags.positional[0] as string;
  let text: string;
  try {
    text = readFile(file);
  } catch (err) {
    throw new UsageError(
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  let report: CheckReport;
  try {
    const read = readHistory(text);
    if (read.events.length === 0)
      throw new HistoryError(undefined, "the file holds no events: there is nothing to check");
    const paired = pairOperations(read.events);
    const result = checkLinearizability(paired.operations, {
      ...(flags.model === undefined ? {} : { model: flags.model }),
      ...(flags.initial === undefined ? {} : { initial: parseInitial(flags.initial) }),
      ...(now === undefined ? {} : { now }),
    });
    report = {
      ...result,
      failed: paired.failed,
      history: {
        file,
        format: read.format,
        events: read.events.length,
        skipped: read.skipped,
        indeterminate: paired.indeterminate,
      },
    };
  } catch (err) {
    if (err instanceof HistoryError || err instanceof CheckError) {
      throw new Error(`${file}: ${err.message}`);
    }
    throw err;
  }
  return {
    output: flags.json ? `${JSON.stringify(report)}\n` : formatCheck(report),
    valid: report.valid,
  };
}

/** --initial: JSON (3, "x", null, [1, 2]) or nil; anything else is a string. */
function parseInitial(text: string): Value {
  if (text === "nil") return null;
  try {
    return JSON.parse(text) as Value;
  } catch {
    return text;
  }
}

const FORMAT_NAMES: Record<HistoryFormat, string> = {
  json: "JSON",
  jsonl: "JSON lines",
  edn: "EDN",
};

function verdictText(valid: CheckResult["valid"]): string {
  return valid === true ? "linearizable" : valid === false ? "NOT linearizable" : "unknown";
}

function formatCheck(r: CheckReport): string {
  const h = r.history;
  const keys = Object.entries(r.keys);
  const bad = keys.filter(([, k]) => k.valid === false).length;
  const unknown = keys.filter(([, k]) => k.valid === "unknown").length;
  const name = (key: string) => (key === "" ? "(no key)" : JSON.stringify(key));
  const counts = [
    `${h.events} events`,
    `${r.operations.length} operations`,
    ...(r.failed ? [`${r.failed} failed (left out)`] : []),
    ...(h.indeterminate ? [`${h.indeterminate} indeterminate`] : []),
    ...(h.skipped ? [`${h.skipped} non-client events skipped`] : []),
  ];
  const lines = [
    `history  ${h.file} (${FORMAT_NAMES[h.format]}): ${counts.join(", ")}`,
    `model    ${r.model}, every key starting at ${showValue(r.initial)}`,
    `verdict  ${verdictText(r.valid)}` +
      (keys.length > 1
        ? ` (${keys.length} ${keys.length === 1 ? "key" : "keys"}` +
          `${bad ? `, ${bad} not linearizable` : ""}${unknown ? `, ${unknown} unknown` : ""})`
        : ""),
  ];
  if (keys.length > 1) {
    const width = Math.max(3, ...keys.map(([k]) => name(k).length));
    lines.push("", `  ${"key".padEnd(width)}  operations  verdict`);
    for (const [key, k] of keys) {
      lines.push(
        `  ${name(key).padEnd(width)}  ${String(k.operations).padStart(10)}  ${verdictText(k.valid)}`,
      );
    }
  }
  const ops = new Map<number, HistoryOperation>(r.operations.map((o) => [o.id, o]));
  for (const [key, k] of keys) {
    if (k.valid === true) continue;
    lines.push("", `key ${name(key)}: ${verdictText(k.valid)}`);
    if (k.witness !== undefined) {
      lines.push(`  ${k.witness.explanation}`);
      const concurrent = k.witness.concurrent;
      if (concurrent.length > 0) {
        const shown = concurrent.slice(0, 8).map((id) => {
          const op = ops.get(id);
          return op === undefined ? `op ${id}` : describeOp(op);
        });
        if (concurrent.length > 8) shown.push(`and ${concurrent.length - 8} more`);
        lines.push(`  concurrent with it: ${shown.join("; ")}`);
      }
    }
    if (k.reason !== undefined) lines.push(`  ${k.reason}`);
    if (k.longestPrefix !== undefined) {
      lines.push(
        `  longest linearizable prefix: ${k.longestPrefix.order.length} of ${k.operations} operations, ` +
          `leaving ${showValue(k.longestPrefix.state)}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

export function presetsCommand(args: string[]): string {
  const flags = parseFlags(args, ["--json"]);
  if (flags.positional.length > 0) throw new UsageError("presets takes no arguments");
  if (flags.json) return `${JSON.stringify(presetNames)}\n`;
  const width = Math.max(...presetNames.map((n) => n.length));
  return `${presetNames.map((n) => `${n.padEnd(width)}  ${presets[n]?.title ?? ""}`).join("\n")}\n`;
}

const EXPERIMENT_NODES_MAX = 256;
const EXPERIMENTS = ["strategies", "keys-moved", "table2", "staleness", "quorum-sweep"] as const;

/**
 * `experiment strategies [--seed N] [--json]`: load-balancing efficiency of Dynamo's Strategies 1-3
 * at equal metadata (Figure 8). `experiment keys-moved [--seed N] [--nodes S] [--json]`: the share
 * of keys that change owner when one node joins or leaves. `experiment table2 [--seed N] [--json]`:
 * client- against server-driven latencies (Dynamo Table 2). `experiment staleness --latency <fit>
 * --n N --r R --w W [--trials T] [--seed S] [--json]`: PBS's t-visibility, measured. Any of them with
 * `--seeds 1..20` (and `quorum-sweep` always) runs the experiments lab's version: once per seed,
 * summarised across seeds (lab.ts).
 */
export function experimentCommand(args: string[]): string {
  const [which, ...rest] = args;
  // the lab's form: many seeds (or an experiment only the lab has), summarised across seeds
  if (
    which !== undefined &&
    isExperimentName(which) &&
    (which === "quorum-sweep" || rest.some((a) => a === "--seeds" || a.startsWith("--seeds=")))
  ) {
    try {
      const { output, json } = labExperiment(which, rest);
      return json ? `${JSON.stringify(output)}\n` : formatLab(output);
    } catch (err) {
      if (err instanceof LabUsageError) throw new UsageError(err.message);
      throw err;
    }
  }
  switch (which) {
    case "strategies": {
      const flags = parseFlags(rest, ["--seed", "--json"]);
      if (flags.positional.length > 0)
        throw new UsageError("experiment strategies takes no arguments");
      const result = strategiesExperiment({ seed: flags.seed });
      return flags.json ? `${JSON.stringify(result)}\n` : formatStrategies(result);
    }
    case "keys-moved": {
      const flags = parseFlags(rest, ["--seed", "--nodes", "--json"]);
      if (flags.positional.length > 0)
        throw new UsageError("experiment keys-moved takes no arguments");
      const result = keysMovedExperiment({ seed: flags.seed, nodes: flags.nodes ?? 30 });
      return flags.json ? `${JSON.stringify(result)}\n` : formatKeysMoved(result);
    }
    case "table2": {
      const flags = table2Flags(rest);
      const result = table2Experiment({ seed: flags.seed });
      return flags.json ? `${JSON.stringify(result)}\n` : formatTable2(result);
    }
    case "staleness": {
      const flags = parseFlags(rest, [
        "--latency",
        "--n",
        "--r",
        "--w",
        "--trials",
        "--seed",
        "--json",
      ]);
      if (flags.positional.length > 0)
        throw new UsageError("experiment staleness takes no arguments");
      const n = flags.n ?? 3;
      const r = flags.r ?? 1;
      const w = flags.w ?? 1;
      if (r > n || w > n) throw new UsageError(`R = ${r} and W = ${w} must not exceed N = ${n}`);
      const result = stalenessExperiment({
        latency: flags.latency ?? "lnkd-ssd",
        n,
        r,
        w,
        seed: flags.seed,
        ...(flags.trials !== undefined && { trials: flags.trials }),
      });
      return flags.json ? `${JSON.stringify(result)}\n` : formatStaleness(result);
    }
    case undefined:
      throw new UsageError(`experiment needs a name: ${EXPERIMENTS.join(", ")}`);
    default:
      throw new UsageError(`unknown experiment "${which}"; experiments: ${EXPERIMENTS.join(", ")}`);
  }
}

function formatStrategies(r: StrategiesResult): string {
  const head = `  ${"metadata/node".padStart(13)}  strategy  ${"T/node".padStart(6)}  ${"Q".padStart(6)}  efficiency  ${"min".padStart(5)}  ${"max".padStart(5)}`;
  const lines = r.rows.map(
    (row) =>
      `  ${bytes(row.metadataBytesPerNode).padStart(13)}  ${String(row.strategy).padStart(8)}  ${String(row.tokensPerNode).padStart(6)}  ${String(row.partitions).padStart(6)}` +
      `  ${row.efficiency.toFixed(3).padStart(10)}  ${row.efficiencyMin.toFixed(3)}  ${row.efficiencyMax.toFixed(3)}`,
  );
  return [
    `Load-balancing efficiency (mean load / hottest node's) at equal membership metadata per node`,
    `S = ${r.nodes} nodes, N = ${r.replicas}, mean of ${r.repeats} placements per row, seed ${r.seed} (Dynamo, section 6.2, Figure 8)`,
    "Strategy 1: T random tokens; Strategy 2: T random tokens and Q = 10*S*T fixed partitions; Strategy 3: Q partitions, Q/S per node",
    "",
    head,
    ...lines,
    "",
  ].join("\n");
}

function formatKeysMoved(r: KeysMovedResult): string {
  const width = Math.max(...r.rows.map((row) => row.description.length));
  const lines = r.rows.map(
    (row) =>
      `  ${row.placement.padEnd(10)}  ${row.description.padEnd(width)}  ${`${row.change} ${row.node}`.padEnd(9)}  ${`${row.nodesBefore} -> ${row.nodesAfter}`.padEnd(10)}` +
      `  ${row.fractionMoved.toFixed(4).padStart(7)}  ${row.idealFraction.toFixed(4).padStart(7)}`,
  );
  return [
    `Share of keys whose owner changes when one node joins or leaves (${r.keys} sampled keys, seed ${r.seed})`,
    "",
    `  ${"placement".padEnd(10)}  ${"parameters".padEnd(width)}  ${"change".padEnd(9)}  ${"nodes".padEnd(10)}  ${"moved".padStart(7)}  ${"ideal".padStart(7)}`,
    ...lines,
    "",
  ].join("\n");
}

function table2Flags(args: string[]) {
  const flags = parseFlags(args, ["--seed", "--json"]);
  if (flags.positional.length > 0) throw new UsageError("experiment table2 takes no arguments");
  return flags;
}

/**
 * `experiment table2 [--seed N] [--json]` with the two modes computed by `compute` (main runs them
 * on two threads); the output is experimentCommand's.
 */
export async function table2Command(
  args: string[],
  compute: (options: { seed: number | undefined }) => Promise<Table2Result>,
): Promise<string> {
  const flags = table2Flags(args);
  const result = await compute({ seed: flags.seed });
  return flags.json ? `${JSON.stringify(result)}\n` : formatTable2(result);
}

function formatTable2(r: Table2Result): string {
  const p = r.paper;
  const cols = (m: Table2Mode) =>
    [m.get.p999Ms, m.put.p999Ms, m.get.meanMs, m.put.meanMs].map((x) => x.toFixed(2).padStart(10));
  const paperCols = (m: {
    p999ReadMs: number;
    p999WriteMs: number;
    meanReadMs: number;
    meanWriteMs: number;
  }) =>
    [m.p999ReadMs, m.p999WriteMs, m.meanReadMs, m.meanWriteMs].map((x) =>
      x.toFixed(2).padStart(10),
    );
  const head = ["p99.9 read", "p99.9 write", "mean read", "mean write"].map((h) => h.padStart(10));
  return [
    "Client- against server-driven coordination (Dynamo, section 6.4, Table 2), latencies in ms",
    `${r.nodes} nodes, N = 3, R = 2, W = 2; ${r.requests.serverDriven} requests per mode (at least ${r.requestsTarget}); seed ${r.seed}`,
    "",
    `  ${"".padEnd(22)}${head.join(" ")}`,
    `  ${"server-driven".padEnd(22)}${cols(r.serverDriven).join(" ")}`,
    `  ${"server-driven (paper)".padEnd(22)}${paperCols(p.serverDriven).join(" ")}`,
    `  ${"client-driven".padEnd(22)}${cols(r.clientDriven).join(" ")}`,
    `  ${"client-driven (paper)".padEnd(22)}${paperCols(p.clientDriven).join(" ")}`,
    "",
    r.clientDrivenFaster
      ? "client-driven is lower in every column: no load balancer, no extra hop"
      : "client-driven is NOT lower in every column for this seed",
    "",
  ].join("\n");
}

function formatStaleness(r: StalenessResult): string {
  const pct = (p: number) => `${(p * 100).toFixed(2)}%`;
  const lines = [
    `Probability that a read t ms after a write commits returns it (PBS, VLDB 2012; WARS model)`,
    `latency ${r.model}, N = ${r.n}, R = ${r.r}, W = ${r.w}; ${r.committed} of ${r.trials} writes committed; seed ${r.seed}`,
    "",
    `consistent at commit   ${pct(r.pConsistentAtCommit)}` +
      (r.paper?.pConsistentAtCommit !== undefined
        ? `   (PBS: ${pct(r.paper.pConsistentAtCommit)})`
        : ""),
    `closed form            ${pct(r.closedForm.pConsistent)}   1 - C(N-W,R)/C(N,R); ${r.closedForm.note}`,
    `t for 99.9%            ${r.tMsFor999 === null ? "beyond the curve" : `${r.tMsFor999} ms`}` +
      (r.paper ? `   (PBS Table 4: ${r.paper.tMs} ms)` : ""),
    `p99.9 read latency     ${r.get.p999Ms.toFixed(2)} ms` +
      (r.paper ? `   (PBS Table 4: ${r.paper.readP999Ms} ms)` : ""),
    `p99.9 write latency    ${r.put.p999Ms.toFixed(2)} ms` +
      (r.paper ? `   (PBS Table 4: ${r.paper.writeP999Ms} ms)` : ""),
    "",
    `  ${"t (ms)".padStart(8)}  p(consistent)`,
    ...r.curve.map((c) => `  ${String(c.tMs).padStart(8)}  ${pct(c.p).padStart(8)}`),
    "",
  ];
  return lines.join("\n");
}

function bytes(n: number): string {
  return n < 1000 ? `${n} B` : `${(n / 1000).toFixed(1)} kB`;
}

function formatSummary(s: RunSummary): string {
  const row = (name: string, st: Stats) =>
    `  ${name.padEnd(4)} ${String(st.count).padStart(7)} ${String(st.ok).padStart(7)} ${String(st.failed).padStart(7)}` +
    ` ${ms(st.meanMs)} ${ms(st.p50Ms)} ${ms(st.p99Ms)} ${ms(st.p999Ms)} ${ms(st.maxMs)}`;
  return [
    `scenario   ${s.scenario}`,
    `seed       ${s.seed}`,
    `simulated  ${s.simulatedMs} ms`,
    `events     ${s.events}`,
    `trace hash ${s.traceHash}`,
    "",
    `  op     count      ok  failed ${["mean", "p50", "p99", "p99.9", "max"].map((h) => `${h} ms`.padStart(10)).join(" ")}`,
    row("get", s.ops.get),
    row("put", s.ops.put),
    "",
  ].join("\n");
}

function formatReport(r: ReplicationReport): string {
  const s = r.replication;
  const lines = [
    `hinted handoff  ${s.hintsStored} hints stored, ${s.hintsDelivered} delivered, ${s.hintsHeld} still held`,
    `read repair     ${s.readRepairs} repairs`,
    `anti-entropy    ${s.aeExchanges} exchanges, ${s.aeMessages} messages, ${s.aeKeysSent} keys sent`,
    `stale reads     ${r.staleReads}`,
    `lost writes     ${r.lostWrites.length}`,
    ...r.lostWrites.map((l) => `  ${l.key}: ${l.why}`),
  ];
  const keys = Object.entries(r.keys);
  const siblings = keys.filter(([, k]) => k.versions.length > 1);
  lines.push(`keys            ${keys.length}, ${siblings.length} with siblings`);
  if (keys.length <= 10) {
    for (const [key, k] of keys) {
      const versions = k.versions.map(
        (v) =>
          `${v.value} [${Object.entries(v.clock)
            .map(([n, c]) => `(${n},${c})`)
            .join(",")}]`,
      );
      lines.push(`  ${key}: ${versions.join("  |  ")}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function ms(x: number): string {
  return x.toFixed(3).padStart(10);
}
