/**
 * What the app says when the simulation failed: the error in plain words, a link that reproduces
 * the run up to the failure (copied to the clipboard, and shown where copying is not allowed),
 * and whether the worker was started again on the same scenario.
 */

import { useState } from "react";
import { useCrash } from "../../store/crash";
import "../spacetime/spacetime.css";

export function CrashNotice() {
  const report = useCrash((s) => s.report);
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");
  if (report === null) return null;
  const copy = async () => {
    if (report.link === null) return;
    try {
      await navigator.clipboard.writeText(report.link);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <section className="crash-notice" role="alert" aria-label="The simulation failed">
      <p>
        <strong>The simulation failed:</strong> {report.message}.{" "}
        {report.restarted
          ? "RingLab started it again on the same scenario, from its start."
          : "Load the scenario again to go on."}
      </p>
      <p className="crash-actions">
        <button type="button" disabled={report.link === null} onClick={() => void copy()}>
          Copy reproduction link
        </button>
        {copied === "yes" && <span aria-live="polite">Copied.</span>}
        {copied !== "no" && report.link !== null && (
          <input
            readOnly
            value={report.link}
            aria-label="Reproduction link"
            onFocus={(e) => e.currentTarget.select()}
          />
        )}
        <button
          type="button"
          onClick={() => {
            setCopied("no");
            useCrash.setState({ report: null });
          }}
        >
          Dismiss
        </button>
      </p>
    </section>
  );
}
