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
