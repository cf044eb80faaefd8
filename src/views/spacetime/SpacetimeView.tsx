/**
 * The space-time (Lamport) diagram, docked under the ring: one lane per node and client, each
 * message an arrow from its send to its delivery, events labelled with their Lamport times, the
 * last few simulated milliseconds (or seconds) up to the playhead. Click an event (or an
 * operation's end on a client lane) to see its Lamport and vector timestamps and to light up what
 * happened before it and what is concurrent with it; click an arrow to inspect the message.
 *
 * The canvas is redrawn on animation frames from the spacetime board, outside React state; the
 * component re-renders only for the controls and the selected event's details.
 */

import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { useSession } from "../../app/SessionContext";
import { useAppStore } from "../../store/appStore";
import { flightBoard } from "../../store/flights";
import { selectInfo } from "../../store/selectors";
import { type StEvent, spacetimeBoard, useSpacetimeUi } from "../../store/spacetime";
import { ExportButtons, type ExportSource } from "../ExportButtons";
import { formatTime, messageLabel } from "../format";
import { useElementSize } from "../useElementSize";
import { drawSpacetime } from "./drawSpacetime";
import "./spacetime.css";
import {
  formatVectorClock,
  hitTest,
  type SpacetimeLayout,
  spacetimeLayout,
} from "./spacetimeLayout";

/** The spans the diagram can show, in simulated ms. */
export const SPANS_MS = [2, 5, 10, 25, 50, 100, 250, 1000, 5000];

const selectOpen = (s: { open: boolean }) => s.open;

export function SpacetimeToggle() {
  const open = useSpacetimeUi(selectOpen);
  const session = useSession();
  return (
    <button
      type="button"
      className="spacetime-toggle"
      aria-pressed={open}
      onClick={() => session.spacetime(!open)}
    >
      {open ? "Hide space-time diagram" : "Space-time diagram"}
    </button>
  );
}

export function SpacetimeView() {
  const open = useSpacetimeUi(selectOpen);
  return open ? <SpacetimeDrawer /> : null;
}

const subscribe = (fn: () => void) => spacetimeBoard.subscribe(fn);
const boardVersion = () => spacetimeBoard.version;

function laneNamesOf(info: ReturnType<typeof selectInfo>): string[] {
  return info === null ? [] : [...info.nodeNames, ...info.clientNames];
}

function describeEvent(e: StEvent, names: readonly string[]): string {
  const who = names[e.proc] ?? String(e.proc);
  const other = names[e.peer] ?? String(e.peer);
  switch (e.kind) {
    case "send":
      return `${who} sends ${messageLabel(e.type)} to ${other}`;
    case "deliver":
      return `${who} receives ${messageLabel(e.type)} from ${other}`;
    case "timer":
      return `${who}'s timer ${e.type} fires`;
    case "invoke":
      return `${who} starts a ${e.type} (operation ${e.id})`;
    case "complete":
      return `${who}'s ${e.type} (operation ${e.id}) ${e.aux === 1 ? "succeeds" : e.aux === 2 ? "fails" : "ends without an answer"}`;
    case "crash":
      return `${who} crashes`;
    case "recover":
      return `${who} recovers`;
    default:
      return `${e.kind} at ${who}`;
  }
}

