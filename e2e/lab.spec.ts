import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { aggregate } from "../src/sim/experiments/experiments";
import { runExperiment } from "../src/sim/experiments/labRuns";
import { chartRows, toCsv } from "../src/views/lab/chartLayout";
import { figuresOf } from "../src/views/lab/figures";
import { AppPage } from "./pages/app";
import { LabPage } from "./pages/lab";

// runs of real experiments on a machine the other specs share: room beyond the 30 s default
test.describe.configure({ timeout: 90_000 });

const SMALL_TABLE2 = "#lab=table2&seeds=1..4&requests=2000&nodes=10";

test("run the Table 2 experiment: the progress bar completes, the seeds are listed and both figures are drawn", async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.open(SMALL_TABLE2);
  await expect(
    page.getByRole("heading", { name: "Client- vs server-driven coordination (Table 2)" }),
  ).toBeVisible();
  await expect(lab.field("Requests per mode")).toHaveValue("2000");
  await lab.runToCompletion(4);
  await expect(lab.progress).toHaveAttribute("data-status", "done");
  await expect(lab.seeds).toContainText("Seeds measured (4): 1..4");
  const table = lab.figure(/Table 2: the paper's latencies/);
  await expect(table).toContainText("server-driven");
  await expect(table).toContainText("68.90"); // the paper's p99.9 read, beside the measured one
  await expect(table).toContainText("measured");
  const cdf = lab.figure("Latency distribution per mode");
  for (const series of [
    "server-driven reads",
    "client-driven reads",
    "server-driven writes",
    "client-driven writes",
  ]) {
    await expect(cdf.locator(`[data-series="${series}"] path.lab-line`)).toHaveAttribute(
      "d",
      /^M[\d.]+,[\d.]+L/,
    );
  }
  await expect(cdf).toContainText("latency (ms, log scale)");
  expect(lab.problems).toEqual([]);
});

test("with too few seeds, an interval wider than the chart ends in an arrow and the caption says why", async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.open("#lab=table2&seeds=1..2&requests=2000&nodes=10");
  await lab.runToCompletion(2);
  const cdf = lab.figure("Latency distribution per mode");
  // two seeds: the t-interval's half-width is 12.7 standard errors, past zero at p99.9
  await expect(cdf.locator('.lab-bar[data-open="true"]').first()).toBeVisible();
  await expect(cdf).toContainText("A dashed bar ending in an arrow runs past the axis");
  await expect(lab.figure(/Table 2: the paper's latencies/)).toContainText(
    /in every column in (all 2 seeds|[01] of 2 seeds)/,
  );
  // one seed: no interval at all, so no bar and no warning
  await lab.field("Seeds").fill("1");
  await lab.runToCompletion(1);
  await expect(cdf.locator(".lab-bar")).toHaveCount(0);
  await expect(cdf).not.toContainText("runs past the axis");
  await expect(lab.figure(/Table 2: the paper's latencies/)).toContainText(
    "One seed gives no interval",
  );
  expect(lab.problems).toEqual([]);
});

test("cancel a running experiment: the bar stops, no more runs arrive, and it can run again", async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.open("#lab=table2&seeds=1..20&requests=40000&nodes=20");
  await lab.runButton.click();
  await expect(lab.status).toContainText("Running:");
  await expect(lab.cancelButton).toBeEnabled();
  await lab.cancelButton.click();
  await expect(lab.status).toContainText(/Cancelled after \d+ of 20 runs/);
  await expect(lab.progress).toHaveAttribute("data-status", "cancelled");
  await expect(lab.cancelButton).toBeDisabled();
  const doneAtCancel = await lab.done();
  expect(doneAtCancel).toBeLessThan(20);
  await page.waitForTimeout(2500); // a worker still running would have answered by now
  expect(await lab.done()).toBe(doneAtCancel);
  // the pool starts fresh workers for the next run
  await lab.field("Requests per mode").fill("1000");
  await lab.field("Seeds").fill("1..2");
  await lab.runToCompletion(2);
  expect(lab.problems).toEqual([]);
});

