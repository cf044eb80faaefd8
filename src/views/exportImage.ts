/**
 * A view as an image file. `svgMarkup` clones an on-screen `<svg>` and writes the styles the page's
 * stylesheet gave each element into the clone's `style` attributes, so the file renders the same
 * with no stylesheet (in another browser tab, Inkscape, a slide). `svgToPng` draws that markup on
 * a canvas at twice its size (crisp on a projector or a high-density screen).
 *
 * Views whose picture is partly HTML or canvas (the ring draws nodes as buttons and messages on a
 * canvas) pass `extra`: SVG markup appended on top, made with `svgCircle`, `svgText` and
 * `canvasImage` below.
 */

import { formatBytes } from "./exportFile";

/**
 * The presentation properties worth carrying into the file. Inherited ones are written where they
 * differ from the parent's; the others where they differ from their initial value.
 */
const INHERITED = [
  "fill",
  "fill-opacity",
  "fill-rule",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-dasharray",
  "stroke-dashoffset",
  "stroke-linecap",
  "stroke-linejoin",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "font-variant-numeric",
  "letter-spacing",
  "text-anchor",
  "dominant-baseline",
  "paint-order",
  "visibility",
  "color",
] as const;

const OWN: Record<string, string> = {
  opacity: "1",
  "mix-blend-mode": "normal",
  "stop-color": "rgb(0, 0, 0)",
  "stop-opacity": "1",
};

/** CSS declarations `name:value;` for the properties of `own` that `parent` does not already give. */
export function styleDelta(
  own: (prop: string) => string,
  parent: ((prop: string) => string) | null,
): string {
  const out: string[] = [];
  for (const p of INHERITED) {
    const v = own(p);
    if (v === "" || (parent !== null && parent(p) === v)) continue;
    out.push(`${p}:${v}`);
  }
  for (const [p, initial] of Object.entries(OWN)) {
    const v = own(p);
    if (v !== "" && v !== initial) out.push(`${p}:${v}`);
  }
  return out.join(";");
}

/** Text made safe inside an XML element or a double-quoted attribute. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) =>
    c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : c === '"' ? "&quot;" : "&apos;",
  );
}

export function svgCircle(o: {
  cx: number;
  cy: number;
  r: number;
  fill: string;
  stroke?: string;
  strokeWidth?: number;
  dash?: string;
}): string {
  const stroke =
    o.stroke !== undefined
      ? ` stroke="${escapeXml(o.stroke)}" stroke-width="${o.strokeWidth ?? 1}"`
      : "";
  const dash = o.dash !== undefined ? ` stroke-dasharray="${escapeXml(o.dash)}"` : "";
  return `<circle cx="${o.cx}" cy="${o.cy}" r="${o.r}" fill="${escapeXml(o.fill)}"${stroke}${dash}/>`;
}

export function svgText(o: {
  x: number;
  y: number;
  text: string;
  fill: string;
  size: number;
  weight?: string | number;
  anchor?: "start" | "middle" | "end";
  family?: string;
}): string {
  const family = o.family ?? "system-ui, sans-serif";
  return `<text x="${o.x}" y="${o.y}" fill="${escapeXml(o.fill)}" font-size="${o.size}" font-weight="${o.weight ?? 400}" font-family="${escapeXml(family)}" text-anchor="${o.anchor ?? "start"}" dominant-baseline="central">${escapeXml(o.text)}</text>`;
}

/** A canvas's current pixels as an `<image>` covering (x, y, width, height). */
export function canvasImage(
  canvas: HTMLCanvasElement,
  box: { x: number; y: number; width: number; height: number },
): string {
  const href = canvas.toDataURL("image/png");
  return `<image x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" href="${href}" preserveAspectRatio="none"/>`;
}

export interface SvgExportOptions {
  /** a rectangle of this colour behind the picture; default: the page's background behind it */
  background?: string | null;
  /** SVG markup drawn over the picture, in the picture's coordinates */
  extra?: string;
  /** a `<title>`: what the picture is, for whoever opens the file */
  title?: string;
}

/** The size an `<svg>` is drawn at on screen, and the coordinate box its content uses. */
function boxOf(svg: SVGSVGElement): { width: number; height: number; viewBox: string } {
  const rect = svg.getBoundingClientRect();
  const vb = svg.viewBox.baseVal;
  const hasViewBox = svg.hasAttribute("viewBox") && vb !== null && vb.width > 0 && vb.height > 0;
  const width = Math.max(1, Math.round(hasViewBox ? vb.width : rect.width));
  const height = Math.max(1, Math.round(hasViewBox ? vb.height : rect.height));
  const viewBox = hasViewBox
    ? `${vb.x} ${vb.y} ${vb.width} ${vb.height}`
    : `0 0 ${width} ${height}`;
  return { width, height, viewBox };
}

