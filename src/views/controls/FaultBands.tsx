/**
 * The faults of the run as spans under the timeline scrubber, in thin bands (crashes, partition,
 * links, slow nodes, clocks), each with a pattern of its own so that kinds differ without colour:
 * a crash hatched grey, a partition as a wall of bricks, a link dashed, a slow node dotted, a
 * skewed clock striped. The part of the run still to come is veiled. Under the bands a line names
 * the faults in force now (or the one under the pointer); every span is a list item named by its
 * sentence ("C crashed 300 ms – 900 ms"), for screen readers and tests.
 */

import { useEffect, useMemo, useRef, useState } from "react";
import { useAppStore } from "../../store/appStore";
import { selectInfo, selectTimeline } from "../../store/selectors";
import { activeAt, faultSpans, type PlacedSpan, placeSpans, spanText } from "./faultSpans";

/** px per row of bands (a band's height plus the gap under it) */
const ROW_PX = 10;

export function FaultBands({ nowMs, endMs }: { nowMs: number; endMs: number }) {
  const timeline = useAppStore(selectTimeline);
  const [pointed, setPointed] = useState<PlacedSpan | null>(null);
  const info = useAppStore(selectInfo);
  const spans = useMemo(
    () =>
      faultSpans(timeline, {
        loss: info?.loss,
        duplicate: info?.duplicate,
        clocks: info?.clocks,
      }),
    [timeline, info],
  );
  const placed = useMemo(() => placeSpans(spans, endMs), [spans, endMs]);
  const ref = useBandsHeight(spans.length > 0);
  if (spans.length === 0) return null;
  const max = endMs || 1;
  const pct = (ms: number) => (Math.min(Math.max(ms / max, 0), 1) * 100).toFixed(2);
  const active = activeAt(spans, nowMs);
  const caption =
    pointed !== null
      ? spanText(pointed, nowMs)
      : active.length > 0
        ? active.map((s) => spanText(s, nowMs)).join(" · ")
        : `${spans.length} ${spans.length === 1 ? "fault" : "faults"} on the timeline, none in force now`;
  return (
    <div className="fault-bands" ref={ref}>
      <div className="fault-rows" style={{ height: placed.rows * ROW_PX }}>
        <ol aria-label="Faults on the timeline">
          {placed.spans.map((s) => {
            const text = spanText(s, nowMs);
            const stop = s.endMs ?? Math.max(endMs, s.startMs);
            return (
              <li
                key={`${s.kind}|${s.subject}|${s.startMs}`}
                className={`fault-span fault-span-${s.kind}${s.endMs === null ? " fault-span-open" : ""}`}
                data-kind={s.kind}
                aria-label={text}
                title={text}
                style={{
                  left: `${pct(s.startMs)}%`,
                  width: `${(Number(pct(stop)) - Number(pct(s.startMs))).toFixed(2)}%`,
                  top: s.row * ROW_PX,
                }}
                onPointerEnter={() => setPointed(s)}
                onPointerLeave={() => setPointed(null)}
              />
            );
          })}
        </ol>
        {nowMs < max && (
          <div className="fault-future" aria-hidden="true" style={{ left: `${pct(nowMs)}%` }} />
        )}
      </div>
      <p className="fault-caption" data-testid="fault-caption">
        {caption}
      </p>
    </div>
  );
}

/**
 * The bands make the run bar taller: the stage's captions placed above the run bar (the range
 * caption) read how much from `--fault-bands-height` on the stage body.
 */
function useBandsHeight(shown: boolean) {
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!shown) return;
    const el = ref.current;
    const host = el?.closest<HTMLElement>(".stage-body");
    if (el == null || host == null) return;
    const set = () => host.style.setProperty("--fault-bands-height", `${el.offsetHeight + 3}px`);
    set();
    const observer = new ResizeObserver(set);
    observer.observe(el);
    return () => {
      observer.disconnect();
      host.style.removeProperty("--fault-bands-height");
    };
  }, [shown]);
  return ref;
}
