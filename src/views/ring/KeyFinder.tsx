/**
 * "Find a key": type a key and the stage shows where Dynamo puts it: its MD5 position on the ring,
 * the range (A, B] it falls in, and the N nodes of its preference list (RingView draws the marks).
 * The math is keyLayout.ts; this file is the side panel's text box and the sentence.
 */

import { useId, useMemo } from "react";
import { setLookupKey, useAppStore } from "../../store/appStore";
import { selectInfo, selectLookupKey } from "../../store/selectors";
import type { ScenarioInfo } from "../../worker/protocol";
import { type KeyPlacement, keySentence, placeKey, ringOfInfo } from "./keyLayout";

/** At most this many of the workload's keys are suggested. */
const MAX_SUGGESTIONS = 50;

export interface KeyLookup {
  info: ScenarioInfo | null;
  /** false when the scenario has no ring to look keys up on (mod-N placement) */
  hasRing: boolean;
  placement: KeyPlacement | null;
}

/** The looked-up key's placement on the loaded scenario's ring, or null. */
export function useKeyPlacement(): KeyLookup {
  const info = useAppStore(selectInfo);
  const key = useAppStore(selectLookupKey);
  const ring = useMemo(() => (info === null ? null : ringOfInfo(info)), [info]);
  const placement = useMemo(
    () =>
      ring !== null && info !== null && key !== "" ? placeKey(ring, key, info.quorum.n) : null,
    [ring, info, key],
  );
  return { info, hasRing: ring !== null, placement };
}

export function KeyFinder() {
  const key = useAppStore(selectLookupKey);
  const { info, hasRing, placement } = useKeyPlacement();
  const id = useId();
  const keyCount = info?.keyCount ?? 0;
  const suggestions = useMemo(
    () => Array.from({ length: Math.min(keyCount, MAX_SUGGESTIONS) }, (_, i) => `k${i}`),
    [keyCount],
  );
  const sentence =
    info === null
      ? ""
      : !hasRing
        ? "This scenario places keys without a ring (mod-N): there is no range to show."
        : placement !== null
          ? keySentence(placement, info.nodeNames)
          : keyCount > 0
            ? `Type a key (the workload uses k0 to k${keyCount - 1}) to see where it is stored.`
            : "Type a key to see where it is stored.";
  return (
    <section className="panel key-finder" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Find a key</h2>
      <div className="key-row">
        <label htmlFor={`${id}-key`}>Key</label>
        <input
          id={`${id}-key`}
          type="text"
          list={`${id}-keys`}
          value={key}
          placeholder="e.g. k7"
          autoComplete="off"
          spellCheck={false}
          disabled={info === null || !hasRing}
          onChange={(e) => setLookupKey(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") setLookupKey("");
          }}
        />
        {key !== "" && (
          <button
            type="button"
            className="key-clear"
            aria-label="Clear key"
            title="Clear key"
            onClick={() => setLookupKey("")}
          >
            ×
          </button>
        )}
        <datalist id={`${id}-keys`}>
          {suggestions.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
      </div>
      {placement !== null && (
        <p className="key-hash">
          MD5("{placement.key}") = <code>{placement.hash.slice(0, 8)}…</code>
        </p>
      )}
      <p
        className={placement !== null ? "key-placement key-placed" : "key-placement"}
        data-testid="key-placement"
        aria-live="polite"
      >
        {sentence}
      </p>
    </section>
  );
}
