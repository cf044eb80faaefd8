/**
 * Shareable links: the whole of a run a user made — the scenario (a preset and how it was changed,
 * or a whole scenario imported from a file), the seed, the interventions the user made, and the
 * instant shown — as one URL fragment, `#share=<base64url of deflate-raw of JSON>`. Opening it
 * reproduces the same run at the same instant, since runs are deterministic.
 *
 * The JSON carries a format version, and a link made by an older RingLab is migrated forward
 * before use, one version at a time (`MIGRATIONS`):
 * - v1 `{ v: 1, preset, seed, change, live, atMs }`: presets only.
 * - v2 `{ v: 2, scenario: { preset, change } | { custom }, seed, live, atMs }`: the scenario is
 *   one field, which can also hold a whole scenario (`custom`, validated by the worker).
 * `#preset=..&seed=..` links are the oldest and shortest form, read by url.ts.
 *
 * Decoding trusts nothing: a link that is too long, truncated, not base64url, not deflate, not JSON,
 * of an unknown version or with fields of the wrong type gets a message naming what was wrong; the
 * interventions and a custom scenario are validated by the worker against the scenario format. Only
 * known fields are copied out of the parsed JSON, and a custom scenario is copied as plain JSON
 * without "__proto__", "constructor" or "prototype" keys, so nothing else reaches the app.
 */

import { isPreset } from "../sim/catalog";
import type { PresetChange } from "../worker/protocol";
import { formatHash } from "./url";

export const SHARE_VERSION = 2;
/** Longer fragments are refused before any decoding. */
export const SHARE_MAX_CHARS = 64 * 1024;

interface SharedCommon {
  seed: number;
  /** the user's interventions, as the worker listed them */
  live: unknown[];
  atMs: number;
}

/** A run to share: of a preset (as changed in the app), or of a whole scenario. */
export type SharedRun = SharedCommon &
  ({ preset: string; change: PresetChange } | { scenario: unknown });

/** Deepest nesting and most values a custom scenario in a link may have. */
const CUSTOM_MAX_DEPTH = 32;
const CUSTOM_MAX_VALUES = 200_000;

export type Decoded = { ok: true; run: SharedRun } | { ok: false; problem: string };

function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const b64 = text.replaceAll("-", "+").replaceAll("_", "/");
  try {
    const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream) {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** The current format's JSON for a run. */
export function shareData(run: SharedRun): Record<string, unknown> {
  const scenario =
    "preset" in run ? { preset: run.preset, change: run.change } : { custom: run.scenario };
  return { v: SHARE_VERSION, scenario, seed: run.seed, live: run.live, atMs: run.atMs };
}

/**
 * The link's fragment: the short form `#preset=<name>&seed=<n>` for a preset as it comes (no
 * changes, no interventions, at the start), `#share=...` for anything else.
 */
export async function shareHash(run: SharedRun): Promise<string> {
  if (
    "preset" in run &&
    Object.keys(run.change).length === 0 &&
    run.live.length === 0 &&
    run.atMs === 0
  ) {
    return formatHash(run.preset, run.seed);
  }
  return await encodeShare(run);
}

export async function encodeShare(run: SharedRun): Promise<string> {
  return await packShare(shareData(run));
}

/** Any JSON value, packed as a share fragment (tests make old-format links with it). */
export async function packShare(data: unknown): Promise<string> {
  const json = JSON.stringify(data);
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw"));
  return `#share=${toBase64Url(packed)}`;
}

/** True when the fragment is a share link (whatever its content). */
export function isShareHash(hash: string): boolean {
  return hash.startsWith("#share=");
}

export async function decodeShare(hash: string): Promise<Decoded> {
  const fail = (problem: string): Decoded => ({ ok: false, problem });
  const text = hash.startsWith("#share=") ? hash.slice("#share=".length) : hash;
  if (text.length > SHARE_MAX_CHARS)
    return fail(
      `The shared link is too long (${text.length} characters; at most ${SHARE_MAX_CHARS}).`,
    );
  if (!/^[A-Za-z0-9_-]+$/.test(text))
    return fail("The shared link is damaged: its data is not in the expected letters and digits.");
  const bytes = fromBase64Url(text);
  if (bytes === null)
    return fail("The shared link is damaged or cut short: its data does not unpack.");
  let json: string;
  try {
    const raw = await pipe(bytes, new DecompressionStream("deflate-raw"));
    if (raw.length > 1024 * 1024) return fail("The shared link unpacks to more than 1 MB.");
    json = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    return fail("The shared link is damaged or cut short: its data does not unpack.");
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return fail("The shared link is damaged: its data is not JSON.");
  }
  return readShared(migrate(data));
}

/** Each entry turns data of version `from` into version `from + 1`. */
const MIGRATIONS: Record<number, (d: Record<string, unknown>) => Record<string, unknown>> = {
  // v1 kept the preset and its changes at the top level
  1: ({ v: _v, preset, change, ...rest }) => ({ ...rest, v: 2, scenario: { preset, change } }),
};

/**
 * Brings an older link's data to the current version, one step at a time. Data that is not an
 * object, or of a version with no migration (newer or unknown), is returned as it is, and reading
 * it then says what is wrong.
 */
export function migrate(data: unknown): unknown {
  let d = data;
  for (let guard = 0; guard <= SHARE_VERSION; guard++) {
    if (typeof d !== "object" || d === null || Array.isArray(d)) return d;
    const rec = d as Record<string, unknown>;
    if (rec.v === SHARE_VERSION) return rec;
    const step =
      typeof rec.v === "number" && Object.hasOwn(MIGRATIONS, rec.v) ? MIGRATIONS[rec.v] : undefined;
    if (step === undefined) return rec;
    d = step(rec);
  }
  return d;
}

/**
 * A copy of parsed JSON with only plain data: objects (without "__proto__", "constructor" or
 * "prototype" keys), arrays, strings, finite numbers, booleans and
 * null; null if it nests deeper or holds more values than a scenario could.
 */
export function plainJson(value: unknown): unknown {
  let count = 0;
  const copy = (v: unknown, depth: number): unknown => {
    if (++count > CUSTOM_MAX_VALUES || depth > CUSTOM_MAX_DEPTH) throw new RangeError("too big");
    if (v === null || typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "number") return Number.isFinite(v) ? v : null;
    if (Array.isArray(v)) return v.map((x) => copy(x, depth + 1));
    if (typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (k === "__proto__" || k === "constructor" || k === "prototype") continue;
        out[k] = copy(x, depth + 1);
      }
      return out;
    }
    return null;
  };
  try {
    return copy(value, 0);
  } catch {
    return undefined;
  }
}

