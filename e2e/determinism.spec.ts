import { expect, test } from "@playwright/test";
import { presetScenario, Run } from "../src/sim/index.ts";
import { AppPage } from "./pages/app";

/** The trace hash of a whole run, computed here in Node by the simulation core itself. */
function coreHash(preset: string, seed: number): string {
  const run = new Run(presetScenario(preset), seed);
  run.runToEnd();
  return run.summary().traceHash;
}

test("a run in the browser has the same trace hash as the same run in Node; another seed differs", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=7");
  await app.runToEnd();
  const seven = await app.traceHash();
  expect(seven).toBe(coreHash("default", 7));
  await expect(app.status).toHaveText("t = 11,000.000 ms (finished)");
  await expect(app.playButton).toBeDisabled();

  await app.navigate("#preset=default&seed=8");
  await app.runToEnd();
  const eight = await app.traceHash();
  expect(eight).toBe(coreHash("default", 8));
  expect(eight).not.toBe(seven);
  expect(app.problems).toEqual([]);
});
