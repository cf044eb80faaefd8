/**
 * "Open this run": a link that loads one run of an experiment into the live view,
 * `#run=<base64url of deflate-raw of JSON { v, scenario, seed, label }>`. Like a share link
 * (share.ts) it holds the run, not its state; unlike one it carries a whole scenario, since an
 * experiment's runs are not presets. The main thread checks the shape; the worker validates the
 * scenario as it does any scenario JSON, and a bad one becomes a message.
 */

import { plainJson, shown } from "./share";

export const RUN_LINK_VERSION = 1;
const RUN_LINK_MAX_CHARS = 256 * 1024;

export interface RunLink {
  scenario: unknown;
  seed: number;
  label: string;
}

export function isRunHash(hash: string): boolean {
  return hash.startsWith("#run=");
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream) {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

export async function encodeRunLink(run: RunLink): Promise<string> {
  const json = JSON.stringify({ v: RUN_LINK_VERSION, ...run });
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw"));
  return `#run=${toBase64Url(packed)}`;
}

export async function decodeRunLink(
  hash: string,
): Promise<{ ok: true; run: RunLink } | { ok: false; problem: string }> {
  const fail = (problem: string) => ({ ok: false as const, problem });
  const text = hash.slice("#run=".length);
  if (text.length === 0 || text.length > RUN_LINK_MAX_CHARS || !/^[A-Za-z0-9_-]+$/.test(text))
    return fail("The link to an experiment's run is damaged.");
  let data: unknown;
  try {
    const b64 = text.replaceAll("-", "+").replaceAll("_", "/");
    const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
    const raw = await pipe(
      Uint8Array.from(bin, (c) => c.charCodeAt(0)),
      new DecompressionStream("deflate-raw"),
    );
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch {
    return fail("The link to an experiment's run is damaged or cut short.");
  }
  if (typeof data !== "object" || data === null || Array.isArray(data))
    return fail("The link holds no run.");
  const d = data as Record<string, unknown>;
  if (d.v !== RUN_LINK_VERSION)
    return fail(`The link is of format version ${shown(d.v)}, which this RingLab does not know.`);
  if (typeof d.seed !== "number" || !Number.isSafeInteger(d.seed) || d.seed < 0)
    return fail("The link's seed is not a whole number from 0 up.");
  if (typeof d.scenario !== "object" || d.scenario === null || Array.isArray(d.scenario))
    return fail("The link holds no scenario.");
  // plain data only, and no deeper or bigger than a scenario can be
  const scenario = plainJson(d.scenario);
  if (scenario === undefined)
    return fail("The link's scenario nests too deeply or holds too much to be a scenario.");
  return {
    ok: true,
    run: {
      scenario,
      seed: d.seed,
      label: typeof d.label === "string" ? d.label.slice(0, 100) : "",
    },
  };
}
