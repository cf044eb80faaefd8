import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/chromium";

const isCI = !!process.env.CI;
// PW_PORT lets several checkouts run their end-to-end tests side by side.
const port = Number(process.env.PW_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: isCI ? 1 : 2,
  retries: isCI ? 1 : 0,
  forbidOnly: isCI,
  // Traces and screenshots go to a subfolder: Playwright empties its outputDir at the start of a
  // run, and the default (test-results/) would delete test-results/vitest.json written just before.
  outputDir: "test-results/playwright",
  // The JSON report is always written: .ci/summary.mjs reads stats.expected/unexpected/flaky.
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL,
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    // Debian's Chromium (apt-get install chromium), not a Playwright download; no `channel`.
    launchOptions: chromiumLaunchOptions,
    // the offline service worker is tested by e2e/offline.spec.ts; elsewhere it would only add
    // a precache download to every test
    serviceWorkers: "block",
  },
  // Escape hatch: PW_NO_SERVER=1 skips starting `vite preview`, for specs that need no app server
  // (page.setContent / data: URLs) or when a server is already running elsewhere.
  webServer: process.env.PW_NO_SERVER
    ? undefined
    : {
        // Serves dist/: `npm test` runs `npm run build` before `npm run test:e2e`.
        command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
        url: baseURL,
        reuseExistingServer: !isCI,
        timeout: 60_000,
      },
});
