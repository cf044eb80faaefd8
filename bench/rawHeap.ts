/**
 * The baseline the simulator is measured against: a bare discrete-event loop over a binary heap of
 * plain objects, where each event does nothing but schedule one new event after a random delay.
 * Whatever the simulator does beyond this (actors, network model, trace, hash) is its overhead.
 */

interface RawEvent {
  at: number;
  seq: number;
}

class ObjectHeap {
  private readonly items: RawEvent[] = [];

  get size(): number {
    return this.items.length;
  }

  push(e: RawEvent): void {
    const a = this.items;
    let i = a.length;
    a.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = a[p] as RawEvent;
      if (parent.at < e.at || (parent.at === e.at && parent.seq < e.seq)) break;
      a[i] = parent;
      i = p;
    }
    a[i] = e;
  }

  pop(): RawEvent | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    const n = a.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      let ce = a[l] as RawEvent;
      if (l + 1 < n) {
        const re = a[l + 1] as RawEvent;
        if (re.at < ce.at || (re.at === ce.at && re.seq < ce.seq)) {
          c = l + 1;
          ce = re;
        }
      }
      if (last.at < ce.at || (last.at === ce.at && last.seq < ce.seq)) break;
      a[i] = ce;
      i = c;
    }
    a[i] = last;
    return top;
  }
}

/**
 * Runs `events` events with `pending` of them always scheduled; returns events per second.
 * Delays are exponential with mean `meanDelay` ticks, drawn from a small xorshift generator so the
 * baseline pays for its randomness as the simulator does.
 */
export function rawHeapEventsPerSec(pending: number, events: number, meanDelay = 1000): number {
  const heap = new ObjectHeap();
  let x = 0x9e3779b9 | 0;
  const rand = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) + 0.5) / 4294967296;
  };
  let seq = 0;
  for (let i = 0; i < pending; i++)
    heap.push({ at: Math.round(-meanDelay * Math.log(rand())), seq: seq++ });
  const start = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < events; i++) {
    const e = heap.pop() as RawEvent;
    sink += e.at & 1;
    heap.push({ at: e.at + 1 + Math.round(-meanDelay * Math.log(rand())), seq: seq++ });
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (sink < 0) throw new Error("unreachable");
  return events / seconds;
}
