/**
 * Small readers for the two text forms histories come in: EDN (Clojure's data notation, which
 * Jepsen and Knossos write) and JSON. Both keep the 1-based line of every collection and of every
 * element of a sequence, so a problem found later ("this map has no :type") can name its line, and
 * both throw a `ReadError` naming the line and the problem for unreadable text.
 *
 * EDN covered: nil, true, false, integers (with an optional N suffix; beyond 2^53 they stay exact
 * as bigints), floats (optional M suffix), strings with escapes, characters (\a, \newline, \u0041,
 * read as one-character strings), keywords, symbols, lists, vectors, maps, sets, tagged elements
 * (#inst "...", read as the tag and its element), the discard #_ and ; comments. Commas are
 * whitespace. Ratios and ##Inf / ##NaN are not read.
 */

export class ReadError extends Error {
  override name = "ReadError";
  /** 1-based line of the problem */
  readonly line: number;
  readonly problem: string;
  constructor(line: number, problem: string) {
    super(`line ${line}: ${problem}`);
    this.line = line;
    this.problem = problem;
  }
}

export class Keyword {
  constructor(readonly name: string) {}
  toString(): string {
    return `:${this.name}`;
  }
}

export class Sym {
  constructor(readonly name: string) {}
  toString(): string {
    return this.name;
  }
}

/** A list, a vector or a JSON array, with the line each element starts on. */
export class Seq {
  constructor(
    readonly kind: "list" | "vector" | "set",
    readonly items: Datum[],
    readonly lines: number[],
    readonly line: number,
  ) {}
}

/** A map or a JSON object: its entries in the order written. */
export class DMap {
  constructor(
    readonly entries: [Datum, Datum][],
    readonly line: number,
  ) {}

  /** The value under the keyword `:name` (EDN) or the string key "name" (JSON), if any. */
  get(name: string): Datum | undefined {
    for (const [k, v] of this.entries) {
      if ((k instanceof Keyword && k.name === name) || k === name) return v;
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}

export class Tagged {
  constructor(
    readonly tag: string,
    readonly value: Datum,
  ) {}
}

export type Datum = null | boolean | number | bigint | string | Keyword | Sym | Seq | DMap | Tagged;

/** A top-level element and the line it starts on. */
export interface Form {
  value: Datum;
  line: number;
}

/** How a datum is shown in messages: EDN-like and short. */
export function showDatum(d: Datum, limit = 60): string {
  const text = showFull(d);
  return text.length <= limit ? text : `${text.slice(0, limit - 3)}...`;
}

function showFull(d: Datum): string {
  if (d === null) return "nil";
  if (typeof d === "string") return JSON.stringify(d);
  if (typeof d === "bigint") return `${d}N`;
  if (typeof d === "number" || typeof d === "boolean") return String(d);
  if (d instanceof Keyword || d instanceof Sym) return d.toString();
  if (d instanceof Seq) {
    const [open, close] =
      d.kind === "list" ? ["(", ")"] : d.kind === "set" ? ["#{", "}"] : ["[", "]"];
    return `${open}${d.items.map(showFull).join(" ")}${close}`;
  }
  if (d instanceof DMap) {
    return `{${d.entries.map(([k, v]) => `${showFull(k)} ${showFull(v)}`).join(", ")}}`;
  }
  return `#${d.tag} ${showFull(d.value)}`;
}

// Character codes used by both readers.
const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const COMMA = 44;
const QUOTE = 34;
const BACKSLASH = 92;
const SEMICOLON = 59;
const HASH = 35;
const COLON = 58;
const UNDERSCORE = 95;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

const CLOSERS: Record<number, string> = {
  [CLOSE_PAREN]: ")",
  [CLOSE_BRACKET]: "]",
  [CLOSE_BRACE]: "}",
};

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function describeChar(c: number): string {
  if (Number.isNaN(c)) return "the end of the input";
  if (c === NL || c === CR) return "the end of the line";
  return JSON.stringify(String.fromCharCode(c));
}

/** Characters that end an EDN token: whitespace, commas and delimiters. */
function endsToken(c: number): boolean {
  return (
    Number.isNaN(c) ||
    c === SPACE ||
    c === TAB ||
    c === NL ||
    c === CR ||
    c === COMMA ||
    c === OPEN_PAREN ||
    c === CLOSE_PAREN ||
    c === OPEN_BRACKET ||
    c === CLOSE_BRACKET ||
    c === OPEN_BRACE ||
    c === CLOSE_BRACE ||
    c === QUOTE ||
    c === SEMICOLON
  );
}

const NAMED_CHARS: Record<string, string> = {
  newline: "\n",
  space: " ",
  tab: "\t",
  return: "\r",
  backspace: "\b",
  formfeed: "\f",
};

const STRING_ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** Shared cursor over the text: position, line, and string reading. */
/** Deeper nesting than any history has: a file past it is refused rather than overflow the stack. */
export const MAX_NESTING = 256;

class Cursor {
  pos = 0;
  line = 1;
  /** lists, vectors, maps and objects open at pos */
  depth = 0;
  constructor(readonly text: string) {}

  /** Enters a collection opened on `line`; fails past MAX_NESTING. */
  enter(line: number): void {
    if (++this.depth > MAX_NESTING)
      this.fail(`collections nest more than ${MAX_NESTING} deep here: no history does`, line);
  }

  /** Leaves the innermost collection, returning what was read of it. */
  leave<T>(value: T): T {
    this.depth--;
    return value;
  }

  peek(): number {
    return this.text.charCodeAt(this.pos);
  }

  fail(problem: string, line = this.line): never {
    throw new ReadError(line, problem);
  }

  /** Reads a string whose opening quote is at pos. JSON forbids raw control characters. */
  readString(json: boolean): string {
    const startLine = this.line;
    const text = this.text;
    let i = this.pos + 1;
    let out = "";
    let runStart = i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) this.fail('a string is never closed (no closing ")', startLine);
      if (c === QUOTE) {
        out += text.slice(runStart, i);
        this.pos = i + 1;
        return out;
      }
      if (c === NL) {
        if (json) this.fail("a JSON string cannot span lines (unescaped line break)");
        this.line++;
      } else if (json && c < SPACE) {
        this.fail("a JSON string cannot contain raw control characters");
      }
      if (c === BACKSLASH) {
        out += text.slice(runStart, i);
        const e = text[i + 1];
        if (e === undefined) this.fail('a string is never closed (no closing ")', startLine);
        if (e === "u") {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail(`bad escape \\u${hex} in a string`);
          out += String.fromCharCode(Number.parseInt(hex, 16));
          i += 6;
        } else {
          const ch = STRING_ESCAPES[e];
          if (ch === undefined || (json === false && e === "/")) {
            this.fail(`unknown escape \\${e} in a string`);
          }
          out += ch;
          i += 2;
        }
        runStart = i;
        continue;
      }
      i++;
    }
  }
}

