import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("a crash is a span on the timeline from the crash until the recovery, named in words", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=5");
  await expect(app.faultSpans).toHaveCount(0);
  await app.play();
  await expect.poll(() => app.simTimeMs()).toBeGreaterThan(0.5);
  await app.pause();

  // crashed and still down: an open span, and the line under the bands says so
  await app.node("C").click();
  const span = app.faultSpans.getByRole("listitem", {
    name: /^C crashed at [\d.]+ ms, still down$/,
  });
  await expect(span).toHaveCount(1);
  await expect(span).toHaveAttribute("data-kind", "crash");
  await expect(span).toHaveClass(/fault-span-open/);
  await expect(page.getByTestId("fault-caption")).toHaveText(/C crashed at [\d.]+ ms, still down/);
  const open = await span.boundingBox();

  // recovered later: the span ends at the recovery
  await app.play();
  const t = await app.simTimeMs();
  await expect.poll(() => app.simTimeMs()).toBeGreaterThan(t + 1);
  await app.pause();
  await app.node("C").click();
  const ended = app.faultSpans.getByRole("listitem", { name: /^C crashed [\d.]+ ms – [\d.]+ ms$/ });
  await expect(ended).toHaveCount(1);
  await expect(ended).not.toHaveClass(/fault-span-open/);
  const closed = await ended.boundingBox();
  if (open === null || closed === null) throw new Error("no span drawn");
  // it no longer runs to the end of the run
  expect(closed.width).toBeLessThan(open.width);
  expect(closed.width).toBeGreaterThan(0);
  await expect(page.getByTestId("fault-caption")).toHaveText(
    /1 fault on the timeline, none in force now/,
  );
  await page.screenshot({ path: "test-results/playwright/fault-spans.png" });
  expect(app.problems).toEqual([]);
});

test("a scenario's own faults are spans before they happen: a partition from 300 ms until it heals", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=partition&seed=1");
  const wall = app.faultSpans.getByRole("listitem", {
    name: "Partition A,B,client1 | C,D,E,client2 300 ms – 900 ms",
  });
  await expect(wall).toHaveCount(1);
  await expect(wall).toHaveAttribute("data-kind", "partition");
  expect(app.problems).toEqual([]);
});
