/**
 * A linearizability checker for register and key-value histories.
 *
 * A history is linearizable when every operation can be given an instant between its invocation
 * and its completion such that, taken in the order of those instants, the operations are a legal
 * run of a sequential object (the model). Operations on different keys never constrain one
 * another (linearizability is compositional, Herlihy and Wing's "locality", Porcupine's
 * P-compositionality), so the history is split by key and each key is checked on its own.
 *
 * The search per key is Wing and Gong's, with Lowe's memoisation, as in Porcupine (Athalye): the
 * invocations and completions are laid out in time order in a doubly linked list; the search walks
 * it, and at an invocation tries to linearize that operation now (its step is legal in the model's
 * current state, and the pair (set of operations linearized, state) was never reached before), in
 * which case both of its entries are lifted out of the list and the walk starts over; reaching a
 * completion means the operation completing there should already have been linearized, so the
 * search backtracks: it unlifts the last operation linearized and tries the next candidate. It
 * succeeds when every ok operation is linearized; it fails when it must backtrack with nothing
 * linearized. Every configuration (a bitset of linearized operations and a model state) enters the
 * cache once, so no configuration is explored twice.
 *
 * Refinements that keep the search exact while cutting it down:
 * - Operations that may not have happened (info) have no completion: the search may place them
 *   anywhere after their invocation, or leave them out. Reads that may not have happened
 *   constrain nothing and are dropped.
 * - A read that can take effect now (the state holds what it returned; for the cas-register, a
 *   read of nil) is linearized at once, and the orders that leave it for later are not searched:
 *   any such order stays legal with the read moved here, since it changes nothing and everything
 *   that must precede it already has.
 * - kv with appends: until a put intervenes the string held only grows, so every get still to be
 *   linearized must have returned a string that starts with it, unless a put that could still
 *   come before that get put a prefix of what it returned. A configuration that breaks this for
 *   any get (invoked or not) is dead. Gets far in the future reveal early the order appends took,
 *   which is what keeps 50 concurrent appenders (Porcupine's c50 histories) fast.
 * - Registers, likewise: a read of x (or a cas expecting x) still to be linearized needs the
 *   register to hold x then, so once it holds something else, some write of x (or cas to x) that
 *   could come before it must be left. Only a step that overwrites a value can strand an
 *   operation, and only one that needed that value, so this costs little per step and keeps many
 *   concurrent clients on one hot key tractable.
 * - The cache stores each configuration's bitset from its first word that is not all ones, and
 *   the longest prefix is kept as a copy of the stack that shares what has not changed, so long
 *   histories cost memory and time in proportion to their concurrency, not their length.
 *
 * When a key is not linearizable, the witness is the first completion at which the history stops
 * being linearizable (as Knossos reports it): the history cut at that completion is not, the one
 * cut just before it is (and gives the longest prefix: one legal order of everything before).
 * Cutting later only adds constraints, so a binary search over the completions finds it. For a
 * read or a cas there, the values the key could hold while it could take effect are enumerated,
 * which usually says in one sentence why no order works.
 *
 * Models:
 * - `register`: read / write. A read of v is legal when the register holds v, nil included (a read
 *   of nil means the register was empty). Initially nil unless told otherwise.
 * - `cas-register` (Knossos): read / write / cas. A read of v is legal when v is nil (the read's
 *   value is unknown) or the register holds v; write v sets it; cas [a b] is legal only when the
 *   register holds a, and sets b. Initially 0.
 * - `kv` (Porcupine's key-value model, per key): get / put / append on strings. A get must return
 *   the string held, put sets it, append concatenates. Initially "".
 *
 * A register read (or a get) that returns several values at once, an array of sibling versions
 * from concurrent writes, cannot be linearizable: a linearizable register holds one value at any
 * instant. Such a read is reported as the reason (unless the key's writes themselves store arrays,
 * in which case arrays are plain values).
 *
 * Time: the search counts steps and can be given a clock (`now`, in ms) and a time budget; when
 * the budget is spent the verdict for the key is "unknown" with the longest order found so far.
 * The core never reads a clock of its own.
 */

import { type History, type Operation, pairOperations, type Value } from "./history";

export type ModelName = "register" | "cas-register" | "kv";
export const MODEL_NAMES: readonly ModelName[] = ["register", "cas-register", "kv"];

/** true: linearizable; false: certainly not; "unknown": the budget ran out first */
export type Verdict = true | false | "unknown";

export interface CheckOptions {
  /** default: kv if any get / put / append, cas-register if any cas, else register */
  model?: ModelName;
  /** the initial value of every key (default: nil for register, 0 for cas-register, "" for kv) */
  initial?: Value;
  /** a clock in ms (performance.now in Node); without one only maxSteps bounds the search */
  now?: () => number;
  /** total time for the whole check, shared among the keys (default 10 s when a clock is given) */
  timeBudgetMs?: number;
  /** total search steps, shared among the keys (default 50 million without a clock, none with) */
  maxSteps?: number;
}

/** An operation placed at an instant of the history's time line: invoke <= at <= complete. */
export interface Placement {
  op: number;
  at: number;
}

export interface Witness {
  /**
   * the operation at whose completion the history stops being linearizable (or, when that cannot
   * be pinned down within the witness's budget, the one where the search got deepest)
   */
  op: number;
  /** the operations whose intervals overlap op's */
  concurrent: number[];
  /** the value held after the longest linearizable prefix */
  state: Value;
  /**
   * for a read, get or cas: the values the key can hold at an instant when op could take effect,
   * over the legal orders of the operations up to its completion, when they could be enumerated
   */
  possibleStates?: Value[];
  explanation: string;
}

export interface KeyResult {
  valid: Verdict;
  /** the number of operations of this key that were checked (reads that may not have happened
   * constrain nothing and are left out) */
  operations: number;
  /** when linearizable: every operation in a legal order, with the instant it takes effect */
  linearization?: Placement[];
  /** when not linearizable: why */
  witness?: Witness;
  /** when not linearizable or unknown: operations linearized in one legal order (everything
   * before the witness's completion, or the most the search placed), and the value held after */
  longestPrefix?: { order: Placement[]; state: Value };
  /** when unknown: what stopped the search */
  reason?: string;
  /** search steps taken */
  steps: number;
}

export interface CheckResult {
  valid: Verdict;
  model: ModelName;
  initial: Value;
  /** one entry per key, in key order; operations without a key are under "" */
  keys: Record<string, KeyResult>;
  /** the operations checked; witnesses and orders refer to their ids */
  operations: Operation[];
  /** operations that failed and were left out, when the input was a history */
  failed?: number;
}

/** A problem with the operations themselves (a cas for the register model, a cas of one value). */
export class CheckError extends Error {
  override name = "CheckError";
}

