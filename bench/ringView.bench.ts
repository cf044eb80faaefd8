/**
 * `npm run --silent bench:ring`: does the live ring view hold 60 frames per second with 64 nodes x
 * 32 virtual nodes (2,048 ranges on the ring)? Prints one JSON object.
 *
 * It serves the production build with `vite preview` on 127.0.0.1, opens the `virtual-nodes`
 * preset in Debian's Chromium (headless, software rendering), and records the interval between
 * animation frames for 300 frames in each phase: paused, playing at the default speed, and playing
 * at 1x real time (more messages in flight). Then it loads a heavy scenario through the page's
 * test hook (64 nodes x 32 virtual nodes, 12,500 operations per simulated second over 20 ms links)
 * at 1/10x real time, waits until at least 2,000 messages are in flight on the canvas, and records
 * the frames again: the figure the live view's target (p95 <= 16.7 ms) is about. Frame times are
 * wall-clock intervals measured in the page; the machine is shared, so read the medians.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { chromium, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/chromium";

const PORT = 4199;
const URL = `http://127.0.0.1:${PORT}/#preset=virtual-nodes&seed=1`;
const FRAMES = 300;
/** messages the heavy phase waits for on the canvas before it measures */
const IN_FLIGHT_GOAL = 2000;

/** 64 nodes x 32 virtual nodes with enough traffic for thousands of messages in flight. */
const HEAVY_SCENARIO = {
  version: 1,
  name: "ring-frames",
  description: "64 nodes x 32 tokens, 12,500 operations per second over 20 ms links (benchmark).",
  durationMs: 20_000,
  cluster: {
    nodes: Array.from({ length: 64 }, (_, i) => ({ name: `N${i + 1}` })),
    partitioning: { strategy: 1, tokensPerNode: 32 },
  },
  network: { latency: { kind: "lognormal", medianMs: 20, sigma: 0.3 } },
  workload: { clients: 8, mode: "open", ratePerSec: 12_500, keys: { count: 1_000 } },
};

async function waitForServer(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`vite preview did not answer at ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Intervals between the next FRAMES animation frames, measured in the page. Written as a string:
 * the TypeScript loader wraps functions in a helper that does not exist inside the page.
 */
const MEASURE_IN_PAGE = `new Promise((resolve) => {
  const out = [];
  let last = -1;
  const tick = (t) => {
    if (last >= 0) out.push(t - last);
    last = t;
    if (out.length < ${FRAMES}) requestAnimationFrame(tick);
    else resolve(out);
  };
  requestAnimationFrame(tick);
})`;

async function frameIntervals(page: Page): Promise<number[]> {
  return (await page.evaluate(MEASURE_IN_PAGE)) as number[];
}

function summarize(phase: string, xs: number[], inFlightMax: number) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] as number;
  const median = at(0.5);
  return {
    phase,
    frames: xs.length,
    medianFrameMs: Math.round(median * 100) / 100,
    fps: Math.round((1000 / median) * 10) / 10,
    p95FrameMs: Math.round(at(0.95) * 100) / 100,
    framesOver20Ms: xs.filter((x) => x > 20).length,
    messagesInFlightMax: inFlightMax,
  };
}

async function setSpeed(page: Page, label: RegExp): Promise<void> {
  const shown = page.getByText(/real time$/).first();
  await page.getByRole("slider", { name: "Speed" }).focus();
  for (let i = 0; i < 60 && !label.test((await shown.textContent()) ?? ""); i++) {
    await page.keyboard.press("ArrowRight");
  }
}

async function measure(page: Page, phase: string) {
  let inFlightMax = 0;
  let inFlightMin = Number.POSITIVE_INFINITY;
  const poll = setInterval(async () => {
    const v = await page
      .locator("canvas[data-in-flight]")
      .getAttribute("data-in-flight")
      .catch(() => "0");
    inFlightMax = Math.max(inFlightMax, Number(v ?? 0));
    inFlightMin = Math.min(inFlightMin, Number(v ?? 0));
  }, 250);
  const xs = await frameIntervals(page);
  clearInterval(poll);
  return { ...summarize(phase, xs, inFlightMax), messagesInFlightMin: inFlightMin };
}

async function main(): Promise<void> {
  const server: ChildProcess = spawn(
    "npx",
    ["vite", "preview", "--host", "127.0.0.1", "--port", String(PORT), "--strictPort"],
    { stdio: "ignore", detached: true },
  );
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/`, 30_000);
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.addInitScript(() => window.localStorage.setItem("ringlab.testHooks", "on"));
    await page.goto(URL);
    await page.getByRole("button", { name: "Play", exact: true }).waitFor();
    // the scenario is drawn once all 64 x 32 ranges are on the ring
    await page
      .locator("path.range")
      .nth(64 * 32 - 1)
      .waitFor({ state: "attached", timeout: 30_000 });
    const ranges = await page.locator("path.range").count();
    const phases = [await measure(page, "paused")];
    await page.getByRole("button", { name: "Play", exact: true }).click();
    phases.push(await measure(page, "playing at the default speed"));
    await setSpeed(page, /^1x/);
    phases.push(await measure(page, "playing at 1x real time"));
    // the heavy scenario, through the test hook, until the canvas holds IN_FLIGHT_GOAL messages
    await page.getByRole("button", { name: "Pause", exact: true }).click();
    await page.evaluate(
      (scenario) =>
        (
          window as unknown as { ringlabTest: { loadScenario(s: unknown, seed: number): void } }
        ).ringlabTest.loadScenario(scenario, 1),
      HEAVY_SCENARIO,
    );
    await page.getByText("t = 0.000 ms").waitFor();
    await page.getByRole("button", { name: "Play", exact: true }).click();
    await setSpeed(page, /^1\/10x/);
    const canvas = page.locator("canvas[data-in-flight]");
    const deadline = Date.now() + 60_000;
    while (Number((await canvas.getAttribute("data-in-flight")) ?? 0) < IN_FLIGHT_GOAL) {
      if (Date.now() > deadline) throw new Error(`fewer than ${IN_FLIGHT_GOAL} messages in flight`);
      await page.waitForTimeout(200);
    }
    phases.push(await measure(page, `${IN_FLIGHT_GOAL}+ messages in flight (64 x 32, 1/10x)`));
    process.stdout.write(
      `${JSON.stringify({ preset: "virtual-nodes", nodes: 64, tokensPerNode: 32, rangesDrawn: ranges, viewport: "1366x768", phases, target: { fps: 60, p95FrameMs: 16.7 } }, null, 2)}\n`,
    );
  } finally {
    await browser.close();
    if (server.pid !== undefined) process.kill(-server.pid);
  }
}

await main();
