import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("switch from server-driven to client-driven coordination: the histograms move left, Table 2 beside them", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const app = new AppPage(page);
  await app.open("#preset=coordination&seed=1");
  const panel = page.getByRole("region", { name: "Latency" });
  const mode = panel.getByRole("combobox", { name: "Coordination" });
  await expect(mode).toHaveValue("server-driven");
  await app.runToEnd();
  const meanOf = async (name: string) => {
    const text = (await panel.getByText(new RegExp(`^${name}: mean`)).textContent()) ?? "";
    return Number(/mean ([\d.]+)/.exec(text)?.[1]);
  };
  await expect.poll(() => meanOf("gets")).toBeGreaterThan(0);
  const serverGet = await meanOf("gets");
  const serverPut = await meanOf("puts");
  const table = panel.getByRole("table", { name: "Table 2, measured beside the paper" });
  await expect(table).toContainText("server-driven");
  await expect(table.getByRole("row", { name: /the paper/ })).toContainText("68.9");
  await expect(panel.getByRole("img", { name: /Latency of \d+ successful gets/ })).toBeVisible();

  await mode.selectOption("client-driven");
  await app.waitLoaded();
  await expect(mode).toHaveValue("client-driven");
  await app.runToEnd();
  await expect(table).toContainText("client-driven");
  await expect(table.getByRole("row", { name: /the paper/ })).toContainText("30.4");
  await expect.poll(() => meanOf("gets")).toBeLessThan(serverGet);
  expect(await meanOf("puts")).toBeLessThan(serverPut);
  await page.screenshot({ path: "test-results/playwright/latency.png" });
  expect(app.problems).toEqual([]);
});
