/**
 * The rest of the network's faults: loss and duplication rates for the whole network, and one
 * slow link (its latency ten times the scenario's, one way or both). Each is a timeline
 * intervention at the current instant, like the Faults panel's others.
 */

import { useState } from "react";
import { useSession } from "../../app/SessionContext";
import { useAppStore } from "../../store/appStore";
import { selectInfo, selectStatus } from "../../store/selectors";
import { RATE_CHOICES, scaleLatency } from "./networkFaults";

const label = (p: number) => `${Math.round(p * 1000) / 10}%`;

export function NetworkFaults() {
  const info = useAppStore(selectInfo);
  const status = useAppStore(selectStatus);
  const faults = useAppStore((s) => s.faults);
  const session = useSession();
  const [loss, setLoss] = useState<number | null>(null);
  const [duplicate, setDuplicate] = useState<number | null>(null);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [oneWay, setOneWay] = useState(false);
  if (info === null) return null;
  const disabled = status === "loading" || status === "failed";
  const lossNow = faults?.rates?.loss ?? info.loss;
  const dupNow = faults?.rates?.duplicate ?? info.duplicate;
  const lossPick = loss ?? lossNow;
  const dupPick = duplicate ?? dupNow;
  const choices = (now: number) =>
    RATE_CHOICES.includes(now) ? RATE_CHOICES : [...RATE_CHOICES, now].sort((a, b) => a - b);
  const procs = [...info.nodeNames, ...info.clientNames];
  const a = from || (info.nodeNames[0] ?? "");
  const b = to || (info.nodeNames[1] ?? "");
  const slower = scaleLatency(info.latencySpec, 10);
  return (
    <>
      <fieldset className="fault-group" disabled={disabled}>
        <legend>The whole network</legend>
        <div className="fault-actions">
          <label>
            Loss{" "}
            <select
              aria-label="Loss rate"
              value={lossPick}
              onChange={(e) => setLoss(Number(e.currentTarget.value))}
            >
              {choices(lossNow).map((p) => (
                <option key={p} value={p}>
                  {label(p)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Duplicates{" "}
            <select
              aria-label="Duplication rate"
              value={dupPick}
              onChange={(e) => setDuplicate(Number(e.currentTarget.value))}
            >
              {choices(dupNow).map((p) => (
                <option key={p} value={p}>
                  {label(p)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={lossPick === lossNow && dupPick === dupNow}
            onClick={() => {
              session.intervene({ kind: "network", loss: lossPick, duplicate: dupPick });
              setLoss(null);
              setDuplicate(null);
            }}
          >
            Set rates
          </button>
        </div>
      </fieldset>
      <fieldset className="fault-group" disabled={disabled || slower === null}>
        <legend>A slow link</legend>
        <div className="fault-actions">
          <select
            aria-label="Slow link from"
            value={a}
            onChange={(e) => setFrom(e.currentTarget.value)}
          >
            {procs.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
          <span aria-hidden="true">{oneWay ? "→" : "↔"}</span>
          <select
            aria-label="Slow link to"
            value={b}
            onChange={(e) => setTo(e.currentTarget.value)}
          >
            {procs.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
          <label>
            <input
              type="checkbox"
              aria-label="Slow it one way only"
              checked={oneWay}
              onChange={(e) => setOneWay(e.currentTarget.checked)}
            />
            one way
          </label>
          <button
            type="button"
            aria-label="Make the link 10× slower"
            disabled={a === b || slower === null}
            onClick={() =>
              slower !== null &&
              session.intervene({
                kind: "link",
                from: a,
                to: b,
                bothWays: !oneWay,
                latency: slower,
              })
            }
          >
            10× slower
          </button>
          <button
            type="button"
            aria-label="Give the link its normal latency"
            disabled={a === b}
            onClick={() =>
              session.intervene({
                kind: "link",
                from: a,
                to: b,
                bothWays: !oneWay,
                latency: info.latencySpec as never,
              })
            }
          >
            Normal latency
          </button>
        </div>
      </fieldset>
    </>
  );
}
