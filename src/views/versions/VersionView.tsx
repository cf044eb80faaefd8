/**
 * The versions of one key, as Dynamo's Figure 3 draws them: each version with its vector clock
 * (and its Lamport time, which orders everything but cannot tell concurrent versions apart), an
 * arrow from each version to the ones that supersede it, siblings side by side in one column, a
 * reconciliation drawn as arrows converging. Below: what each replica of the key holds now.
 */

import { useId } from "react";
import { useSession } from "../../app/SessionContext";
import type { KeyDetail, VersionNode } from "../../sim";
import { useAppStore } from "../../store/appStore";
import { selectInspectKey, selectKeyDetail, selectReplication } from "../../store/selectors";
import { ArrowMarker } from "../ArrowMarker";
import { ExportButtons, useSvgSource } from "../ExportButtons";
import { formatMs } from "../format";
import { BOX_H, BOX_W, currentVersions, versionLayout } from "./versionLayout";

export function VersionView() {
  const key = useAppStore(selectInspectKey);
  const detail = useAppStore(selectKeyDetail);
  const replication = useAppStore(selectReplication);
  const session = useSession();
  const id = useId();
  if (key === null) return null;
  const keys = replication?.keys ?? [];
  const shown = detail !== null && detail.key === key ? detail : null;
  const live = shown?.versions.filter((v) => v.live) ?? [];
  const { current, behind } = currentVersions(shown?.versions ?? []);
  // versions a reconciling write already supersedes, still on the replicas it has not reached
  const behindAt = [...new Set(behind.flatMap((v) => [...v.holders, ...v.hintHolders]))];
  const behindNote =
    behind.length === 0
      ? ""
      : ` ${behindAt.join(" and ")} still ${behindAt.length === 1 ? "holds" : "hold"} ${behind.map((v) => v.value).join(" and ")}, which ${current.length === 1 ? "it supersedes" : "they supersede"}, until ${current.length === 1 ? "it reaches" : "they reach"} ${behindAt.length === 1 ? "it" : "them"}.`;
  return (
    <section className="versions" aria-labelledby={`${id}-title`}>
      <header className="versions-head">
        <h2 id={`${id}-title`}>
          Versions of <code>{key}</code>
        </h2>
        <label>
          <span className="visually-hidden">Key</span>
          <select
            value={key}
            aria-label="Key whose versions to show"
            onChange={(e) => session.inspect({ key: e.currentTarget.value })}
          >
            {!keys.some((k) => k.key === key) && <option value={key}>{key}</option>}
            {keys.map((k) => (
              <option key={k.key} value={k.key}>
                {k.key}
                {k.siblings > 1 ? ` (${k.siblings} siblings)` : ""}
              </option>
            ))}
          </select>
        </label>
        <p className="versions-summary" data-testid="versions-summary">
          {shown === null
            ? "…"
            : live.length === 0
              ? "No node holds a version of this key yet."
              : current.length === 1
                ? `One current version: ${current[0]?.value}.${behindNote}`
                : `${current.length} siblings: ${current.map((v) => v.value).join(" and ")} are concurrent; a read of every replica returns them all, with the context ${shown.context}.${behindNote}`}
        </p>
        {current.length > 1 && (
          <p className="versions-lamport">
            Their Lamport times ({current.map((v) => `L${v.lamport}`).join(", ")}) put them in an
            order, but neither vector clock descends from the other: a Lamport clock cannot tell
            that they are concurrent.
          </p>
        )}
        <button
          type="button"
          className="close"
          aria-label="Close versions"
          onClick={() => session.inspect({ key: null })}
        >
          ✕
        </button>
      </header>
      {shown !== null && shown.versions.length > 0 && <VersionGraph detail={shown} />}
      {shown !== null && <ReplicaRow detail={shown} />}
    </section>
  );
}

function VersionGraph({ detail }: { detail: KeyDetail }) {
  const layout = versionLayout(detail.versions);
  const { current, behind } = currentVersions(detail.versions);
  const siblings = new Set(current.length > 1 ? current.map((v) => v.id) : []);
  const superseded = new Set(behind.map((v) => v.id));
  const [ref, source] = useSvgSource<HTMLDivElement>();
  return (
    <div className="version-graph" ref={ref}>
      <div className="view-export">
        <ExportButtons label={`the versions of ${detail.key}`} source={source} />
      </div>
      <svg
        width={layout.width}
        height={layout.height}
        role="img"
        aria-label={`Version graph of ${detail.key}: ${detail.versions.map((v) => `${v.value} ${v.clock}`).join("; ")}`}
      >
        <defs>
          <ArrowMarker id="version-arrow" className="version-arrow" />
        </defs>
        {layout.edges.map((e) => (
          <path
            key={`${e.from}-${e.to}`}
            d={e.d}
            className={e.merge ? "version-edge version-merge" : "version-edge"}
            markerEnd="url(#version-arrow)"
          />
        ))}
        {layout.boxes.map(({ v, x, y }) => (
          <VersionBox
            key={v.id}
            v={v}
            x={x}
            y={y}
            sibling={siblings.has(v.id)}
            behind={superseded.has(v.id)}
          />
        ))}
      </svg>
    </div>
  );
}

function VersionBox({
  v,
  x,
  y,
  sibling,
  behind,
}: {
  v: VersionNode;
  x: number;
  y: number;
  sibling: boolean;
  /** held by some replica, but superseded by a version others hold */
  behind: boolean;
}) {
  const cls = ["version", v.live ? "version-live" : "version-old", sibling ? "version-sibling" : ""]
    .join(" ")
    .trim();
  const where =
    v.holders.length > 0
      ? `on ${v.holders.join(" ")}`
      : v.hintHolders.length > 0
        ? `hint at ${v.hintHolders.join(" ")}`
        : "superseded";
  const title = [
    `${v.value}: vector clock ${v.clock}, Lamport ${v.lamport}`,
    `stamped by ${v.coordinator} at ${formatMs(v.wallMs)} on its clock`,
    v.put ? `written by ${v.put.client} at ${formatMs(v.put.invokeMs)}` : "",
    v.parents.length > 1 ? `reconciles ${v.parents.join(" and ")}` : "",
  ]
    .filter((s) => s !== "")
    .join("; ");
  return (
    <g className={cls} transform={`translate(${x},${y})`} data-version={v.value}>
      <title>{title}</title>
      <rect width={BOX_W} height={BOX_H} rx="6" />
      <text x="10" y="19" className="version-value">
        {truncate(v.value, 20)}
      </text>
      <text x={BOX_W - 10} y="19" className="version-lamport" textAnchor="end">
        L{v.lamport}
      </text>
      <text x="10" y="36" className="version-clock">
        {truncate(v.clock, 27)}
      </text>
      <text x="10" y="51" className="version-where">
        {sibling ? `sibling · ${where}` : behind ? `superseded · still ${where}` : where}
      </text>
    </g>
  );
}

function ReplicaRow({ detail }: { detail: KeyDetail }) {
  const valueById = new Map(detail.versions.map((v) => [v.id, v.value]));
  return (
    <ul className="version-replicas" aria-label="What each replica holds">
      {detail.replicas.map((r) => (
        <li key={r.node} className={r.up ? "" : "down"}>
          <strong>{r.node}</strong>
          {r.up ? "" : " (down)"}:{" "}
          {r.versions.length === 0
            ? "nothing"
            : r.versions.map((id) => valueById.get(id) ?? id).join(" | ")}
        </li>
      ))}
    </ul>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
