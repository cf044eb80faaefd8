import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("messages are drawn moving between nodes while the run plays", async ({ page }) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=1");
  expect(await app.inFlight()).toBe(0);
  await app.play();
  // the first operation starts within a few simulated ms: a second or two at the default speed
  await expect.poll(() => app.inFlight(), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(app.messages).toHaveAttribute("aria-label", /^Messages in flight: [1-9]\d*$/);
  await expect.poll(() => app.paintedPixels(), { timeout: 15_000 }).toBeGreaterThan(50);
  expect(app.problems).toEqual([]);
});
