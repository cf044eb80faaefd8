/**
 * Share: a link to this run at this instant (the preset and its changes, the seed, the
 * interventions made, the playhead), copied to the clipboard and shown so it can be copied by hand
 * where the clipboard is not allowed.
 */

import { useEffect, useRef, useState } from "react";
import { useSession } from "../../app/SessionContext";
import { SHARE_MAX_CHARS, shareHash } from "../../app/share";

export function ShareButton() {
  const session = useSession();
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [tooLong, setTooLong] = useState<string | null>(null);
  const root = useRef<HTMLDivElement | null>(null);
  const open = link !== null || tooLong !== null;
  // the box is a snapshot of this instant: it goes with Escape or a click anywhere else, rather
  // than stay over the side panel while the run moves on
  useEffect(() => {
    if (!open) return;
    const close = () => {
      setLink(null);
      setTooLong(null);
    };
    const onPointer = (e: PointerEvent) => {
      if (e.target instanceof Node && root.current?.contains(e.target)) return;
      close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      // focus inside the box goes back to the button that opened it, not to the page
      const within =
        document.activeElement !== null && root.current?.contains(document.activeElement);
      close();
      if (within) root.current?.querySelector<HTMLButtonElement>("button")?.focus();
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);
  const share = async () => {
    const run = session.shareable();
    if (run === null) return;
    const hash = await shareHash(run);
    if (hash.length - "#share=".length > SHARE_MAX_CHARS) {
      setLink(null);
      setTooLong(
        `A link to this run would be ${hash.length.toLocaleString("en-US")} characters, more than a link may hold; use Files, Save scenario instead.`,
      );
      return;
    }
    setTooLong(null);
    const url = `${window.location.origin}${window.location.pathname}${hash}`;
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="share" ref={root}>
      <button type="button" onClick={() => void share()}>
        Share
      </button>
      {tooLong !== null && (
        <div className="share-box">
          <span>{tooLong}</span>
          <button
            type="button"
            className="close"
            aria-label="Close message"
            onClick={() => setTooLong(null)}
          >
            ✕
          </button>
        </div>
      )}
      {link !== null && (
        <div className="share-box" aria-live="polite">
          <span>{copied ? "Link copied:" : "Copy this link:"}</span>
          <input
            readOnly
            value={link}
            aria-label="Link to this run"
            onFocus={(e) => e.currentTarget.select()}
          />
          <button
            type="button"
            className="close"
            aria-label="Close link"
            onClick={() => setLink(null)}
          >
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
