/**
 * Default process names, with no dependency on the scenario schema (so the app's main thread can
 * use them without loading the validator).
 */

/** Client process names: client1, client2, ... */
export function clientNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `client${i + 1}`);
}

/** Default node names A, B, ..., Z, AA, AB, ... as in the course slides. */
export function nodeNames(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let n = i;
    let s = "";
    do {
      s = String.fromCharCode(65 + (n % 26)) + s;
      n = Math.floor(n / 26) - 1;
    } while (n >= 0);
    out.push(s);
  }
  return out;
}
