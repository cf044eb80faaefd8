/**
 * Inside one node: its clock (with a control to skew it), the requests it coordinates and how far
 * each has got towards its quorum, the keys it stores with their versions and vector clocks, the
 * hinted replicas it keeps for other nodes, and its Merkle tree for one of its key ranges drawn
 * against a peer replica's, with the branches that differ marked.
 */

import { type FormEvent, useEffect, useId, useState } from "react";
import { useSession } from "../../app/SessionContext";
import type { MerkleInfo, NodeDetail, PendingRequest, StoredKey } from "../../sim";
import { useAppStore } from "../../store/appStore";
import { selectInfo, selectInspectNode, selectNodeDetail } from "../../store/selectors";
import { formatMs } from "../format";

/** Node buttons that open the inspector; the ring's own click still crashes and recovers. */
export function NodePicker() {
  const info = useAppStore(selectInfo);
  const inspected = useAppStore(selectInspectNode);
  const nodes = useAppStore((s) => s.nodes);
  const session = useSession();
  if (info === null) return null;
  return (
    <section className="panel node-picker" aria-labelledby="node-picker-title">
      <h2 id="node-picker-title">Inside a node</h2>
      <div className="node-buttons">
        {info.nodeNames.slice(0, 64).map((name, i) => (
          <button
            key={name}
            type="button"
            aria-label={`Inspect node ${name}`}
            aria-pressed={inspected === i}
            className={nodes[i]?.up === false ? "down" : ""}
            onClick={() => session.inspect({ node: inspected === i ? null : i })}
          >
            {name}
            {(nodes[i]?.hints ?? 0) > 0 && <span className="hint-count">{nodes[i]?.hints}</span>}
          </button>
        ))}
      </div>
    </section>
  );
}

export function NodeInspector() {
  const index = useAppStore(selectInspectNode);
  const detail = useAppStore(selectNodeDetail);
  const session = useSession();
  const id = useId();
  if (index === null) return null;
  const d = detail !== null && detail.index === index ? detail : null;
  return (
    <section className="panel inspector" aria-labelledby={`${id}-title`}>
      <header className="inspector-head">
        <h2 id={`${id}-title`}>
          Node {d?.name ?? ""}{" "}
          {d !== null && (
            <span className={d.up ? "state-up" : "state-down"}>{d.up ? "up" : "crashed"}</span>
          )}
        </h2>
        <button
          type="button"
          className="close"
          aria-label="Close node inspector"
          onClick={() => session.inspect({ node: null })}
        >
          ✕
        </button>
      </header>
      {d === null ? <p className="empty">…</p> : <Details d={d} />}
    </section>
  );
}

function Details({ d }: { d: NodeDetail }) {
  const session = useSession();
  return (
    <>
      <ClockRow d={d} />
      {d.presumedDown.length > 0 && (
        <p className="node-suspects">Presumes down: {d.presumedDown.join(", ")}</p>
      )}
      <h3>Requests it coordinates</h3>
      {d.pending.length === 0 ? (
        <p className="empty">{d.up ? "None in progress." : "None: a crash forgot them."}</p>
      ) : (
        <ul className="pending">
          {d.pending.map((p) => (
            <PendingLine key={p.id} p={p} />
          ))}
        </ul>
      )}
      <h3>
        Stored keys <span className="unit">({d.keys.length})</span>
      </h3>
      {d.keys.length === 0 ? (
        <p className="empty">None yet.</p>
      ) : (
        <KeyTable keys={d.keys} onKey={(key) => session.inspect({ key })} />
      )}
      <h3>Hinted replicas it keeps for others</h3>
      {d.hints.length === 0 ? (
        <p className="empty">None.</p>
      ) : (
        d.hints.map((h) => (
          <div key={h.owner} className="hints-for">
            <p className="hint-owner">
              for <strong>{h.owner}</strong>: {h.keys.length} {h.keys.length === 1 ? "key" : "keys"}
            </p>
            <KeyTable keys={h.keys} onKey={(key) => session.inspect({ key })} />
          </div>
        ))
      )}
      {d.merkle !== null && <MerkleView m={d.merkle} node={d.name} />}
      <MembershipView d={d} />
      <p className="counters">
        hints stored {d.stats.hintsStored} · handed off {d.stats.hintsDelivered} · read repairs{" "}
        {d.stats.readRepairs} · anti-entropy exchanges {d.stats.aeExchanges}, keys sent{" "}
        {d.stats.aeKeysSent}
      </p>
    </>
  );
}

