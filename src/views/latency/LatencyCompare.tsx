/**
 * Server-driven against client-driven coordination, side by side (Dynamo section 6.4, Table 2):
 * the live run and its twin (the same scenario, seed and interventions under the other mode, kept
 * at the same instant by the worker), each with its get and put histograms on one time axis, then
 * Table 2 with both modes measured beside the paper's figures, and what makes the difference.
 */

import { useId } from "react";
import { useSession } from "../../app/SessionContext";
import type { Stats } from "../../sim";
import { useAppStore } from "../../store/appStore";
import { selectHistograms, selectInfo, selectStats } from "../../store/selectors";
import type { LatencyHistograms } from "../../worker/protocol";
import { formatLatency } from "../format";
import { Histogram, TABLE2 } from "./LatencyPanel";

type Mode = "server-driven" | "client-driven";

interface Side {
  mode: Mode;
  live: boolean;
  stats: { get: Stats; put: Stats };
  histograms: LatencyHistograms;
}

const WHY: Record<Mode, string> = {
  "server-driven":
    "client → load balancer (queueing) → a random node, forwarded to the preference list's first node when it is not a replica (an extra hop and service time) → replicas → back the same way",
  "client-driven":
    "client → a node of the preference list, by the client's own membership view (refreshed every 10 s) → replicas → client: no balancer, no extra hop",
};

export function LatencyCompare() {
  const on = useAppStore((s) => s.sideBySide);
  const info = useAppStore(selectInfo);
  if (!on || info === null || info.coordination === "direct") return null;
  return <CompareDrawer mode={info.coordination} />;
}

function CompareDrawer({ mode }: { mode: Mode }) {
  const stats = useAppStore(selectStats);
  const h = useAppStore(selectHistograms);
  const twin = useAppStore((s) => s.twin);
  const session = useSession();
  const id = useId();
  const sides: Side[] = [];
  if (stats !== null && h !== null) sides.push({ mode, live: true, stats, histograms: h });
  if (twin !== null && twin.coordination !== mode) {
    sides.push({
      mode: twin.coordination,
      live: false,
      stats: twin.stats,
      histograms: twin.histograms,
    });
  }
  sides.sort((a, b) => (a.mode === "server-driven" ? -1 : b.mode === "server-driven" ? 1 : 0));
  return (
    <section className="history compare" aria-labelledby={`${id}-title`}>
      <header className="history-head">
        <h2 id={`${id}-title`}>Server-driven and client-driven coordination, side by side</h2>
        <p className="history-summary">
          The same cluster, workload, seed and faults, run both ways to this instant: the load
          balancer and the extra hop show in the server-driven tail.
        </p>
        <button
          type="button"
          className="close"
          aria-label="Close the side-by-side comparison"
          onClick={() => session.sideBySide(false)}
        >
          ✕
        </button>
      </header>
      {sides.length < 2 ? (
        <p className="empty">Running the other mode to this instant…</p>
      ) : (
        <>
          <div className="compare-sides">
            {sides.map((side) => (
              <div className="compare-side" key={side.mode} data-mode={side.mode}>
                <h3>
                  {side.mode}
                  <span className="unit">{side.live ? " (this run)" : " (its twin)"}</span>
                </h3>
                <p className="compare-why">{WHY[side.mode]}</p>
                <div className="compare-hists">
                  <Histogram
                    name="gets"
                    edges={side.histograms.edgesMs}
                    counts={side.histograms.get}
                    stats={side.stats.get}
                    width={260}
                  />
                  <Histogram
                    name="puts"
                    edges={side.histograms.edgesMs}
                    counts={side.histograms.put}
                    stats={side.stats.put}
                    width={260}
                  />
                </div>
              </div>
            ))}
          </div>
          <table
            className="table2 table2-both"
            aria-label="Table 2, both modes, measured beside the paper"
          >
            <caption>Dynamo Table 2 (ms): both modes measured, beside the paper</caption>
            <thead>
              <tr>
                <th scope="col">mode</th>
                <th scope="col">source</th>
                <th scope="col">p99.9 read</th>
                <th scope="col">p99.9 write</th>
                <th scope="col">mean read</th>
                <th scope="col">mean write</th>
              </tr>
            </thead>
            <tbody>
              {sides.map((side) => (
                <Rows key={side.mode} side={side} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function Rows({ side }: { side: Side }) {
  const { get, put } = side.stats;
  return (
    <>
      <tr>
        <th scope="row" rowSpan={2}>
          {side.mode}
        </th>
        <td>measured</td>
        <td>{formatLatency(get.p999Ms)}</td>
        <td>{formatLatency(put.p999Ms)}</td>
        <td>{get.meanMs.toFixed(2)}</td>
        <td>{put.meanMs.toFixed(2)}</td>
      </tr>
      <tr className="paper-row">
        <td>the paper</td>
        {TABLE2[side.mode].map((v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: four fixed columns
          <td key={i}>{v}</td>
        ))}
      </tr>
    </>
  );
}
