import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";
import { LessonPanel } from "./pages/lesson";

test("walking a lesson with Next and Back: each step's run is rebuilt, crash and all", async ({
  page,
}) => {
  // eleven reloads of the run and five steps played: slow on a busy machine
  test.setTimeout(90_000);
  const app = new AppPage(page);
  const lesson = new LessonPanel(page);
  await app.open("#preset=default&seed=1");
  await lesson.openFromMenu("Consistent hashing and preference lists");

  await expect(lesson.title).toHaveText("Step 1 of 5: Keys live on a ring");
  await expect(lesson.text).toContainText("MD5 hash is a position on the same ring");
  await lesson.waitReady();
  await expect(page).toHaveURL(/#lesson=consistent-hashing&step=1$/);
  await expect(lesson.button("← Back")).toBeDisabled();

  await lesson.next();
  await expect(lesson.title).toHaveText("Step 2 of 5: A put goes to the key's coordinator");
  await lesson.skipToEnd();
  await expect(lesson.panel.getByRole("list", { name: "Handlers in this step" })).toContainText(
    "coordinator.onPut§4.5 get() and put()ran 1× in this step",
  );

  await lesson.next();
  await expect(lesson.title).toContainText("Step 3 of 5");
  await lesson.skipToEnd();
  await expect(app.status).toHaveText("t = 272.000 ms");

  // step 4 crashes B at its first instant, then waits for a hint naming B
  await lesson.next();
  await expect(lesson.title).toHaveText("Step 4 of 5: Crash B: the walk goes one further");
  await expect(app.node("B")).toHaveAttribute("data-state", "crashed");
  await lesson.skipToEnd();
  await expect(page.getByText(/· 1 hint for B/)).toBeVisible();
  await expect(app.timeline).toContainText("272.000 ms crash B");
  await expect(page).toHaveURL(/step=4$/);

  // Back rebuilds step 3 from the scenario: B was never crashed there
  await lesson.back();
  await expect(lesson.title).toContainText("Step 3 of 5");
  await lesson.skipToEnd();
  await expect(app.status).toHaveText("t = 272.000 ms");
  await expect(app.node("B")).toHaveAttribute("data-state", "up");
  await expect(app.timeline).not.toContainText("crash B");
  await expect(page.getByText(/hints? for B/)).toHaveCount(0);

  // the contents link to every step; the last one recovers B and waits for the handoff
  await lesson.button("Contents").click();
  const toc = page.getByRole("navigation", { name: "Lesson contents" });
  await expect(toc.getByRole("link")).toHaveCount(5);
  await expect(
    toc.getByRole("link", { name: "N = 3 copies, read back with R = 2" }),
  ).toHaveAttribute("aria-current", "step");
  await toc.getByRole("link", { name: "B comes back" }).click();
  await expect(lesson.title).toHaveText("Step 5 of 5: B comes back");
  await lesson.skipToEnd();
  await expect(app.node("B")).toHaveAttribute("data-state", "up");
  await expect(app.timeline).toContainText("crash B");
  await expect(app.timeline).toContainText("recover B");
  await expect(page.getByText(/hints? for B/)).toHaveCount(0);

  await lesson.next();
  await expect(lesson.title).toHaveText("Lesson complete");

  // Try it yourself: the lesson goes, the run stays where it was and plays on freely
  const at = await app.simTimeMs();
  await lesson.button("Try it yourself").click();
  await expect(lesson.panel).toHaveCount(0);
  await expect(page).toHaveURL(/#preset=key-placement&seed=1$/);
  expect(await app.simTimeMs()).toBe(at);
  await app.play();
  await expect.poll(() => app.simTimeMs()).toBeGreaterThan(at);
  await app.pause();
  expect(app.problems).toEqual([]);
});

test("a link to a step opens the lesson there, its waits satisfied as planned", async ({
  page,
}) => {
  const app = new AppPage(page);
  const lesson = new LessonPanel(page);
  await page.goto("/#lesson=sloppy-quorum&step=3");
  await expect(lesson.title).toHaveText("Step 3 of 4: Still writable: hints pile up");
  await lesson.skipToEnd();
  await expect(app.node("C")).toHaveAttribute("data-state", "crashed");
  await expect(app.status).toHaveText("t = 319.000 ms");
  // the wait: the stand-ins hold three hints for C between them
  const held = await page
    .locator(".node-hints")
    .allTextContents()
    .then((texts) =>
      texts.reduce((sum, t) => sum + Number(/(\d+) hints? for C/.exec(t)?.[1] ?? 0), 0),
    );
  expect(held).toBe(3);
  expect(app.problems).toEqual([]);
});

test("an unknown lesson in the address is announced, and the app stays usable", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#lesson=no-such-lesson&step=2");
  await expect(app.alert).toContainText('Unknown lesson "no-such-lesson"');
  await expect(page.getByRole("region", { name: "Lesson", exact: true })).toHaveCount(0);
  await app.play();
  await app.pause();
});

test("a change of the student's own during a step is named, and Next sets it aside", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const app = new AppPage(page);
  const lesson = new LessonPanel(page);
  await page.goto("/#lesson=consistent-hashing&step=3");
  await expect(lesson.title).toContainText("Step 3 of 5");
  await lesson.skipToEnd();
  const note = lesson.panel.getByRole("note");
  await expect(note).toHaveCount(0);

  await app.node("D").click();
  await expect(app.node("D")).toHaveAttribute("data-state", "crashed");
  await expect(note).toHaveText(
    "You changed this run (one change of your own). Next and Back follow the lesson and set it aside; Try it yourself keeps it.",
  );

  // step 4 crashes B, as the lesson says; the student's crash of D is gone with the rebuild
  await lesson.next();
  await expect(lesson.title).toContainText("Step 4 of 5");
  await lesson.skipToEnd();
  await expect(app.node("B")).toHaveAttribute("data-state", "crashed");
  await expect(app.node("D")).toHaveAttribute("data-state", "up");
  await expect(note).toHaveCount(0);
  expect(app.problems).toEqual([]);
});

test("on a laptop screen a lesson step that opens the version view leaves room to read it", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const lesson = new LessonPanel(page);
  await page.goto("/#lesson=vector-clocks&step=5");
  await expect(lesson.title).toHaveText("Step 5 of 5: D5 reconciles them");
  const versions = page.getByRole("region", { name: /^Versions of/ });
  await expect(versions).toBeVisible();
  await expect(versions.getByText("One current version: D5.")).toBeVisible({ timeout: 30_000 });
  // without scrolling: the lesson's buttons, the ring and the top of the version graph
  await expect(page.getByRole("button", { name: "Finish →" })).toBeInViewport();
  await expect(new AppPage(page).node("Sx")).toBeInViewport();
  const box = await versions.boundingBox();
  expect(box).not.toBeNull();
  const visible = Math.min(768, (box?.y ?? 0) + (box?.height ?? 0)) - (box?.y ?? 0);
  expect(visible).toBeGreaterThan(150);
  await expect(versions.locator("svg").getByText("D5", { exact: true })).toBeInViewport();
});
