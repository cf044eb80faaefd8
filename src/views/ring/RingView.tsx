/**
 * The stage: the ring (SVG), the messages in flight (a canvas over it), and the nodes as buttons on
 * top. Clicking a node crashes it, clicking again recovers it; each click is an intervention on
 * the run's timeline. Geometry comes from ringLayout; this file only maps it to elements.
 */

import { memo, type RefObject, useEffect, useMemo, useState } from "react";
import { useSession } from "../../app/SessionContext";
import { setFocusNode, useAppStore } from "../../store/appStore";
import { selectFocusNode, selectInfo, selectStatus, selectUpMask } from "../../store/selectors";
import type { NodeView } from "../../worker/protocol";
import { ExportButtons, type ExportSource } from "../ExportButtons";
import { CRASHED, KEY_COLOUR, nodeColour } from "../palette";
import { useElementSize } from "../useElementSize";
import { FaultOverlay, PartitionDrawer } from "./FaultOverlay";
import { useKeyPlacement } from "./KeyFinder";
import { type KeyMarks, keyMarks } from "./keyLayout";
import { MessageCanvas, messageAt } from "./MessageCanvas";
import { RouteOverlay } from "./RouteOverlay";
import { ringOverlayMarkup } from "./ringExport";
import { type NodePlace, type RingLayout, ringLayout } from "./ringLayout";
import { useSettledNodes } from "./settledNodes";

export function RingView() {
  const info = useAppStore(selectInfo);
  const session = useSession();
  const [ref, size] = useElementSize<HTMLDivElement>();
  // the partition in force, as text: frames bring new fault objects, the layout changes only
  // when the groups do
  const partitionKey = useAppStore(selectPartitionKey);
  const legendRight = useLegendRight(ref);
  const layout = useMemo(
    () =>
      info !== null && size !== null
        ? ringLayout(
            { ...info, partition: partitionFromKey(partitionKey) },
            { ...size, insetLeft: legendRight },
          )
        : null,
    [info, size, partitionKey, legendRight],
  );
  const source = useMemo<ExportSource>(() => {
    const svg = () => ref.current?.querySelector<SVGSVGElement>("svg.ring-svg") ?? null;
    return {
      svg,
      extra: () => {
        const s = svg();
        return ref.current !== null && s !== null ? ringOverlayMarkup(ref.current, s) : "";
      },
    };
  }, [ref]);
  return (
    // a click on a moving message opens the message inspector (from the keyboard: the
    // recent-messages list does the same)
    // biome-ignore lint/a11y/useKeyWithClickEvents: messages are reached from the keyboard in the recent-messages list
    // biome-ignore lint/a11y/noStaticElementInteractions: as above
    <div
      className="ring-stage"
      ref={ref}
      onClick={(e) => {
        if (e.target instanceof HTMLElement && e.target.closest("button, input, select")) return;
        const rect = e.currentTarget.getBoundingClientRect();
        const id = messageAt(e.clientX - rect.left, e.clientY - rect.top);
        if (id !== null) session.inspectMessage(id);
      }}
    >
      {layout !== null && info !== null && (
        <>
          <RingDrawing layout={layout} nodeNames={info.nodeNames} />
          <MessageCanvas layout={layout} />
          <FaultOverlay layout={layout} />
          <RouteOverlay layout={layout} />
          <NodeButtons layout={layout} />
          <PartitionDrawer layout={layout} />
          <div className="ring-export">
            <ExportButtons label="the ring" source={source} />
          </div>
        </>
      )}
    </div>
  );
}

/**
 * Where the legend drawn over the stage ends, from the ring stage's left edge (0 while it is not
 * shown, as in presenter mode), so the ring's labels can keep clear of it.
 */