function ClockRow({ d }: { d: NodeDetail }) {
  const session = useSession();
  const [offset, setOffset] = useState(String(d.clock.offsetMs));
  useEffect(() => setOffset(String(d.clock.offsetMs)), [d.clock.offsetMs]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ms = Number(offset);
    if (offset.trim() === "" || !Number.isFinite(ms) || Math.abs(ms) > 3_600_000) return;
    session.intervene({ kind: "skew", node: d.name, offsetMs: ms });
  };
  return (
    <div className="clock-row">
      <p>
        Its clock reads <strong>{formatMs(d.clock.localMs)}</strong>
        {d.clock.offsetMs !== 0 && (
          <span className="skewed">
            {" "}
            ({d.clock.offsetMs > 0 ? "+" : ""}
            {d.clock.offsetMs} ms off)
          </span>
        )}
        {d.clock.drift !== 0 && <span className="skewed"> drift {d.clock.drift}</span>} · Lamport{" "}
        <strong>{d.lamport}</strong>
      </p>
      <form onSubmit={submit} className="skew-form">
        <label>
          Clock offset (ms)
          <input
            type="number"
            step="1"
            value={offset}
            onChange={(e) => setOffset(e.currentTarget.value)}
            disabled={!d.up}
          />
        </label>
        <button type="submit" disabled={!d.up}>
          Skew {d.name}'s clock
        </button>
      </form>
    </div>
  );
}

function PendingLine({ p }: { p: PendingRequest }) {
  return (
    <li>
      <strong>
        {p.kind} {p.key}
      </strong>{" "}
      {p.got} of {p.kind === "put" ? "W" : "R"} = {p.need} {p.answered ? "(answered)" : ""}:{" "}
      {p.targets.map((t) => (
        <span key={t.node} className={t.answered ? "target done" : "target"}>
          {t.node}
          {t.hintFor !== null ? ` (for ${t.hintFor})` : ""} {t.answered ? "✓" : "…"}
        </span>
      ))}
    </li>
  );
}

function KeyTable({ keys, onKey }: { keys: StoredKey[]; onKey: (key: string) => void }) {
  return (
    <table className="key-table">
      <tbody>
        {keys.slice(0, 40).map((k) => (
          <tr key={k.key}>
            <th scope="row">
              <button
                type="button"
                className="link"
                onClick={() => onKey(k.key)}
                aria-label={`Versions of ${k.key}`}
              >
                {k.key}
              </button>
            </th>
            <td>
              {k.versions.map((v) => (
                <span key={v.id} className={k.versions.length > 1 ? "kv sibling" : "kv"}>
                  {v.value} <code>{v.clock}</code> <span className="lamport">L{v.lamport}</span>
                </span>
              ))}
            </td>
          </tr>
        ))}
        {keys.length > 40 && (
          <tr>
            <td colSpan={2} className="empty">
              and {keys.length - 40} more
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** The node's own membership view: what it believes about each node, and how new that belief is. */
function MembershipView({ d }: { d: NodeDetail }) {
  const gossip = useAppStore((s) => s.info?.membership === "gossip");
  return (
    <>
      <h3>
        Its membership view{" "}
        <span className="unit">{gossip ? "(spread by gossip)" : "(oracle: every node knows)"}</span>
      </h3>
      <p className="view-line" data-testid="membership-view">
        {d.view.map((e) => (
          <span key={e.node} className={`view-entry view-${e.status}`}>
            {e.node}{" "}
            <span className="unit">
              {e.status} v{e.version}
            </span>
          </span>
        ))}
      </p>
    </>
  );
}

/** The tree for one range, root at the top; nodes whose hash differs from the peer's in orange. */
function MerkleView({ m, node }: { m: MerkleInfo; node: string }) {
  const session = useSession();
  const leaves = m.levels.at(-1)?.length ?? 1;
  const width = Math.max(240, leaves * 26);
  const rowH = 34;
  const height = m.levels.length * rowH + 6;
  const differing = m.differs.flat().filter(Boolean).length;
  return (
    <div className="merkle">
      <h3>
        Merkle tree of range{" "}
        <select
          aria-label="Key range"
          value={m.range}
          onChange={(e) => session.inspect({ range: Number(e.currentTarget.value) })}
        >
          {m.ranges.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>{" "}
        <span className="unit">({m.keys} keys)</span>
      </h3>
      <p className="merkle-caption">
        {m.peer === null
          ? "No other replica to compare with."
          : differing === 0
            ? `Same as ${m.peer}'s: an exchange stops at the root.`
            : `${differing} of ${m.differs.flat().length} hashes differ from ${m.peer}'s: an exchange descends only into those.`}
      </p>
      <svg width={width} height={height} role="img" aria-label={`Merkle tree of ${node}`}>
        {m.levels.map((level, li) =>
          level.map((h, i) => {
            const x = ((i + 0.5) / level.length) * width;
            const y = li * rowH + 16;
            const parentX = li === 0 ? x : ((Math.floor(i / 2) + 0.5) / (level.length / 2)) * width;
            const differs = m.differs[li]?.[i] ?? false;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: a tree position is the node's identity
              <g key={`${li}-${i}`}>
                {li > 0 && (
                  <line x1={parentX} y1={y - rowH + 8} x2={x} y2={y - 8} className="merkle-edge" />
                )}
                <rect
                  x={x - 11}
                  y={y - 8}
                  width="22"
                  height="16"
                  rx="3"
                  className={
                    differs ? "merkle-node differs" : h === "" ? "merkle-node empty" : "merkle-node"
                  }
                >
                  <title>{h === "" ? "empty" : `hash ${h}${differs ? ", differs" : ""}`}</title>
                </rect>
              </g>
            );
          }),
        )}
      </svg>
    </div>
  );
}
