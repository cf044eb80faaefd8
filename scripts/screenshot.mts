/**
 * Takes a screenshot of the app, for looking at what a change did:
 *   npx tsx scripts/screenshot.mts <url> <out.png> [width] [height] [actions]
 * `actions` is the body of an async function of `page` (Playwright), run before the shot.
 * Uses Debian's Chromium with the same options as the end-to-end tests.
 */
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/chromium";

const [url, out, w, h, actions] = process.argv.slice(2);
if (url === undefined || out === undefined) {
  console.error("usage: screenshot.mts <url> <out.png> [width] [height] [actions]");
  process.exit(2);
}
const browser = await chromium.launch(chromiumLaunchOptions);
const page = await browser.newPage({
  viewport: { width: Number(w ?? 1366), height: Number(h ?? 768) },
});
page.on("console", (m) => {
  if (m.type() === "error") console.log("console error:", m.text());
});
page.on("pageerror", (e) => console.log("page error:", e.message));
await page.goto(url);
await page.waitForTimeout(1200);
if (actions !== undefined) {
  const run = new Function("page", `return (async () => { ${actions} })()`);
  await run(page);
}
await page.screenshot({ path: out });
await browser.close();
