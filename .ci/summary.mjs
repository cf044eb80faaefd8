#!/usr/bin/env node
// Prints the CI summary line, `N passed, M failed`, as the only line on stdout.
//
// Usage: node .ci/summary.mjs <exit status of `npm test`>
//
// Reads, when they exist (paths relative to the repo root, whatever the cwd):
//   test-results/vitest.json      Vitest JSON reporter: numPassedTests / numFailedTests
//   test-results/playwright.json  Playwright JSON reporter: stats.expected / unexpected / flaky
// Flaky tests (failed, then passed on retry) count as passed. If `npm test` failed but no failed
// test was counted (typecheck, lint or build failed, or a runner crashed), one failure is added so
// the line never says "0 failed" on a red run. Details go to stderr; this script never fails.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const arg = process.argv[2];
const status = arg === undefined || arg === "" || Number.isNaN(Number(arg)) ? 0 : Number(arg);

const count = (value) => (Number.isFinite(value) && value > 0 ? Math.trunc(value) : 0);
const note = (line) => process.stderr.write(`summary: ${line}\n`);

function readReport(relPath) {
  const file = `${root}${relPath}`;
  if (!existsSync(file)) {
    note(`${relPath} not found`);
    return null;
  }
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    note(`${relPath} is not valid JSON (${error instanceof Error ? error.message : error})`);
    return null;
  }
}

let passed = 0;
let failed = 0;

try {
  const vitest = readReport("test-results/vitest.json");
  if (vitest) {
    const p = count(vitest.numPassedTests);
    const f = count(vitest.numFailedTests);
    note(`unit (vitest): ${p} passed, ${f} failed`);
    passed += p;
    failed += f;
  }

  const playwright = readReport("test-results/playwright.json");
  if (playwright) {
    const stats = playwright.stats ?? {};
    const p = count(stats.expected) + count(stats.flaky);
    const f = count(stats.unexpected);
    note(`e2e (playwright): ${p} passed (${count(stats.flaky)} flaky), ${f} failed`);
    passed += p;
    failed += f;
  }
} catch (error) {
  note(`could not read the reports (${error instanceof Error ? error.message : error})`);
}

if (status !== 0 && failed === 0) {
  note(`npm test exited with status ${status} but no failed test was counted: counting 1 failure`);
  failed = 1;
}

process.stdout.write(`${passed} passed, ${failed} failed\n`);
