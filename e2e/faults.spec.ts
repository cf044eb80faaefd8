import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";

test("partition the ring from the Faults panel: writes take a hinted path across the cut, and the partition heals", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const app = new AppPage(page);
  await app.open("#preset=default&seed=5");
  const faults = page.getByRole("region", { name: "Faults" });
  await expect(page.getByTestId("faults-now")).toHaveText("The network is healthy.");
  // C and D go to the other side; the clients stay with A, B and E
  await faults.getByRole("checkbox", { name: "C", exact: true }).check();
  await faults.getByRole("checkbox", { name: "D", exact: true }).check();
  await faults.getByRole("button", { name: "Partition" }).click();
  await expect(page.getByTestId("faults-now")).toContainText(
    "partition {A, B, E, client1, client2} | {C, D}",
  );
  await expect(app.node("C")).toHaveAccessibleDescription(/cut off by the partition/);
  await expect(app.node("A")).not.toHaveAccessibleDescription(/cut off/);
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText("partition A,B,E,client1,client2 | C,D");

  // writes whose replicas include C or D are stored at stand-ins as hints
  await app.setSpeed("1/10x");
  await app.play();
  await expect(page.getByText(/hints? for [CD]/).first()).toBeVisible({ timeout: 60_000 });
  await app.pause();
  await expect(page.getByTestId("replication-figures")).toContainText(/hints stored [1-9]/);

  await faults.getByRole("button", { name: "Heal" }).click();
  await expect(page.getByTestId("faults-now")).toHaveText("The network is healthy.");
  await expect(app.node("C")).not.toHaveAccessibleDescription(/cut off/);
  await page.screenshot({ path: "test-results/playwright/faults.png" });
  expect(app.problems).toEqual([]);
});

test("during a partition each client is drawn on its own side of the wall", async ({ page }) => {
  const app = new AppPage(page);
  await app.open("#preset=partition&seed=1");
  const slider = page.getByRole("slider", { name: "Time in the run" });
  await slider.fill("400");
  await slider.blur();
  await expect(app.status).toHaveText(/^t = 400\.000 ms$/);
  await expect(page.getByTestId("fault-overlay")).toHaveAttribute("data-wall", "yes");
  // where the wall and each process are, in page coordinates
  const wall = await page
    .locator(".fault-wall line")
    .first()
    .evaluate((l) => {
      const box = (l as SVGLineElement).ownerSVGElement?.getBoundingClientRect() ?? {
        left: 0,
        top: 0,
      };
      const n = (a: string) => Number(l.getAttribute(a));
      return {
        from: { x: box.left + n("x1"), y: box.top + n("y1") },
        to: { x: box.left + n("x2"), y: box.top + n("y2") },
      };
    });
  const centre = async (
    box: Promise<{ x: number; y: number; width: number; height: number } | null>,
  ) => {
    const b = await box;
    if (b === null) throw new Error("not drawn");
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  };
  const side = (p: { x: number; y: number }) =>
    Math.sign(
      (wall.to.x - wall.from.x) * (p.y - wall.from.y) -
        (wall.to.y - wall.from.y) * (p.x - wall.from.x),
    );
  const chip = (name: string) =>
    centre(page.locator(".client-chip", { hasText: name }).locator("rect").boundingBox());
  const node = (name: string) => centre(app.node(name).boundingBox());
  // the preset's groups: A, B and client1 | C, D, E and client2
  const one = await Promise.all([node("A"), node("B"), chip("client1")]);
  const two = await Promise.all([node("C"), node("D"), node("E"), chip("client2")]);
  const s1 = new Set(one.map(side));
  const s2 = new Set(two.map(side));
  expect(s1.size).toBe(1);
  expect(s2.size).toBe(1);
  expect([...s1][0]).not.toBe([...s2][0]);
  // after the heal the clients go back to the centre row
  await slider.fill("1000");
  await slider.blur();
  await expect(page.getByTestId("fault-overlay")).toHaveAttribute("data-wall", "no");
  const [c1, c2] = await Promise.all([chip("client1"), chip("client2")]);
  expect(Math.abs(c1.y - c2.y)).toBeLessThan(1);
  expect(c1.x).toBeLessThan(c2.x);
});

test("on a large cluster every node can be sent to the other side, and many clients go together", async ({
  page,
}) => {
  const app = new AppPage(page);
  await app.open("#preset=bench-64&seed=1");
  const faults = page.getByRole("region", { name: "Faults" });
  // the 64th node, past where the list used to stop, and the 128 clients as one choice
  await faults.getByRole("checkbox", { name: "BL", exact: true }).check();
  await faults.getByRole("checkbox", { name: "the 128 clients" }).check();
  await expect(faults.getByRole("checkbox", { name: "client1", exact: true })).toHaveCount(0);
  await faults.getByRole("button", { name: "Partition" }).click();
  await expect(page.getByTestId("faults-now")).toContainText(
    /\| \{BL, client1, client2, .*client128\}$/,
  );
  await expect(page.getByTestId("faults-now")).toContainText(/^partition \{A, B, .*BK\} \|/);
  expect(app.problems).toEqual([]);
});
