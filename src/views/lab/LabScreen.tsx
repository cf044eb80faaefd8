/**
 * The experiments lab: the papers' experiments rerun in the browser across a pool of workers, one
 * run per seed. Pick an experiment, vary its parameters and seeds (all kept in the address, so the
 * link shares the experiment), run it, watch the progress and the figures fill in as runs finish,
 * cancel it, save any figure and its data, and open any single run in the live view.
 */

import { type FormEvent, useEffect, useMemo, useState } from "react";
import { cancelLab, labPoolSize, runLab } from "../../app/labSession";
import { formatLabHash, type LabChoice, parseLabHash } from "../../app/labUrl";
import { encodeRunLink } from "../../app/runLink";
import { formatSeeds, parseSeeds } from "../../sim/experiments/aggregate";
import {
  EXPERIMENT_NAMES,
  EXPERIMENTS,
  type ExperimentName,
} from "../../sim/experiments/experiments";
import { formatParam, type ParamSpec, readParams } from "../../sim/experiments/params";
import { type LabBatch, useLabStore } from "../../store/labStore";
import { FigureView } from "./Figures";
import { figuresOf } from "./figures";
import "./lab.css";

/** The form's text for each parameter the address chose. */
function formOf(c: LabChoice): Record<string, string> {
  return Object.fromEntries(
    EXPERIMENTS[c.experiment].params.map((p) => [
      p.key,
      formatParam(p, c.params[p.key] ?? p.default),
    ]),
  );
}

export function LabScreen({ hash, liveHash }: { hash: string; liveHash: string }) {
  const choice = useMemo(() => parseLabHash(hash), [hash]);
  const { experiment } = choice;
  const spec = EXPERIMENTS[experiment];
  const [values, setValues] = useState<Record<string, string>>(() => formOf(choice));
  const [seedsText, setSeedsText] = useState(choice.seedsText);
  const [problems, setProblems] = useState<string[]>([]);
  // the address chose the experiment and its parameters: take them into the form
  useEffect(() => {
    setValues(formOf(choice));
    setSeedsText(choice.seedsText);
    setProblems(choice.problems);
  }, [choice]);
  const batch = useLabStore((s) => s.batches[experiment]);

  const read = () => {
    const r = readParams(spec.params, values, false);
    const seeds = parseSeeds(seedsText);
    const all = [...r.problems, ...(seeds.ok ? [] : [`Seeds: ${seeds.problem}.`])];
    return { params: r.params, seeds: seeds.ok ? seeds.seeds : null, problems: all };
  };

  const change = (key: string, text: string) => {
    const next = { ...values, [key]: text };
    setValues(next);
    keepInAddress(experiment, next, seedsText);
  };
  const changeSeeds = (text: string) => {
    setSeedsText(text);
    keepInAddress(experiment, values, text);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = read();
    setProblems(r.problems);
    if (r.problems.length > 0 || r.seeds === null) return;
    runLab(experiment, r.params, r.seeds);
  };

  const running = batch?.status === "running";
  return (
    <div className="lab">
      <header className="app-header lab-header">
        <div className="brand">
          <h1>RingLab</h1>
          <p className="subtitle">Experiments lab: the papers' results, rerun in your browser</p>
        </div>
        <a className="lab-back" href={liveHash}>
          ← Back to the live view
        </a>
      </header>
      <div className="lab-main">
        <nav className="lab-nav" aria-label="Experiments">
          <ul>
            {EXPERIMENT_NAMES.map((name) => (
              <li key={name}>
                <a href={`#lab=${name}`} aria-current={name === experiment ? "page" : undefined}>
                  {EXPERIMENTS[name].title}
                </a>
              </li>
            ))}
          </ul>
          <form className="lab-form" onSubmit={submit} aria-label="Parameters">
            <h2>Parameters</h2>
            {spec.params.map((p) => (
              <ParamField
                key={p.key}
                spec={p}
                text={values[p.key] ?? ""}
                onChange={(t) => change(p.key, t)}
              />
            ))}
            <label className="lab-field">
              <span>Seeds</span>
              <input
                type="text"
                value={seedsText}
                onChange={(e) => changeSeeds(e.currentTarget.value)}
                aria-describedby="seeds-help"
              />
            </label>
            <p id="seeds-help" className="lab-help">
              e.g. 1..20 or 1, 5, 9: one run per seed, {labPoolSize()} at a time ({labPoolSize()}{" "}
              {labPoolSize() === 1 ? "worker" : "workers"}, one per core).
            </p>
            {problems.length > 0 && (
              <div className="lab-problems" role="alert">
                {problems.map((p) => (
                  <p key={p}>{p}</p>
                ))}
              </div>
            )}
            <div className="lab-actions">
              <button type="submit" className="lab-run">
                {running ? "Restart" : "Run"}
              </button>
              <button type="button" disabled={!running} onClick={() => cancelLab(experiment)}>
                Cancel
              </button>
            </div>
          </form>
        </nav>
        <main className="lab-results" aria-label="Results">
          <h2 className="lab-title">{spec.title}</h2>
          <p className="lab-about">
            {spec.about} <span className="lab-source">({spec.source})</span>
          </p>
          {batch === undefined ? (
            <p className="lab-empty">
              Press Run to start: results appear here as each seed's run finishes.
            </p>
          ) : (
            <Results batch={batch} />
          )}
        </main>
      </div>
    </div>
  );
}

