// biome-ignore-all lint/style/noRestrictedImports: this test drives the Biome binary from Node, it is not part of the simulation core.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, it } from "vitest";

// Proves that the src/sim ban configured in biome.json (noRestrictedGlobals, noRestrictedImports
// and the GritQL plugin lint/no-math-random.grit) fires, and only under src/sim.
//
// `biome lint --stdin-file-path` cannot be used for this: in stdin mode Biome prints the file
// back, never prints diagnostics, and exits 1 for every input, clean or not (by design, see
// biomejs/biome#3726). So each snippet is written to a file in a scratch copy of the project
// (biome.json + lint/) under the OS temp dir and linted there: nothing is written inside the repo.

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The native Biome binary when it can be found (about 3x faster to start than the Node wrapper in
 * node_modules/.bin, which only looks up and spawns that same binary), else the wrapper.
 */
function findBiome(): string {
  try {
    const require = createRequire(import.meta.url);
    return require.resolve(`@biomejs/cli-${process.platform}-${process.arch}/biome`);
  } catch {
    return join(repoRoot, "node_modules", ".bin", "biome");
  }
}
const biomeBin = findBiome();

const DETERMINISM = "the simulation core must be deterministic: use ctx.rng / ctx.now / ctx.after";
const NO_UI = "src/sim has no UI dependencies";

const GLOBALS = "lint/style/noRestrictedGlobals";
const IMPORTS = "lint/style/noRestrictedImports";
const PLUGIN = "plugin";

interface BannedCase {
  what: string;
  code: string;
  category: string;
  message: string;
}

const banned: BannedCase[] = [
  // Math.random, through the GritQL plugin.
  {
    what: "a Math.random() call",
    code: "export const r = Math.random();",
    category: PLUGIN,
    message: DETERMINISM,
  },
  {
    what: "a reference to Math.random",
    code: "export const r = Math.random;",
    category: PLUGIN,
    message: DETERMINISM,
  },
  {
    what: "Math.random destructured from Math",
    code: "const { random } = Math;\nexport const r = random();",
    category: PLUGIN,
    message: DETERMINISM,
  },
  // Clocks, timers and entropy, through noRestrictedGlobals.
  {
    what: "Date.now()",
    code: "export const t = Date.now();",
    category: GLOBALS,
    message: DETERMINISM,
  },
  {
    what: "new Date()",
    code: "export const t = new Date();",
    category: GLOBALS,
    message: DETERMINISM,
  },
  {
    what: "the Date global",
    code: "export const D = Date;",
    category: GLOBALS,
    message: DETERMINISM,
  },
  {
    what: "performance.now()",
    code: "export const t = performance.now();",
    category: GLOBALS,
    message: DETERMINISM,
  },
  {
    what: "setTimeout",
    code: "setTimeout(() => {}, 10);",
    category: GLOBALS,
    message: DETERMINISM,
  },
  {
    what: "setInterval",
    code: "setInterval(() => {}, 10);",
    category: GLOBALS,
    message: DETERMINISM,
  },
  {
    what: "setImmediate",
    code: "setImmediate(() => {});",
    category: GLOBALS,
    message: DETERMINISM,
  },
  {
    what: "queueMicrotask",
    code: "queueMicrotask(() => {});",
    category: GLOBALS,
    message: DETERMINISM,
  },
  {
    what: "requestAnimationFrame",
    code: "requestAnimationFrame(() => {});",
    category: GLOBALS,
    message: DETERMINISM,
  },
  {
    what: "crypto.getRandomValues",
    code: "export const b = crypto.getRandomValues(new Uint8Array(4));",
    category: GLOBALS,
    message: DETERMINISM,
  },
  {
    what: "globalThis",
    code: "export const g = globalThis;",
    category: GLOBALS,
    message: DETERMINISM,
  },
  // Browser globals.
  {
    what: "window",
    code: "export const w = window.innerWidth;",
    category: GLOBALS,
    message: NO_UI,
  },
  {
    what: "document",
    code: 'export const el = document.createElement("div");',
    category: GLOBALS,
    message: NO_UI,
  },
  {
    what: "navigator",
    code: "export const ua = navigator.userAgent;",
    category: GLOBALS,
    message: NO_UI,
  },
  {
    what: "self",
    code: "export const s = self;",
    category: GLOBALS,
    message: NO_UI,
  },
  // UI and platform modules, through noRestrictedImports.
  {
    what: "an import of react",
    code: 'import { useState } from "react";\nexport const f = useState;',
    category: IMPORTS,
    message: NO_UI,
  },
  {
    what: "a type-only import of react",
    code: 'import type { FC } from "react";\nexport type C = FC;',
    category: IMPORTS,
    message: NO_UI,
  },
  {
    what: "an import of react-dom",
    code: 'import { flushSync } from "react-dom";\nexport const f = flushSync;',
    category: IMPORTS,
    message: NO_UI,
  },
  {
    what: "an import of react-dom/client",
    code: 'import { createRoot } from "react-dom/client";\nexport const f = createRoot;',
    category: IMPORTS,
    message: NO_UI,
  },
  {
    what: "an import of react/jsx-runtime",
    code: 'import { jsx } from "react/jsx-runtime";\nexport const f = jsx;',
    category: IMPORTS,
    message: NO_UI,
  },
  {
    what: "an import of d3",
    code: 'import { scaleLinear } from "d3";\nexport const f = scaleLinear;',
    category: IMPORTS,
    message: NO_UI,
  },
  {
    what: "an import of a d3-* module",
    code: 'import { scaleLinear } from "d3-scale";\nexport const f = scaleLinear;',
    category: IMPORTS,
    message: NO_UI,
  },
  {
    what: "an import of zustand",
    code: 'import { create } from "zustand";\nexport const f = create;',
    category: IMPORTS,
    message: NO_UI,
  },
  {
    what: "an import of xstate",
    code: 'import { createMachine } from "xstate";\nexport const f = createMachine;',
    category: IMPORTS,
    message: NO_UI,
  },
  {
    what: "an import of @xstate/react",
    code: 'import { useMachine } from "@xstate/react";\nexport const f = useMachine;',
    category: IMPORTS,
    message: NO_UI,
  },
  {
    what: "an import of node:fs",
    code: 'import { readFileSync } from "node:fs";\nexport const f = readFileSync;',
    category: IMPORTS,
    message: NO_UI,
  },
  {
    what: "a dynamic import of node:fs",
    code: 'export const load = () => import("node:fs");',
    category: IMPORTS,
    message: NO_UI,
  },
  {
    what: "an import of fs",
    // biome's useNodejsImportProtocol also fires here; the assertion looks for the ban itself.
    code: 'import { readFileSync } from "fs";\nexport const f = readFileSync;',
    category: IMPORTS,
    message: NO_UI,
  },
  {
    what: "an import of path",
    code: 'import { join } from "path";\nexport const f = join;',
    category: IMPORTS,
    message: NO_UI,
  },
];

