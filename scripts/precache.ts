/**
 * A Vite plugin that lists what a build emitted in `precache.json`, for the service worker
 * (`public/sw.js`) to fetch at install so that every part of the app, lazily loaded chunks and
 * workers included, works offline after the first visit. Source maps are left out (large, and only
 * for developers). `version` changes whenever the list does.
 */

import { createHash } from "node:crypto";
import type { Plugin } from "vite";

export function precacheManifest(): Plugin {
  return {
    name: "ringlab-precache",
    apply: "build",
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => !f.endsWith(".map"))
        .sort();
      const version = createHash("sha256").update(files.join("\n")).digest("hex").slice(0, 16);
      this.emitFile({
        type: "asset",
        fileName: "precache.json",
        source: `${JSON.stringify({ version, files }, null, 2)}\n`,
      });
    },
  };
}
