import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("R + W <= N: the checker says not linearizable and highlights the stale read that proves it", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=linearizability-violation&seed=1");
  const badge = page.getByTestId("consistency-badge");
  await expect(badge).toContainText("No operations yet");

  await app.runToEnd();
  await expect(badge).toHaveAttribute("data-verdict", "bad");
  await expect(badge).toContainText("✕ Not linearizable (key x)");
  await expect(badge).toContainText("1 stale read");

  await badge.getByRole("button", { name: "History" }).click();
  const history = page.getByRole("region", { name: "History" });
  await expect(history).toBeVisible();
  await expect(page.getByTestId("history-summary")).toContainText(
    /Not linearizable \(key x\): op \d+ \(process "client2": read "v0"\)/,
  );
  // the witness: client2's read, outlined; the read is the stale one
  const witness = history.locator(".hop-witness");
  await expect(witness).toHaveCount(1);
  await expect(witness).toHaveClass(/hop-stale/);
  await expect(witness.locator("title")).toContainText("get x → v0");
  await expect(history.getByRole("listitem").first()).toContainText(
    "missed write #3, completed before it began: 1 version, 8.0 ms behind",
  );
  await expect(history.getByRole("listitem").first()).toContainText(
    "It was answered by C, whose replica did not yet hold v1 (written through A; its copy had not reached them)",
  );
  // the witness, opened: what it returned, who answered, what the checker says
  await witness.click();
  const detail = history.getByRole("definition").filter({ hasText: "answered by C" });
  await expect(detail).toContainText("v0, answered by C");
  await expect(
    history.getByText("the operation where the history stops being linearizable"),
  ).toBeVisible();
  await page.screenshot({ path: "test-results/playwright/consistency.png" });
  await history.getByRole("button", { name: "Close history" }).click();
  await expect(history).toHaveCount(0);
  expect(app.problems).toEqual([]);
});

test("siblings make a history not linearizable without a stale read, and the badge says so", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=figure-3&seed=1");
  await app.runToEnd();
  const badge = page.getByTestId("consistency-badge");
  await expect(badge).toHaveAttribute("data-verdict", "bad");
  await expect(badge).toContainText(/✕ Not linearizable: a read of cart got siblings/);
  await expect(badge).toContainText("0 stale reads");
  await expect(badge.locator(".verdict")).toHaveAttribute("title", /values at once/);
  expect(app.problems).toEqual([]);
});

test("a violation older than the operations drawn is named, with a way to go and see it", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=1");
  await app.runToEnd();
  const badge = page.getByTestId("consistency-badge");
  await expect(badge).toHaveAttribute("data-verdict", "bad");
  await badge.getByRole("button", { name: "History" }).click();
  const history = page.getByRole("region", { name: "History" });
  const offscreen = page.getByTestId("history-offscreen");
  await expect(offscreen).toContainText(/^Operation #\d+ ended at [\d,.]+ ms, before the last 400/);
  await expect(history.locator(".hop-witness")).toHaveCount(0);
  await offscreen.getByRole("button", { name: /^Go to .* to see it$/ }).click();
  // there, the operation is drawn, outlined as the witness
  await expect(history.locator(".hop-witness")).toHaveCount(1);
  await expect(offscreen).toHaveCount(0);
  expect(app.problems).toEqual([]);
});
