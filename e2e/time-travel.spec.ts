import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("scrub back in time, crash a node in the past and see the run fork; step back with the left arrow", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open("#preset=default&seed=1");
  await app.setSpeed("1/10x");
  await app.playUntil(150);
  await app.node("C").click();
  await expect(app.node("C")).toHaveAttribute("data-state", "crashed");
  await app.playUntil(300);
  // on to exactly 400 ms (seeking forward runs on)
  const slider = page.getByRole("slider", { name: "Time in the run" });
  await slider.fill("400");
  await slider.blur();
  await expect(app.status).toHaveText(/^t = 400\.000 ms$/);
  const hashAt400 = await app.traceHash();

  // back to 100 ms: the crash has not happened yet
  await slider.fill("100");
  await slider.blur();
  await expect(app.status).toHaveText(/^t = 100\.\d{3} ms$/);
  await expect(app.node("C")).toHaveAttribute("data-state", "up");
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText("crash C");
  await expect(timeline).toContainText("scheduled");

  // forward again to 400 ms: the same run, the same hash
  await slider.fill("400");
  await slider.blur();
  await expect(app.status).toHaveText(/^t = 400\.000 ms$/);
  expect(await app.traceHash()).toBe(hashAt400);

  // back to 100 ms and crash B there: the run forks, the later crash of C is dropped
  await slider.fill("100");
  await slider.blur();
  await expect(app.status).toHaveText(/^t = 100\.\d{3} ms$/);
  await app.node("B").click();
  await expect(app.node("B")).toHaveAttribute("data-state", "crashed");
  await expect(page.getByTestId("fork-note")).toContainText("The run forked at 100.");
  await expect(timeline).not.toContainText("crash C");
  await expect(timeline).toContainText("crash B");

  // one event back with the left arrow
  const before = await app.traceEvents();
  await page.locator("body").press("ArrowLeft");
  await expect.poll(() => app.traceEvents()).toBeLessThan(before);

  // the shortcuts are listed
  await page.locator("body").press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toContainText(
    "step one event back",
  );
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await page.screenshot({ path: "test-results/playwright/time-travel.png" });
  expect(app.problems).toEqual([]);
});
