/**
 * Histories in Jepsen's vocabulary, their text forms, and their operations.
 *
 * A history is the list of what clients saw, in the order it happened: each process (a client,
 * doing one thing at a time) `invoke`s an operation and later completes it with `ok` (it
 * happened), `fail` (it certainly did not happen) or `info` (it may or may not have happened: a
 * timeout, a crash). An operation is an invoke paired with its completion. The consistency
 * checkers (linearizability.ts) read operations, never raw events.
 *
 * Text forms read here, chosen by looking at the text: a JSON array of events, JSON lines (one
 * event object per line), and Jepsen's EDN (one vector or list of maps, or one map per line), e.g.
 * `{:process 0, :type :invoke, :f :cas, :value [3 4]}`. Events of a process that is not a client
 * (Jepsen's `:nemesis`) are skipped. Unreadable input throws a `HistoryError` whose message names
 * the 1-based line and the problem.
 */

import {
  type Datum,
  DMap,
  type Form,
  Keyword,
  ReadError,
  readEdn,
  readJson,
  Seq,
  Sym,
  showDatum,
  Tagged,
} from "./reader";

export const EVENT_TYPES = ["invoke", "ok", "fail", "info"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** register ops (read, write, cas) and key-value ops (get, put, append) */
export const OPERATION_FUNCTIONS = ["read", "write", "cas", "get", "put", "append"] as const;
export type OpFunction = (typeof OPERATION_FUNCTIONS)[number];

/** A value as it appears in a history: JSON's values (EDN keywords become ":name" strings). */
export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

export interface HistoryEvent {
  /** the client that did it: a number (Jepsen) or a name */
  process: number | string;
  type: EventType;
  f: OpFunction;
  key?: string;
  /** a write's or put's value, a cas's [expected, new], a read's result (on its completion) */
  value: Value;
  time?: number;
  /** the 1-based line the event starts on, when it was read from text */
  line?: number;
}

export type History = HistoryEvent[];

export type HistoryFormat = "json" | "jsonl" | "edn";

export interface ReadHistory {
  format: HistoryFormat;
  events: History;
  /** events of processes that are not clients (Jepsen's :nemesis), left out */
  skipped: number;
}

export class HistoryError extends Error {
  override name = "HistoryError";
  readonly line: number | undefined;
  readonly problem: string;
  constructor(line: number | undefined, problem: string) {
    super(line === undefined ? problem : `line ${line}: ${problem}`);
    this.line = line;
    this.problem = problem;
  }
}

/** The events of a history file's text (see the module comment for the forms read). */
export function parseHistory(text: string, format?: HistoryFormat): History {
  return readHistory(text, format).events;
}

/** Like parseHistory, also saying which form it read and how many non-client events it skipped. */
export function readHistory(text: string, format: HistoryFormat = detectFormat(text)): ReadHistory {
  let forms: Form[];
  try {
    forms = format === "edn" ? readEdn(text) : readJson(text);
  } catch (err) {
    if (err instanceof ReadError) {
      throw new HistoryError(
        err.line,
        `${err.problem} (reading ${format === "edn" ? "EDN" : "JSON"})`,
      );
    }
    throw err;
  }
  let items: Form[] = forms;
  const first = forms[0];
  if (forms.length === 1 && first !== undefined && first.value instanceof Seq) {
    const seq = first.value;
    items = seq.items.map((value, i) => ({ value, line: seq.lines[i] as number }));
  }
  if (format !== "edn")
    format = forms.length === 1 && first?.value instanceof Seq ? "json" : "jsonl";
  const events: History = [];
  let skipped = 0;
  for (const item of items) {
    const event = toEvent(item);
    if (event === undefined) skipped++;
    else events.push(event);
  }
  return { format, events, skipped };
}

/**
 * EDN when the first map's first key is a keyword (`{:process ...`) or the text opens with a list;
 * JSON when it is a string (`{"process" ...`). A JSON text holding one array is "json", one object
 * per line is "jsonl" (readHistory reports which).
 */
export function detectFormat(text: string): HistoryFormat {
  let i = 0;
  let comment = false;
  const next = (): string | undefined => {
    for (;;) {
      const c = text[i++];
      if (c === undefined) return undefined;
      if (c === ";") {
        comment = true;
        while (i < text.length && text[i] !== "\n") i++;
      } else if (!/[\s,\uFEFF]/.test(c)) {
        return c;
      }
    }
  };
  let c = next();
  if (comment) return "edn";
  if (c === undefined) return "json";
  if (c === "[") {
    c = next();
    if (c === "]" || c === undefined) return "json";
  }
  if (c !== "{") return "edn";
  const key = next();
  return key === '"' || key === "}" ? "json" : "edn";
}

/** One history element as an event, or undefined for a non-client process's event. */
function toEvent({ value: d, line }: Form): HistoryEvent | undefined {
  if (!(d instanceof DMap)) {
    throw new HistoryError(
      line,
      `expected an event like {:process 0, :type :invoke, :f :read, :value nil}, got ${showDatum(d)}`,
    );
  }
  const process = d.get("process");
  if (process === undefined) throw new HistoryError(line, "this event has no process");
  if (process instanceof Keyword || process === "nemesis") return undefined;
  if (
    !(typeof process === "string" || (typeof process === "number" && Number.isInteger(process)))
  ) {
    throw new HistoryError(line, `process must be an integer or a name, got ${showDatum(process)}`);
  }
  const type = nameOf(d.get("type"));
  if (type === undefined)
    throw new HistoryError(line, "this event has no type (invoke, ok, fail or info)");
  if (!(EVENT_TYPES as readonly string[]).includes(type)) {
    throw new HistoryError(
      line,
      `unknown type ${showDatum(d.get("type") as Datum)}: expected invoke, ok, fail or info`,
    );
  }
  const f = nameOf(d.get("f"));
  if (f === undefined)
    throw new HistoryError(line, "this event has no f (the operation's function)");
  if (!(OPERATION_FUNCTIONS as readonly string[]).includes(f)) {
    throw new HistoryError(
      line,
      `unknown f ${showDatum(d.get("f") as Datum)}: expected one of ${OPERATION_FUNCTIONS.join(", ")}`,
    );
  }
  const event: HistoryEvent = {
    process,
    type: type as EventType,
    f: f as OpFunction,
    value: toValue(d.get("value") ?? null, line),
  };
  const key = d.get("key");
  if (key !== undefined && key !== null) event.key = keyOf(key, line);
  const time = d.get("time");
  if (time !== undefined && time !== null) {
    if (typeof time !== "number" && typeof time !== "bigint") {
      throw new HistoryError(line, `time must be a number, got ${showDatum(time)}`);
    }
    event.time = Number(time);
  }
  event.line = line;
  return event;
}

/** The name of a keyword (EDN) or a string (JSON); undefined when absent. */
function nameOf(d: Datum | undefined): string | undefined {
  if (d === undefined || d === null) return undefined;
  if (d instanceof Keyword || d instanceof Sym) return d.name;
  if (typeof d === "string") return d;
  return `\u0000${showDatum(d)}`;
}

function keyOf(d: Datum, line: number): string {
  if (typeof d === "string") return d;
  if (typeof d === "number" || typeof d === "bigint") return String(d);
  if (d instanceof Keyword) return d.toString();
  throw new HistoryError(line, `key must be a string or a number, got ${showDatum(d)}`);
}

/** A datum as a history value: lists, vectors and sets become arrays, maps objects. */
function toValue(d: Datum, line: number): Value {
  if (d === null || typeof d === "boolean" || typeof d === "string") return d;
  if (typeof d === "number") {
    if (!Number.isFinite(d)) throw new HistoryError(line, `the number ${d} is not a value`);
    return d;
  }
  if (typeof d === "bigint") {
    throw new HistoryError(
      line,
      `the integer ${d} is too large to compare exactly (beyond 2^53); write it as a string`,
    );
  }
  if (d instanceof Keyword) return d.toString();
  if (d instanceof Sym) return d.name;
  if (d instanceof Seq) return d.items.map((x) => toValue(x, line));
  if (d instanceof Tagged) return toValue(d.value, line);
  const out: { [key: string]: Value } = {};
  for (const [k, v] of d.entries) {
    const name = k instanceof Keyword ? k.name : typeof k === "string" ? k : showDatum(k, 1000);
    out[name] = toValue(v, line);
  }
  return out;
}

/**
 * An invoke paired with its completion. `invoke` and `complete` are positions on the history's
 * time line (the index of the invoke and of the ok event); an operation that is `info` (it may
 * have happened at any time after its invoke) has no completion, `complete: null`.
 */
export interface Operation {
  /** 0-based, in order of invocation (failed operations are not counted) */
  id: number;
  process: number | string;
  f: OpFunction;
  key?: string;
  /** the argument (write, put, append, cas [expected, new]) or the result read (read, get) */
  value: Value;
  status: "ok" | "info";
  invoke: number;
  complete: number | null;
  invokeTime?: number;
  completeTime?: number;
  /** the lines of the invoke and of the completion, when read from text */
  invokeLine?: number;
  completeLine?: number;
}

export interface Operations {
  operations: Operation[];
  /** operations that completed with fail: they did not happen, so they are left out */
  failed: number;
  /** operations with an info completion or none at all */
  indeterminate: number;
}

/**
 * Pairs every invoke with the next completion of the same process. `ok` closes the operation,
 * `fail` drops it (it did not happen), `info` leaves it open forever (it may have happened at any
 * time after its invoke); an invoke never completed is like info, and so is one left open when
 * its process invokes again. A completion with nothing open, or for another f, is an error.
 */
export function pairOperations(history: History): Operations {
  const operations: Operation[] = [];
  const open = new Map<number | string, Operation>();
  const failed = new Set<Operation>();
  const opened: Operation[] = [];
  for (let index = 0; index < history.length; index++) {
    const e = history[index] as HistoryEvent;
    const where = e.line ?? undefined;
    if (e.type === "invoke") {
      const previous = open.get(e.process);
      if (previous !== undefined) previous.status = "info";
      const op: Operation = {
        id: opened.length,
        process: e.process,
        f: e.f,
        value: e.value,
        status: "info",
        invoke: index,
        complete: null,
      };
      if (e.key !== undefined) op.key = e.key;
      if (e.time !== undefined) op.invokeTime = e.time;
      if (e.line !== undefined) op.invokeLine = e.line;
      opened.push(op);
      open.set(e.process, op);
      continue;
    }
    const op = open.get(e.process);
    if (op === undefined) {
      throw new HistoryError(
        where,
        `${e.type} for process ${showProcess(e.process)} which has no operation open (no invoke before it)`,
      );
    }
    if (op.f !== e.f || (e.key !== undefined && op.key !== e.key)) {
      throw new HistoryError(
        where,
        `${e.type} ${e.f}${e.key === undefined ? "" : ` of key ${JSON.stringify(e.key)}`} for process ${showProcess(e.process)} ` +
          `does not match its open ${op.f}${op.key === undefined ? "" : ` of key ${JSON.stringify(op.key)}`}` +
          `${op.invokeLine === undefined ? "" : ` (line ${op.invokeLine})`}`,
      );
    }
    open.delete(e.process);
    if (e.type === "fail") {
      failed.add(op);
      continue;
    }
    if (e.type === "info") continue;
    op.status = "ok";
    op.complete = index;
    if (e.time !== undefined) op.completeTime = e.time;
    if (e.line !== undefined) op.completeLine = e.line;
    // A read's result is on its completion; everything else says what it did on its invoke.
    if (op.f === "read" || op.f === "get") op.value = e.value;
  }
  let indeterminate = 0;
  for (const op of opened) {
    if (failed.has(op)) continue;
    if (op.status === "info") {
      indeterminate++;
      if (op.f === "read" || op.f === "get") op.value = null;
    }
    op.id = operations.length;
    operations.push(op);
  }
  return { operations, failed: failed.size, indeterminate };
}

function showProcess(p: number | string): string {
  return typeof p === "number" ? String(p) : JSON.stringify(p);
}
