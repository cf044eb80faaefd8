import { expect, test } from "@playwright/test";
import { encodeShare } from "../src/app/share";
import { AppPage } from "./pages/app";

test("a bad address shows an alert, then the default scenario loads and plays", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=nope&seed=abc");
  await expect(app.alert).toContainText('Unknown scenario "nope"');
  await expect(app.alert).toContainText('The seed "abc"');
  await expect(
    page.getByRole("heading", { name: "Five nodes, N = 3, R = 2, W = 2" }),
  ).toBeVisible();
  await expect(app.traceInfo).toContainText(/trace [0-9a-f]{16}/);
  await expect(page.getByText("seed 1", { exact: true })).toBeVisible();
  await app.play();
  await expect.poll(() => app.simTimeMs()).toBeGreaterThan(0);
  await app.pause();
  // the alert can be dismissed
  await app.alert.getByRole("button", { name: "Dismiss" }).first().click();
  await expect(app.alert).not.toContainText("nope");
  expect(app.problems).toEqual([]);
});

test("text from the address is shown as text, never as markup", async ({ page }) => {
  const app = new AppPage(page);
  await app.open(`#preset=${encodeURIComponent('<img src=x onerror="window.pwned=1">')}`);
  await expect(app.alert).toContainText('Unknown scenario "<img src=x onerror="window.pwned=1">"');
  await expect(app.alert.locator("img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
});

test("a mistyped address is named, and the lab's and lessons' addresses raise no such alert", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=partition&sed=3");
  await expect(app.alert).toContainText('The address holds "sed", which RingLab does not read');
  await expect(page.getByText("seed 1", { exact: true })).toBeVisible();
  await app.alert.getByRole("button", { name: "Dismiss" }).click();
  await expect(app.alert).toHaveCount(0);
  await page.goto("/#lab=table2&seeds=1..3");
  await expect(page.getByRole("button", { name: "Run", exact: true })).toBeVisible();
  await expect(app.alert).toHaveCount(0);
  await app.open("#lesson=consistent-hashing&step=1");
  await expect(app.alert).toHaveCount(0);
  expect(app.problems).toEqual([]);
});

test("a shared scenario that cannot run opens the default with a message, not a crash screen", async ({
  page,
}) => {
  const app = new AppPage(page);
  const scenario = { version: 1, quorum: { n: 3, r: 5, w: 2 } };
  const link = await encodeShare({ scenario, seed: 2, live: [], atMs: 0 });
  await page.goto(`/${link}`);
  await expect(app.alert).toContainText("quorum.r");
  await expect(app.alert).toContainText('Showing "default" instead');
  await app.waitLoaded();
  await expect(page.getByText("The simulation stopped")).toHaveCount(0);
  await expect(
    page.getByRole("heading", { name: "Five nodes, N = 3, R = 2, W = 2" }),
  ).toBeVisible();
  await app.play();
  await expect.poll(() => app.simTimeMs()).toBeGreaterThan(0);
  await app.pause();
  expect(app.problems).toEqual([]);
});

test("a bad address pasted into a running app keeps the run on screen, crash and all", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=partition&seed=4");
  await app.node("C").click();
  await expect(app.node("C")).toHaveAttribute("data-state", "crashed");
  const hash = await app.traceHash();
  for (const bad of ["#preset=nosuch", "#preset=default&seed=abc", "#foo=bar", "#run=abc"]) {
    await page.evaluate((h) => {
      window.location.hash = h;
    }, bad);
    await expect(app.alert).toContainText(/the run on screen stays/i);
    await app.alert.getByRole("button", { name: "Dismiss" }).first().click();
    await expect(app.node("C")).toHaveAttribute("data-state", "crashed");
    expect(await app.traceHash()).toBe(hash);
  }
  await expect(page.getByRole("heading", { name: "The network splits in two" })).toBeVisible();
  // a good address still loads
  await page.evaluate(() => {
    window.location.hash = "#preset=default&seed=2";
  });
  await expect(
    page.getByRole("heading", { name: "Five nodes, N = 3, R = 2, W = 2" }),
  ).toBeVisible();
  expect(app.problems).toEqual([]);
});
