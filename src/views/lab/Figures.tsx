/**
 * The lab's figures as SVG: a chart (chartLayout.ts computes, this renders) or a table, each with
 * its title, what to look at, and buttons to save the picture (SVG, PNG) and its data (CSV, JSON).
 */

import { useRef } from "react";
import { ExportButtons, svgIn } from "../ExportButtons";
import { downloadJson, downloadText, fileName } from "../exportFile";
import {
  barEnds,
  type ChartLayout,
  type ChartSpec,
  chartLayout,
  chartRows,
  hasOpenBars,
  toCsv,
} from "./chartLayout";
import type { Figure, TableFigure } from "./figures";

const WIDTH = 520;
const HEIGHT = 340;
const WIDE_WIDTH = 900;
const WIDE_HEIGHT = 400;

export function FigureView({
  figure,
  nameParts,
  meta,
}: {
  figure: Figure;
  nameParts: string[];
  /** what the JSON file says the figure is of: the experiment, its parameters and seeds */
  meta: Record<string, unknown>;
}) {
  const ref = useRef<HTMLDivElement | null>(null);
  const id = figure.kind === "chart" ? figure.spec.id : figure.id;
  const title = figure.kind === "chart" ? figure.spec.title : figure.title;
  const caption = figure.kind === "chart" ? figure.spec.caption : figure.caption;
  const layout = figure.kind === "chart" ? layoutOf(figure.spec) : null;
  const records = figure.kind === "chart" ? chartRows(figure.spec) : figure.records;
  const json =
    figure.kind === "chart"
      ? { title, ...meta, series: figure.spec.series }
      : { title, ...meta, rows: figure.records };
  return (
    <figure
      className={
        figure.kind === "chart" && figure.spec.wide ? "lab-figure lab-figure-wide" : "lab-figure"
      }
      aria-labelledby={`fig-${id}`}
    >
      <h3 id={`fig-${id}`} className="lab-figure-title">
        {title}
      </h3>
      <div ref={ref} className="lab-figure-body">
        {figure.kind === "chart" && layout !== null ? (
          <ChartSvg spec={figure.spec} layout={layout} />
        ) : figure.kind === "table" ? (
          <TableSvg table={figure} />
        ) : null}
      </div>
      <div className="lab-figure-exports">
        <ExportButtons label={title} source={svgIn(ref)} nameParts={nameParts} />
        <button
          type="button"
          className="export-button"
          aria-label={`Save the data of ${title} as CSV`}
          onClick={() =>
            downloadText(
              fileName([...nameParts, id], "csv"),
              toCsv(records),
              "text/csv;charset=utf-8",
            )
          }
        >
          CSV
        </button>
        <button
          type="button"
          className="export-button"
          aria-label={`Save the data of ${title} as JSON`}
          onClick={() => downloadJson(fileName([...nameParts, id], "json"), json)}
        >
          JSON
        </button>
      </div>
      <figcaption className="lab-caption">
        {caption}
        {layout !== null && hasOpenBars(layout) && (
          <span className="lab-caption-warning">
            {" "}
            A dashed bar ending in an arrow runs past the axis: across these few seeds the 95%
            interval is wider than the chart, so that value is not pinned down. More seeds narrow
            it.
          </span>
        )}
      </figcaption>
    </figure>
  );
}

function layoutOf(spec: ChartSpec): ChartLayout {
  return spec.wide ? chartLayout(spec, WIDE_WIDTH, WIDE_HEIGHT) : chartLayout(spec, WIDTH, HEIGHT);
}

