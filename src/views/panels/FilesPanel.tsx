/**
 * Files: save the scenario (with the interventions made, in the scenario format the CLI also
 * reads) or open one; save the trace from the start to now as JSON, or as a ShiViz log to open at
 * https://bestchai.bitbucket.io/shiviz/ . The worker writes the files (it holds the run); a file
 * that cannot be read says why here and leaves the run as it was.
 */

import { useId, useRef, useState } from "react";
import { useSession } from "../../app/SessionContext";
import { encodeShare, SHARE_MAX_CHARS } from "../../app/share";
import { useAppStore } from "../../store/appStore";
import type { ExportKind } from "../../worker/protocol";
import { useRunNameParts } from "../ExportButtons";
import { downloadText, fileName, formatBytes, MIME, readTextFile } from "../exportFile";
import { readScenarioText, seedInName } from "./scenarioFile";

/** Scenario files larger than this are refused unread. */
export const SCENARIO_FILE_MAX_BYTES = 1024 * 1024;

const FILES: Record<ExportKind, { label: string; part: string; ext: string; mime: string }> = {
  scenario: { label: "Save scenario", part: "scenario", ext: "json", mime: MIME.json },
  trace: { label: "Save trace (JSON)", part: "trace", ext: "json", mime: MIME.json },
  shiviz: { label: "Save ShiViz log", part: "shiviz", ext: "log", mime: MIME.text },
};

export function FilesPanel() {
  const session = useSession();
  const parts = useRunNameParts();
  const seed = useAppStore((s) => s.info?.seed ?? 1);
  const [note, setNote] = useState<{ text: string; bad: boolean } | null>(null);
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const input = useRef<HTMLInputElement | null>(null);
  const id = useId();

  const save = async (what: ExportKind) => {
    setBusy(what);
    try {
      const result = await session.exportRun(what);
      if (!result.ok) {
        setNote({ text: result.problem, bad: true });
        return;
      }
      const file = FILES[what];
      const name = fileName([...parts, file.part], file.ext);
      downloadText(name, result.text, file.mime);
      setNote({
        text: `Saved ${name} (${formatBytes(new Blob([result.text]).size)}): ${result.note}.`,
        bad: false,
      });
    } finally {
      setBusy(null);
    }
  };

  const open = async (file: File) => {
    try {
      const text = await readTextFile(file, SCENARIO_FILE_MAX_BYTES);
      const read = readScenarioText(file.name, text);
      if (!read.ok) {
        setNote({ text: read.problem, bad: true });
        return;
      }
      const useSeed = seedInName(file.name) ?? seed;
      setNote({ text: `Opening ${file.name}…`, bad: false });
      if (!(await session.load({ scenario: read.scenario }, useSeed))) {
        setNote({
          text: `${file.name} was not opened: the alert above says what is wrong with it. The run before stays.`,
          bad: true,
        });
        return;
      }
      // the address holds the scenario, so a reload or a copied link opens it again
      const hash = await encodeShare({ scenario: read.scenario, seed: useSeed, live: [], atMs: 0 });
      if (hash.length - "#share=".length <= SHARE_MAX_CHARS) {
        history.replaceState(null, "", `${location.pathname}${location.search}${hash}`);
      }
      setNote({ text: `Opened ${file.name} with seed ${useSeed}.`, bad: false });
    } catch (err) {
      setNote({ text: err instanceof Error ? err.message : String(err), bad: true });
    }
  };

  return (
    <section className="panel files-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Files</h2>
      <div className="files-row">
        <button type="button" disabled={busy !== null} onClick={() => void save("scenario")}>
          {FILES.scenario.label}
        </button>
        <button type="button" onClick={() => input.current?.click()}>
          Open scenario…
        </button>
        <input
          ref={input}
          id={`${id}-file`}
          className="visually-hidden"
          type="file"
          accept=".json,application/json"
          aria-label="Scenario file to open"
          tabIndex={-1}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = "";
            if (file !== undefined) void open(file);
          }}
        />
      </div>
      <div className="files-row">
        <button type="button" disabled={busy !== null} onClick={() => void save("trace")}>
          {busy === "trace" ? "Writing…" : FILES.trace.label}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void save("shiviz")}>
          {busy === "shiviz" ? "Writing…" : FILES.shiviz.label}
        </button>
      </div>
      <p className="hint">
        The trace runs from the start to now. Open the ShiViz log at{" "}
        <a href="https://bestchai.bitbucket.io/shiviz/" target="_blank" rel="noreferrer">
          ShiViz
        </a>{" "}
        to see who heard from whom (vector clocks from sends and deliveries).
      </p>
      <p className={note?.bad ? "files-note files-bad" : "files-note"} aria-live="polite">
        {note?.text}
      </p>
    </section>
  );
}
