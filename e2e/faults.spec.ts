import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("partition the ring from the Faults panel: writes take a hinted path across the cut, and the partition heals", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const app = new AppPage(page);
  await app.open("#preset=default&seed=5");
  const faults = page.getByRole("region", { name: "Faults" });
  await expect(page.getByTestId("faults-now")).toHaveText("The network is healthy.");
  // C and D go to the other side; the clients stay with A, B and E
  await faults.getByRole("checkbox", { name: "C", exact: true }).check();
  await faults.getByRole("checkbox", { name: "D", exact: true }).check();
  await faults.getByRole("button", { name: "Partition" }).click();
  await expect(page.getByTestId("faults-now")).toContainText(
    "partition {A, B, E, client1, client2} | {C, D}",
  );
  await expect(app.node("C")).toHaveAccessibleDescription(/cut off by the partition/);
  await expect(app.node("A")).not.toHaveAccessibleDescription(/cut off/);
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText("partition A,B,E,client1,client2 | C,D");

  // writes whose replicas include C or D are stored at stand-ins as hints
  await app.setSpeed("1/10x");
  await app.play();
  await expect(page.getByText(/hints? for [CD]/).first()).toBeVisible({ timeout: 60_000 });
  await app.pause();
  await expect(page.getByTestId("replication-figures")).toContainText(/hints stored [1-9]/);

  await faults.getByRole("button", { name: "Heal" }).click();
  await expect(page.getByTestId("faults-now")).toHaveText("The network is healthy.");
  await expect(app.node("C")).not.toHaveAccessibleDescription(/cut off/);
  await page.screenshot({ path: "test-results/playwright/faults.png" });
  expect(app.problems).toEqual([]);
});