/** A value from a link, for a message: numbers and strings as they are (cut short), else its type. */
export function shown(v: unknown): string {
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "string") return JSON.stringify(v.slice(0, 20));
  if (v === null) return "null";
  if (v === undefined) return "missing";
  return Array.isArray(v) ? "a list" : typeof v === "object" ? "an object" : `a ${typeof v}`;
}

function readShared(data: unknown): Decoded {
  const fail = (problem: string): Decoded => ({ ok: false, problem });
  if (typeof data !== "object" || data === null || Array.isArray(data))
    return fail("The shared link holds no run.");
  const d = data as Record<string, unknown>;
  if (d.v !== SHARE_VERSION)
    return fail(
      `The shared link is of format version ${shown(d.v)}, which this RingLab does not know.`,
    );
  const sc = d.scenario;
  if (typeof sc !== "object" || sc === null || Array.isArray(sc))
    return fail("The shared link holds no scenario.");
  const scenario = sc as Record<string, unknown>;
  const seed = d.seed;
  if (typeof seed !== "number" || !Number.isSafeInteger(seed) || seed < 0)
    return fail("The shared link's seed is not a whole number from 0 up.");
  const atMs = d.atMs ?? 0;
  if (typeof atMs !== "number" || !Number.isFinite(atMs) || atMs < 0)
    return fail("The shared link's instant is not a number of milliseconds from 0 up.");
  const live = d.live ?? [];
  if (!Array.isArray(live)) return fail("The shared link's interventions are not a list.");
  if (!("preset" in scenario)) {
    if (!("custom" in scenario)) return fail("The shared link holds no scenario.");
    const custom = plainJson(scenario.custom);
    if (typeof custom !== "object" || custom === null || Array.isArray(custom))
      return fail("The shared link's scenario is not a scenario object, or is far too large.");
    return { ok: true, run: { scenario: custom, seed, live, atMs } };
  }
  if (typeof scenario.preset !== "string" || !isPreset(scenario.preset))
    return fail(`The shared link names a scenario this RingLab does not have.`);
  const c = (scenario.change ?? {}) as Record<string, unknown>;
  if (typeof c !== "object" || c === null || Array.isArray(c))
    return fail("The shared link's changes to the scenario are not readable.");
  const change: PresetChange = {};
  if (c.partitioning !== undefined)
    change.partitioning = c.partitioning as PresetChange["partitioning"];
  if (typeof c.sloppy === "boolean") change.sloppy = c.sloppy;
  if (c.conflicts === "lww" || c.conflicts === "vector-clock") change.conflicts = c.conflicts;
  if (
    c.coordination === "direct" ||
    c.coordination === "server-driven" ||
    c.coordination === "client-driven"
  )
    change.coordination = c.coordination;
  return { ok: true, run: { preset: scenario.preset, seed, change, live, atMs } };
}
