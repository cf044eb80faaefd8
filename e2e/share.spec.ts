import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("Share gives a link that opens the same run at the same instant in a new page; a broken link says what is wrong", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open("#preset=sloppy-quorum&seed=4");
  await page.getByRole("combobox", { name: "Conflicts" }).selectOption("lww");
  await app.waitLoaded();
  await app.setSpeed("1/10x");
  await app.playUntil(120);
  await app.node("A").click();
  await expect(app.node("A")).toHaveAttribute("data-state", "crashed");
  const slider = page.getByRole("slider", { name: "Time in the run" });
  await slider.fill("300");
  await slider.blur();
  await expect(app.status).toHaveText(/^t = 300\.000 ms$/);
  const hash = await app.traceHash();

  await page.getByRole("button", { name: "Share" }).click();
  const link = await page.getByRole("textbox", { name: "Link to this run" }).inputValue();
  expect(link).toMatch(/#share=[A-Za-z0-9_-]+$/);

  const other = await context.newPage();
  const viewer = new AppPage(other);
  await other.goto(link.replace(/^https?:\/\/[^/]+/, ""));
  await viewer.waitLoaded();
  await expect(viewer.status).toHaveText(/^t = 300\.000 ms$/);
  expect(await viewer.traceHash()).toBe(hash);
  await expect(viewer.node("A")).toHaveAttribute("data-state", "crashed");
  await expect(other.getByRole("combobox", { name: "Conflicts" })).toHaveValue("lww");
  await expect(other.getByRole("region", { name: "Timeline" })).toContainText("crash A");
  await other.screenshot({ path: "test-results/playwright/share.png" });

  // a link cut short, pasted over the shared run: a message, the run on screen kept (crash and
  // all), and the address kept to copy
  const broken = link.slice(0, link.length - 25);
  await other.goto(broken.replace(/^https?:\/\/[^/]+/, ""));
  await expect(viewer.alert).toContainText("The shared link is damaged or cut short");
  await expect(viewer.alert).toContainText("The run on screen stays");
  await expect(viewer.status).toHaveText(/^t = 300\.000 ms$/);
  expect(await viewer.traceHash()).toBe(hash);
  await expect(viewer.node("A")).toHaveAttribute("data-state", "crashed");
  expect(other.url()).toContain(broken.split("#")[1]);
  // and shown beside the message, ready to copy
  await expect(
    other.getByRole("textbox", { name: "The link that could not be opened" }),
  ).toHaveValue(broken);
  // opened in a fresh page, the same link shows the default scenario instead
  const third = await context.newPage();
  const fresh = new AppPage(third);
  await third.goto(broken.replace(/^https?:\/\/[^/]+/, ""));
  await expect(fresh.alert).toContainText('Showing "default" instead');
  await fresh.waitLoaded();
  await expect(
    third.getByRole("heading", { name: "Five nodes, N = 3, R = 2, W = 2" }),
  ).toBeVisible();
  expect(fresh.problems).toEqual([]);
  expect(app.problems).toEqual([]);
  expect(viewer.problems).toEqual([]);
});

test("the share box goes with Escape or a click elsewhere, and the link in it can be selected", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=2");
  const share = page.getByRole("button", { name: "Share" });
  const box = page.getByRole("textbox", { name: "Link to this run" });
  await share.click();
  await expect(box).toBeVisible();
  await box.click(); // inside: stays
  await expect(box).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(box).toHaveCount(0);
  // the focus was in the box: it goes back to Share
  await expect(share).toBeFocused();
  await share.click();
  await expect(box).toBeVisible();
  await app.node("A").click(); // elsewhere: goes, and the click still does its work
  await expect(box).toHaveCount(0);
  await expect(app.node("A")).toHaveAttribute("data-state", "crashed");
  expect(app.problems).toEqual([]);
});
