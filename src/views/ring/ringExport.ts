/**
 * The ring as one picture. On screen it is three layers: the SVG (ranges, clients, the key), a
 * canvas with the messages in flight, and the nodes as HTML buttons with status labels beside
 * them. For a file, the canvas becomes an `<image>` and each node a circle with its letter, drawn
 * with the colours the page gives it now, in the SVG's coordinates.
 */

import { canvasImage, escapeXml, svgCircle, svgText } from "../exportImage";

function px(v: string): number {
  const n = Number.parseFloat(v);
  return Number.isFinite(n) ? n : 0;
}

/** SVG markup for what `stage` draws outside its `<svg>`, placed over that `<svg>`. */
export function ringOverlayMarkup(stage: HTMLElement, svg: SVGSVGElement): string {
  const origin = svg.getBoundingClientRect();
  const out: string[] = [];
  const canvas = stage.querySelector("canvas");
  if (canvas instanceof HTMLCanvasElement && canvas.width > 0 && canvas.height > 0) {
    const r = canvas.getBoundingClientRect();
    out.push(
      canvasImage(canvas, {
        x: r.left - origin.left,
        y: r.top - origin.top,
        width: r.width,
        height: r.height,
      }),
    );
  }
  for (const el of stage.querySelectorAll<HTMLElement>(".node")) {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    const border = px(s.borderTopWidth);
    const cx = r.left - origin.left + r.width / 2;
    const cy = r.top - origin.top + r.height / 2;
    const outer = r.width / 2;
    // rings drawn with box-shadow spreads (a hinted node's gold ring), widest first
    for (const ring of shadowRings(s.boxShadow).sort((a, b) => b.spread - a.spread)) {
      out.push(svgCircle({ cx, cy, r: outer + ring.spread, fill: ring.colour }));
    }
    if (s.outlineStyle !== "none" && px(s.outlineWidth) > 0) {
      const w = px(s.outlineWidth);
      out.push(
        svgCircle({
          cx,
          cy,
          r: outer + px(s.outlineOffset) + w / 2,
          fill: "none",
          stroke: s.outlineColor,
          strokeWidth: w,
          dash: s.outlineStyle === "dashed" ? `${w * 2} ${w * 1.5}` : undefined,
        }),
      );
    }
    if (s.opacity !== "1") out.push(`<g opacity="${Number(s.opacity)}">`);
    out.push(
      svgCircle({
        cx,
        cy,
        r: Math.max(1, r.width / 2 - border / 2),
        fill: s.backgroundColor,
        stroke: s.borderTopColor,
        strokeWidth: border,
        dash: s.borderTopStyle === "dashed" ? `${border * 2} ${border * 1.5}` : undefined,
      }),
    );
    // the letter is the button's own text, not the replica badge inside it
    const letter = [...el.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent ?? "")
      .join("")
      .trim();
    out.push(
      svgText({
        x: cx,
        y: cy,
        text: letter,
        fill: s.color,
        size: px(s.fontSize),
        weight: s.fontWeight,
        anchor: "middle",
        family: s.fontFamily,
      }),
    );
    if (s.opacity !== "1") out.push("</g>");
    const badge = el.querySelector<HTMLElement>(".replica-badge");
    if (badge !== null) {
      const b = badge.getBoundingClientRect();
      const bs = getComputedStyle(badge);
      const bx = b.left - origin.left + b.width / 2;
      const by = b.top - origin.top + b.height / 2;
      out.push(svgCircle({ cx: bx, cy: by, r: b.width / 2, fill: bs.backgroundColor }));
      out.push(
        svgText({
          x: bx,
          y: by,
          text: badge.textContent ?? "",
          fill: bs.color,
          size: px(bs.fontSize),
          weight: bs.fontWeight,
          anchor: "middle",
          family: bs.fontFamily,
        }),
      );
    }
  }
  for (const el of stage.querySelectorAll<HTMLElement>(".node-status")) {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    if ((el.textContent ?? "").trim() === "") continue;
    const runs = textRuns(el).map(
      (run) =>
        `<tspan fill="${escapeXml(run.colour)}" font-weight="${escapeXml(run.weight)}">${escapeXml(run.text)}</tspan>`,
    );
    out.push(
      `<text x="${r.left - origin.left}" y="${r.top - origin.top + r.height / 2}" font-size="${px(s.fontSize)}" font-family="${escapeXml(s.fontFamily)}" dominant-baseline="central" xml:space="preserve">${runs.join("")}</text>`,
    );
  }
  return out.join("");
}

/** The spread rings of a computed `box-shadow` with no offset and no blur. */
export function shadowRings(boxShadow: string): { colour: string; spread: number }[] {
  if (boxShadow === "none" || boxShadow === "") return [];
  const rings: { colour: string; spread: number }[] = [];
  // split on commas outside parentheses
  for (const part of boxShadow.split(/,(?![^(]*\))/)) {
    const colour = /(rgba?\([^)]*\)|#[0-9a-f]+|[a-z]+)/i.exec(part)?.[1];
    const lengths = [...part.replace(/rgba?\([^)]*\)/g, "").matchAll(/(-?[\d.]+)px/g)].map((m) =>
      Number(m[1]),
    );
    const [dx = 0, dy = 0, blur = 0, spread = 0] = lengths;
    if (colour !== undefined && dx === 0 && dy === 0 && blur === 0 && spread > 0) {
      rings.push({ colour, spread });
    }
  }
  return rings;
}

/** The text of `el` as runs of one colour and weight (a status label's coloured parts). */
function textRuns(el: Element): { text: string; colour: string; weight: string }[] {
  const runs: { text: string; colour: string; weight: string }[] = [];
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        const parent = child.parentElement;
        if (parent === null) continue;
        const s = getComputedStyle(parent);
        const raw = child.textContent ?? "";
        const text = s.textTransform === "uppercase" ? raw.toUpperCase() : raw;
        if (text !== "") runs.push({ text, colour: s.color, weight: s.fontWeight });
      } else if (child.nodeType === Node.ELEMENT_NODE) walk(child);
    }
  };
  walk(el);
  return runs;
}
