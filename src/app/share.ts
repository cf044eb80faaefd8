/**
 * Shareable links: the whole of a run a user made — the preset and how it was changed, the seed,
 * the interventions the user made, and the instant shown — as one URL fragment,
 * `#share=<base64url of deflate-raw of JSON>`. Opening it reproduces the same run at the same
 * instant, since runs are deterministic. The JSON carries a format version: a link made by an older
 * RingLab is migrated forward before use (`#preset=..&seed=..` links are the oldest form, read by
 * url.ts).
 *
 * Decoding trusts nothing: a link that is too long, truncated, not base64url, not deflate, not JSON,
 * of an unknown version or with fields of the wrong type gets a message naming what was wrong; the
 * interventions themselves are validated by the worker against the scenario format. Only known
 * fields are copied out of the parsed JSON, so nothing else (a "__proto__" key included) reaches the
 * app.
 */

import { isPreset } from "../sim/catalog";
import type { PresetChange } from "../worker/protocol";

export const SHARE_VERSION = 1;
/** Longer fragments are refused before any decoding. */
export const SHARE_MAX_CHARS = 64 * 1024;

export interface SharedRun {
  preset: string;
  seed: number;
  change: PresetChange;
  /** the user's interventions, as the worker listed them */
  live: unknown[];
  atMs: number;
}

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

export async function encodeShare(run: SharedRun): Promise<string> {
  const json = JSON.stringify({ v: SHARE_VERSION, ...run });
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

/** Brings an older link's data to the current version (there is one version so far). */
export function migrate(data: unknown): unknown {
  return data;
}

function readShared(data: unknown): Decoded {
  const fail = (problem: string): Decoded => ({ ok: false, problem });
  if (typeof data !== "object" || data === null || Array.isArray(data))
    return fail("The shared link holds no run.");
  const d = data as Record<string, unknown>;
  if (d.v !== SHARE_VERSION)
    return fail(
      `The shared link is of format version ${String(d.v).slice(0, 20)}, which this RingLab does not know.`,
    );
  if (typeof d.preset !== "string" || !isPreset(d.preset))
    return fail(`The shared link names a scenario this RingLab does not have.`);
  const seed = d.seed;
  if (typeof seed !== "number" || !Number.isSafeInteger(seed) || seed < 0)
    return fail("The shared link's seed is not a whole number from 0 up.");
  const atMs = d.atMs ?? 0;
  if (typeof atMs !== "number" || !Number.isFinite(atMs) || atMs < 0)
    return fail("The shared link's instant is not a number of milliseconds from 0 up.");
  const live = d.live ?? [];
  if (!Array.isArray(live)) return fail("The shared link's interventions are not a list.");
  const c = (d.change ?? {}) as Record<string, unknown>;
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
  return { ok: true, run: { preset: d.preset, seed, change, live, atMs } };
}
