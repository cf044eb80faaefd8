import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("switching the partitioning strategy redraws the ring and shows its load balance and metadata", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=1");
  const placement = page.getByRole("combobox", { name: "Placement" });
  const figures = page.getByTestId("placement-figures");
  const ranges = page.locator("path.range");

  // one token per node: five ranges, perfectly even, 5 tokens x 20 bytes of metadata
  await expect(ranges).toHaveCount(5);
  await expect(figures).toContainText("Load balance 1.00");
  await expect(figures).toContainText("100 B");

  // Strategy 1: 8 random tokens per node, so 40 ranges, less even, 8x the metadata
  await placement.selectOption({ label: "Strategy 1: T = 8 random tokens" });
  await app.waitLoaded();
  await expect(ranges).toHaveCount(40);
  await expect(figures).toContainText("800 B");
  await expect(figures).not.toContainText("Load balance 1.00");
  await expect(
    page.getByRole("heading", { name: "Five nodes, N = 3, R = 2, W = 2" }),
  ).toBeVisible();

  // Strategy 3: 40 equal partitions, 8 per node; its metadata is the partition table
  await placement.selectOption({ label: "Strategy 3: Q = 40 equal partitions" });
  await app.waitLoaded();
  await expect(ranges).toHaveCount(40);
  await expect(figures).toContainText("160 B");

  // the run still works on the new ring
  await app.playButton.click();
  await expect(page.locator("canvas[data-in-flight]")).not.toHaveAttribute("data-in-flight", "0", {
    timeout: 20_000,
  });
  expect(app.problems).toEqual([]);
});