function useLegendRight(ref: RefObject<HTMLDivElement | null>): number {
  const [right, setRight] = useState(0);
  useEffect(() => {
    const stage = ref.current;
    const legend = stage?.parentElement?.querySelector<HTMLElement>(".legend") ?? null;
    if (stage === null || legend === null) return;
    const update = () => {
      const box = legend.getBoundingClientRect();
      const next = box.width > 0 ? Math.round(box.right - stage.getBoundingClientRect().left) : 0;
      setRight((old) => (old === next ? old : next));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(legend);
    observer.observe(stage);
    return () => observer.disconnect();
  }, [ref]);
  return right;
}

const selectPartitionKey = (s: { faults: { partition: string[][] | null } | null }): string =>
  s.faults?.partition?.map((g) => g.join(",")).join("|") ?? "";

function partitionFromKey(key: string): string[][] | null {
  return key === "" ? null : key.split("|").map((g) => g.split(","));
}

function RingDrawing({ layout, nodeNames }: { layout: RingLayout; nodeNames: string[] }) {
  const upMask = useAppStore(selectUpMask);
  const focus = useAppStore(selectFocusNode);
  const clients = layout.clients.map((c) => c.label).join(", ");
  const { placement } = useKeyPlacement();
  const marks = useMemo(
    () => (placement !== null ? keyMarks(layout, placement) : null),
    [layout, placement],
  );
  return (
    <svg
      className="ring-svg"
      width={layout.width}
      height={layout.height}
      role="img"
      aria-label={`A ring of ${nodeNames.length} nodes (${nodeNames.join(", ")}), each owning the key range that ends at its position; ${clients || "no clients"} in the centre.`}
    >
      <circle className="ring-base" cx={layout.cx} cy={layout.cy} r={layout.bandR} />
      <g transform={`translate(${layout.cx},${layout.cy})`}>
        {layout.arcs.map((a) => {
          const up = upMask[a.node] !== "0";
          return (
            <path
              key={`${a.node}-${a.endUnit}`}
              d={a.d}
              className={`range${up ? "" : " range-crashed"}${focus === a.node ? " range-focus" : ""}`}
              fill={up ? nodeColour(a.node).arc : CRASHED.fill}
            />
          );
        })}
        {marks !== null && (
          <path
            className="key-range"
            d={marks.rangePath}
            fill={KEY_COLOUR.wash}
            stroke={KEY_COLOUR.ink}
          />
        )}
      </g>
      {layout.clients.map((c) => (
        <g key={c.label} className="client-chip">
          <rect
            x={c.x - c.width / 2}
            y={c.y - c.height / 2}
            width={c.width}
            height={c.height}
            rx={c.height / 2}
          />
          <text
            x={c.x}
            y={c.y}
            dominantBaseline="central"
            textAnchor="middle"
            // no larger than fits the chip (bold type is about 0.6 em a character); a style, not
            // an attribute, since the stylesheet's size would win over an attribute
            style={{
              fontSize: `min(0.875rem, ${((c.width - 10) / (0.6 * c.label.length)).toFixed(1)}px)`,
            }}
          >
            {c.label}
          </text>
        </g>
      ))}
      {marks !== null && placement !== null && (
        <KeyMarker marks={marks} cx={layout.cx} cy={layout.cy} label={placement.key} />
      )}
    </svg>
  );
}

/** The key's diamond on the ring, its name, and an arrow clockwise to its coordinator. */
function KeyMarker(props: { marks: KeyMarks; cx: number; cy: number; label: string }) {
  const { marks, cx, cy, label } = props;
  const s = 9;
  const { x, y } = marks.marker;
  const shown = label.length > 16 ? `${label.slice(0, 15)}…` : label;
  return (
    <g className="key-marks" data-testid="key-marker">
      <defs>
        <marker
          id="key-walk-arrow"
          viewBox="0 0 10 10"
          refX="6"
          refY="5"
          markerWidth="5"
          markerHeight="5"
          orient="auto"
        >
          <path d="M0,0L10,5L0,10z" fill={KEY_COLOUR.ink} />
        </marker>
      </defs>
      <path
        className="key-walk"
        d={marks.walkPath}
        transform={`translate(${cx},${cy})`}
        stroke={KEY_COLOUR.ink}
        markerEnd="url(#key-walk-arrow)"
      />
      <path
        d={`M${x},${y - s}L${x + s},${y}L${x},${y + s}L${x - s},${y}Z`}
        fill={KEY_COLOUR.ink}
        stroke={KEY_COLOUR.halo}
        strokeWidth={2}
      />
      <text
        className="key-label"
        x={marks.label.x}
        y={marks.label.y}
        textAnchor={marks.label.anchor}
        dominantBaseline="central"
        fill={KEY_COLOUR.ink}
      >
        {shown}
      </text>
    </g>
  );
}

function NodeButtons({ layout }: { layout: RingLayout }) {
  const session = useSession();
  // counts settle (at most 4 updates a second); crashes, hints and suspicions show at once
  const nodes = useSettledNodes();
  const status = useAppStore(selectStatus);
  const disabled = status === "loading" || status === "failed";
  const { placement } = useKeyPlacement();
  const partition = useAppStore((s) => s.faults?.partition ?? null);
  // the side of a partition that the first group is not: drawn as cut off
  const cutOff = (name: string) =>
    partition !== null && partition.slice(1).some((group) => group.includes(name));
  return (
    <>
      {layout.nodes.map((place, i) => (
        <NodeButton
          key={place.name}
          cutOff={cutOff(place.name)}
          index={i}
          rank={placement !== null ? placement.replicas.indexOf(i) + 1 : 0}
          place={place}
          layout={layout}
          node={nodes[i]}
          disabled={disabled}
          onToggle={session.toggleNode}
        />
      ))}
    </>
  );
}

/** Re-renders only when its own node changed (frames bring new node objects every time). */
const NodeButton = memo(NodeButtonView, (a, b) => {
  return (
    a.index === b.index &&
    a.cutOff === b.cutOff &&
    a.rank === b.rank &&
    a.place === b.place &&
    a.place.onRing === b.place.onRing &&
    a.layout === b.layout &&
    a.disabled === b.disabled &&
    a.onToggle === b.onToggle &&
    a.node?.up === b.node?.up &&
    a.node?.keys === b.node?.keys &&
    a.node?.pendingRequests === b.node?.pendingRequests &&
    a.node?.suspects.join() === b.node?.suspects.join() &&
    a.node?.hints === b.node?.hints &&
    a.node?.hintOwners.join() === b.node?.hintOwners.join() &&
    a.node?.clockOffsetMs === b.node?.clockOffsetMs
  );
});

function NodeButtonView(props: {
  /** on the far side of a partition */
  cutOff: boolean;
  index: number;
  /** the node's place in the looked-up key's preference list (1 = coordinator), 0 if none */
  rank: number;
  place: NodePlace;
  layout: RingLayout;
  node: NodeView | undefined;
  disabled: boolean;
  onToggle: (index: number) => void;
}) {
  const { index, rank, place, layout, node, disabled, onToggle, cutOff } = props;
  const up = node?.up ?? true;
  const colour = nodeColour(index);
  const r = layout.nodeR;
  const statusId = `node-status-${index}`;
  const keys = node?.keys ?? 0;
  const pending = node?.pendingRequests ?? 0;
  const suspects = node?.suspects ?? [];
  const suspectText = suspects.length > 0 ? `, suspects ${suspects.join(", ")} to be down` : "";
  const hints = node?.hints ?? 0;
  const hintOwners = node?.hintOwners ?? [];
  const hintText =
    hints > 0
      ? `, holds ${hints} ${hints === 1 ? "hint" : "hints"} for ${hintOwners.join(", ")}`
      : "";
  const skew = node?.clockOffsetMs ?? 0;
  const skewText = skew !== 0 ? `, clock ${skew > 0 ? "+" : ""}${skew} ms` : "";
  const statusText = up
    ? `up, ${keys} ${keys === 1 ? "key" : "keys"}${pending > 0 ? `, ${pending} pending` : ""}${suspectText}${hintText}${skewText}`
    : `crashed${hintText}`;
  const ringText = `${place.onRing ? "" : ", not on the ring"}${cutOff ? ", cut off by the partition" : ""}`;
  const keyText =
    rank === 1 ? ", coordinator of the key" : rank > 0 ? `, replica ${rank} of the key` : "";
  const letterSize = Math.max(11, Math.min(30, r * (place.name.length > 1 ? 0.55 : 0.75)));
  return (
    <>
      <button
        type="button"
        className={`node${up ? "" : " node-crashed"}${rank > 0 ? " node-replica" : ""}${hints > 0 ? " node-hinted" : ""}${place.onRing ? "" : " node-standby"}${cutOff ? " node-cutoff" : ""}`}
        data-state={up ? "up" : "crashed"}
        data-replica-rank={rank > 0 ? rank : undefined}
        aria-label={`Node ${place.name}`}
        aria-describedby={statusId}
        title={up ? `Crash node ${place.name}` : `Recover node ${place.name}`}
        disabled={disabled}
        onClick={() => onToggle(index)}
        onPointerEnter={() => setFocusNode(index)}
        onPointerLeave={() => setFocusNode(null)}
        onFocus={() => setFocusNode(index)}
        onBlur={() => setFocusNode(null)}
        style={{
          left: place.x - r,
          top: place.y - r,
          width: 2 * r,
          height: 2 * r,
          fontSize: letterSize,
          background: up ? colour.fill : CRASHED.fill,
          borderColor: up ? colour.stroke : CRASHED.stroke,
          color: up ? colour.ink : CRASHED.ink,
        }}
      >
        {place.name}
        {rank > 0 && (
          <span className="replica-badge" aria-hidden="true">
            {rank}
          </span>
        )}
      </button>
      <span id={statusId} className="visually-hidden">
        {statusText}
        {ringText}
        {keyText}
      </span>
      {layout.showNodeStatus && (
        <span
          aria-hidden="true"
          className={up ? "node-status" : "node-status node-status-crashed"}
          style={{
            left: place.labelX,
            top: place.labelY,
            transform: `translate(${place.labelAnchor === "start" ? "0" : place.labelAnchor === "end" ? "-100%" : "-50%"}, -50%)`,
          }}
        >
          {!place.onRing ? (
            <>off the ring{keys > 0 ? ` · ${keys} ${keys === 1 ? "key" : "keys"}` : ""}</>
          ) : up ? (
            <>
              {keys} {keys === 1 ? "key" : "keys"}
              {pending > 0 && <span className="node-pending"> · {pending} pending</span>}
              {suspects.length > 0 && (
                <span className="node-suspects"> · suspects {suspects.join(", ")}</span>
              )}
              {hints > 0 && (
                <span className="node-hints">
                  {" "}
                  · {hints} {hints === 1 ? "hint" : "hints"} for {hintOwners.join(", ")}
                </span>
              )}
              {skew !== 0 && (
                <span className="node-skew">
                  {" "}
                  · clock {skew > 0 ? "+" : ""}
                  {skew} ms
                </span>
              )}
            </>
          ) : (
            <>
              ✕ crashed
              {hints > 0 && <span className="node-hints"> · {hints} hints kept</span>}
            </>
          )}
        </span>
      )}
    </>
  );
}