const DEFAULT_TIME_BUDGET_MS = 10_000;
const DEFAULT_MAX_STEPS = 50_000_000;
/** how many steps the search takes between looks at the clock and the step budget */
const BUDGET_CHECK_EVERY = 1024;
/** the search steps a key's witness may take (finding the first violation, enumerating the
 * values the culprit could have seen), beyond those of the verdict */
const WITNESS_MAX_STEPS = 40_000;
/** and per operation of the key, since each search of the binary search is at least linear */
const WITNESS_STEPS_PER_OPERATION = 16;

/** Checks a history (events) or operations already paired. */
export function checkLinearizability(
  input: History | Operation[],
  options: CheckOptions = {},
): CheckResult {
  let operations: Operation[];
  let failed: number | undefined;
  if (input.length > 0 && "type" in (input[0] as object)) {
    const paired = pairOperations(input as History);
    operations = paired.operations;
    failed = paired.failed;
  } else {
    operations = input as Operation[];
  }
  const model = options.model ?? inferModel(operations);
  const initial = options.initial === undefined ? defaultInitial(model) : options.initial;
  checkModelFits(operations, model);

  const byKey = new Map<string, Operation[]>();
  for (const op of operations) {
    const key = op.key ?? "";
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [op]);
    else list.push(op);
  }
  const keyNames = [...byKey.keys()].sort(compareKeys);
  let end = 0;
  for (const op of operations) end = Math.max(end, op.invoke + 1, (op.complete ?? 0) + 1);

  // Small keys first, so one hard key cannot starve the others of budget: each key gets an even
  // share of what is left, and the largest key gets whatever the others did not use.
  const clock = options.now;
  const startMs = clock?.() ?? 0;
  const budgetMs =
    options.timeBudgetMs ?? (clock === undefined ? Infinity : DEFAULT_TIME_BUDGET_MS);
  const stepsTotal = options.maxSteps ?? (clock === undefined ? DEFAULT_MAX_STEPS : Infinity);
  let stepsUsed = 0;
  const order = [...keyNames].sort(
    (a, b) => (byKey.get(a)?.length ?? 0) - (byKey.get(b)?.length ?? 0) || compareKeys(a, b),
  );
  const results = new Map<string, KeyResult>();
  order.forEach((key, j) => {
    const left = order.length - j;
    const nowMs = clock?.() ?? 0;
    const budget: Budget = {
      now: clock,
      deadline: clock === undefined ? Infinity : nowMs + (startMs + budgetMs - nowMs) / left,
      maxSteps: Math.max(0, Math.floor((stepsTotal - stepsUsed) / left)),
    };
    const result = checkKey(key, byKey.get(key) as Operation[], model, initial, budget, end);
    stepsUsed += result.steps;
    results.set(key, result);
  });

  const keys: Record<string, KeyResult> = {};
  let valid: Verdict = true;
  for (const key of keyNames) {
    const r = results.get(key) as KeyResult;
    keys[key] = r;
    if (r.valid === false) valid = false;
    else if (r.valid === "unknown" && valid === true) valid = "unknown";
  }
  const result: CheckResult = { valid, model, initial, keys, operations };
  if (failed !== undefined) result.failed = failed;
  return result;
}

/** kv if any get / put / append, cas-register if any cas, else register. */
export function inferModel(operations: readonly Operation[]): ModelName {
  let kv = false;
  let cas = false;
  for (const op of operations) {
    if (op.f === "get" || op.f === "put" || op.f === "append") kv = true;
    else if (op.f === "cas") cas = true;
  }
  return kv ? "kv" : cas ? "cas-register" : "register";
}

export function defaultInitial(model: ModelName): Value {
  return model === "register" ? null : model === "cas-register" ? 0 : "";
}

const MODEL_FUNCTIONS: Record<ModelName, readonly string[]> = {
  register: ["read", "write"],
  "cas-register": ["read", "write", "cas"],
  kv: ["get", "put", "append"],
};

function checkModelFits(operations: readonly Operation[], model: ModelName): void {
  const allowed = MODEL_FUNCTIONS[model];
  for (const op of operations) {
    if (!allowed.includes(op.f)) {
      throw new CheckError(
        `${where(op)}${/^[aeiou]/.test(op.f) ? "an" : "a"} ${op.f} operation, which the ${model} ` +
          `model does not have (it has ${allowed.join(", ")})`,
      );
    }
    if (op.f === "cas" && !(Array.isArray(op.value) && op.value.length === 2)) {
      throw new CheckError(
        `${where(op)}a cas needs [expected new] as its value, got ${showValue(op.value)}`,
      );
    }
  }
}

function where(op: Operation): string {
  return op.invokeLine === undefined ? `operation ${op.id}: ` : `line ${op.invokeLine}: `;
}

/** Integer-looking keys in numeric order, then the rest in code-unit order. */
function compareKeys(a: string, b: string): number {
  const na = /^-?\d+$/.test(a) ? Number(a) : Number.NaN;
  const nb = /^-?\d+$/.test(b) ? Number(b) : Number.NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb) && na !== nb) return na - nb;
  if (!Number.isNaN(na) !== !Number.isNaN(nb)) return Number.isNaN(na) ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// One key, compiled for the search: every operation is a step kind and one or two arguments, and
// every model state is a small integer (values are interned), so that states compare with ===
// and a step never compares long strings.

/** A canonical, ===-comparable form of a value. */
type Canon = string | number | boolean | null;

/** always legal, changes nothing (a cas-register read of nil) */
const K_NOOP = 0;
/** legal when the state is a; changes nothing (read, get) */
const K_READ = 1;
/** sets the state to a (write, put) */
const K_WRITE = 2;
/** legal when the state is a; sets it to b */
const K_CAS = 3;
/** appends the string suffix[i] */
const K_APPEND = 4;
/** never legal: a read that returned several sibling values */
const K_SIBLINGS = 5;

/** Model states as integers: each distinct value gets one id. */
class StateTable {
  private readonly ids = new Map<Canon, number>();
  readonly canonical: Canon[] = [];
  readonly shown: Value[] = [];
  /** (state, append operation) -> state, so each append is computed once */
  private readonly appends = new Map<number, number>();
  /** for a state first made by an append: the state appended to and the suffix; else -1, "" */
  readonly parent: number[] = [];
  readonly suffix: string[] = [];

  constructor(private readonly opCount: number) {}

  intern(c: Canon, shown: Value): number {
    let id = this.ids.get(c);
    if (id === undefined) {
      id = this.canonical.length;
      this.ids.set(c, id);
      this.canonical.push(c);
      this.shown.push(shown);
      this.parent.push(-1);
      this.suffix.push("");
    }
    return id;
  }

