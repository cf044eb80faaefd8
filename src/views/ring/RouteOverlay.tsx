/**
 * The route of the operation picked in the history view, drawn on the ring hop by hop: each
 * message an arrow along the curve messages travel, numbered by step (hops with one number were
 * sent together, as a coordinator's fan-out to its replicas), a dropped one dashed and crossed.
 * Server-driven, the extra hops through the load balancer and a forwarding node are there to count.
 */

import { useAppStore } from "../../store/appStore";
import { ArrowMarker } from "../ArrowMarker";
import { messagePath, pointAt, type RingLayout } from "./ringLayout";

export function RouteOverlay({ layout }: { layout: RingLayout }) {
  const route = useAppStore((s) => (s.inspectOp === null ? null : (s.inspection?.route ?? null)));
  if (route === null || route.hops.length === 0) return null;
  const procs = layout.nodes.length + layout.clientChip.length;
  const n = layout.nodes.length;
  const chipOf = (p: number) => (p < n ? -1 : (layout.clientChip[p - n] ?? -1));
  // a hop between two processes on one chip (clients drawn together) has no curve to draw
  const hops = route.hops.filter(
    (h) =>
      h.src < procs && h.dst < procs && (h.src < n || h.dst < n || chipOf(h.src) !== chipOf(h.dst)),
  );
  // one label per step and pair: a duplicate pair (a retry) keeps the first number
  const seen = new Set<string>();
  return (
    <svg
      className="route-overlay"
      width={layout.width}
      height={layout.height}
      role="img"
      aria-label={`Route of operation ${route.op} (${route.f} ${route.key} by ${route.client}): ${hops.length} messages in ${new Set(hops.map((h) => h.step)).size} steps`}
      data-testid="route-overlay"
    >
      <defs>
        <ArrowMarker id="route-arrow" className="route-arrowhead" />
      </defs>
      {hops.map((h) => {
        const p = messagePath(layout, h.src, h.dst);
        const d = `M${p.x0},${p.y0} Q${p.cx},${p.cy} ${p.x1},${p.y1}`;
        return (
          <path
            key={`p${h.id}`}
            d={d}
            className={`route-hop route-hop-${h.fate.replace(" ", "-")}`}
            markerEnd={h.fate === "dropped" ? undefined : "url(#route-arrow)"}
          />
        );
      })}
      {hops.map((h) => {
        const key = `${h.step}:${h.src}:${h.dst}`;
        if (seen.has(key)) return null;
        seen.add(key);
        const p = messagePath(layout, h.src, h.dst);
        const at = pointAt(p, 0.5);
        const end = pointAt(p, 0.92);
        return (
          <g key={`l${h.id}`} className="route-step">
            <circle cx={at.x} cy={at.y} r={9} />
            <text x={at.x} y={at.y} dominantBaseline="central" textAnchor="middle">
              {h.step}
            </text>
            {h.fate === "dropped" && (
              <text
                x={end.x}
                y={end.y}
                dominantBaseline="central"
                textAnchor="middle"
                className="route-cross"
              >
                ✕
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
