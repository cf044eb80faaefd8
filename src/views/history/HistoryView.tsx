/**
 * What clients observed, judged: one lane per client, each operation a bar from invocation to
 * completion, outlined by what the checker says of it. When the history is linearizable, a dot
 * marks where each operation takes effect; when it is not, the operation where it fails is marked,
 * with the operations concurrent with it and the checker's reason in words. Below: stale reads,
 * with how far behind they were, and writes that last-write-wins lost.
 */

import { useId, useMemo, useState } from "react";
import { useSession } from "../../app/SessionContext";
import type { HistoryOp, RequestRoute, StaleReadDetail } from "../../sim";
import { useAppStore } from "../../store/appStore";
import {
  selectChecksPending,
  selectConsistency,
  selectHistoryOpen,
  selectNowMs,
} from "../../store/selectors";
import { ExportButtons, svgIn } from "../ExportButtons";
import { formatMs } from "../format";
import { useElementSize } from "../useElementSize";
import { historyLayout, LEFT, type RpcMarkPlace, rpcMarkText } from "./historyLayout";

function count(marks: readonly RpcMarkPlace[], kind: RpcMarkPlace["kind"]): number {
  return marks.filter((m) => m.kind === kind).length;
}

/**
 * The violation in a few words, for the badge beside "0 stale reads": siblings are the usual
 * cause under vector clocks, and not a stale read; the History drawer says the rest.
 */
function whyNot(witness: { key: string; explanation: string } | null): string {
  if (witness === null) return "";
  return /returned \d+ values at once/.test(witness.explanation)
    ? `: a read of ${witness.key} got siblings`
    : ` (key ${witness.key})`;
}

/** The badge over the ring: the checker's verdict so far, and what eventual consistency cost. */
export function ConsistencyBadge() {
  const c = useAppStore(selectConsistency);
  const pending = useAppStore(selectChecksPending);
  const open = useAppStore(selectHistoryOpen);
  const session = useSession();
  if (c === null) return null;
  // after a seek on a long run the checks come a moment later: until then, say so, and grey the
  // figures of the instant before
  const verdict = pending
    ? { cls: "pending", text: "Checking the history…" }
    : c.operations === 0
      ? { cls: "none", text: "No operations yet" }
      : c.linearizable === true
        ? { cls: "ok", text: "✓ Linearizable so far" }
        : c.linearizable === false
          ? { cls: "bad", text: `✕ Not linearizable${whyNot(c.witness)}` }
          : { cls: "unknown", text: "? Linearizability unknown (search budget spent)" };
  const figures = `${c.staleReads.length} stale ${c.staleReads.length === 1 ? "read" : "reads"} · ${c.lostWrites.length} lost ${c.lostWrites.length === 1 ? "write" : "writes"} · ${
    c.replicasDiffer.length === 0
      ? "replicas agree"
      : `replicas differ on ${c.replicasDiffer.length} ${c.replicasDiffer.length === 1 ? "key" : "keys"}`
  }`;
  return (
    <div
      className="consistency-badge"
      data-testid="consistency-badge"
      data-verdict={verdict.cls}
      aria-busy={pending}
    >
      <span
        className={`verdict verdict-${verdict.cls}`}
        title={c.linearizable === false ? (c.witness?.explanation ?? undefined) : undefined}
      >
        {verdict.text}
      </span>
      <span className={pending ? "verdict-more verdict-earlier" : "verdict-more"} title={figures}>
        {figures}
      </span>
      <button type="button" aria-pressed={open} onClick={() => session.inspect({ history: !open })}>
        {open ? "Hide history" : "History"}
      </button>
    </div>
  );
}

/** What a bar too narrow for its label says above it: "w v1", "r v0|v1", "r …". */
function shortLabel(op: HistoryOp): string {
  const what = op.f === "put" || op.outcome === "ok" ? op.values.join("|") || "nil" : "…";
  return `${op.f === "put" ? "w" : "r"} ${what}`;
}

/**
 * The narrow bars whose short label is drawn: few enough bars, and, lane by lane from the left,
 * only where it does not run into the label before it (about 6.5 px a character).
 */
