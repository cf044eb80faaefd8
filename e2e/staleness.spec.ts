import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("measure staleness for lnkd-disk with R = W = 1: the curve, the closed form and PBS's figures", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open("#preset=default&seed=1");
  const panel = page.getByRole("region", { name: /Staleness/ });
  await panel.getByRole("combobox", { name: "Latency" }).selectOption("lnkd-disk");
  await panel.getByRole("button", { name: "Measure" }).click();
  const summary = page.getByTestId("staleness-summary");
  await expect(summary).toContainText("lnkd-disk, R = 1, W = 1", { timeout: 60_000 });
  await expect(summary).toContainText("(PBS: 43.9%)");
  await expect(summary).toContainText("PBS Table 4: 45.5 ms");
  const atCommit = Number(/commit ([\d.]+)%/.exec((await summary.textContent()) ?? "")?.[1]);
  expect(atCommit).toBeGreaterThan(35);
  expect(atCommit).toBeLessThan(55);
  await expect(panel.getByRole("img", { name: /consistent read against time/ })).toBeVisible();
  await page.screenshot({ path: "test-results/playwright/staleness.png" });
  expect(app.problems).toEqual([]);
});