function SpacetimeDrawer() {
  const id = useId();
  const session = useSession();
  const info = useAppStore(selectInfo);
  const names = laneNamesOf(info);
  const nodeCount = info?.nodeNames.length ?? 0;
  const [spanMs, setSpanMs] = useState(25);
  const [follow, setFollow] = useState(true);
  const [pinnedEndMs, setPinnedEndMs] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const version = useSyncExternalStore(subscribe, boardVersion);
  const [wrapRef, size] = useElementSize<HTMLDivElement>();
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const exportSource = useMemo<ExportSource>(() => ({ canvas: () => canvasRef.current }), []);
  const layoutRef = useRef<SpacetimeLayout | null>(null);
  const [summary, setSummary] = useState("");
  /** nothing in the window drawn: its span, with the latest event before it (null: none) */
  const [quiet, setQuiet] = useState<{
    startMs: number;
    endMs: number;
    lastMs: number | null;
  } | null>(null);
  /** the selection's causal counts in view, as "index past concurrent future" */
  const [causal, setCausal] = useState("");

  const width = Math.max(320, size?.width ?? 800);
  const height = Math.max(130, Math.min(320, 30 + names.length * 20));
  const nowMs = () => useAppStore.getState().run?.nowMs ?? 0;
  const endMs = () => (follow ? Math.max(nowMs(), spanMs) : pinnedEndMs);

  // redraw on the next animation frame whenever the board or the view changed
  const draw = useCallback(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext("2d");
    if (canvas == null || ctx == null) return;
    const dpr = globalThis.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const end = follow ? Math.max(useAppStore.getState().run?.nowMs ?? 0, spanMs) : pinnedEndMs;
    const layout = spacetimeLayout({
      events: spacetimeBoard.events,
      laneNames: names,
      nodeCount,
      width,
      height,
      endMs: end,
      spanMs,
      selected,
      hidden: flightBoard.hidden,
      downNow: new Set(useAppStore.getState().nodes.flatMap((n, i) => (n.up ? [] : [i]))),
    });
    layoutRef.current = layout;
    drawSpacetime(ctx, layout, width, height, useAppStore.getState().run?.nowMs ?? 0);
    const text =
      `${layout.arrows.length} arrows and ${layout.marks.length} marks for ${layout.shown} events` +
      (layout.folded > 0 ? ` (${layout.folded} folded into counts)` : "");
    canvas.dataset.events = String(layout.shown);
    canvas.dataset.arrows = String(layout.arrows.length);
    canvas.setAttribute(
      "aria-label",
      `Space-time diagram from ${formatTime(layout.startMs)} to ${formatTime(layout.endMs)} ms: ${text}`,
    );
    setSummary(text);
    if (layout.shown > 0) setQuiet(null);
    else {
      let lastMs: number | null = null;
      for (let i = spacetimeBoard.events.length - 1; i >= 0; i--) {
        const at = (spacetimeBoard.events[i] as StEvent).atMs;
        if (at < layout.startMs) {
          lastMs = at;
          break;
        }
      }
      setQuiet((q) =>
        q !== null &&
        q.startMs === layout.startMs &&
        q.endMs === layout.endMs &&
        q.lastMs === lastMs
          ? q
          : { startMs: layout.startMs, endMs: layout.endMs, lastMs },
      );
    }
    const sel = layout.selection;
    setCausal(sel === null ? "" : `${sel.event.index} ${sel.past} ${sel.concurrent} ${sel.future}`);
  }, [width, height, names, nodeCount, follow, pinnedEndMs, spanMs, selected]);

  useEffect(() => {
    let raf = 0;
    const schedule = () => {
      if (raf === 0)
        raf = requestAnimationFrame(() => {
          raf = 0;
          draw();
        });
    };
    schedule();
    const unsub = spacetimeBoard.subscribe(schedule);
    const unsubStore = useAppStore.subscribe(schedule);
    return () => {
      unsub();
      unsubStore();
      cancelAnimationFrame(raf);
    };
  }, [draw]);

  const onClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const layout = layoutRef.current;
    if (layout === null) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const hit = hitTest(layout, e.clientX - rect.left, e.clientY - rect.top);
    if (hit === null) {
      setSelected(null);
    } else if (hit.kind === "event") {
      setSelected(hit.index);
    } else {
      setSelected(hit.sendIndex);
      session.inspectMessage(hit.id);
    }
  };

  const withClock = spacetimeBoard.events.filter((e) => e.vc !== null);
  const current = selected === null ? undefined : withClock.find((e) => e.index === selected);
  /** Brings an instant into the window: the window stops following and centres on it. */
  const reveal = (atMs: number) => {
    const end = endMs();
    if (atMs >= end - spanMs && atMs <= end) return;
    setFollow(false);
    setPinnedEndMs(Math.min(Math.max(atMs + spanMs / 2, spanMs), Math.max(nowMs(), spanMs)));
  };
  const move = (by: number) => {
    if (withClock.length === 0) return;
    const at = current === undefined ? withClock.length : withClock.indexOf(current);
    const next = withClock[Math.max(0, Math.min(withClock.length - 1, at + by))];
    if (next !== undefined) {
      setSelected(next.index);
      reveal(next.atMs);
    }
  };
  const latestOperation = () => {
    for (let i = withClock.length - 1; i >= 0; i--) {
      const e = withClock[i] as StEvent;
      if (e.kind === "complete") {
        setSelected(e.index);
        reveal(e.atMs);
        return;
      }
    }
  };
  const [selIndex, past, concurrent, future] = causal.split(" ").map(Number);
  const sel = causal === "" ? null : { index: selIndex, past, concurrent, future };
  void version;

  return (
    <section className="spacetime" aria-labelledby={`${id}-title`} data-testid="spacetime">
      <header className="spacetime-head">
        <h2 id={`${id}-title`}>Space-time diagram</h2>
        <ExportButtons label="the space-time diagram" source={exportSource} />
        <label>
          Show the last{" "}
          <select
            value={spanMs}
            onChange={(e) => setSpanMs(Number(e.currentTarget.value))}
            aria-label="Time span shown"
          >
            {SPANS_MS.map((ms) => (
              <option key={ms} value={ms}>
                {ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={follow}
            onChange={(e) => {
              setFollow(e.currentTarget.checked);
              setPinnedEndMs(Math.max(nowMs(), spanMs));
            }}
          />{" "}
          Follow the playhead
        </label>
        {!follow && (
          <label>
            Ends at{" "}
            <input
              type="range"
              aria-label="Where the diagram ends (simulated ms)"
              min={Math.max(spacetimeBoard.originMs, 0)}
              max={Math.max(nowMs(), spanMs)}
              step={spanMs / 50}
              value={pinnedEndMs}
              onChange={(e) => setPinnedEndMs(Number(e.currentTarget.value))}
            />
          </label>
        )}
        <span className="spacetime-nav">
          <button type="button" onClick={() => move(-1)} aria-label="Select the earlier event">
            ◀ Earlier
          </button>
          <button type="button" onClick={() => move(1)} aria-label="Select the later event">
            Later ▶
          </button>
          <button type="button" onClick={latestOperation}>
            Latest operation
          </button>
          {selected !== null && (
            <button type="button" onClick={() => setSelected(null)}>
              Clear selection
            </button>
          )}
        </span>
        <button
          type="button"
          className="close"
          aria-label="Close the space-time diagram"
          onClick={() => session.spacetime(false)}
        >
          ✕
        </button>
      </header>
      <div className="spacetime-body">
        <div className="spacetime-canvas" ref={wrapRef}>
          <canvas ref={canvasRef} role="img" onClick={onClick} data-testid="spacetime-canvas" />
          {quiet !== null && (
            <p className="spacetime-quiet" data-testid="spacetime-quiet">
              Nothing happened from {formatTime(quiet.startMs)} to {formatTime(quiet.endMs)} ms.
              {quiet.lastMs !== null && (
                <>
                  {" "}
                  <button type="button" onClick={() => reveal(quiet.lastMs as number)}>
                    Go to the last events, at {formatTime(quiet.lastMs)} ms
                  </button>
                </>
              )}
            </p>
          )}
        </div>
        <aside className="spacetime-detail" aria-live="polite" data-testid="spacetime-detail">
          {current === undefined ? (
            <p className="empty">
              Click an event (a dot on a lane) to see its Lamport and vector timestamps and what
              happened before it; click an arrow to inspect the message.
            </p>
          ) : (
            <>
              <p className="what">
                <strong>{describeEvent(current, names)}</strong> at {formatTime(current.atMs)} ms
              </p>
              <dl>
                <dt>Lamport time</dt>
                <dd data-testid="spacetime-lamport">{current.lamport}</dd>
                <dt>Vector clock</dt>
                <dd data-testid="spacetime-vc">{formatVectorClock(current.vc, names)}</dd>
              </dl>
              {sel !== null && sel.index === current.index && (
                <p data-testid="spacetime-causal">
                  In view: <strong>{sel.past}</strong> events happened before it (ringed),{" "}
                  <strong>{sel.concurrent}</strong> are concurrent with it (hollow), and{" "}
                  <strong>{sel.future}</strong> came after it (faint).
                </p>
              )}
              {(current.kind === "send" || current.kind === "deliver") && (
                <button type="button" onClick={() => session.inspectMessage(current.id)}>
                  Inspect this message
                </button>
              )}
            </>
          )}
          {spacetimeBoard.originMs > 0 && (
            <p className="note">
              Vector clocks count events from {formatTime(spacetimeBoard.originMs)} ms (where this
              diagram's stream began).
            </p>
          )}
        </aside>
      </div>
      <p className="spacetime-legend">
        <span>● send / receive</span> <span>▮ timer</span> <span>■ operation starts</span>{" "}
        <span>◆ operation ends</span> <span>✕ crash or dropped message</span>{" "}
        <span>▲ recovery</span> <span>grey band: crashed</span>{" "}
        <span>×N: N events or messages drawn as one</span>{" "}
        <span className="spacetime-summary">{summary}</span>
      </p>
    </section>
  );
}
