import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("the app opens on the default scenario with no console or page errors", async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await expect(page).toHaveTitle("RingLab");
  await expect(page.getByRole("heading", { name: "RingLab" })).toBeVisible();
  await expect(
    page.getByRole("heading", { name: "Five nodes, N = 3, R = 2, W = 2" }),
  ).toBeVisible();
  for (const name of ["A", "B", "C", "D", "E"]) {
    await expect(app.node(name)).toBeVisible();
    await expect(app.node(name)).toHaveAccessibleDescription(/^up, \d+ keys?/);
  }
  await expect(app.status).toHaveText("t = 0.000 ms");
  await expect(app.speed).toHaveAttribute("aria-valuetext", "1/250x real time");
  await expect(app.traceInfo).toContainText(/trace [0-9a-f]{16} · 0 events/);
  await app.play();
  await expect.poll(() => app.simTimeMs()).toBeGreaterThan(0);
  await app.pause();
  expect(app.problems).toEqual([]);
});
