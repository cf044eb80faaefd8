import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("Figure 3: two concurrent writes are siblings in the version view, and a reconciling write merges them", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const app = new AppPage(page);
  await app.open("#preset=figure-3&seed=1");
  await app.setSpeed("1/10x");

  // after D3 (via Sy) and D4 (via Sz) are written from the same D2, and read back at 230 ms:
  // play a little, then go to 240 ms on the timeline, well before D5 (300 ms), however busy the
  // machine (a pause lands wherever the clock is when it arrives)
  await app.playUntil(20);
  const slider = page.getByRole("slider", { name: "Time in the run" });
  await slider.fill("240");
  await slider.blur();
  await expect(app.status).toHaveText(/^t = 240\.000 ms$/);
  const replication = page.getByRole("region", { name: "Replication" });
  await replication.getByRole("button", { name: "Versions of cart" }).click();
  await expect(app.versions).toBeVisible();
  const summary = page.getByTestId("versions-summary");
  await expect(summary).toContainText("2 siblings: D3 and D4 are concurrent");
  await expect(summary).toContainText("[(Sx,2),(Sy,1),(Sz,1)]");
  const graph = app.versions.getByRole("img", { name: /Version graph of cart/ });
  await expect(graph).toHaveAccessibleName(/D3 \[\(Sx,2\),\(Sy,1\)\]; D4 \[\(Sx,2\),\(Sz,1\)\]/);
  await expect(app.versions.locator(".version-sibling")).toHaveCount(2);
  await page.screenshot({ path: "test-results/playwright/versions-siblings.png" });

  // the client reconciles and writes D5 through Sx, which supersedes both; at 303 ms only Sx
  // holds it: D3 and D4 are not siblings of D5, just not yet replaced on Sy and Sz
  await slider.fill("303");
  await slider.blur();
  await expect(app.status).toHaveText(/^t = 303\.000 ms$/);
  await expect(summary).toHaveText(
    "One current version: D5. Sy and Sz still hold D3 and D4, which it supersedes, until it reaches them.",
  );
  await expect(app.versions.locator(".version-sibling")).toHaveCount(0);
  await expect(app.versions.locator('[data-version="D3"]')).toContainText("superseded · still on");
  await app.runToEnd();
  await expect(summary).toHaveText("One current version: D5.");
  await expect(graph).toHaveAccessibleName(/D5 \[\(Sx,3\),\(Sy,1\),\(Sz,1\)\]/);
  await expect(app.versions.locator(".version-merge")).toHaveCount(2);
  await expect(app.versions.getByRole("list", { name: "What each replica holds" })).toContainText(
    "Sx: D5",
  );
  expect(app.problems).toEqual([]);
});
