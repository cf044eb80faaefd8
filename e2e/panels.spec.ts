import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("a side panel collapses to its title, stays collapsed after a reload, and opens again", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=1");
  const faults = page.getByRole("region", { name: "Faults" });
  await expect(faults).toBeVisible();
  await page.getByRole("button", { name: "Hide Faults" }).click();
  await expect(faults).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Show Faults" })).toHaveAttribute(
    "aria-expanded",
    "false",
  );
  await page.reload();
  await app.waitLoaded();
  await expect(page.getByRole("region", { name: "Faults" })).toHaveCount(0);
  await page.getByRole("button", { name: "Show Faults" }).click();
  await expect(page.getByRole("region", { name: "Faults" })).toBeVisible();
  expect(app.problems).toEqual([]);
});
