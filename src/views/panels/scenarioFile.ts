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
    if (looksLikeHistory(text)) return { ok: false, problem: historyHint(name) };
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, problem: `${name} is not JSON (${why.slice(0, 160)}).` };
  }
  if (Array.isArray(data) && looksLikeHistory(text))
    return { ok: false, problem: historyHint(name) };
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { ok: false, problem: `${name} holds no scenario: a scenario is a JSON object.` };
  }
  const plain = plainJson(data);
  if (typeof plain !== "object" || plain === null) {
    return { ok: false, problem: `${name} nests too deeply or holds too much to be a scenario.` };
  }
  return { ok: true, scenario: plain as Record<string, unknown> };
}

/**
 * True for a Jepsen/Knossos or Porcupine history (EDN maps of :process and :type, or JSON events
 * with "process" and "type"), which a user may well try to open here.
 */
function looksLikeHistory(text: string): boolean {
  const head = text.slice(0, 2000);
  return (
    /^[\s\uFEFF]*[[(]?\s*\{\s*:(process|type|f|value|index|time)\b/.test(head) ||
    /^[\s\uFEFF]*\[\s*\{\s*"(process|type)"\s*:/.test(head)
  );
}

function historyHint(name: string): string {
  return `${name} looks like a history of operations, not a scenario. Files opens scenarios; the command line checks histories: npm run --silent ringlab -- check ${name.slice(0, 80)}`;
}

/** The seed a saved file's name carries (`...-seed-11-...`), if any. */
export function seedInName(name: string): number | null {
  const m = /(?:^|[-_.])seed-(\d{1,15})(?=[-_.]|$)/.exec(name);
  const n = m === null ? Number.NaN : Number(m[1]);
  return Number.isSafeInteger(n) ? n : null;
}
