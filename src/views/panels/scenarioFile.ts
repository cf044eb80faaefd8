/**
 * Reading a scenario file the user opened, before the worker sees it: JSON, an object, plain data
 * only (no prototype keys), and the seed its name carries when RingLab saved it.
 */

import { plainJson } from "../../app/share";

/**
 * What a scenario file holds, or what is wrong with it: JSON, an object, plain data. The
 * scenario format itself is checked by the worker, which names each field that is wrong.
 */
export function readScenarioText(
  name: string,
  text: string,
): { ok: true; scenario: Record<string, unknown> } | { ok: false; problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, problem: `${name} is not JSON (${why.slice(0, 160)}).` };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { ok: false, problem: `${name} holds no scenario: a scenario is a JSON object.` };
  }
  const plain = plainJson(data);
  if (typeof plain !== "object" || plain === null) {
    return { ok: false, problem: `${name} nests too deeply or holds too much to be a scenario.` };
  }
  return { ok: true, scenario: plain as Record<string, unknown> };
}

/** The seed a saved file's name carries (`...-seed-11-...`), if any. */
export function seedInName(name: string): number | null {
  const m = /(?:^|[-_.])seed-(\d{1,15})(?=[-_.]|$)/.exec(name);
  const n = m === null ? Number.NaN : Number(m[1]);
  return Number.isSafeInteger(n) ? n : null;
}