function ChartSvg({ spec, layout: l }: { spec: ChartSpec; layout: ChartLayout }) {
  const { width, height, plot } = l;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-label={`${spec.title}: ${spec.yLabel} against ${spec.xLabel}`}
      className="lab-chart"
      fontFamily="DejaVu Sans, Liberation Sans, sans-serif"
    >
      <rect x={0} y={0} width={width} height={height} fill="#ffffff" />
      {l.yTicks.map((t) => (
        <g key={`y${t.at}`}>
          <line x1={plot.left} x2={plot.right} y1={t.at} y2={t.at} stroke="#e3e7ec" />
          <text x={plot.left - 6} y={t.at + 4} textAnchor="end" fontSize={12} fill="#465162">
            {t.label}
          </text>
        </g>
      ))}
      {l.xTicks.map((t) => (
        <g key={`x${t.at}`}>
          <line x1={t.at} x2={t.at} y1={plot.top} y2={plot.bottom} stroke="#eef1f4" />
          <text x={t.at} y={plot.bottom + 16} textAnchor="middle" fontSize={12} fill="#465162">
            {t.label}
          </text>
        </g>
      ))}
      <rect
        x={plot.left}
        y={plot.top}
        width={plot.right - plot.left}
        height={plot.bottom - plot.top}
        fill="none"
        stroke="#9aa4b1"
      />
      <text
        x={(plot.left + plot.right) / 2}
        y={plot.bottom + 34}
        textAnchor="middle"
        fontSize={13}
        fill="#1b2330"
      >
        {spec.xLabel}
      </text>
      <text
        transform={`translate(14 ${(plot.top + plot.bottom) / 2}) rotate(-90)`}
        textAnchor="middle"
        fontSize={13}
        fill="#1b2330"
      >
        {spec.yLabel}
      </text>
      {l.series.map((s) => (
        <g key={s.name} className="lab-series" data-series={s.name}>
          {s.band !== null && <path d={s.band} fill={s.colour} fillOpacity={0.14} stroke="none" />}
          {s.bars.map((b, i) => {
            const ends = barEnds(b);
            return (
              <g
                // biome-ignore lint/suspicious/noArrayIndexKey: drawn afresh each time; coinciding bars share coordinates
                key={i}
                className="lab-bar"
                data-open={b.open1 || b.open2 ? "true" : undefined}
              >
                <line
                  x1={b.x1}
                  y1={b.y1}
                  x2={b.x2}
                  y2={b.y2}
                  stroke={s.colour}
                  strokeWidth={1.5}
                  strokeOpacity={0.7}
                  strokeDasharray={b.open1 || b.open2 ? "4 3" : undefined}
                />
                {ends.caps !== "" && (
                  <path d={ends.caps} stroke={s.colour} strokeWidth={1.5} strokeOpacity={0.7} />
                )}
                {ends.arrows !== "" && <path d={ends.arrows} fill={s.colour} fillOpacity={0.8} />}
              </g>
            );
          })}
          {s.path !== null && (
            <path
              className="lab-line"
              d={s.path}
              fill="none"
              stroke={s.colour}
              strokeWidth={2}
              strokeDasharray={s.dashed ? "6 4" : undefined}
            />
          )}
          {s.dots.map((d, i) => (
            <circle
              // biome-ignore lint/suspicious/noArrayIndexKey: drawn afresh each time; points may coincide
              key={i}
              cx={d.cx}
              cy={d.cy}
              r={3.2}
              fill={s.colour}
              stroke="#ffffff"
              strokeWidth={1}
            >
              <title>{d.title}</title>
            </circle>
          ))}
          {s.labels.map((t) => (
            <g key={`${t.text}@${t.x},${t.y}`}>
              {t.leader !== null && (
                <line
                  className="label-leader"
                  x1={t.leader.x + 3}
                  y1={t.leader.y}
                  x2={t.x - 1}
                  y2={t.y - 4}
                  stroke={s.colour}
                  strokeWidth={0.75}
                  strokeOpacity={0.7}
                />
              )}
              <text x={t.x} y={t.y} fontSize={11} fill={s.colour}>
                {t.text}
              </text>
            </g>
          ))}
        </g>
      ))}
      {l.legend.map((g) => (
        <g key={g.name} transform={`translate(${g.x} ${g.y})`}>
          {g.line ? (
            <line
              x1={0}
              x2={22}
              y1={6}
              y2={6}
              stroke={g.colour}
              strokeWidth={2.5}
              strokeDasharray={g.dashed ? "6 4" : undefined}
            />
          ) : (
            <circle cx={11} cy={6} r={4} fill={g.colour} />
          )}
          <text x={28} y={10} fontSize={12} fill="#1b2330">
            {g.name}
          </text>
        </g>
      ))}
    </svg>
  );
}

function TableSvg({ table }: { table: TableFigure }) {
  const rowH = 40;
  const labelW = 150;
  const colW = (WIDTH - labelW - 6) / table.columns.length;
  const height = rowH * table.rows.length + 34;
  const right = (i: number) => labelW + colW * (i + 1) - 6;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-label={table.title}
      className="lab-table"
      fontFamily="DejaVu Sans, Liberation Sans, sans-serif"
    >
      <rect x={0} y={0} width={WIDTH} height={height} fill="#ffffff" />
      <text x={6} y={20} fontSize={12} fontWeight={700} fill="#1b2330">
        ms
      </text>
      {table.columns.map((c, i) => (
        <text
          key={c}
          x={right(i)}
          y={20}
          textAnchor="end"
          fontSize={12}
          fontWeight={700}
          fill="#1b2330"
        >
          {c}
        </text>
      ))}
      {table.rows.map((r, j) => {
        const y = 28 + rowH * j;
        const ink = r.paper ? "#465162" : "#1b2330";
        return (
          <g key={r.label} data-row={r.label}>
            {!r.paper && <rect x={0} y={y} width={WIDTH} height={rowH} fill="#eef4fb" />}
            {r.paper && j > 0 && <line x1={0} x2={WIDTH} y1={y} y2={y} stroke="#c9d0d9" />}
            <text x={6} y={y + 17} fontSize={13} fill={ink} fontWeight={r.paper ? 400 : 700}>
              {r.label.replace(/ \((paper|measured)\)$/, "")}
            </text>
            <text x={6} y={y + 33} fontSize={11} fill="#465162">
              {r.paper ? "paper" : "measured"}
            </text>
            {r.cells.map((c, i) => {
              const [mean, half] = c.split(" ± ");
              return (
                <g key={table.columns[i]}>
                  <text
                    x={right(i)}
                    y={y + 17}
                    textAnchor="end"
                    fontSize={14}
                    fill={ink}
                    fontWeight={r.paper ? 400 : 700}
                  >
                    {mean}
                  </text>
                  {half !== undefined && (
                    <text x={right(i)} y={y + 33} textAnchor="end" fontSize={11} fill="#465162">
                      ± {half}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
