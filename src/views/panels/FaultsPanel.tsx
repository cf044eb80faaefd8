/**
 * Break the network on purpose: cut it in two (pick who goes to the other side), heal it, cut or
 * restore a single link (one way or both), slow a node down. Every action is a timeline
 * intervention at the current instant, so it replays, shares and can be undone by scrubbing back.
 * What is broken now is listed at the top.
 */

import { useId, useState } from "react";
import { useSession } from "../../app/SessionContext";
import { useAppStore } from "../../store/appStore";
import { selectInfo, selectStatus } from "../../store/selectors";
import { LOAD_BALANCER_CHIP, MAX_CLIENT_CHIPS } from "../ring/ringLayout";
import { NetworkFaults } from "./NetworkFaults";

export function FaultsPanel() {
  const info = useAppStore(selectInfo);
  const faults = useAppStore((s) => s.faults);
  const status = useAppStore(selectStatus);
  const session = useSession();
  const id = useId();
  const [side, setSide] = useState<string[]>([]);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [oneWay, setOneWay] = useState(false);
  const [slowNode, setSlowNode] = useState("");
  if (info === null) return null;
  const procs = [...info.nodeNames, ...info.clientNames];
  const disabled = status === "loading" || status === "failed";
  const a = from || (info.nodeNames[0] ?? "");
  const b = to || (info.nodeNames[1] ?? "");
  const slow = slowNode || (info.nodeNames[0] ?? "");
  const toggle = (name: string) =>
    setSide((s) => (s.includes(name) ? s.filter((x) => x !== name) : [...s, name]));
  // Every node can be picked; so can each client while the ring draws them apart, and when the
  // ring draws the clients as one chip they move together. The load balancer (server-driven
  // coordination) keeps a checkbox of its own, as it keeps its chip.
  const clients = info.clientNames.filter((c) => c !== LOAD_BALANCER_CHIP);
  const clientsTogether = info.clientNames.length > MAX_CLIENT_CHIPS;
  const clientsPicked = clientsTogether && clients.every((c) => side.includes(c));
  const toggleClients = () =>
    setSide((s) =>
      clientsPicked
        ? s.filter((x) => !clients.includes(x))
        : [...s.filter((x) => !clients.includes(x)), ...clients],
    );
  const picks = clientsTogether ? procs.filter((p) => !clients.includes(p)) : procs;
  const rest = procs.filter((p) => !side.includes(p));
  return (
    <section className="panel faults" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Faults</h2>
      <p className="faults-now" data-testid="faults-now">
        {faults === null ||
        (faults.partition === null &&
          faults.cuts.length === 0 &&
          faults.slow.length === 0 &&
          faults.slowLinks.length === 0 &&
          faults.rates === null)
          ? "The network is healthy."
          : [
              faults.partition !== null
                ? `partition ${faults.partition.map((g) => `{${g.join(", ")}}`).join(" | ")}`
                : "",
              ...faults.cuts.map((c) => `link ${c} cut`),
              ...faults.slow.map((s) => `${s} slowed`),
              ...faults.slowLinks.map((l) => `link ${l} slow`),
              faults.rates !== null
                ? `loss ${percent(faults.rates.loss)}, duplicates ${percent(faults.rates.duplicate)}`
                : "",
            ]
              .filter((x) => x !== "")
              .join(" · ")}
      </p>
      <fieldset className="fault-group" disabled={disabled}>
        <legend>Cut the network in two: who goes to the other side?</legend>
        <div className="side-picks">
          {/* first, in sight however many nodes scroll below */}
          {clientsTogether && (
            <label className={clientsPicked ? "picked" : ""}>
              <input type="checkbox" checked={clientsPicked} onChange={toggleClients} />
              the {clients.length} clients
            </label>
          )}
          {picks.map((p) => (
            <label key={p} className={side.includes(p) ? "picked" : ""}>
              <input type="checkbox" checked={side.includes(p)} onChange={() => toggle(p)} />
              {p}
            </label>
          ))}
        </div>
        <div className="fault-actions">
          <button
            type="button"
            disabled={side.length === 0 || rest.length === 0}
            onClick={() => session.intervene({ kind: "partition", groups: [rest, side] })}
          >
            Partition
          </button>
          <button
            type="button"
            disabled={faults?.partition === null}
            onClick={() => session.intervene({ kind: "heal" })}
          >
            Heal
          </button>
        </div>
      </fieldset>
      <fieldset className="fault-group" disabled={disabled}>
        <legend>One link</legend>
        <div className="fault-actions">
          <select aria-label="Link from" value={a} onChange={(e) => setFrom(e.currentTarget.value)}>
            {procs.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
          <span aria-hidden="true">{oneWay ? "→" : "↔"}</span>
          <select aria-label="Link to" value={b} onChange={(e) => setTo(e.currentTarget.value)}>
            {procs.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
          <label>
            <input
              type="checkbox"
              checked={oneWay}
              onChange={(e) => setOneWay(e.currentTarget.checked)}
            />
            one way
          </label>
          <button
            type="button"
            disabled={a === b}
            onClick={() =>
              session.intervene({ kind: "link", from: a, to: b, bothWays: !oneWay, cut: true })
            }
          >
            Cut
          </button>
          <button
            type="button"
            disabled={a === b}
            onClick={() =>
              session.intervene({ kind: "link", from: a, to: b, bothWays: !oneWay, cut: false })
            }
          >
            Restore
          </button>
        </div>
      </fieldset>
      <fieldset className="fault-group" disabled={disabled}>
        <legend>A slow node</legend>
        <div className="fault-actions">
          <select
            aria-label="Node to slow"
            value={slow}
            onChange={(e) => setSlowNode(e.currentTarget.value)}
          >
            {info.nodeNames.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => session.intervene({ kind: "slow", node: slow, factor: 10 })}
          >
            10× slower
          </button>
          <button
            type="button"
            onClick={() => session.intervene({ kind: "slow", node: slow, factor: 1 })}
          >
            Normal speed
          </button>
        </div>
      </fieldset>
      <NetworkFaults />
    </section>
  );
}

function percent(p: number): string {
  return `${Math.round(p * 1000) / 10}%`;
}