let scratch = "";
let counter = 0;

interface LintResult {
  status: number | null;
  output: string;
  file: string;
}

/** Writes `code` at `relPath` inside the scratch project and runs `biome lint` on it. */
function lint(relPath: string, code: string): Promise<LintResult> {
  const file = join(scratch, relPath);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${code}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(biomeBin, ["lint", "--colors=off", "--max-diagnostics=none", relPath], {
      cwd: scratch,
      env: { ...process.env, NO_COLOR: "1" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, output, file: relPath }));
  });
}

/** A unique file name per case, so concurrent cases never share a file. */
function caseFile(dir: string): string {
  counter += 1;
  return `${dir}/case-${counter}.ts`;
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "ringlab-lint-"));
  cpSync(join(repoRoot, "biome.json"), join(scratch, "biome.json"));
  cpSync(join(repoRoot, "lint"), join(scratch, "lint"), { recursive: true });
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

// Concurrent: each case is one Biome process; `expect` comes from the test context.
describe.concurrent("the src/sim determinism and no-UI ban", () => {
  for (const c of banned) {
    it(`reports ${c.what} in src/sim as an error that says why`, async ({ expect }) => {
      const result = await lint(caseFile("src/sim"), c.code);
      expect(result.status, result.output).not.toBe(0);
      // The diagnostic header names the file and the rule, e.g. "src/sim/case-1.ts:1:18 plugin".
      expect(result.output).toMatch(
        new RegExp(`${result.file.replaceAll(".", "\\.")}:\\d+:\\d+ ${c.category}\\b`),
      );
      expect(result.output).toContain(c.message);
    });
  }

  it("accepts a clean snippet in src/sim", async ({ expect }) => {
    const result = await lint(caseFile("src/sim"), "export const x = (a: number) => a + 1;");
    expect(result.output).not.toMatch(/lint\/|plugin/);
    expect(result.status, result.output).toBe(0);
  });

  it("accepts a clean snippet in a nested folder of src/sim", async ({ expect }) => {
    const result = await lint(
      caseFile("src/sim/core/deep"),
      "export const next = (seed: number) => (seed * 48271) % 2147483647;",
    );
    expect(result.status, result.output).toBe(0);
  });

  it("does not flag Math.random() outside src/sim, in src/app", async ({ expect }) => {
    const result = await lint(caseFile("src/app"), "export const r = Math.random();");
    expect(result.output).not.toContain("Math.random is banned");
    expect(result.status, result.output).toBe(0);
  });

  it("does not flag Date.now(), window or a react import outside src/sim, in src/app", async ({
    expect,
  }) => {
    const result = await lint(
      caseFile("src/app"),
      'import { useState } from "react";\nexport const f = [useState, Date.now(), window.innerWidth];',
    );
    expect(result.status, result.output).toBe(0);
  });
});
