import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("a failure inside the simulation worker: a clear message, a reproduction link, and the worker restarted on the same scenario", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.addInitScript(() => window.localStorage.setItem("ringlab.testHooks", "on"));
  const app = new AppPage(page);
  await app.open("#preset=default&seed=3");
  await app.setSpeed("1/10x");
  await app.playUntil(40);
  await app.node("B").click();
  await expect(app.node("B")).toHaveAttribute("data-state", "crashed");
  const failedAt = await app.simTimeMs();

  await page.evaluate(() =>
    (window as unknown as { ringlabTest: { failWorker(): void } }).ringlabTest.failWorker(),
  );
  const notice = page.getByRole("alert", { name: "The simulation failed" });
  await expect(notice).toContainText("a fault injected on purpose");
  await expect(notice).toContainText("started it again on the same scenario");
  // the fresh worker has the scenario again, from its start, and the app is usable
  await expect(app.status).toHaveText(/^t = 0\.000 ms$/);
  await app.waitLoaded();
  await expect(app.node("B")).toHaveAttribute("data-state", "up");

  await notice.getByRole("button", { name: "Copy reproduction link" }).click();
  const link = notice.getByRole("textbox", { name: "Reproduction link" });
  await expect(link).toHaveValue(/#share=[A-Za-z0-9_-]+$/);
  await page.screenshot({ path: "test-results/playwright/worker-error.png" });
  const url = await link.inputValue();

  await app.playUntil(5);
  expect(await app.simTimeMs()).toBeGreaterThan(5);

  // the link replays the run as it was when it failed: B crashed, at that instant
  await page.goto(url);
  await app.waitLoaded();
  await expect(app.node("B")).toHaveAttribute("data-state", "crashed");
  expect(await app.simTimeMs()).toBeCloseTo(failedAt, 0);
  expect(app.problems.filter((p) => !p.includes("fault injected"))).toEqual([]);
});

test("the test fault cannot be asked for by accident: without the hook there is no way in", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=3");
  expect(await page.evaluate(() => "ringlabTest" in window)).toBe(false);
});
