/**
 * The side panel: what this scenario is and what to watch, the operations' statistics, the
 * interventions on the timeline, and a log of the most recent messages in plain words.
 */

import { useSession } from "../../app/SessionContext";
import type { Stats } from "../../sim";
import { type LogLine, useAppStore } from "../../store/appStore";
import {
  selectForkedAtMs,
  selectInfo,
  selectLog,
  selectNowMs,
  selectStats,
  selectTimeline,
} from "../../store/selectors";
import type { ScenarioInfo } from "../../worker/protocol";
import { formatInt, formatLatency, formatMs, formatTime, messageLabel } from "../format";

/** Why a message was dropped (DropReason codes), in a few words for the log. */
const DROP_REASON_LOG: Record<number, string> = {
  1: "lost",
  2: "cut off",
  3: "node down",
};

export function ScenarioPanel() {
  const info = useAppStore(selectInfo);
  if (info === null) return <section className="panel scenario" aria-label="Scenario" />;
  const q = info.quorum;
  return (
    <section className="panel scenario" aria-labelledby="scenario-title">
      <h2 id="scenario-title">{info.title}</h2>
      <p className="watch">{info.watch}</p>
      <p className="facts">
        <span title="replicas per key">N = {q.n}</span>
        <span title="replies a get waits for">R = {q.r}</span>
        <span title="acknowledgements a put waits for">W = {q.w}</span>
        <span>latency {info.latency}</span>
        {info.loss > 0 && <span>loss {Math.round(info.loss * 1000) / 10}%</span>}
        {info.duplicate > 0 && <span>duplicates {Math.round(info.duplicate * 1000) / 10}%</span>}
        {info.bandwidthMbps != null && (
          <span>
            bandwidth {info.bandwidthMbps} Mbps, values{" "}
            {info.valueBytes === undefined || info.valueBytes.min === info.valueBytes.max
              ? `${info.valueBytes?.min ?? 0}`
              : `${info.valueBytes.min}–${info.valueBytes.max}`}{" "}
            bytes
          </span>
        )}
      </p>
    </section>
  );
}

export function StatsPanel() {
  const stats = useAppStore(selectStats);
  return (
    <section className="panel stats" aria-labelledby="stats-title">
      <h2 id="stats-title">Operations</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">kind</span>
            </th>
            <th scope="col">ok</th>
            <th scope="col">failed</th>
            <th scope="col">mean ms</th>
            <th scope="col">p99 ms</th>
          </tr>
        </thead>
        <tbody>
          <StatsRow label="gets" family="get" s={stats?.get} />
          <StatsRow label="puts" family="put" s={stats?.put} />
        </tbody>
      </table>
    </section>
  );
}

function StatsRow({ label, family, s }: { label: string; family: string; s: Stats | undefined }) {
  return (
    <tr>
      <th scope="row">
        <span className={`swatch swatch-${family}`} aria-hidden="true" />
        {label}
      </th>
      <td>{s ? formatInt(s.ok) : "–"}</td>
      <td className={s && s.failed > 0 ? "bad" : undefined}>{s ? formatInt(s.failed) : "–"}</td>
      <td>{s && s.ok > 0 ? formatLatency(s.meanMs) : "–"}</td>
      <td>{s && s.ok > 0 ? formatLatency(s.p99Ms) : "–"}</td>
    </tr>
  );
}

export function TimelinePanel() {
  const timeline = useAppStore(selectTimeline);
  const nowMs = useAppStore(selectNowMs);
  const forkedAtMs = useAppStore(selectForkedAtMs);
  return (
    <section className="panel timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      {timeline.length === 0 ? (
        <p className="empty">No interventions yet. Click a node to crash it.</p>
      ) : (
        <ol>
          {timeline.map((t, i) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: entries are sorted by time; equal ones keep their order
              key={`${t.atMs}-${t.text}-${i}`}
              className={t.atMs > nowMs ? "scheduled" : undefined}
            >
              <span className="at">{formatMs(t.atMs)}</span> <span className="what">{t.text}</span>
              {t.atMs > nowMs ? <span className="tag"> scheduled</span> : null}
              {t.live ? <span className="tag"> by you</span> : null}
            </li>
          ))}
        </ol>
      )}
      {forkedAtMs !== null && (
        <p className="fork-note" data-testid="fork-note">
          The run forked at {formatMs(forkedAtMs)}: you intervened in the past, so what you had done
          after that instant was dropped.
        </p>
      )}
    </section>
  );
}

export function EventLog() {
  const log = useAppStore(selectLog);
  const info = useAppStore(selectInfo);
  return (
    <section className="panel log" aria-labelledby="log-title">
      <h2 id="log-title">
        Recent messages <span className="unit">(simulated ms)</span>
      </h2>
      {log.length === 0 ? (
        <p className="empty">Press Play or Step to start.</p>
      ) : (
        <ol className="log-lines">
          {log.map((line) => (
            <LogItem key={line.key} line={line} info={info} />
          ))}
        </ol>
      )}
    </section>
  );
}

function procName(info: ScenarioInfo | null, proc: number): string {
  if (info === null) return String(proc);
  const n = info.nodeNames.length;
  return proc < n
    ? (info.nodeNames[proc] ?? String(proc))
    : (info.clientNames[proc - n] ?? String(proc));
}

/** A message's name in the log that opens the message inspector. */
function InspectButton({ id, label, children }: { id: number; label: string; children: string }) {
  const session = useSession();
  return (
    <button
      type="button"
      className="log-inspect"
      aria-label={`Inspect ${children} from ${label}`}
      onClick={() => session.inspectMessage(id)}
    >
      {children}
    </button>
  );
}

function LogItem({ line, info }: { line: LogLine; info: ScenarioInfo | null }) {
  const e = line.entry;
  switch (e.kind) {
    case "send":
    case "duplicate":
      return (
        <li className={e.deliverAtMs < 0 ? "log-drop" : undefined}>
          <span className="at">{formatTime(e.atMs)}</span>
          <span className="route">
            {procName(info, e.src)} → {procName(info, e.dst)}
          </span>
          <span className="type">
            <InspectButton id={e.id} label={`${procName(info, e.src)} to ${procName(info, e.dst)}`}>
              {messageLabel(e.type)}
            </InspectButton>
            {e.kind === "duplicate" ? " (duplicated)" : ""}
          </span>
        </li>
      );
    case "drop":
      return (
        <li className="log-drop">
          <span className="at">{formatTime(e.atMs)}</span>
          <span className="route">
            {procName(info, e.src)} ✕ {procName(info, e.dst)}
          </span>
          <span className="type">
            <InspectButton id={e.id} label={`${procName(info, e.src)} to ${procName(info, e.dst)}`}>
              {messageLabel(e.type)}
            </InspectButton>
            :{" "}
            {e.reason === 3
              ? `${procName(info, e.dst)} down`
              : (DROP_REASON_LOG[e.reason] ?? "dropped")}
          </span>
        </li>
      );
    case "crash":
    case "recover":
      return (
        <li className="log-fault">
          <span className="at">{formatTime(e.atMs)}</span>
          <span className="route">{procName(info, e.proc)}</span>
          <span className="type">{e.kind === "crash" ? "crashed" : "recovered"}</span>
        </li>
      );
  }
}
