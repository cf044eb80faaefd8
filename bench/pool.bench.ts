/**
 * `npm run --silent bench:lab`: the experiments lab's worker pool in headless Chromium (launched as
 * the e2e tests launch it), as one JSON object on stdout.
 *
 * - Speed-up: wall time of one 20-seed experiment (Table 2, seeds 1..20, 20 nodes, BENCH_REQUESTS
 *   requests per mode, 5,000 by default) with a pool of 1 worker against a pool of `cores` workers
 *   (the pool is sized from navigator.hardwareConcurrency, which the page is told). The time runs
 *   from the click on Run to the moment the status says "Done", both read inside the page.
 *   BENCH_ROUNDS rounds (5) alternate 1, N, 1, N, so a change in the machine's load hits both;
 *   the ratio is of the medians. The 1-minute load average is reported before and after.
 * - Smoothness: the intervals between requestAnimationFrame callbacks on the page's main thread
 *   while the pool runs (p50, p95, max, and the share of frames later than 1.5 frames at 60 Hz),
 *   beside the same measure with the page idle.
 *
 * Needs `dist/` (the npm script builds it) and starts its own `vite preview` on BENCH_PORT (4181).
 */

import { type ChildProcess, spawn } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { type Browser, chromium, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/chromium";
import { aggregate, type SeedRun } from "../src/sim/experiments/experiments";
import { runExperiment } from "../src/sim/experiments/labRuns";
import { figuresOf } from "../src/views/lab/figures";

const PORT = Number(process.env.BENCH_PORT ?? 4181);
const BASE = `http://127.0.0.1:${PORT}`;
/** requests per mode per seed: 5,000 by default so that rounds are short and many (the lab's default is 20,000) */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000);
const HASH = `#lab=table2&seeds=1..20&requests=${REQUESTS}&nodes=20`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

