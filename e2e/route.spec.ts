import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("the route of a request, hop by hop: server-driven goes through the load balancer and a forwarding node", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open("#preset=coordination&seed=1");
  await page.getByRole("button", { name: "History" }).click();
  await app.setSpeed("1/10x");
  await app.playUntil(40);
  const ops = page.locator("[data-op].hop-ok");
  await expect.poll(() => ops.count()).toBeGreaterThan(2);
  await ops.first().focus();
  await page.keyboard.press("Enter");
  const list = page.getByRole("list", { name: /Route of operation \d+/ });
  await expect(list).toBeVisible();
  const hops = await list.getByRole("listitem").allTextContents();
  expect(hops[0]).toMatch(/^client\d → lb (get|put)/);
  expect(hops[1]).toMatch(/^lb → [A-L] (get|put)/);
  expect(hops.some((h) => /replica_(read|write) /.test(h))).toBe(true);
  expect(hops.some((h) => /→ client\d (get|put)_ok/.test(h))).toBe(true);
  const overlay = page.getByRole("img", { name: /Route of operation \d+ .*messages in \d+ steps/ });
  await expect(overlay).toBeVisible();
  await page.screenshot({ path: "test-results/playwright/route.png" });

  // client-driven: no load balancer anywhere on the route
  await page
    .getByRole("region", { name: "Latency" })
    .getByRole("combobox", { name: "Coordination" })
    .selectOption("client-driven");
  await app.waitLoaded();
  await app.setSpeed("1/10x");
  await app.playUntil(60);
  await expect.poll(() => ops.count()).toBeGreaterThan(2);
  await ops.last().focus();
  await page.keyboard.press("Enter");
  await expect(list).toBeVisible();
  const direct = await list.getByRole("listitem").allTextContents();
  expect(direct[0]).toMatch(/^client\d → [A-L] (get|put)/);
  expect(direct.some((h) => h.includes("lb"))).toBe(false);
  expect(app.problems).toEqual([]);
});
