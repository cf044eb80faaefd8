/**
 * Checkpoints of a live run, so that a seek re-runs from the nearest earlier checkpoint instead of
 * from time zero.
 *
 * A checkpoint is a copy of a Run's whole state: every process's state and disk, clocks, random
 * streams, the event queue, the network, the trace's hash and window, the history and metrics. A
 * Run's behaviours are closures over the Run that built them, so a copy cannot be a plain deep
 * clone. Instead a copy is poured into a *skeleton*: a fresh Run of the same scenario and seed,
 * whose closures already point at itself. The skeleton keeps its behaviours, its observer and its
 * scheduled interventions (matched to the source's by the intervention they apply); every other
 * value is copied from the source (but for completed operations, envelopes and siblings, which
 * never change and are shared), objects with their prototypes, Maps, Sets and typed arrays included, shared
 * references kept shared. Copies keep the engine's shapes where they can: where the skeleton holds
 * an instance of the same class at the same place, that instance is filled in place (it keeps the
 * shape its constructor gave it); plain objects are spread and arrays sliced. Code optimised for
 * the simulation's own objects then runs a restored copy as fast as a fresh run. A function met
 * anywhere else would be a closure the copy cannot carry: the copy refuses (CheckpointError), and
 * the host then re-runs from zero.
 * Randomness is part of the copied state (the generators' words), so a run continued from a copy
 * is the same run, event for event: the tests check the trace hashes.
 */

import { isSiblingsValue, type Operation, Ring, type Run } from "../sim";

export class CheckpointError extends Error {}

type Bag = Record<string | symbol, unknown>;

interface SimInternals {
  procs: { behavior: object }[];
  observer: object;
  queue: { payloads: unknown[]; poppedPayload: unknown };
  trace: { ref: unknown[]; capacity: number; keepsRefs: boolean };
}

interface WorldEvent {
  kind: string;
  apply: () => void;
  ref: unknown;
}

function isWorldEvent(v: object): v is WorldEvent {
  return typeof (v as Partial<WorldEvent>).apply === "function" && "ref" in v && "kind" in v;
}

/** A client operation that has completed: it never changes again, so copies share it. */
function isSettledOperation(o: object): boolean {
  const op = o as Partial<Operation>;
  return (
    typeof op.outcome === "string" &&
    op.outcome !== "pending" &&
    typeof op.invokeAt === "number" &&
    typeof op.keyDigest === "number" &&
    typeof op.completeAt === "number"
  );
}

/** An object of plain data members only (no accessors or read-only or hidden members). */
function isPlainData(o: object): boolean {
  for (const key of Reflect.ownKeys(o)) {
    const d = Object.getOwnPropertyDescriptor(o, key) as PropertyDescriptor;
    if (d.get !== undefined || d.set !== undefined) return false;
    if (d.writable !== true || d.enumerable !== true || d.configurable !== true) return false;
  }
  return true;
}

function hasCode(o: object): boolean {
  // collections hold data (the copy throws on a function met in one); only objects with named
  // members can be settings
  if (Array.isArray(o) || o instanceof Map || o instanceof Set || ArrayBuffer.isView(o))
    return false;
  for (const key of Reflect.ownKeys(o)) {
    const d = Object.getOwnPropertyDescriptor(o, key) as PropertyDescriptor;
    if (d.get !== undefined || d.set !== undefined || typeof d.value === "function") return true;
  }
  return false;
}

/** Maps objects with accessors or functions in `from` to the objects at the same place in `to`. */
function pairSettings(from: unknown, to: unknown, memo: Map<object, unknown>, depth: number): void {
  if (typeof from !== "object" || from === null || typeof to !== "object" || to === null) return;
  if (Array.isArray(from) || from instanceof Map || from instanceof Set || ArrayBuffer.isView(from))
    return;
  for (const key of Reflect.ownKeys(from)) {
    const d = Object.getOwnPropertyDescriptor(from, key) as PropertyDescriptor;
    const v: unknown = d.value;
    if (typeof v !== "object" || v === null || memo.has(v)) continue;
    const w = (to as Bag)[key];
    if (hasCode(v)) {
      if (typeof w === "object" && w !== null) memo.set(v, w);
    } else if (depth > 0) {
      pairSettings(v, w, memo, depth - 1);
    }
  }
}

/**
 * Makes `skeleton` (a fresh Run of the same scenario, seed and interventions, not yet run) a copy
 * of `source`, and returns it. With `dropEnvelopes`, the copy's trace window forgets the envelopes
 * it holds (a checkpoint kept only to be copied again needs no message bodies).
 */
