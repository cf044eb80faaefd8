/**
 * The URL chooses the scenario: `#preset=<name>&seed=<n>`. Parsing is defensive: whatever the hash
 * holds, the result is a known preset and a valid seed, plus plain-text problems to show (never
 * markup: the views render them as text). The other kinds of link (`#share=`, `#run=`, `#lesson=`,
 * `#lab=`) are told apart before this is called; anything else in the fragment (a mistyped name, a
 * link cut short) is named, so a broken link is never silently replaced by the default.
 */

import { isPreset, presetNames } from "../sim/catalog";
import { DEFAULT_SEED } from "../store/appStore";

export const DEFAULT_PRESET = "default";

export interface UrlChoice {
  preset: string;
  seed: number;
  problems: string[];
}

export function parseHash(hash: string): UrlChoice {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  const problems: string[] = [];
  const unknown = [...new Set(params.keys())].filter((k) => k !== "preset" && k !== "seed");
  if (unknown.length > 0) {
    const names = unknown.slice(0, 3).map((k) => `"${shorten(k)}"`);
    problems.push(
      `The address holds ${names.join(", ")}${unknown.length > 3 ? " and more" : ""}, which RingLab does not read (a scenario link looks like #preset=default&seed=1); ${unknown.length === 1 ? "it was" : "they were"} ignored.`,
    );
  }
  let preset = DEFAULT_PRESET;
  let seed = DEFAULT_SEED;
  const p = params.get("preset");
  if (p !== null) {
    if (isPreset(p)) preset = p;
    else
      problems.push(
        `Unknown scenario "${shorten(p)}" in the address; showing "${DEFAULT_PRESET}" instead; the Scenario menu lists the ${presetNames.length} scenarios.`,
      );
  }
  const s = params.get("seed");
  if (s !== null) {
    const n = /^\d{1,15}$/.test(s.trim()) ? Number(s.trim()) : Number.NaN;
    if (Number.isSafeInteger(n)) seed = n;
    else
      problems.push(
        `The seed "${shorten(s)}" in the address is not a whole number from 0 up; using seed ${DEFAULT_SEED}.`,
      );
  }
  return { preset, seed, problems };
}

export function formatHash(preset: string, seed: number): string {
  return `#preset=${encodeURIComponent(preset)}&seed=${seed}`;
}

function shorten(text: string): string {
  // control characters would only confuse: show them as "?"
  const clean = Array.from(text, (ch) => (ch < " " || ch === "\u007f" ? "?" : ch)).join("");
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
