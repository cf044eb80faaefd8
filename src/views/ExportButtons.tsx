/**
 * Two small buttons beside a view's title: save the view as SVG or as PNG (twice its size). The
 * view hands over how to find its `<svg>` (and, if part of its picture is HTML or canvas, markup
 * to draw over it); file names say the scenario, seed, instant and view
 * (`ringlab-sloppy-quorum-seed-3-2500ms-ring.png`).
 */

import { type RefObject, useEffect, useMemo, useRef, useState } from "react";
import { useAppStore } from "../store/appStore";
import { downloadBlob, fileName, instantPart, MIME } from "./exportFile";
import { canvasPng, canvasSvg, savedMessage, svgMarkup, svgToPng } from "./exportImage";

export type ExportSource =
  | {
      /** the view's `<svg>`, or null when it shows nothing now */
      svg: () => SVGSVGElement | null;
      /** SVG markup drawn over the picture (in its coordinates) */
      extra?: () => string;
      /** background colour; default the page's behind the view */
      background?: string | null;
    }
  | {
      /** a view drawn on a canvas: the PNG is its pixels, the SVG holds them as an image */
      canvas: () => HTMLCanvasElement | null;
      background?: string | null;
    };

/** A ref to put on the element that holds a view's `<svg>`, and the export source reading it. */
export function useSvgSource<T extends HTMLElement>(): [RefObject<T | null>, ExportSource] {
  const ref = useRef<T | null>(null);
  const source = useMemo(() => svgIn(ref), []);
  return [ref, source];
}

/** The export source of the first `<svg>` inside the element `ref` holds. */
export function svgIn(ref: RefObject<HTMLElement | null>): ExportSource {
  return { svg: () => ref.current?.querySelector<SVGSVGElement>("svg") ?? null };
}

/** The name parts of what the live run shows now: scenario, seed, instant. */
export function useRunNameParts(): string[] {
  const preset = useAppStore((s) => s.info?.preset ?? "scenario");
  const seed = useAppStore((s) => s.info?.seed ?? null);
  const nowMs = useAppStore((s) => s.run?.nowMs ?? 0);
  return ["ringlab", preset, seed !== null ? `seed-${seed}` : "", instantPart(nowMs)];
}

export function ExportButtons(props: {
  /** what the view is called in labels ("the ring") and, slugged, in file names */
  label: string;
  source: ExportSource;
  /** name parts before the view's; default the live run's scenario, seed and instant */
  nameParts?: readonly string[];
}) {
  const runParts = useRunNameParts();
  const parts = props.nameParts ?? runParts;
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (note === null) return;
    const t = setTimeout(() => setNote(null), 6000);
    return () => clearTimeout(t);
  }, [note]);
  const save = async (kind: "svg" | "png") => {
    try {
      const title = `RingLab: ${props.label} (${parts.filter((p) => p !== "").join(", ")})`;
      const name = fileName([...parts, props.label.replace(/^the /i, "")], kind);
      const source = props.source;
      let blob: Blob;
      if ("canvas" in source) {
        const canvas = source.canvas();
        if (canvas === null || canvas.width === 0 || canvas.height === 0)
          throw new Error(`There is nothing in ${props.label} to save yet.`);
        blob =
          kind === "svg"
            ? new Blob([canvasSvg(canvas, title, source.background)], { type: MIME.svg })
            : await canvasPng(canvas);
      } else {
        const svg = source.svg();
        if (svg === null) throw new Error(`There is nothing in ${props.label} to save yet.`);
        const markup = svgMarkup(svg, {
          background: source.background,
          extra: source.extra?.(),
          title,
        });
        blob = kind === "svg" ? new Blob([markup], { type: MIME.svg }) : await svgToPng(markup, 2);
      }
      downloadBlob(name, blob);
      setNote(savedMessage(name, blob.size));
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <span className="export-buttons">
      <button
        type="button"
        className="export-button"
        aria-label={`Save ${props.label} as SVG`}
        title={`Save ${props.label} as SVG`}
        onClick={() => void save("svg")}
      >
        SVG
      </button>
      <button
        type="button"
        className="export-button"
        aria-label={`Save ${props.label} as PNG`}
        title={`Save ${props.label} as PNG (twice its size)`}
        onClick={() => void save("png")}
      >
        PNG
      </button>
      <span className="export-note" aria-live="polite">
        {note}
      </span>
    </span>
  );
}
