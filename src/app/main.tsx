/**
 * Entry point: reads the scenario from the address, starts the session (worker, playback machine,
 * stores) and renders the app. Changing the address (#preset=...&seed=...) loads that scenario.
 */

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { addAlert } from "../store/appStore";
import { App } from "./App";
import { SessionContext } from "./SessionContext";
import { createSession } from "./session";
import { parseHash } from "./url";
import "./styles.css";

const first = parseHash(window.location.hash);
for (const problem of first.problems) addAlert(problem);
const session = createSession({ source: { preset: first.preset }, seed: first.seed });

window.addEventListener("hashchange", () => {
  const choice = parseHash(window.location.hash);
  for (const problem of choice.problems) addAlert(problem);
  session.load({ preset: choice.preset }, choice.seed);
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
