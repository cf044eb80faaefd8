/**
 * The live view: a header, the ring as the stage with the playback controls above it, and a side
 * panel with the scenario, statistics, timeline and recent messages.
 */

import { type FormEvent, useEffect, useState } from "react";
import { presetNames, presets } from "../sim/catalog";
import { dismissAlert, setShowGossip, useAppStore } from "../store/appStore";
import {
  selectAlerts,
  selectFocusNode,
  selectGossips,
  selectInfo,
  selectShowGossip,
  selectStatus,
} from "../store/selectors";
import { ControlsBar, RunBar, SimClock } from "../views/controls/ControlsBar";
import { CrashNotice } from "../views/controls/CrashNotice";
import { ShareButton } from "../views/controls/ShareButton";
import { speedForKey } from "../views/controls/speedKeys";
import { ConsistencyBadge, HistoryView } from "../views/history/HistoryView";
import { MessageInspector } from "../views/inspect/MessageInspector";
import { NodeInspector, NodePicker } from "../views/inspect/NodeInspector";
import { LatencyCompare } from "../views/latency/LatencyCompare";
import { LatencyPanel } from "../views/latency/LatencyPanel";
import { StalenessPanel } from "../views/latency/StalenessPanel";
import { LessonPanel } from "../views/lessons/LessonPanel";
import { LessonsMenu } from "../views/lessons/LessonsMenu";
import { PanelBoundary } from "../views/PanelBoundary";
import { FAMILY_COLOUR } from "../views/palette";
import { FaultsPanel } from "../views/panels/FaultsPanel";
import { FilesPanel } from "../views/panels/FilesPanel";
import { MembershipPanel } from "../views/panels/MembershipPanel";
import { EventLog, ScenarioPanel, StatsPanel, TimelinePanel } from "../views/panels/Panels";
import { PlacementSwitcher } from "../views/panels/PlacementSwitcher";
import { ReplicationPanel } from "../views/panels/ReplicationPanel";
import { PresenterLayer } from "../views/presenter/Presenter";
import { KeyFinder } from "../views/ring/KeyFinder";
import { RingView } from "../views/ring/RingView";
import { ownership } from "../views/ring/ringLayout";
import { SidePanel } from "../views/SidePanel";
import { SpacetimeToggle, SpacetimeView } from "../views/spacetime/SpacetimeView";
import { VersionView } from "../views/versions/VersionView";
import { useSession } from "./SessionContext";
import { formatHash } from "./url";

export function App() {
  const status = useAppStore(selectStatus);
  const [help, setHelp] = useState(false);
  useKeyboard(setHelp);
  return (
    <div className="app" data-playback={status}>
      <header className="app-header">
        <div className="brand">
          <h1>RingLab</h1>
          <p className="subtitle">A Dynamo-style key-value store, live in your browser</p>
        </div>
        <ScenarioPicker />
        <LessonsMenu />
        <a className="header-link" href="#lab=table2">
          Experiments
        </a>
        <ShareButton />
      </header>
      <Alerts />
      <CrashNotice />
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
      <main className="app-main">
        <section className="stage" aria-label="Cluster">
          <PanelBoundary name="The lesson">
            <LessonPanel />
          </PanelBoundary>
          <div className="stage-top">
            <ControlsBar />
            {/* one unit: when it is short of room its figures are cut, not its buttons wrapped */}
            <div className="stage-status">
              <PanelBoundary name="The consistency badge">
                <ConsistencyBadge />
              </PanelBoundary>
              <SpacetimeToggle />
            </div>
          </div>
          <div className="stage-body">
            <Legend />
            <RangeCaption />
            <SimClock />
            <PanelBoundary name="The ring">
              <RingView />
            </PanelBoundary>
            <RunBar />
          </div>
          <PanelBoundary name="The version view">
            <VersionView />
          </PanelBoundary>
          <PanelBoundary name="The history view">
            <HistoryView />
          </PanelBoundary>
          <PanelBoundary name="The side-by-side latency">
            <LatencyCompare />
          </PanelBoundary>
          <PanelBoundary name="The space-time diagram">
            <SpacetimeView />
          </PanelBoundary>
        </section>
        <aside className="side" aria-label="Details">
          <PanelBoundary name="The node inspector">
            <NodeInspector />
          </PanelBoundary>
          <PanelBoundary name="The message inspector">
            <MessageInspector />
          </PanelBoundary>
          <SidePanel title="Scenario">
            <ScenarioPanel />
          </SidePanel>
          <SidePanel title="Replication">
            <ReplicationPanel />
          </SidePanel>
          <SidePanel title="Inside a node">
            <NodePicker />
          </SidePanel>
          <SidePanel title="Placement">
            <PlacementSwitcher />
          </SidePanel>
          <SidePanel title="Faults">
            <FaultsPanel />
          </SidePanel>
          <SidePanel title="Membership">
            <MembershipPanel />
          </SidePanel>
          <SidePanel title="Find a key">
            <KeyFinder />
          </SidePanel>
          <SidePanel title="Operations">
            <StatsPanel />
          </SidePanel>
          <SidePanel title="Latency">
            <LatencyPanel />
          </SidePanel>
          <SidePanel title="Staleness">
            <StalenessPanel />
          </SidePanel>
          <SidePanel title="Timeline">
            <TimelinePanel />
          </SidePanel>
          <SidePanel title="Recent messages">
            <EventLog />
          </SidePanel>
          <SidePanel title="Files">
            <FilesPanel />
          </SidePanel>
        </aside>
      </main>
      <PresenterLayer />
    </div>
  );
}