function shortLabelsThatFit(
  bars: readonly { op: HistoryOp; x: number; y: number; width: number }[],
): Set<number> {
  const shown = new Set<number>();
  if (bars.length > 40) return shown;
  const endByLane = new Map<number, number>();
  for (const b of [...bars].sort((p, q) => p.x - q.x)) {
    if (b.width > 60) continue;
    const w = shortLabel(b.op).length * 6.5;
    const left = b.x + b.width / 2 - w / 2;
    if (left < (endByLane.get(b.y) ?? Number.NEGATIVE_INFINITY) + 4) continue;
    endByLane.set(b.y, left + w);
    shown.add(b.op.id);
  }
  return shown;
}

export function HistoryView() {
  const open = useAppStore(selectHistoryOpen);
  return open ? <HistoryDrawer /> : null;
}

function HistoryDrawer() {
  const c = useAppStore(selectConsistency);
  const pending = useAppStore(selectChecksPending);
  const [picked, setPickedHere] = useState<number | null>(null);
  // the picked operation's route is drawn on the ring: the worker reads it off the trace
  const setPicked = (op: number | null) => {
    setPickedHere(op);
    session.inspect({ op });
  };
  const route = useAppStore((s) => s.inspection?.route ?? null);
  const nowMs = useAppStore(selectNowMs);
  const session = useSession();
  const id = useId();
  const [ref, size] = useElementSize<HTMLDivElement>();
  const exportSource = useMemo(() => svgIn(ref), [ref]);
  const ops = c?.ops ?? [];
  const layout = historyLayout(ops, c?.points ?? [], Math.max(320, size?.width ?? 800), nowMs);
  const shortShown = shortLabelsThatFit(layout.bars);
  const witness = c?.witness ?? null;
  const concurrent = new Set(witness?.concurrent ?? []);
  const staleGets = new Map((c?.staleReads ?? []).map((s) => [s.get, s]));
  const cls = (op: HistoryOp) =>
    [
      "hop",
      `hop-${op.outcome}`,
      op.f === "put" ? "hop-put" : "hop-get",
      witness?.op === op.id ? "hop-witness" : "",
      concurrent.has(op.id) ? "hop-concurrent" : "",
      staleGets.has(op.id) ? "hop-stale" : "",
    ]
      .filter((s) => s !== "")
      .join(" ");
  return (
    <section className="history" aria-labelledby={`${id}-title`}>
      <header className="history-head">
        <h2 id={`${id}-title`}>History</h2>
        <p className="history-summary" data-testid="history-summary">
          {c === null
            ? "…"
            : pending
              ? "Checking the history up to this instant…"
              : c.linearizable === true && c.operations === 0
                ? "Nothing to check yet: the verdict comes with the first completed operation."
                : c.linearizable === true
                  ? `Linearizable: every operation can take effect at one instant inside its bar (dots), in an order a single register allows. ${c.operations} ${c.operations === 1 ? "operation" : "operations"} checked.`
                  : c.linearizable === false && witness !== null
                    ? `Not linearizable (key ${witness.key}): ${witness.explanation}`
                    : c.linearizable === "unknown"
                      ? "The checker ran out of its search budget: no verdict for this history."
                      : ""}
        </p>
        {!pending &&
          c?.linearizable === false &&
          witness !== null &&
          witness.atMs !== null &&
          !ops.some((op) => op.id === witness.op) && (
            <p className="history-offscreen" data-testid="history-offscreen">
              Operation #{witness.op} ended at {formatMs(witness.atMs)}, before the last{" "}
              {ops.length} operations drawn here.{" "}
              <button
                type="button"
                className="link"
                onClick={() => session.seek(witness.atMs as number)}
              >
                Go to {formatMs(witness.atMs)} to see it
              </button>
            </p>
          )}
        <button
          type="button"
          className="close"
          aria-label="Close history"
          onClick={() => session.inspect({ history: false, op: null })}
        >
          ✕
        </button>
      </header>
      <div className="view-export">
        <ExportButtons label="the history" source={exportSource} />
      </div>
      <div className="history-lanes" ref={ref}>
        {ops.length === 0 ? (
          <p className="empty">No operations yet.</p>
        ) : (
          <svg
            width={layout.width}
            height={layout.height}
            role="img"
            aria-label={`Operations of ${layout.lanes.length} clients over time`}
          >
            {layout.ticks.map((t) => (
              <g key={t.label}>
                <line x1={t.x} x2={t.x} y1={14} y2={layout.height} className="history-tick" />
                <text x={t.x} y={11} className="history-tick-label" textAnchor="middle">
                  {t.label}
                </text>
              </g>
            ))}
            {layout.lanes.map((l) => (
              <text
                key={l.client}
                x={LEFT - 8}
                y={l.y + 25}
                className="lane-label"
                textAnchor="end"
              >
                {l.client}
              </text>
            ))}
            {layout.bars.map((b) => (
              // biome-ignore lint/a11y/useSemanticElements: SVG has no button element; the group is one
              <g
                key={b.op.id}
                className={`${cls(b.op)}${picked === b.op.id ? " hop-picked" : ""}`}
                data-op={b.op.id}
                role="button"
                tabIndex={0}
                aria-label={`Operation ${b.op.id}: ${b.label}`}
                onClick={() => setPicked(picked === b.op.id ? null : b.op.id)}
                onKeyDown={(e) => {
                  if (e.key === "Enter") setPicked(picked === b.op.id ? null : b.op.id);
                }}
              >
                <title>
                  {`#${b.op.id} ${b.label} (${b.op.outcome}${b.op.reason ? `: ${b.op.reason}` : ""}), ${b.op.invokeMs.toFixed(3)}–${b.op.completeMs === null ? "…" : b.op.completeMs.toFixed(3)} ms${b.op.from.length > 0 ? `, answered by ${b.op.from.join(" and ")}` : ""}`}
                  {staleGets.has(b.op.id)
                    ? `; stale: ${staleGets.get(b.op.id)?.versionsBehind} version(s), ${staleGets.get(b.op.id)?.msBehind.toFixed(1)} ms behind`
                    : ""}
                </title>
                <rect x={b.x} y={b.y} width={b.width} height={b.height} rx="3" />
                {shortShown.has(b.op.id) && (
                  <text x={b.x + b.width / 2} y={b.y - 2} className="hop-short" textAnchor="middle">
                    {shortLabel(b.op)}
                  </text>
                )}
                {b.width > 60 && (
                  <text x={b.x + 5} y={b.y + 15} className="hop-label">
                    {b.label.length * 6.5 > b.width - 8
                      ? `${b.label.slice(0, Math.max(3, Math.floor((b.width - 8) / 6.5) - 1))}…`
                      : b.label}
                  </text>
                )}
              </g>
            ))}
            {layout.points.map((p) => (
              <circle key={p.op} cx={p.x} cy={p.y} r="3.5" className="lin-point" />
            ))}
            {layout.rpc.map((m, i) => (
              <g
                // biome-ignore lint/suspicious/noArrayIndexKey: marks of one op keep their order
                key={`${m.op}-${i}`}
                className={`rpc-mark rpc-${m.kind}`}
                data-testid={`rpc-${m.kind}`}
                data-mark-op={m.op}
              >
                <title>{m.text}</title>
                <line x1={m.x} x2={m.x} y1={m.y - 4} y2={m.y + 22} />
                <text x={m.x} y={m.y - 6} textAnchor="middle">
                  {m.glyph}
                </text>
              </g>
            ))}
          </svg>
        )}
        {layout.rpc.length > 0 && (
          <p className="rpc-legend" data-testid="rpc-legend">
            <span className="rpc-retry">↻</span> a retry sent ·{" "}
            <span className="rpc-duplicate">+1</span> the put applied again (a duplicate) ·{" "}
            <span className="rpc-dedup-hit">=</span> a repeat answered from the de-duplication
            table, not applied. {count(layout.rpc, "retry")} retries,{" "}
            {count(layout.rpc, "duplicate")} duplicates, {count(layout.rpc, "dedup-hit")}{" "}
            de-duplication hits shown.
          </p>
        )}
      </div>
      {picked !== null && (
        <OperationDetail
          op={ops.find((o) => o.id === picked) ?? null}
          verdict={
            witness?.op === picked
              ? "the operation where the history stops being linearizable"
              : concurrent.has(picked)
                ? "concurrent with the witness"
                : null
          }
          stale={staleGets.get(picked) ?? null}
          route={route !== null && route.op === picked ? route : null}
        />
      )}
      {c !== null && (c.staleReads.length > 0 || c.lostWrites.length > 0) && (
        <ul className="history-notes">
          {c.staleReads.slice(0, 4).map((s) => (
            <li key={`s${s.get}`}>
              read #{s.get} of <code>{s.key}</code> missed write #{s.missed}, completed before it
              began: {s.versionsBehind} {s.versionsBehind === 1 ? "version" : "versions"},{" "}
              {s.msBehind.toFixed(1)} ms behind.{" "}
              {s.answeredBy.length > 0 && (
                <>
                  It was answered by {s.answeredBy.join(" and ")}, whose replica did not yet hold{" "}
                  {s.missedValue ?? "it"} (written through {s.writtenVia}
                  {s.answeredBy.includes(s.writtenVia) ? "" : `; its copy had not reached them`}).
                </>
              )}
            </li>
          ))}
          {c.lostWrites.slice(0, 3).map((l) => (
            <li key={`l${l.op}`}>
              write #{l.op} of <code>{l.key}</code> lost: {l.why}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One operation, in full: what it did, when, what it got back, and what the checker says of it. */
function OperationDetail(props: {
  op: HistoryOp | null;
  verdict: string | null;
  stale: StaleReadDetail | null;
  route: RequestRoute | null;
}) {
  const { op, verdict, stale, route } = props;
  if (op === null) return null;
  return (
    <dl className="op-detail" aria-label={`Operation ${op.id}`}>
      <div>
        <dt>operation</dt>
        <dd>
          #{op.id} by {op.client}: {op.f} <code>{op.key}</code>
          {op.f === "put" ? ` = ${op.values[0] ?? ""}` : ""}
        </dd>
      </div>
      <div>
        <dt>from – to</dt>
        <dd>
          {op.invokeMs.toFixed(3)} – {op.completeMs === null ? "…" : op.completeMs.toFixed(3)} ms
        </dd>
      </div>
      <div>
        <dt>outcome</dt>
        <dd>
          {op.outcome}
          {op.reason ? `: ${op.reason}` : ""}
        </dd>
      </div>
      {op.f === "get" && op.outcome === "ok" && (
        <div>
          <dt>returned</dt>
          <dd>
            {op.values.length === 0 ? "nothing (never written)" : op.values.join(" | ")}
            {op.values.length > 1 ? " (siblings)" : ""}
            {op.from.length > 0 ? `, answered by ${op.from.join(" and ")}` : ""}
          </dd>
        </div>
      )}
      {op.rpc.length > 0 && (
        <div>
          <dt>RPC</dt>
          <dd>
            <ul className="rpc-list">
              {op.rpc.map((m, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: marks of one op keep their order
                <li key={i}>{rpcMarkText(m)}</li>
              ))}
            </ul>
          </dd>
        </div>
      )}
      {route !== null && (
        <div>
          <dt>route</dt>
          <dd>
            <RouteList route={route} />
          </dd>
        </div>
      )}
      {(verdict !== null || stale !== null) && (
        <div>
          <dt>checker</dt>
          <dd>
            {verdict ?? ""}
            {stale !== null
              ? `${verdict !== null ? "; " : ""}stale: missed write #${stale.missed} (${stale.missedValue}), ${stale.versionsBehind} version(s), ${stale.msBehind.toFixed(1)} ms behind`
              : ""}
          </dd>
        </div>
      )}
    </dl>
  );
}

/** The route, hop by hop: what each step sent, where, and when it arrived (or what became of it). */
function RouteList({ route }: { route: RequestRoute }) {
  if (route.hops.length === 0) {
    return <span>its messages have left the trace window: seek back to its time to see them</span>;
  }
  const lb = route.waits.filter((w) => w.type === "lb_forward").length;
  const serve = route.waits.filter((w) => w.type === "serve").length;
  return (
    <>
      {!route.complete && (
        <p className="route-note">its first messages have left the trace window</p>
      )}
      <ol className="route-list" aria-label={`Route of operation ${route.op}`}>
        {route.hops.map((h) => (
          <li key={h.id} value={h.step} className={`route-${h.fate.replace(" ", "-")}`}>
            {h.from} → {h.to} <code>{h.type}</code> at {h.sentMs.toFixed(3)} ms
            {h.fate === "delivered" && h.deliveredMs !== null
              ? `, arrived +${(h.deliveredMs - h.sentMs).toFixed(3)} ms`
              : h.fate === "dropped"
                ? `, dropped: ${h.why}`
                : ", in flight"}
            {h.duplicated ? " (the network delivered it twice)" : ""}
          </li>
        ))}
      </ol>
      {(lb > 0 || serve > 0) && (
        <p className="route-note">
          {lb > 0 ? `queued ${lb}× at the load balancer` : ""}
          {lb > 0 && serve > 0 ? "; " : ""}
          {serve > 0 ? `${serve} service ${serve === 1 ? "time" : "times"} at nodes` : ""}. Numbers
          are steps: hops with the same number were sent together. The route is drawn on the ring.
        </p>
      )}
    </>
  );
}
