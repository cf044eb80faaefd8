import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("clicking node C crashes it, as an intervention on the timeline; clicking again recovers it", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=5");
  const c = app.node("C");
  await expect(c).toHaveAccessibleDescription(/^up/);
  await expect(app.timeline).toContainText("No interventions yet");
  await app.play();
  await expect.poll(() => app.simTimeMs()).toBeGreaterThan(0.5);
  await app.pause();
  const before = await c.screenshot();

  await c.click();
  await expect(c).toHaveAccessibleDescription("crashed");
  await expect(c).toHaveAttribute("data-state", "crashed");
  await expect(c).toHaveCSS("border-top-style", "dashed");
  await expect(app.timeline).toContainText(/[\d,]+\.\d{3} ms crash C/);
  await expect(page.getByText("✕ crashed")).toBeVisible();
  const after = await c.screenshot();
  expect(after.equals(before)).toBe(false);

  // the run goes on without C
  await app.play();
  const t = await app.simTimeMs();
  await expect.poll(() => app.simTimeMs()).toBeGreaterThan(t);
  await c.click();
  await expect(c).toHaveAccessibleDescription(/^up/);
  await expect(c).toHaveAttribute("data-state", "up");
  await expect(app.timeline).toContainText(/[\d,]+\.\d{3} ms recover C/);
  await expect(app.timeline.getByRole("listitem")).toHaveCount(2);
  await app.pause();
  expect(app.problems).toEqual([]);
});

test("changing a setting after crashing a node replays the crash under the new setting, at the same instant", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=5");
  const slider = page.getByRole("slider", { name: "Time in the run" });
  await slider.fill("200");
  await slider.blur();
  await expect(app.status).toHaveText(/^t = 200\.000 ms$/);
  await app.node("C").click();
  await expect(app.node("C")).toHaveAttribute("data-state", "crashed");
  await slider.fill("350");
  await slider.blur();
  await expect(app.status).toHaveText(/^t = 350\.000 ms$/);
  const sloppyHash = await app.traceHash();
  await page.getByRole("combobox", { name: "Quorum" }).selectOption("strict");
  await app.waitLoaded();
  // the same instant, the crash still there, under the new setting (a different run)
  await expect(app.status).toHaveText(/^t = 350\.000 ms$/);
  await expect(app.timeline).toContainText(/200\.000 ms crash C/);
  await expect(app.node("C")).toHaveAttribute("data-state", "crashed");
  expect(await app.traceHash()).not.toBe(sloppyHash);
  // and back: the sloppy run again, exactly
  await page.getByRole("combobox", { name: "Quorum" }).selectOption("sloppy");
  await app.waitLoaded();
  await expect(app.status).toHaveText(/^t = 350\.000 ms$/);
  expect(await app.traceHash()).toBe(sloppyHash);
  expect(app.problems).toEqual([]);
});