function Legend() {
  const gossips = useAppStore(selectGossips);
  const showGossip = useAppStore(selectShowGossip);
  return (
    <div className="legend">
      <p className="hint">
        <strong>Click a node</strong> to crash it; click again to recover it.
      </p>
      <ul aria-label="Legend">
        <li>
          <span className="dot" style={{ background: FAMILY_COLOUR.get }} aria-hidden="true" /> get
        </li>
        <li>
          <span className="dot" style={{ background: FAMILY_COLOUR.put }} aria-hidden="true" /> put
        </li>
        <li>
          <span className="dot" style={{ background: FAMILY_COLOUR.fail }} aria-hidden="true" />{" "}
          failed
        </li>
        <li>
          <span className="dot" style={{ background: FAMILY_COLOUR.hint }} aria-hidden="true" />{" "}
          hinted handoff
        </li>
        <li>
          <span className="dot" style={{ background: FAMILY_COLOUR.repair }} aria-hidden="true" />{" "}
          read repair
        </li>
        <li>
          <span
            className="dot"
            style={{ background: FAMILY_COLOUR.antiEntropy }}
            aria-hidden="true"
          />{" "}
          anti-entropy
        </li>
        <li>
          <span className="dot" style={{ background: FAMILY_COLOUR.transfer }} aria-hidden="true" />{" "}
          keys moving to new replicas
        </li>
        {gossips && (
          <li>
            <label className="legend-toggle">
              <input
                type="checkbox"
                checked={showGossip}
                onChange={(e) => setShowGossip(e.currentTarget.checked)}
                aria-label="Show gossip"
              />
              <span
                className="dot"
                style={{ background: FAMILY_COLOUR.gossip }}
                aria-hidden="true"
              />{" "}
              gossip
            </label>
          </li>
        )}
        <li>
          <span className="cross" aria-hidden="true">
            ✕
          </span>{" "}
          dropped
        </li>
        <li>
          <span className="arc-swatch" aria-hidden="true" /> key range a node owns
        </li>
      </ul>
    </div>
  );
}

