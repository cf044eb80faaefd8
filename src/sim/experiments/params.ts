/**
 * An experiment's parameters as data: each has a key, a label, a kind and a default, so one
 * description serves the CLI (`--requests 20000`), the address (`#lab=table2&requests=20000`) and
 * the form the lab draws. Every value has one text form, the same in all three places: a whole
 * number ("20000"), a choice ("lnkd-ssd"), a set of choices or a list of whole numbers, comma
 * separated ("lnkd-ssd,ymmr", "5,10,20").
 *
 * Reading never throws: a bad value gives a problem naming the parameter and what it accepts.
 */

export type ParamSpec =
  | {
      readonly key: string;
      readonly label: string;
      readonly kind: "int";
      readonly min: number;
      readonly max: number;
      readonly default: number;
      readonly unit?: string;
    }
  | {
      readonly key: string;
      readonly label: string;
      readonly kind: "choice";
      readonly options: readonly string[];
      readonly default: string;
    }
  | {
      readonly key: string;
      readonly label: string;
      /** one or more of the options, kept in the options' order */
      readonly kind: "set";
      readonly options: readonly string[];
      readonly default: readonly string[];
    }
  | {
      readonly key: string;
      readonly label: string;
      /** one or more whole numbers in [min, max], ascending, each once */
      readonly kind: "ints";
      readonly min: number;
      readonly max: number;
      readonly maxCount: number;
      readonly default: readonly number[];
    };

export type ParamValue = number | string | readonly string[] | readonly number[];
export type Params = Readonly<Record<string, ParamValue>>;

export type ParamResult = { ok: true; value: ParamValue } | { ok: false; problem: string };

/** The text form of a value. */
export function formatParam(spec: ParamSpec, value: ParamValue): string {
  switch (spec.kind) {
    case "int":
    case "choice":
      return String(value);
    case "set":
    case "ints":
      return (value as readonly (string | number)[]).join(",");
  }
}

/** Reads the text form of one parameter. */
export function parseParam(spec: ParamSpec, text: string): ParamResult {
  const fail = (what: string): ParamResult => ({
    ok: false,
    problem: `${spec.key} must be ${what}, got "${text.slice(0, 40)}"`,
  });
  const t = text.trim();
  switch (spec.kind) {
    case "int": {
      if (!/^\d{1,12}$/.test(t)) return fail(`a whole number from ${spec.min} to ${spec.max}`);
      const n = Number(t);
      if (n < spec.min || n > spec.max)
        return fail(`a whole number from ${spec.min} to ${spec.max}`);
      return { ok: true, value: n };
    }
    case "choice":
      return spec.options.includes(t)
        ? { ok: true, value: t }
        : fail(`one of ${spec.options.join(", ")}`);
    case "set": {
      const picked = t
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
      const what = `one or more of ${spec.options.join(", ")} (comma separated)`;
      if (picked.length === 0 || picked.some((p) => !spec.options.includes(p))) return fail(what);
      return { ok: true, value: spec.options.filter((o) => picked.includes(o)) };
    }
    case "ints": {
      const parts = t
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
      const what = `up to ${spec.maxCount} whole numbers from ${spec.min} to ${spec.max} (comma separated)`;
      if (
        parts.length === 0 ||
        parts.length > spec.maxCount ||
        parts.some((p) => !/^\d{1,12}$/.test(p))
      )
        return fail(what);
      const xs = [...new Set(parts.map(Number))].sort((a, b) => a - b);
      if (xs.some((x) => x < spec.min || x > spec.max)) return fail(what);
      return { ok: true, value: xs };
    }
  }
}

/** Checks a value that did not come from text (a form, a test). */
export function checkParam(spec: ParamSpec, value: unknown): ParamResult {
  if (spec.kind === "int" || spec.kind === "choice") {
    if (typeof value !== "number" && typeof value !== "string")
      return { ok: false, problem: `${spec.key} is missing or of the wrong type` };
    return parseParam(spec, String(value));
  }
  if (!Array.isArray(value)) return { ok: false, problem: `${spec.key} must be a list` };
  return parseParam(spec, value.map(String).join(","));
}

export function defaultParams(specs: readonly ParamSpec[]): Params {
  return Object.fromEntries(specs.map((s) => [s.key, s.default]));
}

/**
 * Reads parameters given as text by key (from flags or the address). Keys not given take their
 * default; unknown keys are problems when `strict` (the CLI), and ignored otherwise.
 */
export function readParams(
  specs: readonly ParamSpec[],
  given: Readonly<Record<string, string>>,
  strict: boolean,
): { params: Params; problems: string[] } {
  const problems: string[] = [];
  const params: Record<string, ParamValue> = {};
  for (const spec of specs) {
    const text = given[spec.key];
    if (text === undefined) {
      params[spec.key] = spec.default;
      continue;
    }
    const r = parseParam(spec, text);
    if (r.ok) params[spec.key] = r.value;
    else {
      problems.push(r.problem);
      params[spec.key] = spec.default;
    }
  }
  if (strict) {
    for (const key of Object.keys(given)) {
      if (!specs.some((s) => s.key === key))
        problems.push(
          `unknown parameter ${key}; this experiment takes ${specs.map((s) => s.key).join(", ")}`,
        );
    }
  }
  return { params, problems };
}

/** Checks a whole parameter object (as a worker receives it); problems name each bad key. */
export function checkParams(
  specs: readonly ParamSpec[],
  params: unknown,
): { ok: true; params: Params } | { ok: false; problems: string[] } {
  if (typeof params !== "object" || params === null)
    return { ok: false, problems: ["the parameters are not an object"] };
  const p = params as Record<string, unknown>;
  const out: Record<string, ParamValue> = {};
  const problems: string[] = [];
  for (const spec of specs) {
    const r = checkParam(spec, p[spec.key]);
    if (r.ok) out[spec.key] = r.value;
    else problems.push(r.problem);
  }
  return problems.length === 0 ? { ok: true, params: out } : { ok: false, problems };
}
