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

test("side by side: both coordination modes at the same instant, each beside the paper's Table 2", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const app = new AppPage(page);
  await app.open("#preset=coordination&seed=2");
  const panel = page.getByRole("region", { name: "Latency" });
  await panel.getByRole("checkbox", { name: /Side by side with client-driven/ }).check();
  const compare = page.getByRole("region", { name: /side by side/ });
  await expect(compare).toBeVisible();
  await app.runToEnd();
  const table = compare.getByRole("table", { name: /both modes/ });
  await expect(table.getByRole("row", { name: /server-driven measured/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /client-driven measured/ })).toBeVisible();
  await expect(table).toContainText("68.9");
  await expect(table).toContainText("30.4");
  // client-driven comes out faster on average in both columns
  const cells = async (mode: string) =>
    (
      await table
        .getByRole("row", { name: new RegExp(`${mode} measured`) })
        .getByRole("cell")
        .allTextContents()
    )
      .slice(1)
      .map(Number);
  const server = await cells("server-driven");
  const client = await cells("client-driven");
  expect(client[2]).toBeLessThan(server[2] as number);
  expect(client[3]).toBeLessThan(server[3] as number);
  await expect(compare.locator('[data-mode="client-driven"]')).toContainText("its twin");
  await expect(compare.getByRole("img", { name: /Latency of \d+ successful gets/ })).toHaveCount(2);
  await page.screenshot({ path: "test-results/playwright/latency-side-by-side.png" });
  await compare.getByRole("button", { name: "Close the side-by-side comparison" }).click();
  await expect(compare).toHaveCount(0);
  expect(app.problems).toEqual([]);
});
