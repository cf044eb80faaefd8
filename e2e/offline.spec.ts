import { expect, test } from "@playwright/test";
import { AppPage } from "./pages/app";
import { type StaticSite, serveDist } from "./staticServer";

test.use({ serviceWorkers: "allow" });

let site: StaticSite;
test.beforeAll(async () => {
  site = await serveDist("dist", "/courses/ds/ringlab/");
});
test.afterAll(async () => {
  await site.close();
});

test("the built site works from a sub-path, and offline after the first visit", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const app = new AppPage(page);
  await page.goto(`${site.url}#preset=sloppy-quorum&seed=3`);
  await app.waitLoaded();
  // everything came from under the mount: nothing asked for by an absolute path
  expect(site.requests.filter((p) => !p.startsWith("/courses/ds/ringlab/"))).toEqual([]);
  await app.play();
  await expect.poll(() => app.simTimeMs()).toBeGreaterThan(0);
  await app.pause();
  // the service worker has cached the build
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const reg = await navigator.serviceWorker.ready;
          const cache = await caches.open("ringlab");
          return reg.active !== null ? (await cache.keys()).length : 0;
        }),
      { timeout: 30_000 },
    )
    .toBeGreaterThan(5);

  // let the service worker's own refresh of the cache finish before the network goes
  await expect
    .poll(
      async () => {
        const n = site.requests.length;
        await page.waitForTimeout(500);
        return site.requests.length - n;
      },
      { timeout: 30_000 },
    )
    .toBe(0);
  await context.setOffline(true);
  const before = site.requests.length;
  await page.reload();
  // a busy machine may take a while to start the worker again
  await expect(app.app).toHaveAttribute("data-playback", "paused", { timeout: 30_000 });
  await app.waitLoaded();
  await expect(
    page.getByRole("heading", { name: "Sloppy quorum and hinted handoff" }),
  ).toBeVisible();
  await app.play();
  await expect.poll(() => app.simTimeMs()).toBeGreaterThan(0);
  await app.pause();
  // another scenario, a lazily loaded screen's worker included, still offline
  await app.navigate("#preset=gossip&seed=1");
  await app.runToEnd();
  // nothing the page needed came from the server. The browser's own update check of the service
  // worker's script may still reach it (Chromium makes it outside the page's emulated offline
  // state); offline for real it fails, and the installed worker carries on.
  expect(site.requests.slice(before).filter((p) => !p.endsWith("/sw.js"))).toEqual([]);
  expect(app.problems).toEqual([]);
});
