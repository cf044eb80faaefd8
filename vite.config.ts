import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precacheManifest } from "./scripts/precache";

export default defineConfig({
  // relative asset URLs: the built site works from any path (https://host/any/where/)
  base: "./",
  plugins: [react(), precacheManifest()],
  server: { host: "127.0.0.1", port: 5173, strictPort: false },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true },
  worker: { format: "es" },
  build: { target: "es2022", sourcemap: true },
});
