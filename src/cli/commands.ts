/**
 * The CLI's commands as pure functions from arguments to output text, so tests can call them
 * without spawning a process. Reading files is passed in.
 */

import {
  isPreset,
  parseScenario,
  presetNames,
  presetScenario,
  presets,
  Run,
  type RunSummary,
  type Scenario,
  type Stats,
} from "../sim/index";

export class UsageError extends Error {
  override name = "UsageError";
}

interface Flags {
  positional: string[];
  json: boolean;
  seed: number;
  untilMs: number | undefined;
}

function parseFlags(args: string[], allowed: readonly string[]): Flags {
  const flags: Flags = { positional: [], json: false, seed: 1, untilMs: undefined };
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
  const run = new Run(scenario, flags.seed, { keepHistory: false });
  if (flags.untilMs === undefined) run.runToEnd();
  else run.runUntilMs(flags.untilMs);
  const summary = run.summary();
  return flags.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary);
}

export function presetsCommand(args: string[]): string {
  const flags = parseFlags(args, ["--json"]);
  if (flags.positional.length > 0) throw new UsageError("presets takes no arguments");
  if (flags.json) return `${JSON.stringify(presetNames)}\n`;
  const width = Math.max(...presetNames.map((n) => n.length));
  return `${presetNames.map((n) => `${n.padEnd(width)}  ${presets[n]?.title ?? ""}`).join("\n")}\n`;
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

function ms(x: number): string {
  return x.toFixed(3).padStart(10);
}