/** The address follows the form (without a new history entry for each keystroke). */
function keepInAddress(
  experiment: ExperimentName,
  values: Record<string, string>,
  seedsText: string,
) {
  const spec = EXPERIMENTS[experiment];
  const r = readParams(spec.params, values, false);
  if (r.problems.length > 0 || !parseSeeds(seedsText).ok) return;
  window.history.replaceState(null, "", formatLabHash(experiment, r.params, seedsText));
}

function ParamField({
  spec,
  text,
  onChange,
}: {
  spec: ParamSpec;
  text: string;
  onChange: (t: string) => void;
}) {
  switch (spec.kind) {
    case "int":
      return (
        <label className="lab-field">
          <span>{spec.label}</span>
          <input
            type="number"
            min={spec.min}
            max={spec.max}
            value={text}
            onChange={(e) => onChange(e.currentTarget.value)}
          />
        </label>
      );
    case "choice":
      return (
        <label className="lab-field">
          <span>{spec.label}</span>
          <select value={text} onChange={(e) => onChange(e.currentTarget.value)}>
            {spec.options.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </label>
      );
    case "set": {
      const picked = text.split(",").filter((s) => s !== "");
      return (
        <fieldset className="lab-field lab-set">
          <legend>{spec.label}</legend>
          {spec.options.map((o) => (
            <label key={o}>
              <input
                type="checkbox"
                checked={picked.includes(o)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  onChange(
                    spec.options.filter((x) => (x === o ? on : picked.includes(x))).join(","),
                  );
                }}
              />
              {o}
            </label>
          ))}
        </fieldset>
      );
    }
    case "ints":
      return (
        <label className="lab-field">
          <span>{spec.label}</span>
          <input type="text" value={text} onChange={(e) => onChange(e.currentTarget.value)} />
        </label>
      );
  }
}

