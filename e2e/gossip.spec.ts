import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("under gossip, nodes come to suspect a crashed node on their own; gossip can be hidden", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=gossip&seed=1");
  const showGossip = page.getByRole("checkbox", { name: "Show gossip" });
  await expect(showGossip).toBeChecked();
  await showGossip.uncheck();

  // speed up to 1/10x so that the crash at 300 ms comes within seconds
  const speedLabel = page.getByText(/real time$/).first();
  await page.getByRole("slider", { name: "Speed" }).focus();
  for (let i = 0; i < 40 && !/^1\/10x/.test((await speedLabel.textContent()) ?? ""); i++) {
    await page.keyboard.press("ArrowRight");
  }
  await expect(speedLabel).toHaveText(/^1\/10x/);

  await app.playButton.click();
  await expect
    .poll(async () => Number(((await app.status.textContent()) ?? "").replace(/[^0-9.]/g, "")), {
      timeout: 30_000,
    })
    .toBeGreaterThan(700);
  await app.pauseButton.click();

  // at least one node now suspects C, in its own words under its label
  await expect(page.getByText(/suspects C/).first()).toBeVisible();
  const log = page.getByRole("region", { name: "Recent messages" });
  await expect(log).not.toContainText("gossip");

  await showGossip.check();
  await app.playButton.click();
  await expect(log).toContainText("gossip", { timeout: 20_000 });
  expect(app.problems).toEqual([]);
});
