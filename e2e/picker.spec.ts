import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("the scenario picker loads a preset and a seed, and puts them in the address", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open();
  await page.getByRole("combobox", { name: "Scenario" }).selectOption("partition");
  await page.getByRole("textbox", { name: "Seed" }).fill("3");
  await page.getByRole("button", { name: "Load" }).click();
  await expect(page.getByRole("heading", { name: "The network splits in two" })).toBeVisible();
  await app.waitLoaded();
  expect(new URL(page.url()).hash).toBe("#preset=partition&seed=3");
  await expect(page.getByText("seed 3", { exact: true })).toBeVisible();
  // the scenario's own interventions are on the timeline, not yet applied
  await expect(app.timeline).toContainText("300.000 ms partition A,B,client1 | C,D,E,client2");
  await expect(app.timeline).toContainText("900.000 ms heal the partition");
  await expect(app.timeline.getByRole("listitem").first()).toContainText("scheduled");
  expect(app.problems).toEqual([]);
});
