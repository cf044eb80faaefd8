/**
 * Saving what the app shows to a file: a name that says what it holds, and a download of text or
 * of a blob through a temporary object URL. No DOM is touched until a download is asked for, so
 * the naming rules are tested in Node.
 */

/** MIME types of the files RingLab writes. */
export const MIME = {
  json: "application/json",
  svg: "image/svg+xml",
  png: "image/png",
  text: "text/plain;charset=utf-8",
} as const;

/**
 * A file name from its parts, safe on every common file system: letters, digits, `-`, `_` and `.`
 * only, parts joined by `-`, empty parts left out, at most 100 characters before the extension.
 * `fileName(["ringlab", "sloppy-quorum", "seed-3", "ring"], "svg")` -> `ringlab-sloppy-quorum-seed-3-ring.svg`.
 */
export function fileName(parts: readonly (string | number | null | undefined)[], ext: string) {
  const clean = parts
    .filter((p): p is string | number => p !== null && p !== undefined && String(p) !== "")
    .map((p) =>
      String(p)
        .normalize("NFKD")
        .replace(/[^A-Za-z0-9_.-]+/g, "-")
        .replace(/-{2,}/g, "-")
        .replace(/^[-.]+|[-.]+$/g, ""),
    )
    .filter((p) => p !== "");
  const stem = (clean.join("-") || "ringlab").slice(0, 100).replace(/[-.]+$/, "");
  const suffix = ext.replace(/[^A-Za-z0-9]/g, "");
  return suffix === "" ? stem : `${stem}.${suffix}`;
}

/** The instant a file was taken at, for its name: `1234ms`, or `12.5s` past ten seconds. */
export function instantPart(atMs: number): string {
  if (!Number.isFinite(atMs) || atMs < 0) return "";
  if (atMs < 10_000) return `${Math.round(atMs)}ms`;
  return `${(Math.round(atMs / 100) / 10).toString()}s`;
}

/** Offers `blob` as a download named `name` (the browser's own save flow). */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  // the click has handed the blob to the download; revoke on the next turn so it is not cut short
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Offers `text` as a download named `name`. */
export function downloadText(name: string, text: string, mime: string = MIME.text): void {
  downloadBlob(name, new Blob([text], { type: mime }));
}

/** Offers `value` as pretty-printed JSON (two-space indent, a final newline). */
export function downloadJson(name: string, value: unknown): void {
  downloadText(name, `${JSON.stringify(value, null, 2)}\n`, MIME.json);
}

/**
 * Reads a file the user picked, refusing anything over `maxBytes` before reading it, so a huge
 * file is a message, not a frozen tab.
 */
export async function readTextFile(file: File, maxBytes: number): Promise<string> {
  if (file.size > maxBytes) {
    throw new Error(
      `${file.name} is ${formatBytes(file.size)}; files over ${formatBytes(maxBytes)} are refused.`,
    );
  }
  return await file.text();
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