  append(state: number, i: number, suffix: string): number {
    const key = state * this.opCount + i;
    let id = this.appends.get(key);
    if (id === undefined) {
      const s = (this.canonical[state] as string) + suffix;
      const known = this.canonical.length;
      id = this.intern(s, s);
      if (id === known) {
        this.parent[id] = state;
        this.suffix[id] = suffix;
      }
      this.appends.set(key, id);
    }
    return id;
  }

  get size(): number {
    return this.canonical.length;
  }
}

interface KeyProblem {
  n: number;
  /** local index -> the operation */
  ops: Operation[];
  kind: Uint8Array;
  a: Int32Array;
  b: Int32Array;
  suffix: string[];
  states: StateTable;
  init: number;
  initial: Value;
  model: ModelName;
  key: string;
}

function canon(v: Value): Canon {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return v === 0 ? 0 : v;
  return `\u0001${stableJson(v)}`;
}

function stableJson(v: Value): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(v[k] as Value)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

function kvString(v: Value): string {
  if (typeof v === "string") return v;
  if (v === null) return "";
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return stableJson(v);
}

function compileKey(
  key: string,
  operations: Operation[],
  model: ModelName,
  initial: Value,
): KeyProblem {
  // Reads that may not have happened constrain nothing: leave them out.
  const ops = operations.filter(
    (op) => !(op.status === "info" && (op.f === "read" || op.f === "get")),
  );
  const n = ops.length;
  const kind = new Uint8Array(n);
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const suffix: string[] = new Array(n).fill("");
  const states = new StateTable(Math.max(n, 1));
  const show = (v: Value): number => states.intern(canon(v), v);
  let init: number;
  if (model === "kv") {
    const str = (v: Value): number => {
      const s = kvString(v);
      return states.intern(s, s);
    };
    init = str(initial);
    ops.forEach((op, i) => {
      const v = op.value;
      if (op.f === "get") {
        if (Array.isArray(v) && v.length >= 2) kind[i] = K_SIBLINGS;
        else {
          kind[i] = K_READ;
          a[i] = str(Array.isArray(v) ? (v[0] ?? null) : v);
        }
      } else if (op.f === "put") {
        kind[i] = K_WRITE;
        a[i] = str(v);
      } else {
        kind[i] = K_APPEND;
        suffix[i] = kvString(v);
      }
    });
  } else {
    init = show(initial);
    // Arrays are plain values when the key's writes store arrays; otherwise an array read is a
    // set of sibling versions.
    const arraysAreValues =
      Array.isArray(initial) ||
      ops.some(
        (op) =>
          (op.f === "write" && Array.isArray(op.value)) ||
          (op.f === "cas" &&
            Array.isArray(op.value) &&
            (Array.isArray(op.value[0]) || Array.isArray(op.value[1]))),
      );
    ops.forEach((op, i) => {
      const v = op.value;
      if (op.f === "write") {
        kind[i] = K_WRITE;
        a[i] = show(v);
      } else if (op.f === "cas") {
        const [from, to] = v as Value[];
        kind[i] = K_CAS;
        a[i] = show(from as Value);
        b[i] = show(to as Value);
      } else {
        let read = v;
        if (Array.isArray(v) && !arraysAreValues) {
          if (v.length >= 2) {
            kind[i] = K_SIBLINGS;
            return;
          }
          read = v[0] ?? null;
        }
        kind[i] = model === "cas-register" && read === null ? K_NOOP : K_READ;
        a[i] = show(read);
      }
    });
  }
  return { n, ops, kind, a, b, suffix, states, init, initial, model, key };
}

/** what step returns for an operation that cannot take effect in the state */
const ILLEGAL = -1;

/** The state after operation i takes effect in `state`, or ILLEGAL. */
function step(p: KeyProblem, state: number, i: number): number {
  switch (p.kind[i]) {
    case K_NOOP:
      return state;
    case K_READ:
      return p.a[i] === state ? state : ILLEGAL;
    case K_WRITE:
      return p.a[i] as number;
    case K_CAS:
      return p.a[i] === state ? (p.b[i] as number) : ILLEGAL;
    case K_APPEND:
      return p.states.append(state, i, p.suffix[i] as string);
    default:
      return ILLEGAL;
  }
}

// ---------------------------------------------------------------------------------------------
// The search.

interface Budget {
  now: (() => number) | undefined;
  deadline: number;
  maxSteps: number;
}

/** The entries of a key's operations in time order, as a doubly linked list over arrays. */
interface Entries {
  count: number;
  /** entry -> local operation */
  op: Int32Array;
  /** call entry -> its return entry, or -1 (no completion); return entry -> -1 */
  match: Int32Array;
  isCall: Uint8Array;
  /** local operation -> its call entry / its return entry (-1 for none) */
  callOf: Int32Array;
  returnOf: Int32Array;
}

function buildEntries(p: KeyProblem): Entries {
  const list: { at: number; ret: number; op: number }[] = [];
  for (let i = 0; i < p.n; i++) {
    const op = p.ops[i] as Operation;
    list.push({ at: op.invoke, ret: 0, op: i });
    if (op.status === "ok" && op.complete !== null) list.push({ at: op.complete, ret: 1, op: i });
  }
  // Time order; at one instant invocations come first (intervals are closed: two operations that
  // touch at an instant are concurrent).
  list.sort((x, y) => x.at - y.at || x.ret - y.ret || x.op - y.op);
  const count = list.length;
  const e: Entries = {
    count,
    op: new Int32Array(count),
    match: new Int32Array(count).fill(-1),
    isCall: new Uint8Array(count),
    callOf: new Int32Array(p.n).fill(-1),
    returnOf: new Int32Array(p.n).fill(-1),
  };
  list.forEach((x, j) => {
    e.op[j] = x.op;
    if (x.ret === 0) {
      e.isCall[j] = 1;
      e.callOf[x.op] = j;
    } else {
      e.returnOf[x.op] = j;
    }
  });
  for (let i = 0; i < p.n; i++) {
    const c = e.callOf[i] as number;
    e.match[c] = e.returnOf[i] as number;
  }
  return e;
}

const FULL_WORD = 0xffffffff;

