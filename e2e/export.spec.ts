import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { AppPage } from "./pages/app";

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

async function goTo(page: Page, app: AppPage, ms: number): Promise<void> {
  const slider = page.getByRole("slider", { name: "Time in the run" });
  await slider.fill(String(ms));
  await slider.blur();
  await expect(app.status).toHaveText(new RegExp(`^t = ${ms.toLocaleString("en-US")}\\.000 ms$`));
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("the ring saves as a standalone SVG with its nodes, and as a PNG at twice its size", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=2");
  await goTo(page, app, 300);

  const svg = await download(page, "Save the ring as SVG");
  expect(svg.name).toMatch(/^ringlab-default-seed-2-\d+ms-ring\.svg$/);
  const text = svg.bytes.toString("utf8");
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  expect(text).not.toContain("class=");
  // open it as a file would be opened: on its own, without the app's stylesheet
  const shown = await page.evaluate(async (markup) => {
    const doc = new DOMParser().parseFromString(markup, "image/svg+xml");
    const errors = doc.getElementsByTagName("parsererror").length;
    const letters = [...doc.querySelectorAll("text")].map((t) => t.textContent);
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
    await img.decode();
    return { errors, letters, width: img.naturalWidth, arcs: doc.querySelectorAll("path").length };
  }, text);
  expect(shown.errors).toBe(0);
  expect(shown.letters).toEqual(expect.arrayContaining(["A", "B", "C", "D", "E"]));
  expect(shown.arcs).toBeGreaterThanOrEqual(5);
  expect(shown.width).toBeGreaterThan(200);

  const png = await download(page, "Save the ring as PNG");
  expect(png.name).toMatch(/-ring\.png$/);
  const size = pngSize(png.bytes);
  const declared = /<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"/.exec(text);
  expect(declared).not.toBeNull();
  expect(size.width).toBe(2 * Number(declared?.[1]));
  expect(size.height).toBe(2 * Number(declared?.[2]));
  await expect(page.getByText(/^Saved ringlab-.*-ring\.png \(\d+ KB\)\.$/)).toBeVisible();
  expect(app.problems).toEqual([]);
});

test("the latency histograms and the history save as images", async ({ page }) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=2");
  await goTo(page, app, 900);
  const gets = await download(page, "Save the gets latency histogram as SVG");
  expect(gets.bytes.toString("utf8")).toContain("<rect");
  await page.getByRole("button", { name: "History", exact: true }).click();
  const history = await download(page, "Save the history as PNG");
  expect(pngSize(history.bytes).width).toBeGreaterThan(600);
  expect(app.problems).toEqual([]);
});

test("the version graph and the space-time diagram save as images too", async ({ page }) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open("#preset=figure-3&seed=1");
  await goTo(page, app, 240);
  await page
    .getByRole("region", { name: "Replication" })
    .getByRole("button", { name: "Versions of cart" })
    .click();
  await expect(app.versions).toBeVisible();
  const graph = await download(page, "Save the versions of cart as SVG");
  expect(graph.name).toMatch(/-versions-of-cart\.svg$/);
  expect(graph.bytes.toString("utf8")).toContain("D3");

  await page.getByRole("button", { name: "Space-time diagram" }).click();
  await expect(page.getByTestId("spacetime")).toBeVisible();
  await expect
    .poll(async () =>
      Number(await page.getByTestId("spacetime-canvas").getAttribute("data-events")),
    )
    .toBeGreaterThan(3);
  const png = await download(page, "Save the space-time diagram as PNG");
  expect(pngSize(png.bytes).width).toBeGreaterThan(200);
  const svg = await download(page, "Save the space-time diagram as SVG");
  expect(svg.bytes.toString("utf8")).toMatch(/<image [^>]*href="data:image\/png;base64,/);
  expect(app.problems).toEqual([]);
});
