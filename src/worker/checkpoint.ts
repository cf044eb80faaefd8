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
 * value is copied from the source (but for completed operations and envelopes, which never change
 * and are shared), objects with their prototypes, Maps, Sets and typed arrays
 * included, shared references kept shared. A function met anywhere else would be a closure the
 * copy cannot carry: the copy refuses (CheckpointError), and the host then re-runs from zero.
 * Randomness is part of the copied state (the generators' words), so a run continued from a copy
 * is the same run, event for event: the tests check the trace hashes.
 */

import type { Run } from "../sim";

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

/**
 * Samplers compiled from a latency distribution (`compileLatency`): pure functions of their
 * immutable distribution and the generator passed in, so source and copy may share them.
 */
function isSampler(path: string): boolean {
  return path.endsWith(".sample") || path.endsWith(".serviceTime");
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
  // what never changes once made, shared rather than copied: completed operations (the history
  // is most of a long run's state), and envelopes (a duplicate delivers the same one twice, so no
  // handler may change one)
  for (const op of source.history) if (op.outcome !== "pending") memo.set(op, op);
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
    inPlace.push(recorders);
  }
  if (source.rpcProbe !== null && skeleton.rpcProbe !== null) {
    memo.set(source.rpcProbe, skeleton.rpcProbe);
    inPlace.push(source.rpcProbe);
  }

  const copy = (value: unknown, path: string): unknown => {
    if (typeof value === "function") {
      // a link's latency sampler: a pure function of its (immutable) distribution, shared
      if (isSampler(path)) return value;
      throw new CheckpointError(`a function at ${path} cannot be copied`);
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
      const out = new Array<unknown>(value.length);
      memo.set(value, out);
      for (let i = 0; i < value.length; i++) {
        const v = value[i];
        if (v !== undefined) out[i] = copy(v, path);
      }
      return out;
    }
    if (value instanceof Map) {
      const out = new Map<unknown, unknown>();
      memo.set(value, out);
      for (const [k, v] of value) out.set(copy(k, path), copy(v, `${path}.${String(k)}`));
      return out;
    }
    if (value instanceof Set) {
      const out = new Set<unknown>();
      memo.set(value, out);
      for (const v of value) out.add(copy(v, path));
      return out;
    }
    if (isWorldEvent(value)) throw new CheckpointError(`an unmatched scheduled event at ${path}`);
    const out = Object.create(Object.getPrototypeOf(value)) as Bag;
    memo.set(value, out);
    fill(value as Bag, out, path);
    return out;
  };

  const fill = (from: Bag, to: Bag, path: string): void => {
    for (const key of Reflect.ownKeys(from)) {
      const d = Object.getOwnPropertyDescriptor(from, key) as PropertyDescriptor;
      const where = `${path}.${String(key)}`;
      if (d.get !== undefined || d.set !== undefined) {
        if ((to as unknown) === skeleton || inPlace.includes(from)) continue;
        throw new CheckpointError(`an accessor at ${where} cannot be copied`);
      }
      if (typeof d.value === "function" && !isSampler(where)) {
        if ((to as unknown) === skeleton || inPlace.includes(from)) continue;
        throw new CheckpointError(`a function at ${where} cannot be copied`);
      }
      const own = (to as unknown) === skeleton || inPlace.includes(from);
      const v: unknown = d.value;
      if (own && typeof v === "object" && v !== null && !memo.has(v) && hasCode(v)) {
        // settings with closures that the skeleton made for itself (e.g. the RPC probe's view
        // of the trace): its own stand in for the source's
        memo.set(v, to[key]);
        continue;
      }
      Object.defineProperty(to, key, { ...d, value: copy(v, where) });
    }
  };

  for (const obj of inPlace) fill(obj as Bag, memo.get(obj) as Bag, "run");
  fill(source as unknown as Bag, skeleton as unknown as Bag, "run");
  return skeleton;
}
