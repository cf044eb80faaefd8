import { expect, type Page, test } from "@playwright/test";
import { AppPage } from "./pages/app";

/** Controls in the accessibility tree that have no name (lines like `- button` with no "..."). */
async function namelessControls(page: Page): Promise<string[]> {
  const tree = await page.locator("body").ariaSnapshot();
  return tree
    .split("\n")
    .filter((line) =>
      /^\s*- (button|checkbox|combobox|slider|textbox|spinbutton|radio|switch|link|listbox|menuitem|tab)\b(?!\s+")/.test(
        line,
      ),
    );
}

test("every control has an accessible name, with every drawer and inspector open", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open("#preset=default&seed=1");
  await app.setSpeed("1/10x");
  await app.playUntil(30);
  await page.getByRole("button", { name: "Space-time diagram" }).click();
  await page.getByRole("button", { name: "History", exact: true }).click();
  await app.inspectButton("A").click();
  await page
    .getByRole("region", { name: /Recent messages/ })
    .locator(".log-inspect")
    .first()
    .click();
  await expect(page.getByTestId("message-inspector")).toBeVisible();
  await page.getByTestId("spacetime").getByRole("button", { name: "Latest operation" }).click();
  expect(await namelessControls(page)).toEqual([]);
  // the help overlay too
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  expect(await namelessControls(page)).toEqual([]);
  expect(app.problems).toEqual([]);
});

test("focus moves through the page in reading order: the header, the playback controls, then the rest", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=1");
  const order: string[] = [];
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press("Tab");
    order.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el?.getAttribute("aria-label") ?? el?.textContent?.trim() ?? el?.tagName ?? "";
      }),
    );
  }
  const at = (name: RegExp) => order.findIndex((x) => name.test(x));
  expect(at(/^Load$/)).toBeGreaterThanOrEqual(0);
  expect(at(/Play/)).toBeGreaterThan(at(/^Load$/));
  expect(at(/Step/)).toBeGreaterThan(at(/Play/));
});

test("the number keys set the speed, as the help overlay says", async ({ page }) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=1");
  const shown = page.getByText(/real time$/).first();
  await page.keyboard.press("7");
  await expect(shown).toHaveText(/^1x real time/);
  await page.keyboard.press("1");
  await expect(shown).toHaveText(/^1\/1000x real time/);
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toContainText("1 … 9");
});
