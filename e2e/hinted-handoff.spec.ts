import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("crash a replica during writes: a stand-in keeps its writes as hints, and hands them back once it recovers", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const app = new AppPage(page);
  await app.open("#preset=default&seed=2");
  await expect(page.getByRole("combobox", { name: "Quorum" })).toHaveValue("sloppy");
  await app.setSpeed("1/10x");

  // C goes down while the clients keep writing
  await app.playUntil(100);
  await app.node("C").click();
  await expect(app.node("C")).toHaveAttribute("data-state", "crashed");

  // writes meant for C land elsewhere, marked as hints for C, under a stand-in's label
  await app.play();
  await expect(page.getByText(/hints? for C/).first()).toBeVisible({ timeout: 60_000 });
  await app.pause();
  const standIn = page.locator(".node-buttons button").filter({ has: page.locator(".hint-count") });
  const name = ((await standIn.first().textContent()) ?? "").replace(/\d+$/, "");
  await app.inspectButton(name).click();
  await expect(app.inspector).toContainText(`Node ${name}`);
  await expect(app.inspector.getByText("for C")).toBeVisible();
  const hinted = app.inspector.locator(".hints-for .key-table tr");
  expect(await hinted.count()).toBeGreaterThan(0);

  // C comes back: the stand-in offers its hints, C takes them, the stand-in deletes its copies
  await app.node("C").click();
  await expect(app.node("C")).toHaveAttribute("data-state", "up");
  await app.play();
  const figures = page.getByTestId("replication-figures");
  await expect
    .poll(async () => Number(/handed off (\d+)/.exec((await figures.textContent()) ?? "")?.[1]), {
      timeout: 60_000,
    })
    .toBeGreaterThan(0);
  await expect(app.inspector.getByText("for C")).toHaveCount(0, { timeout: 60_000 });
  await app.pause();
  await page.screenshot({ path: "test-results/playwright/hinted-handoff.png" });
  expect(app.problems).toEqual([]);
});