/** What the node under the pointer (or focus) is responsible for. */
function RangeCaption() {
  const info = useAppStore(selectInfo);
  const focus = useAppStore(selectFocusNode);
  if (info === null || focus === null) {
    return <p className="caption">Point at a node to see which keys it stores.</p>;
  }
  const own = ownership(info, focus, info.quorum.n);
  const name = info.nodeNames[focus] ?? "?";
  const first = own.ranges[0];
  return (
    <p className="caption caption-focus">
      {own.ranges.length === 1 && first !== undefined ? (
        <>
          <strong>{name}</strong> coordinates keys in ({first.from}, {first.to}]
        </>
      ) : (
        <>
          <strong>{name}</strong> owns {own.ranges.length} ranges of the ring
        </>
      )}
      ; N = {info.quorum.n} copies of {own.ranges.length === 1 ? "them" : "the first"} live on{" "}
      {listNames(own.replicas)}.
    </p>
  );
}

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function ScenarioPicker() {
  const info = useAppStore(selectInfo);
  const [preset, setPreset] = useState("default");
  const [seed, setSeed] = useState("1");
  useEffect(() => {
    if (info !== null) {
      if (info.preset !== null) setPreset(info.preset);
      setSeed(String(info.seed));
    }
  }, [info]);
  // the choice differs from the run on screen until Load
  const chosenElsewhere =
    info !== null && (preset !== (info.preset ?? "") || seed.trim() !== String(info.seed));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // the address holds the scenario: changing it loads it (see main.tsx), and it can be shared
    // the input's pattern lets through whole numbers only; anything else never gets here
    const n = Number(seed.trim());
    const hash = formatHash(preset, n);
    if (window.location.hash === hash) window.dispatchEvent(new HashChangeEvent("hashchange"));
    else window.location.hash = hash;
  };
  return (
    <form className="picker" onSubmit={submit}>
      <label>
        <span className="picker-label">Scenario</span>
        <select value={preset} onChange={(e) => setPreset(e.currentTarget.value)}>
          {presetNames.map((name) => (
            <option key={name} value={name}>
              {presets[name]?.title ?? name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Seed
        <input
          type="text"
          inputMode="numeric"
          pattern="\s*[0-9]{1,15}\s*"
          title="A whole number from 0 up (at most 15 digits): the same seed gives the same run"
          size={6}
          value={seed}
          onChange={(e) => setSeed(e.currentTarget.value)}
        />
      </label>
      <button
        type="submit"
        className={chosenElsewhere ? "load-pending" : undefined}
        title={
          chosenElsewhere ? "The run on screen is not the one chosen: Load shows it" : undefined
        }
      >
        Load
      </button>
    </form>
  );
}

function Alerts() {
  const alerts = useAppStore(selectAlerts);
  const status = useAppStore(selectStatus);
  const session = useSession();
  return (
    <div className="alerts" role="alert">
      {alerts.map((a) => (
        <p key={a.id} className="alert">
          <span>{a.text}</span>
          {a.link !== undefined && (
            <input
              readOnly
              className="alert-link"
              value={a.link}
              aria-label="The link that could not be opened"
              onFocus={(e) => e.currentTarget.select()}
            />
          )}
          <button type="button" className="dismiss" onClick={() => dismissAlert(a.id)}>
            Dismiss
          </button>
        </p>
      ))}
      {status === "failed" && (
        <p className="alert">
          <span>The simulation stopped.</span>
          <button type="button" onClick={session.reload}>
            Reload scenario
          </button>
        </p>
      )}
    </div>
  );
}

/**
 * Space plays or pauses; S or the right arrow steps, the left arrow steps back; ? shows the
 * shortcuts. Text fields keep their keys.
 */
function useKeyboard(setHelp: (f: (open: boolean) => boolean) => void) {
  const session = useSession();
  useEffect(() => {
    const typing = (t: EventTarget | null) =>
      t instanceof HTMLElement &&
      (t.isContentEditable ||
        t.tagName === "TEXTAREA" ||
        t.tagName === "SELECT" ||
        (t.tagName === "INPUT" && (t as HTMLInputElement).type !== "range"));
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (e.key === " ") {
        // Space always means play/pause here, even on a focused button (Enter still presses it)
        e.preventDefault();
        if (e.type === "keydown" && !e.repeat) session.togglePlay();
      } else if (e.type === "keydown" && (e.key === "s" || e.key === "S")) {
        session.step();
      } else if (e.type === "keydown" && e.key === "ArrowRight") {
        if (e.target instanceof HTMLInputElement && e.target.type === "range") return;
        e.preventDefault();
        session.step();
      } else if (e.type === "keydown" && e.key === "ArrowLeft") {
        if (e.target instanceof HTMLInputElement && e.target.type === "range") return;
        e.preventDefault();
        session.stepBack();
      } else if (e.type === "keydown" && speedForKey(e.key) !== null) {
        session.setSpeed(speedForKey(e.key) as number);
      } else if (e.type === "keydown" && e.key === "?") {
        setHelp((h) => !h);
      } else if (e.type === "keydown" && e.key === "Escape") {
        setHelp(() => false);
      }
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("keyup", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("keyup", onKey);
    };
  }, [session, setHelp]);
}

const SHORTCUTS: [string, string][] = [
  ["Space", "play or pause"],
  ["→ or S", "step one event"],
  ["←", "step one event back (the run is re-run to the event before)"],
  ["1 … 9", "speed: 1 is 1/1000x, 2 the usual 1/250x, 7 real time, 9 is 100x"],
  ["Time slider", "drag, or focus it and use the arrow keys, to go to any instant"],
  ["Click a node", "crash it; click again to recover it"],
  ["N or Page Down", "next step of the lesson"],
  ["B or Page Up", "previous step of the lesson (its run is rebuilt)"],
  ["P", "presenter mode on or off (Esc leaves it)"],
  ["Shift + a node's letter", "presenter mode: crash or recover that node (Sx: Shift + X)"],
  ["T", "presenter mode: show or hide the lesson text"],
  ["L", "presenter mode: laser pointer on or off"],
  ["?", "show or hide this list"],
  ["Esc", "close this list"],
];

function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="help-overlay" role="dialog" aria-modal="true" aria-labelledby="help-title">
      <div className="help-box">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <dl>
          {SHORTCUTS.map(([k, what]) => (
            <div key={k}>
              <dt>
                <kbd>{k}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button type="button" onClick={onClose} ref={(el) => el?.focus()}>
          Close
        </button>
      </div>
    </div>
  );
}
