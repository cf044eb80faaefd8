import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";
import { LessonPanel } from "./pages/lesson";

test("presenter mode by keyboard alone: steps, play and pause, crash a node by its letter", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  const lesson = new LessonPanel(page);
  await page.goto("/#lesson=consistent-hashing&step=1");
  await lesson.waitReady();

  await page.keyboard.press("p");
  await expect(page.locator("html")).toHaveClass(/\bpresenter\b/);
  await expect(page.getByRole("button", { name: "Lessons", exact: true })).toBeHidden();
  await expect(page.getByRole("region", { name: "Details" })).toBeHidden();
  const bar = page.getByRole("toolbar", { name: "Presenter controls" });
  await expect(bar).toBeVisible();
  const narration = page.getByRole("region", { name: "Lesson text" });
  await expect(narration).toContainText("Keys live on a ring");

  // N: next step; B: back
  await page.keyboard.press("n");
  await expect(narration).toContainText("step 2 of 5");
  await expect(narration).toContainText("A put goes to the key's coordinator");
  await lesson.waitReady();
  await page.keyboard.press("n");
  await expect(narration).toContainText("step 3 of 5");
  await page.keyboard.press("b");
  await expect(narration).toContainText("step 2 of 5");
  await lesson.waitReady();
  await expect(page).toHaveURL(/step=2$/);

  // T hides and shows the lesson text
  await page.keyboard.press("t");
  await expect(narration).toHaveCount(0);
  await page.keyboard.press("t");
  await expect(page.getByRole("region", { name: "Lesson text" })).toBeVisible();

  // Space plays and pauses; S steps one event
  const t0 = await app.simTimeMs();
  await page.keyboard.press(" ");
  await expect(bar.getByRole("button", { name: "Pause", exact: true })).toBeVisible();
  await expect.poll(() => app.simTimeMs()).toBeGreaterThan(t0);
  await page.keyboard.press(" ");
  await expect(bar.getByRole("button", { name: "Play", exact: true })).toBeVisible();
  await expect(app.app).toHaveAttribute("data-playback", "paused");
  const t1 = await app.simTimeMs();
  for (let i = 0; i < 5; i++) await page.keyboard.press("s");
  await expect.poll(() => app.simTimeMs()).toBeGreaterThan(t1);

  // Shift + a node's letter crashes it, and again recovers it
  await page.keyboard.press("Shift+D");
  await expect(app.node("D")).toHaveAttribute("data-state", "crashed");
  await expect(app.node("D")).toHaveAccessibleDescription(/^crashed/);
  await page.keyboard.press("Shift+D");
  await expect(app.node("D")).toHaveAttribute("data-state", "up");

  // L: a laser pointer that follows the mouse
  await page.keyboard.press("l");
  await page.mouse.move(500, 300);
  const laser = page.getByTestId("laser");
  await expect(laser).toBeVisible();
  const box = await laser.boundingBox();
  expect(box).not.toBeNull();
  expect(Math.abs((box?.x ?? 0) + (box?.width ?? 0) / 2 - 500)).toBeLessThan(3);
  await page.keyboard.press("l");
  await expect(laser).toHaveCount(0);

  // Esc leaves presenter mode
  await page.keyboard.press("Escape");
  await expect(page.locator("html")).not.toHaveClass(/\bpresenter\b/);
  await expect(page.getByRole("button", { name: "Lessons", exact: true })).toBeVisible();
  await expect(lesson.title).toContainText("Step 2 of 5");
  expect(app.problems).toEqual([]);
});

test("presenter mode without a lesson: the stage, the clock and the controls", async ({ page }) => {
  const app = new AppPage(page);
  await app.open("#preset=figure-3&seed=1");
  await page.keyboard.press("p");
  const bar = page.getByRole("toolbar", { name: "Presenter controls" });
  await expect(bar.getByRole("button")).toHaveText(["Play", "Step", "Laser", "Exit presenter"]);
  await expect(app.status).toBeVisible();
  // Sx, Sy, Sz are crashed by their last letter
  await page.keyboard.press("Shift+Y");
  await expect(app.node("Sy")).toHaveAttribute("data-state", "crashed");
  await bar.getByRole("button", { name: "Exit presenter" }).click();
  await expect(page.locator("html")).not.toHaveClass(/\bpresenter\b/);
});

test("embed mode shows the stage and the play controls only", async ({ page }) => {
  const app = new AppPage(page);
  await page.goto("/?embed=1#preset=default&seed=2");
  await app.waitLoaded();
  await expect(page.locator("html")).toHaveClass(/\bembed\b/);
  await expect(page.getByRole("button", { name: "Lessons", exact: true })).toBeHidden();
  await expect(page.getByRole("region", { name: "Details" })).toBeHidden();
  await expect(app.node("A")).toBeVisible();
  await app.play();
  await expect.poll(() => app.simTimeMs()).toBeGreaterThan(0);
  await app.pause();
  expect(app.problems).toEqual([]);
});
