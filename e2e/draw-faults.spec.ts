import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("draw a partition by dragging a line across the ring: a wall cuts C off, and writes for C take a hinted path", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const app = new AppPage(page);
  await app.open("#preset=default&seed=5");
  await page.getByRole("button", { name: "Draw a partition" }).click();
  const canvas = page.getByTestId("partition-canvas");
  const box = await canvas.boundingBox();
  const c = await app.node("C").boundingBox();
  if (box === null || c === null) throw new Error("no ring on screen");
  // a horizontal line just above C, across the whole ring
  const y = c.y - 25;
  await page.mouse.move(box.x + 10, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 10, y, { steps: 10 });
  await page.mouse.up();
  await expect(page.getByTestId("faults-now")).toContainText("partition");
  await expect(page.getByTestId("faults-now")).toContainText("| {C}");
  await expect(page.getByTestId("fault-overlay")).toHaveAttribute("data-wall", "yes");
  await expect(app.node("C")).toHaveAccessibleDescription(/cut off by the partition/);
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText(/partition .* \| C/);

  // writes whose replicas include C are stored at stand-ins as hints for C
  await app.setSpeed("1/10x");
  await app.play();
  await expect(page.getByText(/hints? for C/).first()).toBeVisible({ timeout: 60_000 });
  await app.pause();
  await page.screenshot({ path: "test-results/playwright/draw-partition.png" });
  expect(app.problems).toEqual([]);
});

test("a slow link is dashed and a one-way cut crossed on the ring; network-wide loss is one intervention", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=5");
  const faults = page.getByRole("region", { name: "Faults" });
  await faults.getByRole("combobox", { name: "Slow link from" }).selectOption("A");
  await faults.getByRole("combobox", { name: "Slow link to" }).selectOption("C");
  await faults.getByRole("button", { name: "Make the link 10× slower" }).click();
  await faults.getByRole("combobox", { name: "Link from", exact: true }).selectOption("B");
  await faults.getByRole("combobox", { name: "Link to", exact: true }).selectOption("D");
  await faults.getByRole("checkbox", { name: "one way", exact: true }).check();
  await faults.getByRole("button", { name: "Cut", exact: true }).click();
  const overlay = page.getByTestId("fault-overlay");
  await expect(overlay).toHaveAttribute("data-slow", "1");
  await expect(overlay).toHaveAttribute("data-cuts", "1");
  await expect(page.getByTestId("faults-now")).toContainText("link B→D cut");
  await expect(page.getByTestId("faults-now")).toContainText("link A→C slow");

  await faults.getByRole("combobox", { name: "Loss rate" }).selectOption("0.25");
  await faults.getByRole("button", { name: "Set rates" }).click();
  await expect(page.getByTestId("faults-now")).toContainText("loss 25%, duplicates 0%");
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("network: loss 0.25");
  // lost messages show in the log while it plays
  await app.setSpeed("1/10x");
  await app.playUntil(40);
  await expect(
    page
      .getByRole("region", { name: /Recent messages/ })
      .locator(".log-drop")
      .first(),
  ).toBeVisible();

  await faults.getByRole("button", { name: "Give the link its normal latency" }).click();
  await expect(overlay).toHaveAttribute("data-slow", "0");
  await page.screenshot({ path: "test-results/playwright/link-faults.png" });
  expect(app.problems).toEqual([]);
});
