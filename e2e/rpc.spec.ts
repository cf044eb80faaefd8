import { expect, type Page, test } from "@playwright/test";
import { AppPage } from "./pages/app";

async function historyOf(page: Page, preset: string) {
  const app = new AppPage(page);
  await app.open(`#preset=${preset}&seed=1`);
  await app.runToEnd();
  await page.getByRole("button", { name: "History" }).click();
  const legend = page.getByTestId("rpc-legend");
  await expect(legend).toBeVisible();
  const text = (await legend.textContent()) ?? "";
  const n = (what: string) => Number(new RegExp(`(\\d+) ${what}`).exec(text)?.[1] ?? "NaN");
  return { app, n };
}

/** Opens the operation that carries the first mark of this kind, and returns its detail. */
async function openMarked(page: Page, kind: string) {
  const mark = page.getByTestId(`rpc-${kind}`).first();
  const op = await mark.getAttribute("data-mark-op");
  // the bars of a busy history overlap: reach the operation by keyboard, as its button
  await page.locator(`[data-op="${op}"]`).focus();
  await page.keyboard.press("Enter");
  return page
    .getByRole("definition")
    .filter({ hasText: /RPC|again|table/ })
    .first();
}

test("at-least-once: retries and duplicate applications are drawn on the history, and named", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { app, n } = await historyOf(page, "at-least-once");
  expect(n("retries")).toBeGreaterThan(0);
  expect(n("duplicates")).toBeGreaterThan(0);
  expect(n("de-duplication hits")).toBe(0);
  const detail = await openMarked(page, "duplicate");
  await expect(page.locator(".op-detail")).toContainText("applied the put again");
  await expect(detail).toBeVisible();
  await page.screenshot({ path: "test-results/playwright/rpc-at-least-once.png" });
  expect(app.problems).toEqual([]);
});

test("at-most-once: a repeat answered from the de-duplication table is drawn, not applied", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { app, n } = await historyOf(page, "at-most-once");
  expect(n("retries")).toBeGreaterThan(0);
  expect(n("de-duplication hits")).toBeGreaterThan(0);
  await openMarked(page, "dedup-hit");
  await expect(page.locator(".op-detail")).toContainText(
    "answered a repeat from its de-duplication table",
  );
  expect(app.problems).toEqual([]);
});
