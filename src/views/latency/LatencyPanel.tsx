/**
 * Latency as it happens (Dynamo section 6.4): histograms of successful gets and puts on a log time
 * axis, with the mean, p99 and p99.9 marked, updating as the run goes; the coordination mode
 * (direct to the preference list, server-driven through a load balancer, client-driven with the
 * client's own membership view) switched in place, which reloads the preset from the same seed;
 * and, for the two modes Table 2 compares, the paper's figures beside the measured ones.
 */

import { useId } from "react";
import { useSession } from "../../app/SessionContext";
import type { Stats } from "../../sim";
import { useAppStore } from "../../store/appStore";
import { selectHistograms, selectInfo, selectStats } from "../../store/selectors";
import type { Coordination } from "../../worker/protocol";
import { ExportButtons, useSvgSource } from "../ExportButtons";
import { formatLatency } from "../format";
import { histogramLayout } from "./histogramLayout";

/** Dynamo, SOSP 2007, Table 2 (ms): 99.9th percentile read, write; average read, write. */
export const TABLE2: Record<"server-driven" | "client-driven", [number, number, number, number]> = {
  "server-driven": [68.9, 68.5, 3.9, 4.02],
  "client-driven": [30.4, 30.4, 1.55, 1.9],
};

const MODES: { value: Coordination; label: string }[] = [
  { value: "direct", label: "direct: the client knows the ring" },
  { value: "server-driven", label: "server-driven: through a load balancer" },
  { value: "client-driven", label: "client-driven: the client routes itself" },
];

export function LatencyPanel() {
  const info = useAppStore(selectInfo);
  const stats = useAppStore(selectStats);
  const h = useAppStore(selectHistograms);
  const sideBySide = useAppStore((s) => s.sideBySide);
  const session = useSession();
  const id = useId();
  if (info === null) return null;
  const mode = info.coordination;
  const paper = mode === "direct" ? null : TABLE2[mode];
  return (
    <section className="panel latency" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Latency</h2>
      <label className="latency-mode">
        Coordination
        <select
          value={mode}
          disabled={info.preset === null}
          onChange={(e) =>
            session.reconfigure({ coordination: e.currentTarget.value as Coordination })
          }
        >
          {MODES.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      <label className="latency-side">
        <input
          type="checkbox"
          checked={sideBySide}
          disabled={mode === "direct"}
          onChange={(e) => session.sideBySide(e.currentTarget.checked)}
        />
        Side by side with {mode === "client-driven" ? "server-driven" : "client-driven"}
        {mode === "direct" && <span className="unit"> (server- or client-driven runs only)</span>}
      </label>
      {h !== null && stats !== null && (
        <>
          <Histogram name="gets" edges={h.edgesMs} counts={h.get} stats={stats.get} />
          <Histogram name="puts" edges={h.edgesMs} counts={h.put} stats={stats.put} />
        </>
      )}
      {paper !== null && stats !== null && (
        <table className="table2" aria-label="Table 2, measured beside the paper">
          <caption>Dynamo Table 2, {mode} (ms)</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">source</span>
              </th>
              <th scope="col">p99.9 read</th>
              <th scope="col">p99.9 write</th>
              <th scope="col">mean read</th>
              <th scope="col">mean write</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">this run</th>
              <td>{formatLatency(stats.get.p999Ms)}</td>
              <td>{formatLatency(stats.put.p999Ms)}</td>
              <td>{stats.get.meanMs.toFixed(2)}</td>
              <td>{stats.put.meanMs.toFixed(2)}</td>
            </tr>
            <tr>
              <th scope="row">the paper</th>
              {paper.map((v, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: four fixed columns
                <td key={i}>{v}</td>
              ))}
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}

export function Histogram(props: {
  name: string;
  edges: number[];
  counts: number[];
  stats: Stats;
  /** of the drawing, in its own units (it scales to the width it is given) */
  width?: number;
}) {
  const { name, edges, counts, stats } = props;
  const width = props.width ?? 320;
  const height = 84;
  const [ref, source] = useSvgSource<HTMLElement>();
  if (stats.ok === 0)
    return (
      <figure className="histogram">
        <figcaption>
          {name}: no successful {name} yet
        </figcaption>
      </figure>
    );
  const layout = histogramLayout(
    edges,
    counts,
    [
      { name: "mean", ms: stats.meanMs },
      { name: "p99", ms: stats.p99Ms },
      { name: "p99.9", ms: stats.p999Ms },
    ],
    width,
    height,
  );
  return (
    <figure className="histogram" ref={ref}>
      <figcaption>
        {name}: mean {formatLatency(stats.meanMs)} · p99 {formatLatency(stats.p99Ms)} · p99.9{" "}
        {formatLatency(stats.p999Ms)} ms{" "}
        <ExportButtons label={`the ${name} latency histogram`} source={source} />
      </figcaption>
      <svg
        width="100%"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Latency of ${stats.ok} successful ${name}`}
      >
        {layout.bars.map((b) => (
          <rect
            key={b.fromMs}
            x={b.x}
            y={b.y}
            width={b.width}
            height={Math.max(0, b.height)}
            className={`hist-bar hist-${name}`}
          >
            <title>{`${b.count} ${name} from ${b.fromMs} ms`}</title>
          </rect>
        ))}
        {layout.marks.map((m) => (
          <g key={m.name}>
            <line
              x1={m.x}
              x2={m.x}
              y1={12}
              y2={height - 16}
              className={`hist-mark hist-mark-${m.name.replace(".", "")}`}
            />
            {m.label !== "" && (
              <text x={m.labelX} y={10} textAnchor="middle" className="hist-mark-label">
                {m.label}
              </text>
            )}
          </g>
        ))}
        {layout.ticks.map((t) => (
          <text key={t.label} x={t.x} y={height - 3} textAnchor="middle" className="hist-tick">
            {t.label}
          </text>
        ))}
      </svg>
    </figure>
  );
}