export function pourRun(source: Run, skeleton: Run, dropEnvelopes = false): Run {
  const memo = new Map<object, unknown>();
  /** the skeleton's objects that stand for one of the source's already (never filled again) */
  const claimed = new Set<object>();
  memo.set(source, skeleton);
  const src = source.sim as unknown as SimInternals;
  const dst = skeleton.sim as unknown as SimInternals;
  if (src.procs.length !== dst.procs.length)
    throw new CheckpointError("the skeleton has other processes");
  // what the skeleton keeps as it is: its behaviours and observer (closures over the skeleton)
  src.procs.forEach((p, i) => {
    memo.set(p.behavior, (dst.procs[i] as { behavior: object }).behavior);
  });
  memo.set(src.observer, dst.observer);
  memo.set(source.scenario, skeleton.scenario);
  // its scheduled interventions, by the intervention each applies (equal ones are interchangeable)
  const worldByRef = new Map<string, WorldEvent[]>();
  for (const p of dst.queue.payloads) {
    if (typeof p === "object" && p !== null && isWorldEvent(p)) {
      const key = JSON.stringify(p.ref);
      worldByRef.set(key, [...(worldByRef.get(key) ?? []), p]);
    }
  }
  for (const p of src.queue.payloads) {
    if (typeof p === "object" && p !== null && isWorldEvent(p)) {
      const w = worldByRef.get(JSON.stringify(p.ref))?.shift();
      if (w === undefined)
        throw new CheckpointError(
          `the skeleton has no scheduled ${p.kind} to stand for the source's`,
        );
      memo.set(p, w);
    }
  }
  // the interventions on its timeline: the skeleton's own objects (the host tells live ones by
  // identity), paired by what they say
  const timelineByKey = new Map<string, unknown[]>();
  for (const iv of skeleton.timeline) {
    const key = JSON.stringify(iv);
    timelineByKey.set(key, [...(timelineByKey.get(key) ?? []), iv]);
  }
  for (const iv of source.timeline) {
    const same = timelineByKey.get(JSON.stringify(iv))?.shift();
    if (same !== undefined) memo.set(iv, same);
  }
  // the event popped last (done with): nothing to stand for it
  const popped = src.queue.poppedPayload;
  if (typeof popped === "object" && popped !== null && !memo.has(popped) && isWorldEvent(popped)) {
    memo.set(popped, undefined);
  }
  // the behaviours' settings that processes keep in their state (read through getters over the
  // skeleton): the skeleton's own, found at the same place
  src.procs.forEach((p, i) => {
    const q = dst.procs[i] as unknown as Bag;
    pairSettings((p as unknown as Bag).state, q.state, memo, 2);
    pairSettings((p as unknown as Bag).disk, q.disk, memo, 2);
  });
  for (const v of memo.values()) if (typeof v === "object" && v !== null) claimed.add(v);
  // what never changes once made, shared rather than copied: completed operations (the history
  // is most of a long run's state), and envelopes (a duplicate delivers the same one twice, so no
  // handler may change one)
  // the history is copied as a list of the same completed operations (a slice, no lookups per
  // operation), with copies of the pending ones put in after
  const history = source.history;
  const historyCopy = history.slice();
  memo.set(history, historyCopy);
  const pendingAt: number[] = [];
  for (let i = 0; i < history.length; i++) {
    if ((history[i] as { outcome: string }).outcome === "pending") pendingAt.push(i);
  }
  for (const p of src.queue.payloads) {
    if (typeof p === "object" && p !== null && "body" in p && "sentAt" in p) memo.set(p, p);
  }
  if (src.trace.keepsRefs && !dropEnvelopes) {
    for (const e of src.trace.ref) {
      if (typeof e === "object" && e !== null && "body" in e && "sentAt" in e) memo.set(e, e);
    }
  }
  if (dropEnvelopes && src.trace.keepsRefs) {
    memo.set(src.trace.ref, new Array<unknown>(src.trace.capacity));
  }
  // objects the skeleton's closures hold: filled in place, so the closures see the copy
  const inPlace: object[] = [];
  const recorders = (source as unknown as Bag).recorders;
  if (typeof recorders === "object" && recorders !== null) {
    memo.set(recorders, (skeleton as unknown as Bag).recorders);
    claimed.add((skeleton as unknown as Bag).recorders as object);
    inPlace.push(recorders);
  }
  if (source.rpcProbe !== null && skeleton.rpcProbe !== null) {
    memo.set(source.rpcProbe, skeleton.rpcProbe);
    claimed.add(skeleton.rpcProbe);
    inPlace.push(source.rpcProbe);
  }

  /**
   * Whether `twin`, the skeleton's object where the source has `value`, can be filled in place: an
   * instance of the same class (not a ring: rings are immutable, replaced by a join, and a cache
   * keys on them), with the same plain data members in the same order, not used elsewhere.
   */
  const isTwin = (value: object, twin: unknown): twin is Bag => {
    if (typeof twin !== "object" || twin === null || twin === value || claimed.has(twin))
      return false;
    const proto: unknown = Object.getPrototypeOf(value);
    if (Object.getPrototypeOf(twin) !== proto || proto === Ring.prototype) return false;
    if (!Object.isExtensible(twin) || !isPlainData(value) || !isPlainData(twin)) return false;
    const a = Reflect.ownKeys(value);
    const b = Reflect.ownKeys(twin);
    return a.length === b.length && a.every((k, i) => k === b[i]);
  };

  // where the copy is (for messages, and to tell samplers by name), kept as a stack of keys
  const at: string[] = ["run"];
  const where = () => at.join(".");
  // samplers compiled from a latency distribution (`compileLatency`) are pure functions of their
  // immutable distribution and the generator passed in, so source and copy may share them
  const isSamplerHere = () => {
    const last = at[at.length - 1];
    return last === "sample" || last === "serviceTime";
  };

  /**
   * A copy of `value`. Copies keep the shape V8 gave the original where they can (arrays by
   * `slice`, plain objects by spread), so the simulation's code runs as fast on a restored run as
   * on a fresh one.
   */
  const copy = (value: unknown, twin?: unknown): unknown => {
    if (typeof value === "function") {
      // a link's latency sampler: a pure function of its (immutable) distribution, shared
      if (isSamplerHere()) return value;
      throw new CheckpointError(`a function at ${where()} cannot be copied`);
    }
    if (typeof value !== "object" || value === null) return value;
    const known = memo.get(value);
    if (known !== undefined || memo.has(value)) return known;
    if (ArrayBuffer.isView(value)) {
      const out = (value as unknown as { slice(): unknown }).slice();
      memo.set(value, out);
      return out;
    }
    if (Array.isArray(value)) {
      const out = value.slice();
      memo.set(value, out);
      for (let i = 0; i < out.length; i++) {
        const v: unknown = out[i];
        if ((typeof v === "object" && v !== null) || typeof v === "function")
          out[i] = copy(v, Array.isArray(twin) ? twin[i] : undefined);
      }
      return out;
    }
    if (value instanceof Map) {
      const out = new Map<unknown, unknown>();
      memo.set(value, out);
      for (const [k, v] of value) {
        at.push(String(k));
        out.set(copy(k), copy(v, twin instanceof Map ? twin.get(k) : undefined));
        at.pop();
      }
      return out;
    }
    if (value instanceof Set) {
      const out = new Set<unknown>();
      memo.set(value, out);
      for (const v of value) out.add(copy(v));
      return out;
    }
    if (isWorldEvent(value))
      throw new CheckpointError(`an unmatched scheduled event at ${where()}`);
    const proto: unknown = Object.getPrototypeOf(value);
    if (isSettledOperation(value)) return value;
    // versions never change once made (their caches only fill in what follows from them): shared,
    // which also keeps the one NO_VERSIONS that stores compare against
    if (isSiblingsValue(value)) return value;
    if (proto === Object.prototype && isPlainData(value)) {
      const out: Bag = { ...(value as Bag) };
      memo.set(value, out);
      for (const key of Reflect.ownKeys(out)) {
        const v = out[key];
        if ((typeof v === "object" && v !== null) || typeof v === "function") {
          at.push(String(key));
          out[key] = copy(
            v,
            typeof twin === "object" && twin !== null ? (twin as Bag)[key] : undefined,
          );
          at.pop();
        }
      }
      return out;
    }
    if (isTwin(value, twin)) {
      // the skeleton's own instance of the class, at the same place: filled in place, so it keeps
      // the shape its constructor gave it
      claimed.add(twin);
      memo.set(value, twin);
      for (const key of Reflect.ownKeys(twin)) {
        at.push(String(key));
        twin[key] = copy((value as Bag)[key], twin[key]);
        at.pop();
      }
      return twin;
    }
    const out = Object.create(proto as object | null) as Bag;
    memo.set(value, out);
    fill(value as Bag, out);
    return out;
  };

  const fill = (from: Bag, to: Bag): void => {
    const own = (to as unknown) === skeleton || inPlace.includes(from);
    for (const key of Reflect.ownKeys(from)) {
      const d = Object.getOwnPropertyDescriptor(from, key) as PropertyDescriptor;
      at.push(String(key));
      if (d.get !== undefined || d.set !== undefined) {
        at.pop();
        if (own) continue;
        throw new CheckpointError(`an accessor at ${where()}.${String(key)} cannot be copied`);
      }
      if (typeof d.value === "function" && !isSamplerHere()) {
        at.pop();
        if (own) continue;
        throw new CheckpointError(`a function at ${where()}.${String(key)} cannot be copied`);
      }
      const v: unknown = d.value;
      if (own && typeof v === "object" && v !== null && !memo.has(v) && hasCode(v)) {
        // settings with closures that the skeleton made for itself (e.g. the RPC probe's view
        // of the trace): its own stand in for the source's
        memo.set(v, to[key]);
        if (typeof to[key] === "object" && to[key] !== null) claimed.add(to[key] as object);
        at.pop();
        continue;
      }
      Object.defineProperty(to, key, { ...d, value: copy(v, own ? to[key] : undefined) });
      at.pop();
    }
  };

  for (const i of pendingAt) {
    at.push("history");
    historyCopy[i] = copy(history[i]) as (typeof historyCopy)[number];
    at.pop();
  }
  for (const obj of inPlace) fill(obj as Bag, memo.get(obj) as Bag);
  fill(source as unknown as Bag, skeleton as unknown as Bag);
  return skeleton;
}
