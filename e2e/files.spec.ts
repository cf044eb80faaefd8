import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { decodeShare } from "../src/app/share";
import { AppPage } from "./pages/app";

async function download(page: Page, button: string) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), "utf8") };
}

async function goTo(page: Page, app: AppPage, ms: number) {
  const slider = page.getByRole("slider", { name: "Time in the run" });
  await slider.fill(String(ms));
  await slider.blur();
  await expect(app.status).toHaveText(new RegExp(`^t = ${ms}\\.000 ms$`));
}

test("a saved scenario opens in a new page as the same run; its address opens it again", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await app.open("#preset=default&seed=11");
  await goTo(page, app, 150);
  await app.node("C").click();
  await expect(app.node("C")).toHaveAttribute("data-state", "crashed");
  await goTo(page, app, 400);
  const hash = await app.traceHash();

  const saved = await download(page, "Save scenario");
  expect(saved.name).toBe("ringlab-default-seed-11-400ms-scenario.json");
  const scenario = JSON.parse(saved.text);
  expect(scenario.timeline).toContainEqual({ atMs: 150, kind: "crash", node: "C" });

  const other = await context.newPage();
  const viewer = new AppPage(other);
  await viewer.open("#preset=key-placement&seed=2");
  const chooser = other.waitForEvent("filechooser");
  await other.getByRole("button", { name: "Open scenario…" }).click();
  await (await chooser).setFiles({
    name: saved.name,
    mimeType: "application/json",
    buffer: Buffer.from(saved.text),
  });
  await expect(other.getByText(`Opened ${saved.name} with seed 11.`)).toBeVisible();
  await viewer.waitLoaded();
  await expect(other.getByText("seed 11", { exact: true })).toBeVisible();
  await goTo(other, viewer, 400);
  expect(await viewer.traceHash()).toBe(hash);
  await expect(viewer.node("C")).toHaveAttribute("data-state", "crashed");

  // the address now holds the scenario itself
  expect(other.url()).toMatch(/#share=[A-Za-z0-9_-]+$/);
  const third = await context.newPage();
  const again = new AppPage(third);
  await third.goto(other.url().replace(/^https?:\/\/[^/]+/, ""));
  // a fresh page starts its worker and unpacks the scenario first: allow for a busy machine
  await expect(again.app).toHaveAttribute("data-playback", "paused", { timeout: 30_000 });
  await again.waitLoaded();
  await goTo(third, again, 400);
  expect(await again.traceHash()).toBe(hash);
  expect([...app.problems, ...viewer.problems, ...again.problems]).toEqual([]);
});

test("a bad scenario file says what is wrong and the run stays", async ({ page }) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=3");
  const open = async (name: string, text: string) => {
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "Open scenario…" }).click();
    await (await chooser).setFiles({
      name,
      mimeType: "application/json",
      buffer: Buffer.from(text),
    });
  };
  await open("broken.json", '{"version": 1,');
  await expect(page.getByText(/^broken\.json is not JSON/)).toBeVisible();
  // a crash first: what the user did must survive the bad file
  await app.node("B").click();
  await expect(app.node("B")).toHaveAttribute("data-state", "crashed");
  const hash = await app.traceHash();
  const address = page.url();
  await open("wrong.json", '{"version": 1, "quorum": {"n": 3, "r": 9}, "durationMs": -5}');
  await expect(app.alert).toContainText("the scenario has");
  await expect(app.alert).toContainText("durationMs");
  await expect(page.getByText("wrong.json was not opened")).toBeVisible();
  await app.waitLoaded();
  expect(await app.traceHash()).toBe(hash);
  await expect(app.node("B")).toHaveAttribute("data-state", "crashed");
  // the address and a shared link still hold the run on screen, not the refused file
  expect(page.url()).toBe(address);
  await page.getByRole("button", { name: "Share" }).click();
  const link = await page.getByRole("textbox", { name: "Link to this run" }).inputValue();
  const shared = await decodeShare(link.slice(link.indexOf("#")));
  expect(shared).toMatchObject({ ok: true, run: { preset: "default", seed: 3 } });
  await page.keyboard.press("Escape");
  await app.play();
  await expect.poll(() => app.simTimeMs()).toBeGreaterThan(0);
  await app.pause();
  expect(app.problems).toEqual([]);
});

test("the trace saves as JSON with the run's hash, and as a ShiViz log", async ({ page }) => {
  const app = new AppPage(page);
  await app.open("#preset=sloppy-quorum&seed=2");
  await goTo(page, app, 250);
  const hash = await app.traceHash();
  const trace = await download(page, "Save trace (JSON)");
  expect(trace.name).toBe("ringlab-sloppy-quorum-seed-2-250ms-trace.json");
  const file = JSON.parse(trace.text);
  expect(file.traceHash).toBe(hash);
  expect(file.events.length).toBeGreaterThan(100);
  await expect(
    page.getByText(new RegExp(`events to t = 250 ms \\(trace ${hash}\\)`)),
  ).toBeVisible();

  const log = await download(page, "Save ShiViz log");
  expect(log.name).toMatch(/-shiviz\.log$/);
  const [parser, delimiter, ...body] = log.text.split("\n");
  expect(delimiter).toBe("");
  const matches = [...body.join("\n").matchAll(new RegExp(parser as string, "g"))];
  expect(matches.length).toBeGreaterThan(100);
  const first = matches[0]?.groups ?? {};
  expect(JSON.parse(first.clock ?? "")).toEqual({ [first.host ?? "?"]: 1 });
  expect(app.problems).toEqual([]);
});
