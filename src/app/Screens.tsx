/**
 * The app's two screens: the live view, and the experiments lab (`#lab=...`, labUrl.ts), chosen by
 * the address. The lab is loaded on first use, so the live view's bundle does not carry it. Going
 * to the lab leaves the live run as it was; coming back to the same address does not reload it.
 */

import { lazy, type ReactNode, Suspense, useEffect, useState } from "react";
import { isLabHash } from "./labUrl";
import { formatHash } from "./url";

const LabScreen = lazy(async () => ({
  default: (await import("../views/lab/LabScreen")).LabScreen,
}));

let lastLive = "";
let wasInLab = false;

/** Called once with the address the app opened at. */
export function noteInitialHash(hash: string): void {
  lastLive = isLabHash(hash) ? formatHash("default", 1) : hash;
  wasInLab = isLabHash(hash);
}

/**
 * Whether a change of address should load a scenario into the live view: not for the lab's own
 * addresses, nor for the return from the lab to the run that was showing.
 */
export function liveShouldLoad(hash: string): boolean {
  if (isLabHash(hash)) {
    wasInLab = true;
    return false;
  }
  const back = wasInLab && hash === lastLive;
  wasInLab = false;
  lastLive = hash;
  return !back;
}

function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const on = () => setHash(window.location.hash);
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return hash;
}

export function Screens({ live }: { live: ReactNode }) {
  const hash = useHash();
  if (!isLabHash(hash)) return live;
  return (
    <Suspense fallback={<p className="lab-loading">Loading the experiments lab…</p>}>
      <LabScreen hash={hash} liveHash={lastLive === "" ? formatHash("default", 1) : lastLive} />
    </Suspense>
  );
}
