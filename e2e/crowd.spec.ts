import { expect, test } from "@playwright/test";
import { CROWDED_SCENARIO } from "./crowdScenario";
import { AppPage } from "./pages/app";

test("a crowd of messages (over 400) is drawn as dots, and one of them opens in the inspector", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await page.addInitScript(() => window.localStorage.setItem("ringlab.testHooks", "on"));
  await app.open("#preset=default&seed=1");
  // the frame-time benchmark's scenario: 64 nodes x 32 tokens, 12,500 operations a second
  await page.evaluate(
    (scenario) =>
      (
        window as unknown as { ringlabTest: { loadScenario(s: unknown, seed: number): void } }
      ).ringlabTest.loadScenario(scenario, 1),
    CROWDED_SCENARIO,
  );
  await expect(app.status).toHaveText("t = 0.000 ms");
  await app.waitLoaded();
  await page.keyboard.press("5"); // 1/10x: in flight at once, thousands of messages crawl
  await app.play();
  await expect.poll(() => app.inFlight(), { timeout: 60_000 }).toBeGreaterThan(400);
  await app.pause();
  await page.waitForTimeout(400); // the display clock settles on the paused instant
  const shown = await app.inFlight();
  expect(shown).toBeGreaterThan(400);
  // each dot covers a few dozen pixels; however much they overlap, thousands are painted
  expect(await app.paintedPixels()).toBeGreaterThan(shown * 5);

  const canvas = app.messages;
  const [x, y] = ((await canvas.getAttribute("data-dot")) ?? "").split(",").map(Number);
  const box = await canvas.boundingBox();
  if (box === null || x === undefined || y === undefined) throw new Error("no canvas");
  await page.mouse.click(box.x + x, box.y + y);
  await expect(page.getByTestId("message-inspector")).toContainText(/Message #\d+/);
  expect(app.problems).toEqual([]);
});