/**
 * Reads every top-level element of an EDN text. A file of one map per line gives one form per
 * map; a file holding one vector or list gives one form.
 */
export function readEdn(text: string): Form[] {
  const cur = new Cursor(text);
  const forms: Form[] = [];
  for (;;) {
    skipEdnSpace(cur);
    if (cur.pos >= text.length) return forms;
    const line = cur.line;
    const value = readEdnForm(cur);
    if (value !== DISCARDED) forms.push({ value, line });
  }
}

const DISCARDED = Symbol("discarded");

function skipEdnSpace(cur: Cursor): void {
  const text = cur.text;
  for (;;) {
    const c = text.charCodeAt(cur.pos);
    if (c === NL) {
      cur.line++;
      cur.pos++;
    } else if (c === SPACE || c === TAB || c === CR || c === COMMA || c === 0xfeff) {
      cur.pos++;
    } else if (c === SEMICOLON) {
      while (cur.pos < text.length && text.charCodeAt(cur.pos) !== NL) cur.pos++;
    } else {
      return;
    }
  }
}

function readEdnForm(cur: Cursor): Datum | typeof DISCARDED {
  const c = cur.peek();
  const line = cur.line;
  switch (c) {
    case OPEN_PAREN:
      cur.pos++;
      return readEdnSeq(cur, "list", CLOSE_PAREN, line, "(");
    case OPEN_BRACKET:
      cur.pos++;
      return readEdnSeq(cur, "vector", CLOSE_BRACKET, line, "[");
    case OPEN_BRACE: {
      cur.pos++;
      const seq = readEdnSeq(cur, "list", CLOSE_BRACE, line, "{");
      if (seq.items.length % 2 !== 0) {
        cur.fail(
          `the map opened here has ${seq.items.length} elements: a map needs keys and values in pairs`,
          line,
        );
      }
      const entries: [Datum, Datum][] = [];
      for (let i = 0; i < seq.items.length; i += 2) {
        entries.push([seq.items[i] as Datum, seq.items[i + 1] as Datum]);
      }
      return new DMap(entries, line);
    }
    case CLOSE_PAREN:
    case CLOSE_BRACKET:
    case CLOSE_BRACE:
      return cur.fail(`unexpected "${CLOSERS[c]}" with nothing open to close`);
    case QUOTE:
      return cur.readString(false);
    case HASH:
      return readEdnDispatch(cur, line);
    case BACKSLASH:
      return readEdnChar(cur);
    case COLON: {
      const token = readToken(cur);
      const name = token.slice(1);
      if (name === "" || name.startsWith(":") || name.endsWith("/")) {
        cur.fail(`"${clip(token)}" is not a keyword`);
      }
      return new Keyword(name);
    }
    default:
      return readEdnAtom(cur);
  }
}

