import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("add a node to the ring and see the share of keys that moved, beside mod-N; then remove one", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open("#preset=join-leave&seed=1");
  const membership = page.getByRole("region", { name: "Membership" });
  await expect(membership).toContainText("5 nodes on the ring; off the ring: F");
  await expect(app.node("F")).toHaveAccessibleDescription(/not on the ring/);
  const ring = page.locator(".ring-svg");
  const before = await ring.innerHTML();

  await app.setSpeed("1/10x");
  await app.playUntil(200);
  await membership.getByRole("button", { name: "Add F to the ring" }).click();
  await expect(membership).toContainText("6 nodes on the ring");
  const moved = page.getByTestId("keys-moved");
  await expect(moved).toContainText(/F joined \(5 → 6 nodes\): \d+\.\d% of keys moved/);
  const share = Number(/(\d+\.\d)% of keys moved/.exec((await moved.textContent()) ?? "")?.[1]);
  const modN = Number(/would have moved (\d+\.\d)%/.exec((await moved.textContent()) ?? "")?.[1]);
  expect(share).toBeGreaterThan(0);
  expect(share).toBeLessThan(25);
  expect(modN).toBeGreaterThan(60);
  // the ring is redrawn with F's range
  await expect.poll(() => ring.innerHTML()).not.toBe(before);
  await expect(app.node("F")).not.toHaveAccessibleDescription(/not on the ring/);

  // keys move to F: it comes to hold some
  await app.play();
  await expect(app.node("F")).toHaveAccessibleDescription(/up, [1-9]\d* keys?/, {
    timeout: 30_000,
  });
  await app.pause();

  await membership.getByRole("combobox", { name: "Node to remove" }).selectOption("B");
  await membership.getByRole("button", { name: "Remove B" }).click();
  await expect(moved).toContainText(/B left \(6 → 5 nodes\)/);
  await expect(app.node("B")).toHaveAccessibleDescription(/not on the ring/);
  await page.screenshot({ path: "test-results/playwright/membership.png" });
  expect(app.problems).toEqual([]);
});
