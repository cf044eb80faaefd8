/**
 * Entry point: reads the scenario from the address, starts the session (worker, playback machine,
 * stores) and renders the app. Changing the address loads that scenario: `#preset=...&seed=...`,
 * or a shared run, `#share=...` (share.ts).
 */

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { addAlert } from "../store/appStore";
import type { ScenarioSource } from "../worker/protocol";
import { App } from "./App";
import { SessionContext } from "./SessionContext";
import { createSession } from "./session";
import { decodeShare, isShareHash } from "./share";
import { DEFAULT_PRESET, parseHash } from "./url";
import "./styles.css";

/** What the address asks for, with any problems announced; never throws. */
async function fromAddress(hash: string): Promise<{ source: ScenarioSource; seed: number }> {
  if (isShareHash(hash)) {
    const decoded = await decodeShare(hash);
    if (decoded.ok) {
      const { preset, seed, change, live, atMs } = decoded.run;
      return { source: { preset, ...change, live, atMs }, seed };
    }
    addAlert(
      `${decoded.problem} Showing "${DEFAULT_PRESET}" instead; the address is unchanged, so you can still copy it.`,
    );
    return { source: { preset: DEFAULT_PRESET }, seed: 1 };
  }
  const choice = parseHash(hash);
  for (const problem of choice.problems) addAlert(problem);
  return { source: { preset: choice.preset }, seed: choice.seed };
}

const first = await fromAddress(window.location.hash);
const session = createSession(first);

window.addEventListener("hashchange", () => {
  void fromAddress(window.location.hash).then(({ source, seed }) => session.load(source, seed));
});

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <SessionContext.Provider value={session}>
      <App />
    </SessionContext.Provider>
  </StrictMode>,
);
