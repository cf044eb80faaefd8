/**
 * Staleness (Bailis et al., PBS, VLDB 2012): the probability that a read issued t ms after a write
 * commits returns it, measured by the simulator for a latency fit and N, R, W (each write and its
 * reads run as in PBS's WARS model: all N asked, the first W and R answers used, no repair), drawn
 * against t, with the closed form 1 - C(N-W, R) / C(N, R) and PBS Table 4's t for 99.9% marked.
 */

import { scaleLinear, scaleLog } from "d3-scale";
import { useId, useState } from "react";
import { useSession } from "../../app/SessionContext";
import type { StalenessResult } from "../../sim";
import { useAppStore } from "../../store/appStore";
import { selectInfo } from "../../store/selectors";
import { ExportButtons, useSvgSource } from "../ExportButtons";

const MODELS = ["lnkd-ssd", "lnkd-disk", "ymmr", "wan"] as const;

export function StalenessPanel() {
  const info = useAppStore(selectInfo);
  const result = useAppStore((s) => s.staleness);
  const session = useSession();
  const id = useId();
  const [model, setModel] = useState<string>("lnkd-ssd");
  const [r, setR] = useState(1);
  const [w, setW] = useState(1);
  if (info === null) return null;
  const n = 3;
  return (
    <section className="panel staleness" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        Staleness <span className="unit">(PBS, N = 3)</span>
      </h2>
      <div className="staleness-form">
        <label>
          Latency
          <select value={model} onChange={(e) => setModel(e.currentTarget.value)}>
            {MODELS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          R
          <select value={r} onChange={(e) => setR(Number(e.currentTarget.value))}>
            {[1, 2, 3].map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        <label>
          W
          <select value={w} onChange={(e) => setW(Number(e.currentTarget.value))}>
            {[1, 2, 3].map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={result === "measuring"}
          onClick={() => session.measureStaleness(model, n, r, w, 1000)}
        >
          {result === "measuring" ? "Measuring…" : "Measure"}
        </button>
      </div>
      {result !== null && result !== "measuring" && <StalenessCurve result={result} />}
    </section>
  );
}

function pct(p: number): string {
  return `${(p * 100).toFixed(1)}%`;
}

function StalenessCurve({ result }: { result: StalenessResult }) {
  const [ref, source] = useSvgSource<HTMLElement>();
  const width = 320;
  const height = 130;
  const pts = result.curve.filter((c) => c.tMs > 0);
  const lo = Math.min(...pts.map((c) => c.tMs));
  const hi = Math.max(...pts.map((c) => c.tMs));
  const x = scaleLog()
    .domain([lo, hi])
    .range([34, width - 8]);
  const minP = Math.min(
    result.pConsistentAtCommit,
    ...result.curve.map((c) => c.p),
    result.closedForm.pConsistent,
  );
  const y = scaleLinear()
    .domain([Math.max(0, Math.floor(minP * 10) / 10), 1])
    .range([height - 18, 8]);
  const path = pts.map((c, i) => `${i === 0 ? "M" : "L"}${x(c.tMs)},${y(c.p)}`).join(" ");
  const closed = y(result.closedForm.pConsistent);
  const paperT = result.paper?.tMs ?? null;
  return (
    <figure className="staleness-curve" ref={ref}>
      <figcaption data-testid="staleness-summary">
        {result.model}, R = {result.r}, W = {result.w}: consistent right at commit{" "}
        <strong>{pct(result.pConsistentAtCommit)}</strong>
        {result.paper?.pConsistentAtCommit !== undefined
          ? ` (PBS: ${pct(result.paper.pConsistentAtCommit)})`
          : ""}
        ; 99.9% after{" "}
        <strong>
          {result.tMsFor999 === null ? "more than the curve" : `${result.tMsFor999} ms`}
        </strong>
        {paperT !== null ? ` (PBS Table 4: ${paperT} ms)` : ""}. Closed form{" "}
        {pct(result.closedForm.pConsistent)} ({result.closedForm.note}). {result.committed} writes.{" "}
        <ExportButtons label="the staleness curve" source={source} />
      </figcaption>
      <svg
        width="100%"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label="Probability of a consistent read against time since commit"
      >
        <line x1={34} x2={width - 8} y1={closed} y2={closed} className="closed-form" />
        <text x={width - 8} y={closed - 3} textAnchor="end" className="hist-tick">
          closed form
        </text>
        <path d={path} className="staleness-line" />
        {pts.map((c) => (
          <circle key={c.tMs} cx={x(c.tMs)} cy={y(c.p)} r="2.2" className="staleness-point">
            <title>{`${c.tMs} ms after commit: ${pct(c.p)}`}</title>
          </circle>
        ))}
        {paperT !== null && paperT > 0 && paperT >= lo && paperT <= hi && (
          <line x1={x(paperT)} x2={x(paperT)} y1={8} y2={height - 18} className="paper-t" />
        )}
        {y.ticks(3).map((p) => (
          <text key={p} x={30} y={y(p) + 3} textAnchor="end" className="hist-tick">
            {Math.round(p * 100)}%
          </text>
        ))}
        {x
          .ticks()
          .filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9)
          .map((t) => (
            <text key={t} x={x(t)} y={height - 5} textAnchor="middle" className="hist-tick">
              {t} ms
            </text>
          ))}
      </svg>
    </figure>
  );
}
