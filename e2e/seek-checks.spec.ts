import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("a scrub over a long history shows each instant at once, and the checks of where it stops", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open("#preset=default&seed=1");
  await app.runToEnd();
  const badge = page.getByTestId("consistency-badge");
  await expect(badge).not.toHaveAttribute("data-verdict", "pending");
  await badge.getByRole("button", { name: "History" }).click();
  const summary = page.getByTestId("history-summary");
  await expect(summary).toContainText(/linearizable/i);

  // a scrub: several seeks back and forth in a row (over 500 operations, so each seek's checks
  // are left for a moment later)
  const slider = page.getByRole("slider", { name: "Time in the run" });
  for (const ms of ["9000", "4000", "8000", "6000"]) await slider.fill(ms);
  await slider.blur();
  await expect(app.status).toHaveText(/^t = 6,?000\.000 ms$/);
  // the checks arrive for where it stopped: a verdict again, nothing left saying it is checking
  await expect(badge).not.toHaveAttribute("data-verdict", "pending");
  await expect(badge).not.toHaveAttribute("aria-busy", "true");
  await expect(summary).not.toContainText("Checking");
  await expect(summary).toContainText(/linearizable/i);

  // stepping back (a seek too) ends the same way
  await page.keyboard.press("ArrowLeft");
  await expect(app.status).toHaveText(/^t = 5,?9\d\d\.\d{3} ms$/);
  await expect(badge).not.toHaveAttribute("data-verdict", "pending");
  await expect(summary).toContainText(/linearizable/i);
});

test("before any operation the history gives no verdict, as the badge does", async ({ page }) => {
  const app = new AppPage(page);
  await app.open("#preset=partition&seed=1");
  const badge = page.getByTestId("consistency-badge");
  await expect(badge).toContainText("No operations yet");
  await badge.getByRole("button", { name: "History" }).click();
  const summary = page.getByTestId("history-summary");
  await expect(summary).toHaveText(
    "Nothing to check yet: the verdict comes with the first completed operation.",
  );
  await page.getByRole("slider", { name: "Time in the run" }).fill("50");
  await page.getByRole("slider", { name: "Time in the run" }).blur();
  await expect(summary).toContainText(/^Linearizable: .* \d+ operations? checked\.$/);
  expect(app.problems).toEqual([]);
});
