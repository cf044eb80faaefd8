import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("the space-time diagram: pick an operation and see its Lamport and vector timestamps and its causal past", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open("#preset=default&seed=1");
  await page.getByRole("button", { name: "Space-time diagram" }).click();
  const diagram = page.getByTestId("spacetime");
  await expect(diagram).toBeVisible();
  await app.setSpeed("1/100x");
  await app.playUntil(12);

  const canvas = page.getByTestId("spacetime-canvas");
  await expect
    .poll(async () => Number(await canvas.getAttribute("data-events")))
    .toBeGreaterThan(10);
  expect(Number(await canvas.getAttribute("data-arrows"))).toBeGreaterThan(3);

  // the latest completed operation: its timestamps, and what happened before it
  await diagram.getByRole("button", { name: "Latest operation" }).click();
  const detail = page.getByTestId("spacetime-detail");
  await expect(detail).toContainText(/operation \d+\) succeeds/);
  await expect(page.getByTestId("spacetime-lamport")).toHaveText(/^\d+$/);
  await expect(page.getByTestId("spacetime-vc")).toHaveText(/^\[(\w+:\d+(, )?)+\]$/);
  await expect(page.getByTestId("spacetime-causal")).toContainText(
    /[1-9]\d* events happened before it/,
  );
  await page.screenshot({ path: "test-results/playwright/spacetime-operation.png" });

  // step back through events to a send, and inspect that message
  for (let i = 0; i < 12 && !/ sends /.test((await detail.textContent()) ?? ""); i++) {
    await diagram.getByRole("button", { name: "Select the earlier event" }).click();
  }
  await expect(detail).toContainText(" sends ");
  await detail.getByRole("button", { name: "Inspect this message" }).click();
  const inspector = page.getByTestId("message-inspector");
  await expect(inspector).toContainText(/Message #\d+/);
  await expect(page.getByTestId("message-fate")).toContainText(/delivered at|in flight|dropped/);
  await expect(page.getByTestId("message-body")).toContainText('"type"');
  await page.screenshot({ path: "test-results/playwright/spacetime-message.png" });
  expect(app.problems).toEqual([]);
});

test("the message inspector opens from the recent-messages list and shows a dropped message's fate", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=1");
  await app.setSpeed("1/10x");
  await app.playUntil(30);
  // crash the node that the last message went to, then let more messages reach it
  await app.node("A").click();
  await app.playUntil(60);
  const log = page.getByRole("region", { name: /Recent messages/ });
  const dropped = log.locator(".log-drop .log-inspect").first();
  await expect(dropped).toBeVisible({ timeout: 30_000 });
  await dropped.click();
  await expect(page.getByTestId("message-fate")).toContainText(/dropped at [\d.,]+ ms/);
  await page.screenshot({ path: "test-results/playwright/message-dropped.png" });
  await page.getByRole("button", { name: "Close the message inspector" }).click();
  await expect(page.getByTestId("message-inspector")).toHaveCount(0);
  expect(app.problems).toEqual([]);
});

test("click a message moving on the ring to inspect it", async ({ page }) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=1");
  await page.keyboard.press("1"); // 1/1000x: messages crawl
  await app.play();
  const canvas = app.messages;
  await expect.poll(async () => (await canvas.getAttribute("data-dot")) ?? "").not.toBe("");
  await app.pause();
  await page.waitForTimeout(400); // the display clock settles on the paused instant
  const [x, y] = ((await canvas.getAttribute("data-dot")) ?? "").split(",").map(Number);
  const box = await canvas.boundingBox();
  if (box === null || x === undefined || y === undefined) throw new Error("no canvas");
  await page.mouse.click(box.x + x, box.y + y);
  await expect(page.getByTestId("message-inspector")).toContainText(/Message #\d+/);
  await expect(page.getByTestId("message-fate")).toContainText(/in flight|delivered/);
  await page.screenshot({ path: "test-results/playwright/ring-message.png" });
  expect(app.problems).toEqual([]);
});

test("at the end of a quiet run the diagram says its window is empty and brings the last events and operations into view", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=lww-skew&seed=1");
  await app.runToEnd();
  await page.getByRole("button", { name: "Space-time diagram" }).click();
  const diagram = page.getByTestId("spacetime");
  const canvas = page.getByTestId("spacetime-canvas");
  // the run's last 25 ms hold nothing: the diagram says so instead of showing bare lanes
  const quiet = page.getByTestId("spacetime-quiet");
  await expect(quiet).toContainText("Nothing happened from 1,275.000 to 1,300.000 ms.");
  await quiet.getByRole("button", { name: /Go to the last events, at [\d,.]+ ms/ }).click();
  await expect(quiet).toBeHidden();
  await expect
    .poll(async () => Number(await canvas.getAttribute("data-events")))
    .toBeGreaterThan(0);
  // the latest operation, long before the end, is brought into the window with its selection
  await diagram.getByRole("button", { name: "Latest operation" }).click();
  await expect(page.getByTestId("spacetime-detail")).toContainText(/operation \d+\) succeeds at/);
  await expect(page.getByTestId("spacetime-causal")).toBeVisible();
  expect(app.problems).toEqual([]);
});
