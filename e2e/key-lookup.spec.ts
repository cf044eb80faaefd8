import { expect, test } from "@playwright/test";
import { keyPosition, presetScenario, ringOf } from "../src/sim/index.ts";
import { AppPage } from "./pages/app";

test("looking up a key shows its ring position, its range and its N replicas in order; clearing it removes them", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=default&seed=1");
  const ring = ringOf(presetScenario("default"));
  const names = ring.names;
  const replicas = ring.preferenceList("k7", 3).map((i) => names[i] as string);
  expect(replicas).toHaveLength(3);
  const [first, second, third] = replicas;
  const owner = ring.successorToken(keyPosition("k7"));
  const prev = ring.tokens[(owner - 1 + ring.tokens.length) % ring.tokens.length];
  const from = names[prev?.node ?? -1];

  await expect(app.keyPlacement).toContainText("Type a key");
  await app.lookUpKey("k7");
  await expect(app.keyPlacement).toHaveText(
    new RegExp(
      `^Key "k7" hashes to 0\\.\\d{4} of the ring, in the range \\(${from}, ${first}\\]: it is stored at ${first}, ${second} and ${third} \\(${first} coordinates\\)\\.$`,
    ),
  );
  await expect(app.keyPlacement).toHaveAttribute("aria-live", "polite");
  // the hash, so that students see it is one
  await expect(page.getByText(`${keyPosition("k7").slice(0, 8)}…`)).toBeVisible();
  // the replicas are marked on the ring, coordinator first
  for (const [k, name] of replicas.entries()) {
    const node = app.node(name);
    await expect(node).toHaveAttribute("data-replica-rank", String(k + 1));
    await expect(node).toHaveCSS("outline-style", "solid");
    await expect(node).toHaveAccessibleDescription(
      k === 0 ? /coordinator of the key$/ : new RegExp(`replica ${k + 1} of the key$`),
    );
  }
  for (const name of names.filter((n) => !replicas.includes(n))) {
    await expect(app.node(name)).not.toHaveAttribute("data-replica-rank");
  }
  await expect(page.getByTestId("key-marker")).toBeVisible();

  // any text is a key
  await app.lookUpKey("hello world");
  const other = ring.preferenceList("hello world", 3).map((i) => names[i] as string);
  await expect(app.keyPlacement).toContainText(
    `it is stored at ${other[0]}, ${other[1]} and ${other[2]} (${other[0]} coordinates).`,
  );
  await expect(app.node(other[0] as string)).toHaveAttribute("data-replica-rank", "1");

  await app.clearKeyButton.click();
  await expect(app.keyInput).toHaveValue("");
  await expect(app.keyPlacement).toContainText("Type a key");
  await expect(page.getByTestId("key-marker")).toHaveCount(0);
  for (const name of names) await expect(app.node(name)).not.toHaveAttribute("data-replica-rank");
  await expect(app.clearKeyButton).toHaveCount(0);
  expect(app.problems).toEqual([]);
});
