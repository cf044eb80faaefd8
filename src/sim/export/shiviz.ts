/**
 * A trace as a ShiViz log (Beschastnikh et al., "Debugging distributed systems", CACM 2016): one
 * event per two lines, its description, then the process and its vector clock as JSON,
 *
 *     send put #12 to B
 *     client1 {"client1": 3, "A": 1}
 *
 * read by ShiViz's default parser `(?<event>.*)\n(?<host>\S*) (?<clock>{.*})`. The file starts with
 * that expression and an empty line (no delimiter between executions), as ShiViz expects of an
 * uploaded log.
 *
 * The clocks are computed here from the trace's send/deliver relation, not taken from Dynamo's
 * data versions: each process's own entry ticks on each of its events that the log shows (a send,
 * a delivery, a timer, an operation invoked or completed, a crash, a recovery), and a delivery
 * first merges the clock its message was sent with. So a process's own entry counts 1, 2, 3, ...
 * down its lines, as ShiViz requires, and one event happened before another exactly when its clock
 * is below the other's. Drops, duplicates and interventions happen in the network or the world, not
 * at a process: they are not lines of their own; a send says when its message was lost at once.
 */

import type { CollectedTrace, TraceRecord } from "./traceExport";

/** ShiViz's default log-parsing expression, as written on the file's first line. */
export const SHIVIZ_PARSER = String.raw`(?<event>.*)\n(?<host>\S*) (?<clock>{.*})`;

export type VectorClock = Record<string, number>;

export interface ShivizEvent {
  host: string;
  clock: VectorClock;
  text: string;
  /** the trace record it came from */
  record: TraceRecord;
}

/** The events ShiViz shows, with their vector clocks, in trace order. */
export function shivizEvents(records: readonly TraceRecord[]): ShivizEvent[] {
  const clocks = new Map<string, Map<string, number>>();
  const sent = new Map<number, Map<string, number>>();
  const out: ShivizEvent[] = [];
  const clockOf = (proc: string) => {
    let c = clocks.get(proc);
    if (c === undefined) {
      c = new Map();
      clocks.set(proc, c);
    }
    return c;
  };
  const tick = (proc: string, c: Map<string, number>) => c.set(proc, (c.get(proc) ?? 0) + 1);
  for (const r of records) {
    const text = eventText(r);
    if (text === null) continue;
    const c = clockOf(r.proc);
    if (r.kind === "deliver") {
      const at = sent.get(r.id);
      if (at !== undefined) {
        for (const [p, n] of at) if (n > (c.get(p) ?? 0)) c.set(p, n);
      }
    }
    tick(r.proc, c);
    if (r.kind === "send") sent.set(r.id, new Map(c));
    out.push({ host: r.proc, clock: Object.fromEntries(c), text, record: r });
  }
  return out;
}

function eventText(r: TraceRecord): string | null {
  const at = `t=${r.atMs.toFixed(3)}ms`;
  switch (r.kind) {
    case "send": {
      const lost = r.aux < 0 ? " (dropped at once)" : "";
      return `send ${r.type} #${r.id} to ${r.peer ?? "?"}${lost} ${at}`;
    }
    case "deliver":
      return `deliver ${r.type} #${r.id} from ${r.peer ?? "?"} ${at}`;
    case "timer":
      return `timer ${r.type} ${at}`;
    case "invoke":
      return `invoke ${r.type} (operation ${r.id}) ${at}`;
    case "complete":
      return `complete ${r.type} (operation ${r.id}) ${OUTCOME[r.aux] ?? "?"} ${at}`;
    case "crash":
      return `crash ${at}`;
    case "recover":
      return `recover ${at}`;
    case "drop":
    case "duplicate":
    case "intervene":
      return null;
  }
}

const OUTCOME: Record<number, string> = { 1: "ok", 2: "fail", 3: "info" };

/** The ShiViz file: the parser expression, an empty delimiter line, then two lines per event. */
export function shivizLog(t: CollectedTrace): string {
  const lines = [SHIVIZ_PARSER, ""];
  for (const e of shivizEvents(t.records)) {
    // one line each: the host is one word, the text has no line break
    lines.push(e.text.replace(/[\r\n]+/g, " "));
    lines.push(`${e.host.replace(/\s+/g, "_")} ${JSON.stringify(e.clock)}`);
  }
  return `${lines.join("\n")}\n`;
}