function Results({ batch }: { batch: LabBatch }) {
  const spec = EXPERIMENTS[batch.experiment];
  const total = batch.seeds.length;
  const done = batch.runs.length + batch.errors.length;
  const workerMs = Object.values(batch.wallMs).reduce((a, b) => a + b, 0);
  const figures = useMemo(
    () => (batch.summary === null ? [] : figuresOf(batch.summary)),
    [batch.summary],
  );
  const seedsDone = batch.runs.map((r) => r.seed).sort((a, b) => a - b);
  const nameParts = [
    "ringlab",
    "lab",
    batch.experiment,
    `seeds-${formatSeeds(batch.seeds).replace(/\.\./g, "-to-").replace(/, /g, "_")}`,
  ];
  const state =
    batch.status === "running"
      ? `Running: ${done} of ${total} runs done`
      : batch.status === "cancelled"
        ? `Cancelled after ${done} of ${total} runs`
        : `Done: ${total} of ${total} runs`;
  return (
    <>
      <section className="lab-progress" aria-label={`Progress of ${spec.title}`}>
        <div
          className="lab-bar"
          role="progressbar"
          aria-label={`Runs of ${spec.title} done`}
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={done}
          data-status={batch.status}
        >
          <div
            className="lab-bar-fill"
            style={{ width: `${total === 0 ? 100 : (100 * done) / total}%` }}
          />
        </div>
        <p
          className="lab-status"
          data-testid="lab-status"
          data-worker-ms={Math.round(workerMs)}
          data-elapsed-ms={
            batch.finishedAt === null ? "" : Math.round(batch.finishedAt - batch.startedAt)
          }
        >
          {state} (<Elapsed batch={batch} /> s).
          {batch.errors.length > 0 && ` ${batch.errors.length} failed.`}
          {batch.finishedAt !== null && batch.runs.length > 0 && (
            <span className="lab-concurrency">
              {" "}
              The runs took {(workerMs / 1000).toFixed(1)} s of worker time in{" "}
              {((batch.finishedAt - batch.startedAt) / 1000).toFixed(1)} s:{" "}
              {(workerMs / Math.max(1, batch.finishedAt - batch.startedAt)).toFixed(2)} at once on
              average.
            </span>
          )}
        </p>
      </section>
      {batch.errors.length > 0 && (
        <div className="lab-problems" role="alert">
          {batch.errors.map((e) => (
            <p key={e.seed}>
              Seed {e.seed} failed: {e.message}
            </p>
          ))}
        </div>
      )}
      <p className="lab-seeds" data-testid="lab-seeds">
        {seedsDone.length === 0
          ? "No run has finished yet."
          : seedsDone.length === 1
            ? `Seeds measured (1): ${formatSeeds(seedsDone)}. With one seed there are no intervals; several seeds show how much the results vary.`
            : `Seeds measured (${seedsDone.length}): ${formatSeeds(seedsDone)}. Intervals are 95% t-intervals of the mean across these seeds.`}
      </p>
      {seedsDone.length > 0 && <OpenRun batch={batch} seeds={seedsDone} />}
      <div className="lab-figures">
        {figures.map((f) => (
          <FigureView
            key={f.kind === "chart" ? f.spec.id : f.id}
            figure={f}
            nameParts={nameParts}
            meta={{ experiment: batch.experiment, params: batch.params, seeds: seedsDone }}
          />
        ))}
      </div>
    </>
  );
}

/** Seconds since the batch started, ticking while it runs (alone, so the figures do not re-render). */
function Elapsed({ batch }: { batch: LabBatch }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (batch.status !== "running") return;
    const t = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(t);
  }, [batch.status]);
  return <>{(((batch.finishedAt ?? now) - batch.startedAt) / 1000).toFixed(1)}</>;
}

/** Loads one seed's run (one of its scenarios) into the live view, by a `#run=` link. */
function OpenRun({ batch, seeds }: { batch: LabBatch; seeds: number[] }) {
  const [seed, setSeed] = useState<number>(seeds[0] as number);
  const [which, setWhich] = useState(0);
  const chosen = seeds.includes(seed) ? seed : (seeds[0] as number);
  const runs = batch.open[chosen] ?? [];
  const open = async () => {
    const run = runs[Math.min(which, runs.length - 1)];
    if (run === undefined) return;
    window.location.hash = await encodeRunLink({
      scenario: run.scenario,
      seed: run.seed,
      label: run.label,
    });
  };
  return (
    <div className="lab-open">
      <label>
        Seed
        <select value={chosen} onChange={(e) => setSeed(Number(e.currentTarget.value))}>
          {seeds.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Run
        <select value={which} onChange={(e) => setWhich(Number(e.currentTarget.value))}>
          {runs.map((r, i) => (
            <option key={r.label} value={i}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void open()}>
        Open this run in the live view
      </button>
    </div>
  );
}
