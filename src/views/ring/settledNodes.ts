/**
 * Node states for the node buttons, with their counts settled. A busy run changes every node's
 * key count and pending requests in every panel refresh (20 a second); rewriting 64 buttons'
 * descriptions that often costs the page a layout of a few hundred text objects each time and
 * reads as flicker. So counts follow at most every NODE_COUNTS_MS, while what a person acts on
 * (up or crashed, suspicions, hints, clocks) shows at once.
 */

import { useEffect, useRef, useState } from "react";
import { useAppStore } from "../../store/appStore";
import { selectNodes } from "../../store/selectors";
import type { NodeView } from "../../worker/protocol";

/** the longest a node's key count or pending requests trail the run (wall ms) */
export const NODE_COUNTS_MS = 250;

/** True when `a` and `b` differ at most in the nodes' counts (keys held, requests pending). */
export function sameButCounts(a: readonly NodeView[], b: readonly NodeView[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as NodeView;
    const y = b[i] as NodeView;
    if (x.up !== y.up || x.hints !== y.hints || x.clockOffsetMs !== y.clockOffsetMs) return false;
    if (x.clockDrift !== y.clockDrift) return false;
    if (x.suspects.join() !== y.suspects.join()) return false;
    if (x.hintOwners.join() !== y.hintOwners.join()) return false;
  }
  return true;
}

/**
 * What to show, given what is shown and the newest states: the newest when anything but a count
 * changed, or when the counts are due (`sinceShownMs` >= `everyMs`); else what is shown.
 */
export function settle(
  shown: readonly NodeView[],
  latest: readonly NodeView[],
  sinceShownMs: number,
  everyMs = NODE_COUNTS_MS,
): readonly NodeView[] {
  if (shown === latest) return shown;
  return !sameButCounts(shown, latest) || sinceShownMs >= everyMs ? latest : shown;
}

/** The store's node states, settled as above; a trailing update brings the last counts. */
export function useSettledNodes(everyMs = NODE_COUNTS_MS): readonly NodeView[] {
  const latest = useAppStore(selectNodes);
  const [shown, setShown] = useState<readonly NodeView[]>(latest);
  const shownAt = useRef(Number.NEGATIVE_INFINITY);
  const out = settle(shown, latest, performance.now() - shownAt.current, everyMs);
  useEffect(() => {
    if (out !== shown) {
      shownAt.current = performance.now();
      setShown(out);
      return;
    }
    if (latest === shown) return;
    // counts only, and too soon: bring them when they are due
    const timer = setTimeout(
      () => {
        shownAt.current = performance.now();
        setShown(useAppStore.getState().nodes);
      },
      Math.max(0, everyMs - (performance.now() - shownAt.current)),
    );
    return () => clearTimeout(timer);
  }, [out, shown, latest, everyMs]);
  return out;
}
