/**
 * Playback controls: Play/Pause, Step, Run to end, the speed, and the run's clock and identity
 * (simulated time in a status element, seed, trace hash and event count).
 */

import { useState } from "react";
import { useSession } from "../../app/SessionContext";
import { useAppStore } from "../../store/appStore";
import {
  selectBehind,
  selectEndMs,
  selectEvents,
  selectFinished,
  selectForkedAtMs,
  selectNowMs,
  selectSeed,
  selectSpeed,
  selectStatus,
  selectTimeline,
  selectToEnd,
  selectTraceHash,
} from "../../store/selectors";
import { formatInt, formatMs } from "../format";
import { FaultBands } from "./FaultBands";
import { formatMessageTime, formatSpeed, SPEED_STOPS, speedIndex } from "./speed";

export function ControlsBar() {
  return (
    <div className="controls" role="toolbar" aria-label="Playback">
      <PlaybackButtons />
      <SpeedControl />
    </div>
  );
}

function PlaybackButtons() {
  const session = useSession();
  const status = useAppStore(selectStatus);
  const running = status === "running";
  const idle = status === "loading" || status === "failed";
  const over = status === "finished";
  return (
    <div className="buttons">
      <button
        type="button"
        className="primary play"
        onClick={running ? session.pause : session.play}
        disabled={idle || over}
        aria-keyshortcuts="Space"
        title={running ? "Pause (Space)" : "Play (Space)"}
      >
        <span aria-hidden="true" className="icon">
          {running ? "❚❚" : "▶"}
        </span>
        {running ? "Pause" : "Play"}
      </button>
      <button
        type="button"
        onClick={session.step}
        disabled={idle || over}
        aria-keyshortcuts="S ArrowRight"
        title="Run one event (S or →)"
      >
        <span aria-hidden="true" className="icon">
          ▶❙
        </span>
        Step
      </button>
      <button type="button" onClick={session.runToEnd} disabled={idle || over}>
        Run to end
      </button>
    </div>
  );
}

function SpeedControl() {
  const session = useSession();
  const speed = useAppStore(selectSpeed);
  const behind = useAppStore(selectBehind);
  const index = speedIndex(speed);
  const text = formatSpeed(speed);
  return (
    <div className="speed">
      <label htmlFor="speed">Speed</label>
      <input
        id="speed"
        type="range"
        min={0}
        max={SPEED_STOPS.length - 1}
        step={1}
        value={index}
        aria-valuetext={text}
        onChange={(e) => {
          const s = SPEED_STOPS[Number(e.currentTarget.value)];
          if (s !== undefined) session.setSpeed(s);
        }}
      />
      <span className="speed-value">
        <strong>{text}</strong>
        <span className="hint">
          {behind ? (
            <span className="behind">running slower than requested</span>
          ) : (
            `1 ms of network = ${formatMessageTime(speed)}`
          )}
        </span>
      </span>
    </div>
  );
}

export function SimClock() {
  const nowMs = useAppStore(selectNowMs);
  const finished = useAppStore(selectFinished);
  const toEnd = useAppStore(selectToEnd);
  const status = useAppStore(selectStatus);
  const state = finished
    ? "finished"
    : toEnd
      ? "running to the end…"
      : status === "loading"
        ? "loading…"
        : status === "failed"
          ? "stopped"
          : null;
  return (
    <div className="clock">
      {/* a clock changes every frame: polite announcements would never stop, so aria-live is off */}
      <div role="status" aria-live="off" className="sim-time">
        t = {formatMs(nowMs)}
        {state !== null && <span className="sim-state"> ({state})</span>}
      </div>
    </div>
  );
}

/** The run's identity and progress: seed, trace hash, events, and how far through the run it is. */
export function RunBar() {
  const nowMs = useAppStore(selectNowMs);
  const endMs = useAppStore(selectEndMs);
  const seed = useAppStore(selectSeed);
  const hash = useAppStore(selectTraceHash);
  const events = useAppStore(selectEvents);
  return (
    <div className="run-bar">
      <Scrubber nowMs={nowMs} endMs={endMs} />
      <span>of {formatMs(endMs)}</span>
      <span>seed {seed ?? "–"}</span>
      <span
        data-testid="trace-hash"
        title="Same scenario and seed, same hash: in the browser and in Node"
      >
        trace <code>{hash || "–"}</code> · {formatInt(events)} events
      </span>
    </div>
  );
}

/**
 * The whole run on one slider: drag or use the arrow keys to go to any instant (the worker re-runs
 * deterministically to it, paused). Interventions are marked above it; an intervention made in the
 * past forks the run there, and the fork is marked too. The faults' spans are drawn under it.
 */
function Scrubber({ nowMs, endMs }: { nowMs: number; endMs: number }) {
  const session = useSession();
  const status = useAppStore(selectStatus);
  const timeline = useAppStore(selectTimeline);
  const forkedAtMs = useAppStore(selectForkedAtMs);
  const [drag, setDrag] = useState<number | null>(null);
  const max = endMs || 1;
  const disabled = status === "loading" || status === "failed";
  const commit = () => {
    if (drag !== null) session.seek(drag);
    setDrag(null);
  };
  const pct = (ms: number) => `${(Math.min(Math.max(ms / max, 0), 1) * 100).toFixed(2)}%`;
  return (
    <div className="scrubber">
      <div className="scrubber-marks" aria-hidden="true">
        {timeline.map((t) => (
          <span
            key={`${t.atMs}-${t.text}`}
            className={t.live ? "mark mark-live" : "mark"}
            style={{ left: pct(t.atMs) }}
            title={`${formatMs(t.atMs)}: ${t.text}`}
          />
        ))}
        {forkedAtMs !== null && (
          <span className="mark mark-fork" style={{ left: pct(forkedAtMs) }}>
            fork
          </span>
        )}
      </div>
      <input
        type="range"
        className="sim-progress"
        aria-label="Time in the run"
        aria-valuetext={formatMs(drag ?? nowMs)}
        min={0}
        max={max}
        step="any"
        value={Math.min(drag ?? nowMs, max)}
        disabled={disabled}
        onChange={(e) => setDrag(Number(e.currentTarget.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
      <FaultBands nowMs={drag ?? nowMs} endMs={max} />
    </div>
  );
}
