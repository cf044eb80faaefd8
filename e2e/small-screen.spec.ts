import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test("on a 1024-pixel screen the header fits and the legend keeps clear of the ring", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const app = new AppPage(page);
  await app.open("#preset=sloppy-quorum&seed=1");
  // every header control whole, none cut off at the right edge; the picker keeps its name
  for (const name of ["Load", "Lessons", "Share"])
    await expect(page.getByRole("button", { name, exact: true })).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole("link", { name: "Experiments" })).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole("combobox", { name: "Scenario" })).toBeVisible();
  const brand = await page.getByRole("heading", { name: "RingLab", level: 1 }).boundingBox();
  const picker = await page.getByRole("combobox", { name: "Scenario" }).boundingBox();
  if (brand === null || picker === null) throw new Error("no header");
  expect(brand.x + brand.width).toBeLessThanOrEqual(picker.x);

  // with hints piling up on D and E, their status lines are long
  const slider = page.getByRole("slider", { name: "Time in the run" });
  await slider.fill("450");
  await slider.blur();
  await expect(app.status).toHaveText(/^t = 450\.000 ms$/);
  // text on text is what cannot be read: no legend entry under a node or a node's status line
  const boxes = (selector: string) =>
    page.locator(selector).evaluateAll((els) =>
      els.map((e) => {
        // the extent of what is written, not of the box it is in (a legend entry is as wide as
        // the legend's longest)
        const range = document.createRange();
        range.selectNodeContents(e);
        const r = range.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height, text: e.textContent ?? "" };
      }),
    );
  const entries = await boxes(".legend li");
  const ring = [
    ...(await boxes(".ring-stage .node-status")),
    ...(await boxes(".ring-stage button.node")),
  ];
  expect(entries.length).toBeGreaterThanOrEqual(8);
  expect(ring.length).toBe(10);
  for (const e of entries)
    for (const r of ring)
      expect(overlap(e, r), `legend "${e.text.trim()}" under "${r.text.trim()}"`).toBe(false);
  expect(app.problems).toEqual([]);
});