test("export a figure's data as CSV: the file holds what Node computes for the same seeds", async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.open("#lab=keys-moved&seeds=1..3&nodes=5,20&keys=1000");
  await lab.runToCompletion(3);
  const figure = lab.figure("Keys that change owner when one node joins");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    figure.getByRole("button", { name: /as CSV$/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(
    "ringlab-lab-keys-moved-seeds-1-to-3-keys-moved-join.csv",
  );
  const csv = readFileSync((await download.path()) as string, "utf8");
  expect(csv.split("\r\n")[0]).toBe(
    "series,nodes,fraction moved,fraction moved low,fraction moved high",
  );
  // the same experiment in Node, through the same aggregation and figure
  const params = { nodes: [5, 20], keys: 1000 };
  const runs = [1, 2, 3].map((seed) => ({
    seed,
    result: runExperiment("keys-moved", params, seed),
  }));
  const join = figuresOf(aggregate("keys-moved", runs))[0];
  if (join?.kind !== "chart") throw new Error("expected a chart");
  expect(csv).toBe(toCsv(chartRows(join.spec)));
  expect(lab.problems).toEqual([]);
});

test("the address holds the experiment: a bad value is explained and the lab stays usable", async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.open("#lab=staleness&seeds=1..2&trials=abc&models=ymmr");
  await expect(lab.alert).toContainText(
    'trials must be a whole number from 50 to 20000, got "abc"',
  );
  await expect(lab.field("ymmr")).toBeChecked();
  await expect(lab.field("lnkd-ssd")).not.toBeChecked();
  await lab.field("Seeds").fill("3..1");
  await lab.runButton.click();
  await expect(lab.alert).toContainText('the seed range "3..1" runs backwards');
  // changing the form keeps the address shareable
  await lab.field("Writes per curve").fill("60");
  await lab.field("Seeds").fill("1");
  await expect
    .poll(() => page.evaluate(() => window.location.hash))
    .toBe("#lab=staleness&seeds=1&models=ymmr&quorums=R1W1,R1W2,R2W1&trials=60");
  await lab.runToCompletion(1);
  await expect(lab.figure(/P\(consistent read\)/)).toContainText("PBS Table 4: t for 99.9%");
});

test("open one run of an experiment in the live view, and go back and forth from the header", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=1");
  for (let i = 0; i < 5; i++) await app.stepButton.click();
  await expect.poll(() => app.simTimeMs()).toBeGreaterThan(0);
  const before = await app.simTimeMs();
  // to the lab and back: the live run is where it was, not reloaded
  await page.getByRole("link", { name: "Experiments" }).click();
  const lab = new LabPage(page);
  await expect(lab.runButton).toBeVisible();
  await page.getByRole("link", { name: "← Back to the live view" }).click();
  await app.waitLoaded();
  expect(await app.simTimeMs()).toBe(before);
  await page.getByRole("link", { name: "Experiments" }).click();
  await expect(lab.runButton).toBeVisible();
  await page.getByRole("link", { name: /N, R, W: latency/ }).click();
  await lab.field("Seeds").fill("5..6");
  await lab.runToCompletion(2);
  await page.getByRole("combobox", { name: "Seed", exact: true }).selectOption("6");
  await page.getByRole("combobox", { name: "Run", exact: true }).selectOption({ label: "N3R2W2" });
  await page.getByRole("button", { name: "Open this run in the live view" }).click();
  await app.waitLoaded();
  await expect(page.getByText("quorum-N3R2W2-partition")).toBeVisible();
  await expect(page.getByText("seed 6", { exact: true })).toBeVisible();
  await app.runToEnd();
  expect(app.problems).toEqual([]);
});

test("on a laptop screen, Run stays in sight however tall the parameters are", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const lab = new LabPage(page);
  await lab.open("#lab=quorum-sweep&seeds=1..2");
  // the form is taller than the window here: Run sits at the foot of the sidebar, not below it
  const sidebar = page.getByRole("navigation", { name: "Experiments" });
  expect(await sidebar.evaluate((n) => n.scrollHeight > n.clientHeight)).toBe(true);
  await expect(lab.runButton).toBeInViewport({ ratio: 1 });
  // the figures' export buttons sit under each chart, so side-by-side charts start level
  await lab.runToCompletion(2);
  const tops = await page
    .locator("figure.lab-figure .lab-figure-body svg")
    .evaluateAll((svgs) => svgs.slice(0, 2).map((s) => Math.round(s.getBoundingClientRect().top)));
  expect(tops).toHaveLength(2);
  expect(tops[0]).toBe(tops[1]);
  expect(lab.problems).toEqual([]);
});