/** The first non-transparent background colour at or above `el`, white if none. */
function backgroundBehind(el: Element): string {
  for (let e: Element | null = el; e !== null; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg !== "" && bg !== "transparent" && !/^rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return "#ffffff";
}

/**
 * A standalone SVG document of `svg` as drawn now: computed styles inlined, elements the page
 * hides (`display: none`) left out, an explicit size and `viewBox`, and the namespaces a file needs.
 */
export function svgMarkup(svg: SVGSVGElement, options: SvgExportOptions = {}): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const source: Element[] = [svg, ...svg.querySelectorAll("*")];
  const copies: Element[] = [clone, ...clone.querySelectorAll("*")];
  const styles = new Map<Element, CSSStyleDeclaration>();
  const styleOf = (e: Element) => {
    let s = styles.get(e);
    if (s === undefined) {
      s = getComputedStyle(e);
      styles.set(e, s);
    }
    return s;
  };
  const hidden: Element[] = [];
  source.forEach((el, i) => {
    const copy = copies[i];
    if (copy === undefined) return;
    const own = styleOf(el);
    if (own.display === "none") {
      hidden.push(copy);
      return;
    }
    const parentEl = el === svg ? null : el.parentElement;
    const parent = parentEl !== null ? styleOf(parentEl) : null;
    const delta = styleDelta(
      (p) => own.getPropertyValue(p),
      parent !== null ? (p) => parent.getPropertyValue(p) : null,
    );
    if (delta !== "") copy.setAttribute("style", delta);
    else copy.removeAttribute("style");
    copy.removeAttribute("class");
  });
  for (const h of hidden) h.remove();
  const { width, height, viewBox } = boxOf(svg);
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  clone.setAttribute("viewBox", viewBox);
  const background = options.background === undefined ? backgroundBehind(svg) : options.background;
  let markup = new XMLSerializer().serializeToString(clone);
  const [vx, vy] = viewBox.split(" ");
  const before =
    (options.title !== undefined ? `<title>${escapeXml(options.title)}</title>` : "") +
    (background !== null
      ? `<rect x="${vx}" y="${vy}" width="${width}" height="${height}" fill="${escapeXml(background)}"/>`
      : "");
  // the clone's first tag ends at the first ">" outside attribute values; XMLSerializer escapes ">"
  // inside them, so the first ">" closes the tag
  const open = markup.indexOf(">") + 1;
  const close = markup.lastIndexOf("</svg>");
  if (close < 0) {
    // an empty <svg/> serializes self-closed
    markup = `${markup.slice(0, -2)}>${before}${options.extra ?? ""}</svg>`;
  } else {
    markup =
      markup.slice(0, open) +
      before +
      markup.slice(open, close) +
      (options.extra ?? "") +
      markup.slice(close);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${markup}\n`;
}

/** The width and height an SVG document declares. */
export function svgSize(markup: string): { width: number; height: number } {
  const tag = /<svg\b[^>]*>/.exec(markup)?.[0] ?? "";
  const w = Number(/\swidth="([\d.]+)"/.exec(tag)?.[1] ?? Number.NaN);
  const h = Number(/\sheight="([\d.]+)"/.exec(tag)?.[1] ?? Number.NaN);
  if (!(w > 0 && h > 0)) throw new Error("The picture has no size to draw it at.");
  return { width: w, height: h };
}

/** Browsers refuse canvases much past this many pixels; a bigger picture is drawn smaller. */
const MAX_CANVAS_PIXELS = 16_000_000;

/**
 * The SVG document `markup` as a PNG, `scale` times its declared size (2 by default, reduced if
 * the canvas would be too large for the browser).
 */
export async function svgToPng(markup: string, scale = 2): Promise<Blob> {
  const { width, height } = svgSize(markup);
  const fit = Math.sqrt(MAX_CANVAS_PIXELS / (width * height));
  const s = Math.max(0.1, Math.min(scale, fit));
  const img = new Image();
  img.decoding = "sync";
  const loaded = new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error("The browser could not draw the picture."));
  });
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await loaded;
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width * s);
  canvas.height = Math.round(height * s);
  const g = canvas.getContext("2d");
  if (g === null) throw new Error("This browser cannot draw to a canvas.");
  g.scale(s, s);
  g.drawImage(img, 0, 0, width, height);
  return await new Promise<Blob>((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob === null) {
        reject(new Error(`The PNG (${canvas.width} x ${canvas.height}) could not be made here.`));
      } else resolve(blob);
    }, "image/png");
  });
}

/** A short line for the export button's status: what was saved. */
export function savedMessage(name: string, bytes: number): string {
  return `Saved ${name} (${formatBytes(bytes)}).`;
}

/** A canvas's pixels as a PNG (at the canvas's own resolution, device pixels). */
export async function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return await new Promise<Blob>((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob === null) reject(new Error("The picture could not be made here."));
      else resolve(blob);
    }, "image/png");
  });
}

/** An SVG document showing a canvas's pixels at the size the page draws it. */
export function canvasSvg(
  canvas: HTMLCanvasElement,
  title: string,
  background: string | null | undefined,
): string {
  const r = canvas.getBoundingClientRect();
  const width = Math.max(1, Math.round(r.width || canvas.width));
  const height = Math.max(1, Math.round(r.height || canvas.height));
  const bg = background === undefined ? backgroundBehind(canvas) : background;
  const rect =
    bg !== null ? `<rect width="${width}" height="${height}" fill="${escapeXml(bg)}"/>` : "";
  const image = canvasImage(canvas, { x: 0, y: 0, width, height });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${escapeXml(title)}</title>${rect}${image}</svg>\n`;
}
