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
  /** (`onBad` "stay" only) the address names no loadable run: the run on screen should stay */
  stay: boolean;
}

/**
 * `onBad` says what a bad address leads to, and so what its messages say: "default" (opening the
 * app: the default preset, or seed 1) or "stay" (the address changed under a running app: the run
 * on screen stays, rather than lose what the user did in it).
 */
export function parseHash(hash: string, onBad: "default" | "stay" = "default"): UrlChoice {
  const stays = onBad === "stay";
  let preset = DEFAULT_PRESET;
  let seed = DEFAULT_SEED;
  let stay = false;
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  const problems: string[] = [];
  const unknown = [...new Set(params.keys())].filter((k) => k !== "preset" && k !== "seed");
  if (unknown.length > 0) {
    const names = unknown.slice(0, 3).map((k) => `"${shorten(k)}"`);
    const bare = !params.has("preset") && !params.has("seed");
    problems.push(
      `The address holds ${names.join(", ")}${unknown.length > 3 ? " and more" : ""}, which RingLab does not read (a scenario link looks like #preset=default&seed=1); ${stays && bare ? "the run on screen stays" : unknown.length === 1 ? "it was ignored" : "they were ignored"}.`,
    );
    if (bare) stay = stays;
  }

  const p = params.get("preset");
  if (p !== null) {
    if (isPreset(p)) preset = p;
    else {
      problems.push(
        `Unknown scenario "${shorten(p)}" in the address; ${stays ? "the run on screen stays" : `showing "${DEFAULT_PRESET}" instead`}; the Scenario menu lists the ${presetNames.length} scenarios.`,
      );
      stay = stays;
    }
  }
  const s = params.get("seed");
  if (s !== null) {
    const n = /^\d{1,15}$/.test(s.trim()) ? Number(s.trim()) : Number.NaN;
    if (Number.isSafeInteger(n)) seed = n;
    else {
      problems.push(
        `The seed "${shorten(s)}" in the address is not a whole number from 0 up; ${stays ? "the run on screen stays" : `using seed ${DEFAULT_SEED}`}.`,
      );
      stay = stays;
    }
  }
  return { preset, seed, problems, stay };
}

export function formatHash(preset: string, seed: number): string {
  return `#preset=${encodeURIComponent(preset)}&seed=${seed}`;
}

function shorten(text: string): string {
  // control characters would only confuse: show them as "?"
  const clean = Array.from(text, (ch) => (ch < " " || ch === "\u007f" ? "?" : ch)).join("");
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