/** 32-bit hash of a small integer (murmur3's finaliser), for Zobrist hashing of the bitset. */
function mix32(x: number): number {
  let h = (x + 0x9e3779b9) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

interface SearchBest {
  /** local operations in the order linearized */
  order: number[];
  state: number;
  /** the operation whose completion the search could not get past, or (deadEnd) the get that
   * could no longer return its value */
  stuck: number;
  deadEnd: boolean;
}

type SearchOutcome =
  | { kind: "ok"; order: number[]; state: number; steps: number }
  | { kind: "fail"; best: SearchBest; steps: number }
  | { kind: "budget"; best: SearchBest; steps: number; reason: string };

interface SearchMode {
  /** never linearize this operation; collect the state of every configuration where it could be */
  collectFor: number;
  states: Set<number>;
}

/**
 * Wing and Gong's search with Lowe's cache, over the entries as a linked list. Without a mode it
 * decides linearizability; with one it enumerates the states in which `collectFor` could take
 * effect (every reachable configuration where its invocation is reached before any completion).
 */
function search(p: KeyProblem, e: Entries, budget: Budget, mode?: SearchMode): SearchOutcome {
  const E = e.count;
  const HEAD = E;
  const next = new Int32Array(E + 1);
  const prev = new Int32Array(E + 1);
  for (let j = 0; j < E; j++) {
    next[j] = j + 1 < E ? j + 1 : -1;
    prev[j] = j === 0 ? HEAD : j - 1;
  }
  next[HEAD] = E > 0 ? 0 : -1;
  prev[HEAD] = -1;
  const { op: entryOp, match, isCall } = e;
  const kind = p.kind;

  const lift = (j: number): void => {
    const pj = prev[j] as number;
    const nj = next[j] as number;
    next[pj] = nj;
    if (nj !== -1) prev[nj] = pj;
    const m = match[j] as number;
    if (m !== -1) {
      const pm = prev[m] as number;
      const nm = next[m] as number;
      next[pm] = nm;
      if (nm !== -1) prev[nm] = pm;
    }
  };
  const unlift = (j: number): void => {
    const m = match[j] as number;
    if (m !== -1) {
      next[prev[m] as number] = m;
      const nm = next[m] as number;
      if (nm !== -1) prev[nm] = m;
    }
    next[prev[j] as number] = j;
    const nj = next[j] as number;
    if (nj !== -1) prev[nj] = j;
  };

  const words = Math.max(1, Math.ceil(p.n / 32));
  const bits = new Uint32Array(words);
  // Zobrist hashing: the hash of a set of operations is the XOR of theirs, so it is kept up to
  // date in O(1) per step; the state's hash is mixed in for the cache.
  const zobrist = new Int32Array(p.n);
  for (let i = 0; i < p.n; i++) zobrist[i] = mix32(2 * i + 1);

  // The set linearized, as a bitset; words [0, fullWords) are all ones (the operations long
  // since linearized) and topWord is the highest word with a bit set, so a configuration is
  // stored as just its words fullWords..topWord: a long history's cache stays small.
  let fullWords = 0;
  let topWord = -1;
  const setBit = (i: number): void => {
    const w = i >>> 5;
    bits[w] = (bits[w] as number) | (1 << (i & 31));
    if (w > topWord) topWord = w;
    if (w === fullWords) while (fullWords < words && bits[fullWords] === FULL_WORD) fullWords++;
  };
  const clearBit = (i: number): void => {
    const w = i >>> 5;
    bits[w] = (bits[w] as number) & ~(1 << (i & 31));
    if (w < fullWords) fullWords = w;
    if (w === topWord) while (topWord >= 0 && bits[topWord] === 0) topWord--;
  };

  // The cache of configurations reached, as chained hash buckets over typed arrays: entry c holds
  // a state, the first full-word count and length of its words, where they start in the pool,
  // and the next entry of its bucket.
  let capacity = 1024;
  let cacheState: Int32Array = new Int32Array(capacity);
  let cacheLo: Int32Array = new Int32Array(capacity);
  let cacheLen: Int32Array = new Int32Array(capacity);
  let cacheAt: Int32Array = new Int32Array(capacity);
  let cacheNext: Int32Array = new Int32Array(capacity);
  let pool = new Uint32Array(4096);
  let pooled = 0;
  let cached = 0;
  const buckets = new Map<number, number>();
  const grow = (a: Int32Array): Int32Array => {
    const b = new Int32Array(a.length * 2);
    b.set(a);
    return b;
  };
  /** Adds (bits + i, s) to the cache unless it is there; says whether it was added. */
  const remember = (bitsHash: number, i: number, s: number): boolean => {
    const h = (bitsHash ^ mix32(2 * s)) & 0x3fffffff;
    const w = i >>> 5;
    // >>> 0: the words are unsigned, and bit 31 set would make the OR negative.
    const withI = ((bits[w] as number) | (1 << (i & 31))) >>> 0;
    let lo = fullWords;
    if (w === lo && withI === FULL_WORD) {
      lo++;
      while (lo < words && bits[lo] === FULL_WORD) lo++;
    }
    const len = Math.max(topWord, w) - lo + 1;
    const head = buckets.get(h) ?? -1;
    for (let c = head; c !== -1; c = cacheNext[c] as number) {
      if (cacheState[c] !== s || cacheLo[c] !== lo || cacheLen[c] !== len) continue;
      const at = (cacheAt[c] as number) - lo;
      let same = true;
      for (let k = lo; k < lo + len; k++) {
        if (pool[at + k] !== (k === w ? withI : bits[k])) {
          same = false;
          break;
        }
      }
      if (same) return false;
    }
    if (cached === capacity) {
      capacity *= 2;
      cacheState = grow(cacheState);
      cacheLo = grow(cacheLo);
      cacheLen = grow(cacheLen);
      cacheAt = grow(cacheAt);
      cacheNext = grow(cacheNext);
    }
    if (pooled + len > pool.length) {
      const grown = new Uint32Array(Math.max(pool.length * 2, pooled + len));
      grown.set(pool);
      pool = grown;
    }
    for (let k = 0; k < len; k++)
      pool[pooled + k] = lo + k === w ? withI : (bits[lo + k] as number);
    cacheState[cached] = s;
    cacheLo[cached] = lo;
    cacheLen[cached] = len;
    cacheAt[cached] = pooled;
    cacheNext[cached] = head;
    buckets.set(h, cached);
    pooled += len;
    cached++;
    return true;
  };

  let remainingOk = 0;
  for (let i = 0; i < p.n; i++) if ((e.returnOf[i] as number) !== -1) remainingOk++;
  const collectCall = mode === undefined ? -2 : (e.callOf[mode.collectFor] as number);
  const excluded = mode === undefined ? -1 : mode.collectFor;
  const stackEntry = new Int32Array(p.n);
  const stackState = new Int32Array(p.n);
  let depth = 0;
  let state = p.init;
  let hash = 0;
  let steps = 0;
  let sinceCheck = 0;
  const orderOf = (stack: Int32Array, d: number): number[] => {
    const out: number[] = new Array(d);
    for (let k = 0; k < d; k++) out[k] = entryOp[stack[k] as number] as number;
    return out;
  };
  // The deepest configuration where the search had to back up, kept as a copy of the stack then.
  // The copy shares its first `agree` entries with the current stack, so a new deepest point only
  // copies what changed since: keeping it costs O(1) per step, not O(depth).
  const bestStack = new Int32Array(p.n);
  let bestDepth = -1;
  let agree = 0;
  let bestState = 0;
  let bestStuck = -1;
  let bestDeadEnd = false;
  const recordBest = (stuck: number, deadEnd = false): void => {
    if (depth <= bestDepth) return;
    for (let k = agree; k < depth; k++) bestStack[k] = stackEntry[k] as number;
    agree = depth;
    bestDepth = depth;
    bestState = state;
    bestStuck = stuck;
    bestDeadEnd = deadEnd;
  };
  const bestSoFar = (): SearchBest => ({
    order: orderOf(bestStack, bestDepth),
    state: bestState,
    stuck: bestStuck,
    deadEnd: bestDeadEnd,
  });

  const a = p.a;

  // For the kv model with appends: while no put comes between now and a get, the string held can
  // only grow, so it must be a prefix of what the get returned. The last put before the get, if
  // any, must have put a prefix of what it returned, and can come before it only if invoked
  // before the get completed: those puts are the get's "rescuers". A configuration is dead when
  // some get not yet linearized (invoked or not) is neither reachable by appends nor rescued by
  // a put not yet linearized: such gets reveal early which order the appends took.
  // Which gets a state is a prefix of is kept per state as a bitset over the gets, computed once,
  // from the state it was appended to when there is one.
  const strings = p.states.canonical;
  const prunePrefixes = p.model === "kv" && p.kind.includes(K_APPEND);
  const rescuers: Int32Array[] = [];
  const gets: number[] = [];
  const getRank = new Int32Array(p.n).fill(-1);
  if (prunePrefixes) {
    const puts: number[] = [];
    for (let i = 0; i < p.n; i++) {
      if (kind[i] === K_WRITE) puts.push(i);
      else if (kind[i] === K_READ && i !== excluded) gets.push(i);
    }
    gets.forEach((i, r) => {
      getRank[i] = r;
      const got = strings[a[i] as number] as string;
      const ret = e.returnOf[i] as number;
      rescuers[i] = Int32Array.from(
        puts.filter(
          (q) =>
            (ret === -1 || (e.callOf[q] as number) < ret) &&
            got.startsWith(strings[a[q] as number] as string),
        ),
      );
    });
  }
  const getWords = Math.max(1, Math.ceil(gets.length / 32));
  const getValues = gets.map((i) => strings[a[i] as number] as string);
  /** gets not yet linearized, by rank */
  const openGets = new Uint32Array(getWords);
  for (let r = 0; r < gets.length; r++) openGets[r >>> 5] |= 1 << (r & 31);
  const compat: (Uint32Array | undefined)[] = [];
  const { parent, suffix } = p.states;
  const compatOf = (s: number): Uint32Array => {
    const known = compat[s];
    if (known !== undefined) return known;
    const chain: number[] = [];
    let t = s;
    while (compat[t] === undefined && (parent[t] as number) >= 0) {
      chain.push(t);
      t = parent[t] as number;
    }
    if (compat[t] === undefined) {
      const held = strings[t] as string;
      const c = new Uint32Array(getWords);
      for (let r = 0; r < gets.length; r++) {
        if ((getValues[r] as string).startsWith(held)) c[r >>> 5] |= 1 << (r & 31);
      }
      compat[t] = c;
    }
    for (let k = chain.length - 1; k >= 0; k--) {
      const u = chain[k] as number;
      const from = parent[u] as number;
      const pc = compat[from] as Uint32Array;
      const at = (strings[from] as string).length;
      const tail = suffix[u] as string;
      const c = new Uint32Array(getWords);
      for (let w = 0; w < getWords; w++) {
        let m = pc[w] as number;
        while (m !== 0) {
          const bit = m & -m;
          m ^= bit;
          const r = w * 32 + 31 - Math.clz32(bit);
          if ((getValues[r] as string).startsWith(tail, at)) c[w] = (c[w] as number) | bit;
        }
      }
      compat[u] = c;
    }
    return compat[s] as Uint32Array;
  };
  const isSet = (i: number): boolean => ((bits[i >>> 5] as number) & (1 << (i & 31))) !== 0;
  /** A get not yet linearized that can no longer return its value, or -1. */
  const deadEnd = (): number => {
    const c = compatOf(state);
    for (let w = 0; w < getWords; w++) {
      let m = (openGets[w] as number) & ~(c[w] as number);
      while (m !== 0) {
        const bit = m & -m;
        m ^= bit;
        const g = gets[w * 32 + 31 - Math.clz32(bit)] as number;
        const rescue = rescuers[g] as Int32Array;
        let rescued = false;
        for (let k = rescue.length - 1; k >= 0; k--) {
          if (!isSet(rescue[k] as number)) {
            rescued = true;
            break;
          }
        }
        if (!rescued) return g;
      }
    }
    return -1;
  };

  // For the register models, the same idea with equality: a read of x (or a cas expecting x)
  // still to be linearized needs the register to hold x when it takes effect, so once the
  // register holds something else, some operation producing x (a write of x, a cas to x) that
  // could come before it must still be left. Its producers that could, in order of invocation,
  // are a prefix of the producers of x; the first producer of x not yet linearized is tracked
  // per value. Only a step that changes the state can strand an operation, and only one that
  // needed the value just overwritten, so each such step checks those alone.
  const pruneProducers = p.model !== "kv";
  const valueCount = p.states.size;
  const producers: Int32Array[] = [];
  const needers: Int32Array[] = [];
  const producerRank = new Int32Array(p.n).fill(-1);
  /** per operation that needs a value: how many producers of it could come before it */
  const reachable = new Int32Array(p.n);
  /** per value: the rank of its first producer not yet linearized */
  const firstOpenProducer = new Int32Array(valueCount);
  let doomed = -1;
  if (pruneProducers) {
    const made: number[][] = Array.from({ length: valueCount }, () => []);
    const needed: number[][] = Array.from({ length: valueCount }, () => []);
    for (let i = 0; i < p.n; i++) {
      const k = kind[i];
      if (k === K_WRITE) (made[a[i] as number] as number[]).push(i);
      else if (k === K_CAS) (made[p.b[i] as number] as number[]).push(i);
      if ((k === K_READ || k === K_CAS) && i !== excluded && (e.returnOf[i] as number) !== -1) {
        (needed[a[i] as number] as number[]).push(i);
      }
    }
    for (let v = 0; v < valueCount; v++) {
      const list = made[v] as number[];
      list.sort((x, y) => (e.callOf[x] as number) - (e.callOf[y] as number));
      list.forEach((q, r) => {
        producerRank[q] = r;
      });
      producers[v] = Int32Array.from(list);
      needers[v] = Int32Array.from(needed[v] as number[]);
      for (const o of needed[v] as number[]) {
        const ret = e.returnOf[o] as number;
        let k = 0;
        while (k < list.length && (e.callOf[list[k] as number] as number) < ret) k++;
        reachable[o] = k;
        if (k === 0 && v !== p.init && doomed === -1) doomed = o;
      }
    }
  }
  /** After the state moved off `old`: an operation that needed `old` and can no longer get it. */
  const stranded = (old: number): number => {
    const list = needers[old] as Int32Array;
    const first = firstOpenProducer[old] as number;
    for (let k = 0; k < list.length; k++) {
      const o = list[k] as number;
      if (!isSet(o) && first >= (reachable[o] as number)) return o;
    }
    return -1;
  };

  const push = (j: number, i: number, s: number, h: number): void => {
    const old = state;
    stackEntry[depth] = j;
    stackState[depth] = state;
    if (agree === depth && depth < bestDepth && bestStack[depth] === j) agree++;
    depth++;
    state = s;
    hash = h;
    setBit(i);
    if (match[j] !== -1) remainingOk--;
    lift(j);
    const r = getRank[i] as number;
    if (r !== -1) openGets[r >>> 5] = (openGets[r >>> 5] as number) & ~(1 << (r & 31));
    if (pruneProducers) {
      const pr = producerRank[i] as number;
      if (pr !== -1) {
        const v = kind[i] === K_CAS ? (p.b[i] as number) : (a[i] as number);
        if (pr === firstOpenProducer[v]) {
          const list = producers[v] as Int32Array;
          let f = pr;
          while (f < list.length && isSet(list[f] as number)) f++;
          firstOpenProducer[v] = f;
        }
      }
      if (s !== old) doomed = stranded(old);
    }
  };

  let j = -1;
  /** a configuration just reached: look for a read that can take effect now */
  let fresh = true;
  for (;;) {
    if (mode === undefined && remainingOk === 0) {
      return { kind: "ok", order: orderOf(stackEntry, depth), state, steps: steps + sinceCheck };
    }
    if (++sinceCheck === BUDGET_CHECK_EVERY) {
      steps += sinceCheck;
      sinceCheck = 0;
      const outOfSteps = steps >= budget.maxSteps;
      if (outOfSteps || (budget.now !== undefined && budget.now() > budget.deadline)) {
        recordBest(j >= 0 ? (entryOp[j] as number) : -1);
        return {
          kind: "budget",
          best: bestSoFar(),
          steps,
          reason: outOfSteps
            ? `the search stopped after ${steps} steps (its step budget)`
            : `the search stopped after ${steps} steps when its time budget ran out`,
        };
      }
    }
    let backUp = false;
    if (fresh && doomed !== -1) {
      // The step just taken stranded an operation (see pruneProducers).
      recordBest(doomed, true);
      doomed = -1;
      fresh = false;
      backUp = true;
    }
    if (fresh) {
      // A read that can take effect now is linearized now, and only now: an order that places it
      // later can place it here instead (it changes nothing, and every operation that must
      // precede it already does), so the orders that leave it out need no search. If this
      // configuration plus the read was reached before, this one fails too.
      fresh = false;
      for (let k = next[HEAD] as number; k !== -1 && isCall[k] === 1; k = next[k] as number) {
        const i = entryOp[k] as number;
        const kk = kind[i];
        if (k === collectCall) continue;
        if (kk === K_NOOP || (kk === K_READ && a[i] === state)) {
          const h = hash ^ (zobrist[i] as number);
          if (remember(h, i, state)) {
            push(k, i, state, h);
            fresh = true;
          } else {
            backUp = true;
          }
          break;
        }
      }
      if (!fresh && !backUp && prunePrefixes) {
        const dead = deadEnd();
        if (dead !== -1) {
          recordBest(dead, true);
          backUp = true;
        }
      }
      if (fresh) continue;
      j = next[HEAD] as number;
    }
    if (!backUp) {
      if (j !== -1 && isCall[j] === 1) {
        if (j === collectCall) {
          (mode as SearchMode).states.add(state);
          j = next[j] as number;
          continue;
        }
        const i = entryOp[j] as number;
        const kk = kind[i];
        // Reads that could take effect here were taken when the configuration was reached.
        if (kk !== K_NOOP && kk !== K_READ) {
          const s = step(p, state, i);
          if (s !== ILLEGAL) {
            const h = hash ^ (zobrist[i] as number);
            if (remember(h, i, s)) {
              push(j, i, s, h);
              fresh = true;
              continue;
            }
          }
        }
        j = next[j] as number;
        continue;
      }
      // A completion (or, only when collecting, the end of the list): the operation completing
      // here must already have been linearized. Back up.
      recordBest(j === -1 ? -1 : (entryOp[j] as number));
    }
    for (;;) {
      if (depth === 0) {
        return { kind: "fail", best: bestSoFar(), steps: steps + sinceCheck };
      }
      depth--;
      if (agree > depth) agree = depth;
      const top = stackEntry[depth] as number;
      const i = entryOp[top] as number;
      state = stackState[depth] as number;
      hash ^= zobrist[i] as number;
      clearBit(i);
      if (match[top] !== -1) remainingOk++;
      unlift(top);
      const r = getRank[i] as number;
      if (r !== -1) openGets[r >>> 5] = (openGets[r >>> 5] as number) | (1 << (r & 31));
      const pr = producerRank[i] as number;
      if (pr !== -1) {
        const v = kind[i] === K_CAS ? (p.b[i] as number) : (a[i] as number);
        if (pr < (firstOpenProducer[v] as number)) firstOpenProducer[v] = pr;
      }
      // Backing out of a read taken eagerly backs out of the configuration it was taken in.
      const kk = kind[i];
      if (kk !== K_NOOP && kk !== K_READ) {
        j = next[top] as number;
        break;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One key: search, then report.

function checkKey(
  key: string,
  operations: Operation[],
  model: ModelName,
  initial: Value,
  budget: Budget,
  end: number,
): KeyResult {
  const p = compileKey(key, operations, model, initial);
  const entries = buildEntries(p);
  const outcome = search(p, entries, budget);
  if (outcome.kind === "ok") {
    return {
      valid: true,
      operations: p.n,
      linearization: place(p, outcome.order, end),
      steps: outcome.steps,
    };
  }
  const best = outcome.best;
  let siblings = -1;
  for (let i = 0; i < p.n; i++) {
    if (p.kind[i] === K_SIBLINGS) {
      siblings = i;
      break;
    }
  }
  if (outcome.kind === "budget" && siblings === -1) {
    return {
      valid: "unknown",
      operations: p.n,
      longestPrefix: { order: place(p, best.order, end), state: shownState(p, best.state) },
      reason: `${outcome.reason}; the longest linearizable prefix found has ${best.order.length} of ${p.n} operations`,
      steps: outcome.steps,
    };
  }
  const witnessBudget: Budget = {
    now: budget.now,
    deadline: budget.deadline,
    maxSteps: WITNESS_MAX_STEPS + WITNESS_STEPS_PER_OPERATION * p.n,
  };
  if (siblings !== -1) {
    const before = prefixBefore(p, entries, entries.returnOf[siblings] as number, witnessBudget);
    const prefix = before ?? { order: best.order, state: shownState(p, best.state) };
    return {
      valid: false,
      operations: p.n,
      witness: siblingsWitness(p, entries, siblings, prefix.state),
      longestPrefix: { order: place(p, prefix.order, end), state: prefix.state },
      steps: outcome.steps,
    };
  }
  // When an operation is impossible from the very start (a read of a value nothing before it
  // writes), its completion is where the history stops being linearizable, unless the history
  // before it already is not; otherwise look for the first violation.
  const impossible =
    best.deadEnd && best.order.length === 0 ? (entries.returnOf[best.stuck] as number) : -1;
  const first =
    (impossible === -1 ? undefined : violationAt(p, entries, impossible, witnessBudget)) ??
    firstViolation(p, entries, witnessBudget);
  if (first === undefined) {
    return {
      valid: false,
      operations: p.n,
      witness: fallbackWitness(p, entries, best),
      longestPrefix: { order: place(p, best.order, end), state: shownState(p, best.state) },
      steps: outcome.steps,
    };
  }
  return {
    valid: false,
    operations: p.n,
    witness: violationWitness(p, entries, first, witnessBudget),
    longestPrefix: { order: place(p, first.prefix.order, end), state: first.prefix.state },
    steps: outcome.steps,
  };
}

/**
 * The key's operations as they stood at entry R (a completion) of the time line: operations
 * invoked later are left out, and those still running (completing after R, or after or at R when
 * not `inclusive`) become info, as they may or may not have taken effect by then. `origin` maps
 * the truncated problem's operations back to the key's.
 */
function truncated(
  p: KeyProblem,
  e: Entries,
  R: number,
  inclusive: boolean,
): { problem: KeyProblem; origin: number[] } {
  const ops: Operation[] = [];
  const origin: number[] = [];
  for (let i = 0; i < p.n; i++) {
    if ((e.callOf[i] as number) > R) continue;
    const op = p.ops[i] as Operation;
    const ret = e.returnOf[i] as number;
    const done = ret !== -1 && (ret < R || (inclusive && ret === R));
    if (!done && (op.f === "read" || op.f === "get")) continue;
    ops.push(done || op.status === "info" ? op : { ...op, status: "info", complete: null });
    origin.push(i);
  }
  return { problem: compileKey(p.key, ops, p.model, p.initial), origin };
}

interface FirstViolation {
  /** the key's operation whose completion no order of the operations so far can get past */
  culprit: number;
  /** one legal order of everything before that completion, as the key's operations */
  prefix: { order: number[]; state: Value };
  /** the history up to and including that completion */
  upTo: { problem: KeyProblem; origin: number[] };
}

/** One legal order of the operations as they stood just before entry R, if the search finds it. */
function prefixBefore(
  p: KeyProblem,
  e: Entries,
  R: number,
  budget: Budget,
): { order: number[]; state: Value } | undefined {
  const before = truncated(p, e, R, false);
  const out = searchWithin(budget, before.problem);
  if (out.kind !== "ok") return undefined;
  return {
    order: out.order.map((k) => before.origin[k] as number),
    state: shownState(before.problem, out.state),
  };
}

/** A search that takes its steps from a budget shared with other searches. */
function searchWithin(budget: Budget, p: KeyProblem, mode?: SearchMode): SearchOutcome {
  const out = search(p, buildEntries(p), budget, mode);
  budget.maxSteps = Math.max(0, budget.maxSteps - out.steps);
  return out;
}

/**
 * The first completion at which the history stops being linearizable (as Knossos reports it):
 * the history cut there is not linearizable, the history cut just before it is. Cutting later
 * only adds constraints, so a binary search over the completions finds it. Undefined if a search
 * runs out of budget.
 */
function firstViolation(p: KeyProblem, e: Entries, budget: Budget): FirstViolation | undefined {
  const returns: number[] = [];
  for (let j = 0; j < e.count; j++) if (e.isCall[j] === 0) returns.push(j);
  let lo = 0;
  let hi = returns.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const cut = truncated(p, e, returns[mid] as number, true);
    const out = searchWithin(budget, cut.problem);
    if (out.kind === "budget") return undefined;
    if (out.kind === "fail") hi = mid;
    else lo = mid + 1;
  }
  return violationAt(p, e, returns[lo] as number, budget);
}

/** The violation at completion R, if the history just before R is linearizable. */
function violationAt(
  p: KeyProblem,
  e: Entries,
  R: number,
  budget: Budget,
): FirstViolation | undefined {
  const prefix = prefixBefore(p, e, R, budget);
  if (prefix === undefined) return undefined;
  return { culprit: e.op[R] as number, prefix, upTo: truncated(p, e, R, true) };
}

/**
 * Instants for an order: each operation at the middle of the latest invocation so far and the
 * earliest completion still to come, which lies within its own interval and keeps the order.
 */
function place(p: KeyProblem, order: number[], end: number): Placement[] {
  const m = order.length;
  const lo = new Array<number>(m);
  const hi = new Array<number>(m);
  let latest = -Infinity;
  for (let k = 0; k < m; k++) {
    latest = Math.max(latest, (p.ops[order[k] as number] as Operation).invoke);
    lo[k] = latest;
  }
  let earliest = Infinity;
  for (let k = m - 1; k >= 0; k--) {
    earliest = Math.min(earliest, (p.ops[order[k] as number] as Operation).complete ?? end);
    hi[k] = earliest;
  }
  return order.map((i, k) => {
    const op = p.ops[i] as Operation;
    const at = ((lo[k] as number) + (hi[k] as number)) / 2;
    return { op: op.id, at: Math.min(Math.max(at, op.invoke), op.complete ?? end) };
  });
}

function shownState(p: KeyProblem, s: number): Value {
  return p.states.shown[s] as Value;
}

/** The operations of the key whose intervals overlap op i's. */
function concurrentWith(p: KeyProblem, e: Entries, i: number): number[] {
  const call = e.callOf[i] as number;
  const ret = e.returnOf[i] as number;
  const out: number[] = [];
  for (let k = 0; k < p.n; k++) {
    if (k === i) continue;
    const kc = e.callOf[k] as number;
    const kr = e.returnOf[k] as number;
    if ((ret === -1 || kc < ret) && (kr === -1 || call < kr)) out.push((p.ops[k] as Operation).id);
  }
  return out;
}

function siblingsWitness(p: KeyProblem, e: Entries, i: number, state: Value): Witness {
  const op = p.ops[i] as Operation;
  const values = op.value as Value[];
  return {
    op: op.id,
    concurrent: concurrentWith(p, e, i),
    state,
    explanation:
      `${describeOp(op)} returned ${values.length} values at once (${values.map(showValue).join(", ")}): ` +
      "sibling versions left by concurrent writes. A linearizable register holds exactly one value " +
      "at any instant, so this read cannot take effect at any point, and no order of the operations " +
      "is linearizable.",
  };
}

function holderOf(p: KeyProblem): string {
  return p.model === "kv" ? `key ${JSON.stringify(p.key)}` : "the register";
}

/** Why the first violation is one: what the culprit needed and what the key could hold. */
function violationWitness(p: KeyProblem, e: Entries, v: FirstViolation, budget: Budget): Witness {
  const i = v.culprit;
  const op = p.ops[i] as Operation;
  const concurrent = concurrentWith(p, e, i);
  const witness: Witness = { op: op.id, concurrent, state: v.prefix.state, explanation: "" };
  const holder = holderOf(p);
  const before = v.prefix.order.length;
  const kind = p.kind[i];
  if (kind === K_READ || kind === K_CAS) {
    // For the registers: whether anything that could take effect before it completes writes
    // the value it needs. If nothing does, that says why in itself, so the enumeration below
    // only gets a small budget.
    const needed = p.a[i] as number;
    let producible = p.model === "kv" || needed === p.init;
    const ret = e.returnOf[i] as number;
    for (let q = 0; q < p.n && !producible; q++) {
      const made = p.kind[q] === K_WRITE ? p.a[q] : p.kind[q] === K_CAS ? p.b[q] : -1;
      if (q !== i && made === needed && (e.callOf[q] as number) < ret) producible = true;
    }
    const value = showValue(shownState(p, needed));
    const want =
      kind === K_CAS
        ? `it needs ${value} to swap`
        : `it ${op.f === "get" ? "returned" : "read"} ${value}`;
    const never = producible
      ? ""
      : `, and no operation that could take effect before it completes writes ${value}`;
    const cut = v.upTo.problem;
    const k = v.upTo.origin.indexOf(i);
    const states = new Set<number>();
    const collectBudget = producible
      ? budget
      : { ...budget, maxSteps: Math.min(budget.maxSteps, WITNESS_MAX_STEPS) };
    const out = searchWithin(collectBudget, cut, { collectFor: k, states });
    if (!producible) budget.maxSteps -= out.steps;
    if (out.kind === "fail") {
      const seen = [...states];
      witness.possibleStates = seen.map((s) => shownState(cut, s));
      if (seen.length > 0 && !states.has(cut.a[k] as number)) {
        witness.explanation =
          `${describeOp(op)} cannot take effect at any instant between its invocation and its ` +
          `completion: whatever legal order the operations before it and the ${concurrent.length} ` +
          `concurrent with it take, ${holder} then holds ${showStates(cut, seen)}, but ${want}` +
          `${never}. So no order of the operations is linearizable.`;
        return witness;
      }
    }
    if (!producible) {
      witness.explanation =
        `${describeOp(op)} cannot take effect at any instant between its invocation and its ` +
        `completion: ${want}, but no operation that could take effect before it completes ` +
        `writes ${value} (${holder} starts at ${showValue(p.initial)}). So no order of the ` +
        "operations is linearizable.";
      return witness;
    }
  }
  witness.explanation =
    `No order of the operations is linearizable, and ${describeOp(op)} is where it shows: the ` +
    `operations up to its completion have legal orders while it may still be running (one places ` +
    `${before} operations and leaves ${holder} holding ${showValue(v.prefix.state)}), but once it ` +
    `must have taken effect, no placement of it and the ${concurrent.length} operations ` +
    "concurrent with it within their intervals lets every operation take effect.";
  return witness;
}

/** When the first violation could not be pinned down within budget: the search's deepest point. */
function fallbackWitness(p: KeyProblem, e: Entries, best: SearchBest): Witness {
  const op = p.ops[best.stuck] as Operation;
  const concurrent = concurrentWith(p, e, best.stuck);
  const holder = holderOf(p);
  const held = showValue(shownState(p, best.state));
  const from =
    best.order.length === 0
      ? `From the start (${holder} holding ${held}),`
      : `The longest legal order found places ${best.order.length} of the key's ${p.n} ` +
        `operations and leaves ${holder} holding ${held}; from there`;
  let why: string;
  if (!best.deadEnd) {
    why =
      `${from} no order gets past the completion of ${describeOp(op)}: every way of placing it ` +
      `and the ${concurrent.length} operations concurrent with it leads to an operation that ` +
      "cannot take effect.";
  } else if (p.model === "kv") {
    why =
      `${from} ${describeOp(op)} can never return what it did: appends only extend ${held}, ` +
      "which is not a prefix of it, and no put that could come before it is left to start over.";
  } else {
    const needs = showValue(shownState(p, p.a[best.stuck] as number));
    why =
      `${from} ${describeOp(op)} can never take effect: it needs ${needs}, and no write of ` +
      `${needs} (or cas to it) that could come before it is left.`;
  }
  return {
    op: op.id,
    concurrent,
    state: shownState(p, best.state),
    explanation: `No order of the operations is linearizable. ${why} No other order gets further.`,
  };
}

function showStates(p: KeyProblem, states: number[]): string {
  const shown = states.slice(0, 6).map((s) => showValue(shownState(p, s)));
  if (states.length > 6) shown.push(`${states.length - 6} other values`);
  if (shown.length === 1) return shown[0] as string;
  return `${shown.length === 2 ? "either " : "one of "}${shown.slice(0, -1).join(", ")} or ${shown.at(-1)}`;
}

/** A value for a sentence: nil for null, JSON otherwise, long strings shortened. */
export function showValue(v: Value): string {
  if (v === null) return "nil";
  const text = JSON.stringify(v);
  return text.length <= 48 ? text : `${text.slice(0, 30)}...${text.slice(-14)}`;
}

/** "op 7 (process 2: read 3, lines 14-15)" */
export function describeOp(op: Operation): string {
  const what =
    op.f === "cas" && Array.isArray(op.value)
      ? `cas ${showValue(op.value[0] as Value)} -> ${showValue(op.value[1] as Value)}`
      : `${op.f} ${showValue(op.value)}`;
  const lines =
    op.invokeLine === undefined
      ? ""
      : op.completeLine === undefined
        ? `, line ${op.invokeLine}`
        : `, lines ${op.invokeLine}-${op.completeLine}`;
  const status = op.status === "info" ? ", indeterminate" : "";
  const proc = typeof op.process === "number" ? op.process : JSON.stringify(op.process);
  return `op ${op.id} (process ${proc}: ${what}${status}${lines})`;
}
