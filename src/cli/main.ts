/**
 * The command-line runner: `npm run --silent ringlab -- <command> ...`.
 *
 *   run <preset|scenario.json> [--seed N] [--until-ms T] [--json]
 *   presets [--json]
 *   experiment strategies [--seed N] [--json]
 *   experiment keys-moved [--seed N] [--nodes S] [--json]
 *   experiment table2 [--seed N] [--json]
 *   experiment staleness [--latency lnkd-ssd|lnkd-disk|ymmr|wan] [--n N] [--r R] [--w W] [--trials T] [--seed S] [--json]
 *   experiment <table2|strategies|keys-moved|staleness|quorum-sweep> --seeds 1..20 [--<param> V] [--json]
 *   check <history-file> [--model register|cas-register|kv] [--initial V] [--json]
 *   lesson [<id>] [--json]
 *
 * With --json, stdout holds exactly one JSON object (or array, for presets). Problems go to stderr
 * as one line, with a non-zero exit status: 2 for bad arguments, 1 for anything else. `check`
 * also tells its verdict by its status: 0 linearizable, 3 not linearizable, 4 unknown.
 */

import { readFileSync } from "node:fs";
import {
  checkExitCode,
  checkHistory,
  experimentCommand,
  presetsCommand,
  runCommand,
  table2Command,
  UsageError,
} from "./commands";
import { lessonCommand } from "./lesson";
import { table2Parallel } from "./parallel";

const USAGE = `usage: ringlab <command>
  run <preset|scenario.json> [--seed N] [--until-ms T] [--json]   run a scenario, print a summary
  presets [--json]                                                  list the preset scenarios
  experiment strategies [--seed N] [--json]                         Strategies 1-3 at equal metadata
  experiment keys-moved [--seed N] [--nodes S] [--json]             keys moved by a join or a leave
  experiment table2 [--seed N] [--json]                             client- vs server-driven (Table 2)
  experiment staleness [--latency M] [--n N] [--r R] [--w W] [--trials T] [--seed S] [--json]
                                                                    PBS staleness, measured
  experiment <name> --seeds 1..20 [--<param> V ...] [--json]        the lab's form: many seeds, intervals
                                                                    (names: table2, strategies, keys-moved,
                                                                    staleness, quorum-sweep)
  check <history-file> [--model register|cas-register|kv] [--initial V] [--json]
                                                                    is a history linearizable? exit 0 yes,
                                                                    3 no, 4 unknown (search budget spent)
  lesson [<id>] [--json]                                            list the lessons, or run one headless`;

// A reader that stops early (`ringlab run x --json | head -c 100`) closes the pipe: that ends the
// command quietly, as it does for other command-line tools, instead of an unhandled EPIPE.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "run":
        process.stdout.write(runCommand(rest, (path) => readFileSync(path, "utf8")));
        return 0;
      case "presets":
        process.stdout.write(presetsCommand(rest));
        return 0;
      case "experiment":
        // Table 2's two modes are independent runs: one thread each
        if (rest[0] === "table2" && !rest.includes("--seeds")) {
          process.stdout.write(
            await table2Command(rest.slice(1), ({ seed }) =>
              table2Parallel(seed === undefined ? {} : { seed }),
            ),
          );
          return 0;
        }
        process.stdout.write(experimentCommand(rest));
        return 0;
      case "check": {
        const checked = checkHistory(
          rest,
          (path) => readFileSync(path, "utf8"),
          () => performance.now(),
        );
        process.stdout.write(checked.output);
        return checkExitCode(checked.valid);
      }
      case "lesson":
        process.stdout.write(lessonCommand(rest));
        return 0;
      case undefined:
        // no command is a mistake: the usage goes where errors go
        process.stderr.write(`ringlab: no command given\n${USAGE}\n`);
        return 2;
      case "help":
      case "--help":
      case "-h":
        process.stdout.write(`${USAGE}\n`);
        return 0;
      default:
        throw new UsageError(
          `unknown command "${command}"; commands: run, presets, experiment, check, lesson`,
        );
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`ringlab: ${message.replace(/\s*\n\s*/g, " ")}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
