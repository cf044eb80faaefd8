/**
 * Entry point: reads the scenario from the address, starts the session (worker, playback machine,
 * stores) and renders the app. Changing the address loads that scenario: `#preset=...&seed=...`,
 * or a shared run, `#share=...` (share.ts), or one run of an experiment, `#run=...` (runLink.ts);
 * `#lab=...` shows the experiments lab instead (Screens.tsx).
 */

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { lessonById } from "../sim/lessons/catalog";
import { addAlert } from "../store/appStore";
import { setEmbed } from "../store/lessonStore";
import type { ScenarioSource } from "../worker/protocol";
import { App } from "./App";
import { LessonsContext } from "./LessonsContext";
import { isLabHash } from "./labUrl";
import { createLessons, parseLessonHash } from "./lessons";
import { decodeRunLink, isRunHash } from "./runLink";
import { liveShouldLoad, noteInitialHash, Screens } from "./Screens";
import { SessionContext } from "./SessionContext";
import { createSession } from "./session";
import { decodeShare, isShareHash } from "./share";
import { DEFAULT_PRESET, parseHash } from "./url";
import "./styles.css";

/** The whole address of a link that could not be opened, to show beside its message. */
function brokenLink(hash: string): string {
  const { origin, pathname, search } = window.location;
  const url = `${origin}${pathname}${search}${hash}`;
  return url.length > 200_000 ? `${url.slice(0, 200_000)}…` : url;
}

/**
 * What the address asks for, with any problems announced; never throws. A bad address opens the
 * default when the app starts (`onBad` "default"), and nothing (null: the run on screen stays)
 * when it changes under a running app.
 */
async function fromAddress(
  hash: string,
  onBad: "default" | "stay",
): Promise<{ source: ScenarioSource; seed: number } | null> {
  const fallback = () =>
    onBad === "stay" ? null : { source: { preset: DEFAULT_PRESET }, seed: 1 };
  const instead =
    onBad === "stay" ? "The run on screen stays" : `Showing "${DEFAULT_PRESET}" instead`;
  if (isRunHash(hash)) {
    // one run of an experiment, opened from the lab
    const decoded = await decodeRunLink(hash);
    if (decoded.ok) return { source: { scenario: decoded.run.scenario }, seed: decoded.run.seed };
    addAlert(`${decoded.problem} ${instead}.`);
    return fallback();
  }
  if (isShareHash(hash)) {
    const decoded = await decodeShare(hash);
    if (decoded.ok) {
      const run = decoded.run;
      const { seed, live, atMs } = run;
      if ("preset" in run)
        return { source: { preset: run.preset, ...run.change, live, atMs }, seed };
      return { source: { scenario: run.scenario, live, atMs }, seed };
    }
    addAlert(
      `${decoded.problem} ${instead}; the link is kept in the address and here, to copy.`,
      brokenLink(hash),
    );
    return fallback();
  }
  // the lab's and the lessons' addresses are read (and their problems told) by the lab and the
  // lessons; the live view behind them starts on the default
  const other = isLabHash(hash) || parseLessonHash(hash) !== null;
  const choice = parseHash(other ? "" : hash, onBad);
  for (const problem of choice.problems) addAlert(problem);
  if (choice.stay) return null;
  return { source: { preset: choice.preset }, seed: choice.seed };
}

// offline after the first visit (public/sw.js); not in development, where files change all the time
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  navigator.serviceWorker.register(new URL("sw.js", document.baseURI)).catch(() => {
    // no service worker (a private window, an insecure origin): the app works, online only
  });
}

noteInitialHash(window.location.hash);

// `?embed=1`: the stage and the play controls only, for slides
setEmbed(new URLSearchParams(window.location.search).get("embed") === "1");

// `#lesson=<id>&step=<n>` opens a lesson at a step, over the lesson's preset
const lessonLink = parseLessonHash(window.location.hash);
if (lessonLink?.problem !== undefined) addAlert(lessonLink.problem);
const linked = lessonLink?.ok === true ? lessonById(lessonLink.lesson) : undefined;
const first =
  linked !== undefined
    ? { source: { preset: linked.preset }, seed: linked.seed }
    : await fromAddress(window.location.hash, "default");
const session = createSession(
  first ?? { source: { preset: DEFAULT_PRESET }, seed: 1 }, // never null when opening the app
);
const lessons = createLessons(session);
if (lessonLink?.ok === true) lessons.open(lessonLink.lesson, lessonLink.step);

// A hook for the end-to-end tests, there only when this browser's storage asks for it (nothing
// in the app sets the flag): it makes the simulation fail, to check how the app takes that, and
// loads scenario JSON for benchmarks.
try {
  if (window.localStorage.getItem("ringlab.testHooks") === "on") {
    (window as unknown as { ringlabTest: unknown }).ringlabTest = {
      failWorker: () => session.failForTest(),
      /** loads scenario JSON (the frame-time benchmark's heavy scenario) */
      loadScenario: (scenario: unknown, seed: number) => session.load({ scenario }, seed),
    };
  }
} catch {
  // no storage: no hook
}

window.addEventListener("hashchange", () => {
  if (!liveShouldLoad(window.location.hash)) return;
  const link = parseLessonHash(window.location.hash);
  if (link !== null) {
    if (link.problem !== undefined) addAlert(link.problem);
    if (link.ok) lessons.open(link.lesson, link.step);
    return;
  }
  lessons.detach();
  void fromAddress(window.location.hash, "stay").then((chosen) => {
    if (chosen !== null) void session.load(chosen.source, chosen.seed);
  });
});

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <SessionContext.Provider value={session}>
      <LessonsContext.Provider value={lessons}>
        <Screens live={<App />} />
      </LessonsContext.Provider>
    </SessionContext.Provider>
  </StrictMode>,
);
