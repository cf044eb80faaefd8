/*
 * RingLab's service worker: after the first visit the app works offline.
 *
 * At install it caches every file the build lists in precache.json (scripts, styles, workers,
 * lazily loaded chunks) and the page itself. Then:
 * - the page (a navigation) comes from the network when there is one, so a new deploy shows at
 *   once, and from the cache when there is not;
 * - everything else comes from the cache first: built files have content hashes in their names, so
 *   a cached file never goes stale; a file not cached yet is fetched and kept.
 * Each online visit re-reads precache.json, fetches what a new build added and forgets what it
 * dropped, so one cache always holds one build. Only GET requests inside this worker's scope are
 * touched. Registered by main.tsx in production builds only.
 */

const CACHE = "ringlab";
const scope = self.registration.scope;

/** Brings the cache to the build precache.json lists; quietly does nothing when offline. */
async function precache() {
  const res = await fetch(new URL("precache.json", scope), { cache: "no-store" });
  if (!res.ok) return;
  const manifest = await res.json();
  if (!manifest || !Array.isArray(manifest.files)) return;
  const cache = await caches.open(CACHE);
  const wanted = [scope, ...manifest.files.map((f) => new URL(String(f), scope).href)];
  const have = new Set((await cache.keys()).map((r) => r.url));
  const page = (url) => url === scope || url.endsWith("/index.html");
  await Promise.all(
    wanted
      .filter((url) => page(url) || !have.has(url))
      .map(async (url) => {
        const got = await fetch(url, { cache: "no-cache" });
        if (got.ok) await cache.put(url, got);
      }),
  );
  const keep = new Set(wanted);
  await Promise.all([...have].filter((url) => !keep.has(url)).map((url) => cache.delete(url)));
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

async function fromNetworkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    const path = new URL(request.url).pathname;
    const isPage = path === new URL(scope).pathname || path.endsWith("/index.html");
    if (res.ok && isPage) await cache.put(scope, res.clone());
    return res;
  } catch (err) {
    const cached =
      (await cache.match(request, { ignoreSearch: true })) ?? (await cache.match(scope));
    if (cached) return cached;
    throw err;
  }
}

async function fromCacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const res = await fetch(request);
  if (res.ok && res.type === "basic") await cache.put(request, res.clone());
  return res;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(scope)) return;
  if (request.mode === "navigate") {
    event.respondWith(fromNetworkFirst(request));
    event.waitUntil(precache().catch(() => {}));
    return;
  }
  if (new URL(request.url).pathname.endsWith("/precache.json")) return;
  event.respondWith(fromCacheFirst(request));
});
