/**
 * The faults in force, drawn over the ring: a cut link as a line with a cross in its middle
 * (an arrow when only one way is cut), a slow link dashed and labelled, a partition as a wall
 * between its groups. And a gesture for drawing a partition: press "Draw a partition", then drag
 * a line across the ring; the processes on each side of it become the two groups (the Faults
 * panel does the same from the keyboard).
 */

import { useMemo, useRef, useState } from "react";
import { create } from "zustand";
import { useSession } from "../../app/SessionContext";
import { useAppStore } from "../../store/appStore";
import { selectStatus } from "../../store/selectors";
import { ArrowMarker } from "../ArrowMarker";
import { faultMarks, type LinkMark, type Pt, placesByName, splitByLine } from "./faultLayout";
import type { RingLayout } from "./ringLayout";
import "../spacetime/spacetime.css";

/** The wall the user last drew (kept while its partition lasts). */
const useDrawnWall = create<{ wall: { from: Pt; to: Pt } | null }>(() => ({ wall: null }));

const CUT = "#b3261e";
const SLOW = "#8a5a00";
const WALL = "#1b2330";

export function FaultOverlay({ layout }: { layout: RingLayout }) {
  const faults = useAppStore((s) => s.faults);
  const drawn = useDrawnWall((s) => s.wall);
  const marks = useMemo(() => faultMarks(layout, faults, drawn), [layout, faults, drawn]);
  return (
    <svg
      className="fault-overlay"
      width={layout.width}
      height={layout.height}
      aria-hidden="true"
      data-testid="fault-overlay"
      data-cuts={marks.cuts.length}
      data-slow={marks.slow.length}
      data-wall={marks.wall !== null ? "yes" : "no"}
    >
      <defs>
        <ArrowMarker id="fault-arrow" fill={CUT} />
      </defs>
      {marks.wall !== null && (
        <g className="fault-wall">
          <line
            x1={marks.wall.from.x}
            y1={marks.wall.from.y}
            x2={marks.wall.to.x}
            y2={marks.wall.to.y}
            stroke="#ffffff"
            strokeWidth={11}
          />
          <line
            x1={marks.wall.from.x}
            y1={marks.wall.from.y}
            x2={marks.wall.to.x}
            y2={marks.wall.to.y}
            stroke={WALL}
            strokeWidth={6}
            strokeDasharray="14 5"
          />
          <text
            x={Math.min(Math.max(marks.wall.from.x, 40), layout.width - 40)}
            y={Math.min(Math.max(marks.wall.from.y - 10, 14), layout.height - 8)}
            textAnchor="middle"
            className="fault-label"
          >
            partition
          </text>
        </g>
      )}
      {marks.slow.map((m) => (
        <LinkLine key={`slow-${m.label}`} m={m} colour={SLOW} dash="7 5" text={`${m.label} slow`} />
      ))}
      {marks.cuts.map((m) => (
        <LinkLine key={`cut-${m.label}`} m={m} colour={CUT} dash="" text={`${m.label} cut`} cross />
      ))}
    </svg>
  );
}

function LinkLine(props: {
  m: LinkMark;
  colour: string;
  dash: string;
  text: string;
  cross?: boolean;
}) {
  const { m, colour, dash, text, cross } = props;
  const mx = (m.from.x + m.to.x) / 2;
  const my = (m.from.y + m.to.y) / 2;
  const r = 7;
  return (
    <g>
      <line
        x1={m.from.x}
        y1={m.from.y}
        x2={m.to.x}
        y2={m.to.y}
        stroke={colour}
        strokeWidth={3}
        strokeDasharray={dash || undefined}
        markerEnd={m.oneWay && cross ? "url(#fault-arrow)" : undefined}
      />
      {cross === true && (
        <path
          d={`M${mx - r},${my - r}L${mx + r},${my + r}M${mx + r},${my - r}L${mx - r},${my + r}`}
          stroke={colour}
          strokeWidth={4}
        />
      )}
      <text x={mx} y={my - 12} textAnchor="middle" className="fault-label" fill={colour}>
        {text}
      </text>
    </g>
  );
}

/** "Draw a partition": while on, a drag across the ring splits the processes by the line. */
export function PartitionDrawer({ layout }: { layout: RingLayout }) {
  const session = useSession();
  const status = useAppStore(selectStatus);
  const [on, setOn] = useState(false);
  const [line, setLine] = useState<{ from: Pt; to: Pt } | null>(null);
  const start = useRef<Pt | null>(null);
  const places = useMemo(() => placesByName(layout), [layout]);
  const disabled = status === "loading" || status === "failed";
  const split = line !== null ? splitByLine(line.from, line.to, places) : null;
  const point = (e: React.PointerEvent<SVGSVGElement>): Pt => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };
  return (
    <>
      <button
        type="button"
        className="partition-draw"
        aria-pressed={on}
        disabled={disabled}
        title="Then drag a line across the ring: the two sides become the groups (Faults panel: the same from the keyboard)"
        onClick={() => {
          setOn(!on);
          setLine(null);
        }}
      >
        {on ? "Cancel drawing" : "Draw a partition"}
      </button>
      {on && (
        <svg
          className="partition-canvas"
          width={layout.width}
          height={layout.height}
          role="img"
          aria-label="Drag a line across the ring to split it in two"
          data-testid="partition-canvas"
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            start.current = point(e);
            setLine({ from: start.current, to: start.current });
          }}
          onPointerMove={(e) => {
            if (start.current !== null) setLine({ from: start.current, to: point(e) });
          }}
          onPointerUp={(e) => {
            const from = start.current;
            start.current = null;
            if (from === null) return;
            const to = point(e);
            const groups = splitByLine(from, to, places);
            setLine(null);
            if (groups === null) return;
            useDrawnWall.setState({ wall: { from, to } });
            session.intervene({ kind: "partition", groups });
            setOn(false);
          }}
        >
          <rect width={layout.width} height={layout.height} fill="rgba(255,255,255,0.35)" />
          {line !== null && (
            <line
              x1={line.from.x}
              y1={line.from.y}
              x2={line.to.x}
              y2={line.to.y}
              stroke={WALL}
              strokeWidth={6}
              strokeDasharray="14 5"
            />
          )}
          {split?.map((group, gi) =>
            group.map((name) => {
              const p = places.get(name) as Pt;
              return (
                <text key={name} x={p.x} y={p.y - 30} textAnchor="middle" className="fault-label">
                  {gi === 0 ? "side 1" : "side 2"}
                </text>
              );
            }),
          )}
        </svg>
      )}
    </>
  );
}