async function startPreview(): Promise<ChildProcess> {
  const child = spawn(
    "npx",
    ["vite", "preview", "--host", "127.0.0.1", "--port", String(PORT), "--strictPort"],
    {
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(BASE);
      if (res.ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stopPreview(child);
  throw new Error(`vite preview did not start on ${BASE}`);
}

/** Stops the preview server and the processes npx started for it (its process group). */
function stopPreview(child: ChildProcess): void {
  if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
}

interface FrameStats {
  frames: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** frames that came more than 25 ms after the one before (a missed 60 Hz frame) */
  lateShare: number;
}

function frameStats(intervals: number[]): FrameStats {
  const s = [...intervals].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? 0;
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    frames: s.length,
    p50Ms: r(q(0.5)),
    p95Ms: r(q(0.95)),
    maxMs: r(s.at(-1) ?? 0),
    lateShare: r(s.filter((x) => x > 25).length / Math.max(1, s.length)),
  };
}

async function openLab(browser: Browser, cores: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  // the pool sizes itself from navigator.hardwareConcurrency: tell the page the size to test
  await page.addInitScript(
    `Object.defineProperty(navigator, "hardwareConcurrency", { get: () => ${cores} });`,
  );
  await page.goto(`${BASE}/${HASH}`);
  await page.getByRole("button", { name: "Run", exact: true }).waitFor();
  const told = await page.evaluate("navigator.hardwareConcurrency");
  if (told !== cores) throw new Error(`the page reports ${String(told)} cores, not ${cores}`);
  return page;
}

/*
 * The in-page scripts are plain text: tsx compiles this file with helpers (`__name`) that do not
 * exist in the page, so functions passed to page.evaluate would not run there.
 */

/** Frame intervals over `ms` of an idle page. */
async function idleFrames(page: Page, ms: number): Promise<number[]> {
  return (await page.evaluate(`new Promise((resolve) => {
    const out = [];
    let last = performance.now();
    const end = last + ${ms};
    const tick = (t) => {
      out.push(t - last);
      last = t;
      if (t < end) requestAnimationFrame(tick);
      else resolve(out.slice(1));
    };
    requestAnimationFrame(tick);
  })`)) as number[];
}

/** Starts recording frames, clicks Run, and notes when the status first says "Done". */
const START_RUN = `(() => {
  const lab = { start: 0, end: null, intervals: [] };
  window.__lab = lab;
  let last = performance.now();
  const tick = (t) => {
    if (lab.start > 0 && lab.end === null) lab.intervals.push(t - last);
    last = t;
    if (lab.end === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const observer = new MutationObserver(() => {
    const el = document.querySelector('[data-testid="lab-status"]');
    const status = el === null ? "" : el.textContent;
    if (lab.start > 0 && lab.end === null && status.startsWith("Done")) {
      lab.end = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  const run = [...document.querySelectorAll("button")].find((b) => /^(Run|Restart)$/.test(b.textContent));
  if (run === undefined) throw new Error("no Run button");
  lab.start = performance.now();
  run.click();
})()`;

/** Runs the experiment; returns its wall time and the frame intervals while it ran. */
async function timedRun(
  page: Page,
): Promise<{ wallMs: number; intervals: number[]; concurrency: number }> {
  await page.evaluate(START_RUN);
  await page.waitForFunction("window.__lab.end !== null", null, { timeout: 300_000, polling: 100 });
  const out = (await page.evaluate(
    "({ wallMs: window.__lab.end - window.__lab.start, intervals: window.__lab.intervals.slice(1) })",
  )) as { wallMs: number; intervals: number[] };
  // the lab's own account: the runs' wall times in their workers over the batch's elapsed time
  const status = page.getByTestId("lab-status");
  const workerMs = Number(await status.getAttribute("data-worker-ms"));
  const elapsedMs = Number(await status.getAttribute("data-elapsed-ms"));
  return { ...out, concurrency: Math.round((workerMs / elapsedMs) * 100) / 100 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1
    ? (s[s.length >> 1] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

/**
 * The page's own work per streamed result, measured in Node on the same code: aggregating all the
 * runs so far and recomputing the figures (React then renders a few hundred SVG elements).
 */
function mainThreadWorkPerResult(): { seeds: number; meanMs: number; maxMs: number } {
  const params = { requests: 2000, nodes: 20 };
  const runs: SeedRun[] = [];
  const times: number[] = [];
  for (let seed = 1; seed <= 20; seed++) {
    runs.push({ seed, result: runExperiment("table2", params, seed) });
    const t0 = performance.now();
    figuresOf(aggregate("table2", runs));
    times.push(performance.now() - t0);
  }
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    seeds: 20,
    meanMs: r(times.reduce((a, b) => a + b, 0) / times.length),
    maxMs: r(Math.max(...times)),
  };
}

const cores = Number(process.env.BENCH_CORES ?? cpus().length);
const loadBefore = loadavg()[0] as number;
const work = mainThreadWorkPerResult();
const preview = await startPreview();
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const walls: Record<string, number[]> = { one: [], many: [] };
  const concurrency: Record<string, number[]> = { one: [], many: [] };
  const frames: number[] = [];
  const framesOne: number[] = [];
  let idle: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [key, size] of [
      ["one", 1],
      ["many", cores],
    ] as const) {
      const page = await openLab(browser, size);
      if (round === 0 && key === "one") idle = await idleFrames(page, 2000);
      const { wallMs, intervals, concurrency: c } = await timedRun(page);
      walls[key]?.push(Math.round(wallMs));
      concurrency[key]?.push(c);
      (key === "many" ? frames : framesOne).push(...intervals);
      await page.close();
    }
  }
  const one = median(walls.one ?? []);
  const many = median(walls.many ?? []);
  process.stdout.write(
    `${JSON.stringify(
      {
        experiment: `table2, seeds 1..20, ${REQUESTS} requests per mode, 20 nodes (${HASH})`,
        cores,
        wallMsPoolOf1: walls.one,
        wallMsPoolOfCores: walls.many,
        speedUp: Math.round((one / many) * 100) / 100,
        /** runs in progress at once, on average: the sum of the runs' times in their workers over the wall time */
        runsAtOncePoolOf1: concurrency.one,
        runsAtOncePoolOfCores: concurrency.many,
        framesWhilePoolOfCoresRuns: frameStats(frames),
        framesWhilePoolOf1Runs: frameStats(framesOne),
        framesIdle: frameStats(idle),
        mainThreadWorkPerResultMs: work,
        loadAverage1m: {
          before: Math.round(loadBefore * 100) / 100,
          after: Math.round((loadavg()[0] as number) * 100) / 100,
        },
        targets: { speedUpAtLeast: Math.min(cores, 2) * 0.8, framesP95MsAtMost: 1000 / 60 + 2 },
        chromium: browser.version(),
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await browser.close();
  stopPreview(preview);
}