function readEdnSeq(
  cur: Cursor,
  kind: Seq["kind"],
  close: number,
  line: number,
  open: string,
): Seq {
  const items: Datum[] = [];
  const lines: number[] = [];
  cur.enter(line);
  for (;;) {
    skipEdnSpace(cur);
    const c = cur.peek();
    if (Number.isNaN(c)) cur.fail(`"${open}" opened on line ${line} is never closed`);
    if (c === close) {
      cur.pos++;
      cur.depth--;
      return new Seq(kind, items, lines, line);
    }
    if (c === CLOSE_PAREN || c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      cur.fail(`"${CLOSERS[c]}" closes "${open}" opened on line ${line}`);
    }
    const itemLine = cur.line;
    const value = readEdnForm(cur);
    if (value === DISCARDED) continue;
    items.push(value);
    lines.push(itemLine);
  }
}

function readEdnDispatch(cur: Cursor, line: number): Datum | typeof DISCARDED {
  const next = cur.text.charCodeAt(cur.pos + 1);
  if (next === OPEN_BRACE) {
    cur.pos += 2;
    const seq = readEdnSeq(cur, "set", CLOSE_BRACE, line, "#{");
    return seq;
  }
  if (next === UNDERSCORE) {
    cur.pos += 2;
    skipEdnSpace(cur);
    if (cur.pos >= cur.text.length) cur.fail("#_ discards nothing: the input ends");
    readEdnForm(cur);
    return DISCARDED;
  }
  if (next === HASH) cur.fail("##Inf, ##-Inf and ##NaN are not read");
  cur.pos++;
  const tag = readToken(cur);
  if (!/^[a-zA-Z]/.test(tag)) cur.fail(`"#${clip(tag)}" is not a tag (a tag is # then a symbol)`);
  skipEdnSpace(cur);
  if (cur.pos >= cur.text.length) cur.fail(`#${clip(tag)} tags nothing: the input ends`);
  const value = readEdnForm(cur);
  if (value === DISCARDED) cur.fail(`#${clip(tag)} tags a discarded element`);
  return new Tagged(tag, value);
}

function readEdnChar(cur: Cursor): string {
  cur.pos++;
  const start = cur.pos;
  const first = cur.peek();
  if (Number.isNaN(first)) cur.fail("a \\ at the end of the input is not a character");
  cur.pos++;
  while (!endsToken(cur.peek())) cur.pos++;
  const token = cur.text.slice(start, cur.pos);
  if (token.length === 1) return token;
  const named = NAMED_CHARS[token];
  if (named !== undefined) return named;
  if (/^u[0-9a-fA-F]{4}$/.test(token))
    return String.fromCharCode(Number.parseInt(token.slice(1), 16));
  return cur.fail(`"\\${clip(token)}" is not a character`);
}

/** A token for a message: at most 40 characters of it. */
function clip(token: string): string {
  return token.length > 40 ? `${token.slice(0, 40)}… (${token.length} characters)` : token;
}

function readToken(cur: Cursor): string {
  const start = cur.pos;
  cur.pos++;
  while (!endsToken(cur.peek())) cur.pos++;
  return cur.text.slice(start, cur.pos);
}

