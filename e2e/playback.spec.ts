import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("Play advances simulated time and Pause stops it", async ({ page }) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=3");
  await expect(app.status).toHaveText("t = 0.000 ms");
  await app.play();
  await expect(app.status).not.toHaveText("t = 0.000 ms");
  await expect.poll(() => app.simTimeMs()).toBeGreaterThan(1);
  await app.pause();
  const paused = await app.simTimeMs();
  await expect(app.app).toHaveAttribute("data-playback", "paused");
  // still paused a moment later
  await page.waitForTimeout(300);
  expect(await app.simTimeMs()).toBe(paused);
  expect(app.problems).toEqual([]);
});

test("Step runs one event at a time; the keyboard plays, pauses and steps", async ({ page }) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=3");
  await expect(app.traceInfo).toContainText("· 0 events");
  // one simulation event (a timer, a delivery) records one or a few trace events
  let events = 0;
  const stepsForward = async (press: () => Promise<void>) => {
    await press();
    await expect.poll(() => app.traceEvents()).toBeGreaterThan(events);
    events = await app.traceEvents();
    await expect(app.app).toHaveAttribute("data-playback", "paused");
  };
  await stepsForward(() => app.stepButton.click());
  await stepsForward(() => app.stepButton.click());
  await stepsForward(() => page.keyboard.press("s"));
  await stepsForward(() => page.keyboard.press("ArrowRight"));
  expect(events).toBeLessThan(20);
  await page.keyboard.press(" ");
  await expect(app.pauseButton).toBeVisible();
  await page.keyboard.press(" ");
  await expect(app.playButton).toBeVisible();
  expect(app.problems).toEqual([]);
});