const EDN_INT = /^[+-]?\d+N?$/;
const EDN_FLOAT = /^[+-]?\d+(\.\d*)?([eE][+-]?\d+)?M?$/;
const EDN_SYMBOL =
  /^(?:[a-zA-Z.*+!\-_?$%&=<>'][\w.*+!\-?$%&=<>':#]*(?:\/[\w.*+!\-?$%&=<>':#]+)?|\/)$/;

function readEdnAtom(cur: Cursor): Datum {
  const token = readToken(cur);
  if (token === "nil") return null;
  if (token === "true") return true;
  if (token === "false") return false;
  const c = token.charCodeAt(0);
  const numeric =
    isDigit(c) || ((c === 43 || c === 45) && token.length > 1 && isDigit(token.charCodeAt(1)));
  if (numeric) {
    if (EDN_INT.test(token)) {
      const digits = token.endsWith("N") ? token.slice(0, -1) : token;
      const n = Number(digits);
      return Number.isSafeInteger(n) ? n : BigInt(digits);
    }
    if (EDN_FLOAT.test(token)) return Number(token.endsWith("M") ? token.slice(0, -1) : token);
    return cur.fail(`"${clip(token)}" is not a number`);
  }
  if (EDN_SYMBOL.test(token)) return new Sym(token);
  return cur.fail(`unexpected ${describeChar(c)} in "${clip(token)}"`);
}

/**
 * Reads every top-level JSON value of a text: one value (an array of events), or one per line
 * (JSON lines). Numbers are JSON numbers; integers beyond 2^53 stay exact as bigints.
 */
export function readJson(text: string): Form[] {
  const cur = new Cursor(text);
  const forms: Form[] = [];
  for (;;) {
    skipJsonSpace(cur);
    if (cur.pos >= text.length) return forms;
    const line = cur.line;
    forms.push({ value: readJsonValue(cur), line });
  }
}

function skipJsonSpace(cur: Cursor): void {
  const text = cur.text;
  for (;;) {
    const c = text.charCodeAt(cur.pos);
    if (c === NL) {
      cur.line++;
      cur.pos++;
    } else if (c === SPACE || c === TAB || c === CR || c === 0xfeff) {
      cur.pos++;
    } else {
      return;
    }
  }
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

function readJsonValue(cur: Cursor): Datum {
  const c = cur.peek();
  const line = cur.line;
  if (c === QUOTE) return cur.readString(true);
  if (c === OPEN_BRACE) {
    cur.pos++;
    cur.enter(line);
    const entries: [Datum, Datum][] = [];
    skipJsonSpace(cur);
    if (cur.peek() === CLOSE_BRACE) {
      cur.pos++;
      return cur.leave(new DMap(entries, line));
    }
    for (;;) {
      skipJsonSpace(cur);
      if (cur.peek() !== QUOTE) {
        jsonExpected(cur, "a string key", `in the object opened on line ${line}`);
      }
      const key = cur.readString(true);
      skipJsonSpace(cur);
      if (cur.peek() !== COLON)
        jsonExpected(cur, '":"', `after the key ${JSON.stringify(clip(key))}`);
      cur.pos++;
      skipJsonSpace(cur);
      entries.push([key, readJsonValue(cur)]);
      skipJsonSpace(cur);
      const d = cur.peek();
      cur.pos++;
      if (d === CLOSE_BRACE) return cur.leave(new DMap(entries, line));
      if (d !== COMMA) {
        cur.pos--;
        jsonExpected(cur, '"," or "}"', `in the object opened on line ${line}`);
      }
    }
  }
  if (c === OPEN_BRACKET) {
    cur.pos++;
    cur.enter(line);
    const items: Datum[] = [];
    const lines: number[] = [];
    skipJsonSpace(cur);
    if (cur.peek() === CLOSE_BRACKET) {
      cur.pos++;
      return cur.leave(new Seq("vector", items, lines, line));
    }
    for (;;) {
      skipJsonSpace(cur);
      lines.push(cur.line);
      items.push(readJsonValue(cur));
      skipJsonSpace(cur);
      const d = cur.peek();
      cur.pos++;
      if (d === CLOSE_BRACKET) return cur.leave(new Seq("vector", items, lines, line));
      if (d !== COMMA) {
        cur.pos--;
        jsonExpected(cur, '"," or "]"', `in the array opened on line ${line}`);
      }
    }
  }
  JSON_NUMBER.lastIndex = cur.pos;
  const m = JSON_NUMBER.exec(cur.text);
  if (m !== null) {
    cur.pos += m[0].length;
    if (m[1] === undefined && m[2] === undefined) {
      const n = Number(m[0]);
      return Number.isSafeInteger(n) ? n : BigInt(m[0]);
    }
    return Number(m[0]);
  }
  for (const [word, value] of [
    ["true", true],
    ["false", false],
    ["null", null],
  ] as const) {
    if (cur.text.startsWith(word, cur.pos)) {
      cur.pos += word.length;
      return value;
    }
  }
  return jsonExpected(cur, "a value", "");
}

function jsonExpected(cur: Cursor, what: string, where: string): never {
  const c = cur.peek();
  const got = Number.isNaN(c) ? "the end of the input" : describeChar(c);
  return cur.fail(`expected ${what}${where === "" ? "" : ` ${where}`}, got ${got}`);
}
