/**
 * Messages in flight, drawn on a canvas over the ring at display rate. It reads the flight board
 * (src/store/flights.ts) every animation frame and never re-renders: the component mounts once per
 * stage and only the layout it draws with changes. Each message is a dot with a short trail moving
 * from its source to its destination by simulated time; a message the network duplicated carries a
 * dashed ring; a dropped one falls off its path and fades, marked with a red cross. A crowd (over
 * CROWD messages) is drawn without trails, its dots stamped into a pixel buffer (dotRaster.ts) that
 * goes on the canvas in one call.
 *
 * For tests and screen readers the canvas says how many messages it shows: `data-in-flight` and
 * its aria-label ("Messages in flight: N") change when the number does.
 */

import { useEffect, useRef } from "react";
import { CROWD, FALL_WALL_MS, type Fall, type Flight, flightBoard } from "../../store/flights";
import { messageLabel } from "../format";
import { DROP_COLOUR, FAMILY_COLOUR } from "../palette";
import { DotBuffer, discStamp, rgbOf, ringStamp, type Stamp } from "./dotRaster";
import { messagePath, pointAt, type QuadPath, type RingLayout } from "./ringLayout";

/** name the messages on screen when there are at most this many */
const LABEL_LIMIT = 8;
const TRAIL = 0.22;
/** "replica write lost", "put blocked by the partition", "get: E is down" */
function dropLabel(L: RingLayout, fall: Fall): string {
  const what = messageLabel(fall.type);
  switch (fall.reason) {
    case 1:
      return `${what} lost`;
    case 2:
      return `${what} blocked by the partition`;
    case 3:
      return `${what}: ${L.nodes[fall.dst]?.name ?? "destination"} is down`;
    default:
      return `${what} dropped`;
  }
}

/**
 * A message on screen this frame: where it is (ring pixels) and what it is. The entries are kept
 * from frame to frame and overwritten, so that thousands of messages make no garbage per frame.
 */
interface Shown {
  id: number;
  f: Flight;
  path: QuadPath;
  pos: number;
  x: number;
  y: number;
}

/** What the last frame drew: the first `count` entries of `list`, for picking one by a click. */
const drawn: { list: Shown[]; count: number } = { list: [], count: 0 };

/** The message drawn nearest (x, y), within `radius` pixels, or null. */
export function messageAt(x: number, y: number, radius = 12): number | null {
  let best: number | null = null;
  let bestD = radius * radius;
  for (let i = 0; i < drawn.count; i++) {
    const d = drawn.list[i] as Shown;
    const dd = (d.x - x) ** 2 + (d.y - y) ** 2;
    if (dd <= bestD) {
      bestD = dd;
      best = d.id;
    }
  }
  return best;
}

export function MessageCanvas({ layout }: { layout: RingLayout }) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const layoutRef = useRef(layout);

  useEffect(() => {
    layoutRef.current = layout;
  }, [layout]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext("2d");
    if (canvas == null || ctx == null) return;
    let raf = 0;
    let shown = -1;
    let drawnLayout: RingLayout | null = null;
    let drawnEpoch = -1;
    let dpr = 1;
    /** each (source, destination)'s path, at index src * processes + dst */
    let paths: (QuadPath | undefined)[] = [];
    let processes = 1;
    let crowd: CrowdPixels | null = null;

    const pathOf = (L: RingLayout, src: number, dst: number): QuadPath => {
      if (src >= processes || dst >= processes) return messagePath(L, src, dst);
      const key = src * processes + dst;
      let p = paths[key];
      if (p === undefined) {
        p = messagePath(L, src, dst);
        paths[key] = p;
      }
      return p;
    };

    const draw = (wall: number) => {
      raf = requestAnimationFrame(draw);
      const L = layoutRef.current;
      if (L !== drawnLayout || flightBoard.epoch !== drawnEpoch) {
        dpr = window.devicePixelRatio || 1;
        canvas.width = Math.round(L.width * dpr);
        canvas.height = Math.round(L.height * dpr);
        canvas.style.width = `${L.width}px`;
        canvas.style.height = `${L.height}px`;
        processes = L.nodes.length + L.clientChip.length + 1;
        paths = [];
        drawnLayout = L;
        drawnEpoch = flightBoard.epoch;
      }
      const t = flightBoard.displayNow(wall);
      flightBoard.retire(t, wall);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, L.width, L.height);

      const dotR = Math.max(4, Math.min(9, L.nodeR * 0.2));
      // one pass over the board: what is on screen and where (a quadratic Bezier at pos)
      const list = drawn.list;
      let count = 0;
      const hidden = flightBoard.hidden;
      flightBoard.flights.forEach((f, key) => {
        if (f.sentAtMs > t || (hidden.size > 0 && hidden.has(f.family))) return;
        const span = f.endMs - f.sentAtMs;
        const pos = (span > 0 ? (t - f.sentAtMs) / span : 1) * f.fEnd;
        const path = pathOf(L, f.src, f.dst);
        const u = Math.min(1, Math.max(0, pos));
        const w = 1 - u;
        const x = w * w * path.x0 + 2 * w * u * path.cx + u * u * path.x1;
        const y = w * w * path.y0 + 2 * w * u * path.cy + u * u * path.y1;
        // the board keys a copy by flightKey (id * 2, plus one for a duplicate): the message id
        const id = Math.floor(key / 2);
        const v = list[count];
        if (v === undefined) list.push({ id, f, path, pos, x, y });
        else {
          v.id = id;
          v.f = f;
          v.path = path;
          v.pos = pos;
          v.x = x;
          v.y = y;
        }
        count++;
      });
      drawn.count = count;
      const visible = count === list.length ? list : list.slice(0, count);
      const few = visible.length <= LABEL_LIMIT;

      // the whole route, faintly, when there are few enough to follow one by one
      if (few) {
        ctx.lineWidth = 1.5;
        ctx.setLineDash([3, 5]);
        for (const v of visible) {
          ctx.strokeStyle = FAMILY_COLOUR[v.f.family];
          ctx.globalAlpha = 0.28;
          strokePath(ctx, v.path, 0, v.f.fEnd);
        }
        ctx.setLineDash([]);
      }
      if (visible.length > CROWD) {
        // a crowd: no trails or outlines, one dot per message in its kind's colour, copies ringed
        crowd = crowdPixels(ctx, crowd, dpr, dotR);
        drawCrowd(ctx, crowd, visible);
      } else {
        // trails, then dots, then labels, so labels stay on top
        ctx.lineCap = "round";
        ctx.lineWidth = dotR * 1.1;
        for (const v of visible) {
          ctx.strokeStyle = FAMILY_COLOUR[v.f.family];
          ctx.globalAlpha = 0.3;
          strokePath(ctx, v.path, Math.max(0, v.pos - TRAIL), v.pos);
        }
        ctx.globalAlpha = 1;
        for (const v of visible) {
          const colour = FAMILY_COLOUR[v.f.family];
          ctx.beginPath();
          ctx.arc(v.x, v.y, dotR, 0, 2 * Math.PI);
          ctx.fillStyle = colour;
          ctx.fill();
          ctx.lineWidth = 2;
          ctx.strokeStyle = "#ffffff";
          ctx.stroke();
          if (v.f.duplicate) {
            ctx.beginPath();
            ctx.setLineDash([3, 3]);
            ctx.arc(v.x, v.y, dotR + 5, 0, 2 * Math.PI);
            ctx.strokeStyle = colour;
            ctx.stroke();
            ctx.setLineDash([]);
          }
        }
      }
      if (few) {
        ctx.font = `600 ${Math.round(Math.max(12, Math.min(17, L.nodeR * 0.36)))}px system-ui, "DejaVu Sans", "Liberation Sans", sans-serif`;
        ctx.textBaseline = "middle";
        ctx.lineJoin = "round";
        // labels keep clear of the node circles (drawn above the canvas) and of each other
        const taken: Box[] = L.nodes.map((n) => ({
          x0: n.x - L.nodeR,
          y0: n.y - L.nodeR,
          x1: n.x + L.nodeR,
          y1: n.y + L.nodeR,
        }));
        for (const v of visible) {
          const text = messageLabel(v.f.type) + (v.f.duplicate ? " (copy)" : "");
          const at = placeLabel(ctx, text, v.x, v.y, dotR, taken);
          if (at !== null) haloText(ctx, text, at.x, at.y, FAMILY_COLOUR[v.f.family]);
        }
      }

      // drop labels keep clear of each other (two gets lost at one crashed node would otherwise
      // print one over the other)
      const fallTaken: Box[] = [];
      for (const fall of flightBoard.falls) {
        if (flightBoard.hidden.has(fall.family)) continue;
        const label = flightBoard.falls.length <= 4 ? dropLabel(L, fall) : null;
        drawFall(ctx, fall, pathOf(L, fall.src, fall.dst), wall, dotR, label, fallTaken);
      }

      if (visible.length !== shown) {
        shown = visible.length;
        flightBoard.inFlight = shown;
        canvas.dataset.inFlight = String(shown);
        canvas.setAttribute("aria-label", `Messages in flight: ${shown}`);
      }
      // where the first message clear of the node buttons is drawn now, for tests that click one
      const first = firstClear(L, list, count, dotR);
      const dot = first !== undefined ? `${Math.round(first.x)},${Math.round(first.y)}` : "";
      if (canvas.dataset.dot !== dot) canvas.dataset.dot = dot;
    };
    raf = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(raf);
  }, []);

  return (
    <canvas
      ref={canvasRef}
      className="message-canvas"
      role="img"
      aria-label="Messages in flight: 0"
      data-in-flight="0"
    />
  );
}

/** The first of the shown messages that a click would reach (not under a node's button). */
function firstClear(L: RingLayout, list: Shown[], count: number, dotR: number): Shown | undefined {
  const clear = (L.nodeR + dotR) ** 2;
  for (let i = 0; i < count; i++) {
    const v = list[i] as Shown;
    if (L.nodes.every((n) => (n.x - v.x) ** 2 + (n.y - v.y) ** 2 > clear)) return v;
  }
  return undefined;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Where to write a message's label next to its dot without covering another label: above right,
 * below right, above left or below left, the first that is free; null when none is.
 */
function placeLabel(
  ctx: CanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  dotR: number,
  taken: Box[],
): { x: number; y: number } | null {
  const w = ctx.measureText(text).width;
  const h = 16;
  const gap = dotR + 5;
  const spots = [
    { x: x + gap, y: y - gap },
    { x: x + gap, y: y + gap },
    { x: x - gap - w, y: y - gap },
    { x: x - gap - w, y: y + gap },
  ];
  for (const s of spots) {
    const box = { x0: s.x - 2, y0: s.y - h / 2, x1: s.x + w + 2, y1: s.y + h / 2 };
    if (taken.every((b) => box.x1 < b.x0 || box.x0 > b.x1 || box.y1 < b.y0 || box.y0 > b.y1)) {
      taken.push(box);
      return s;
    }
  }
  return null;
}

/** Each family's colour as RGB, for the crowd's pixel buffer. */
const FAMILY_RGB = Object.fromEntries(
  Object.entries(FAMILY_COLOUR).map(([family, hex]) => [family, rgbOf(hex)]),
) as Record<Flight["family"], [number, number, number]>;
const CROWD_RING_RGB = rgbOf("#1b2330");

/** The crowd's pixel buffer and stamps, kept while the canvas size and dot size stay the same. */
interface CrowdPixels {
  image: ImageData;
  buffer: DotBuffer;
  dpr: number;
  dotR: number;
  disc: Stamp;
  ring: Stamp;
}

function crowdPixels(
  ctx: CanvasRenderingContext2D,
  kept: CrowdPixels | null,
  dpr: number,
  dotR: number,
): CrowdPixels {
  const { width, height } = ctx.canvas;
  if (kept !== null && kept.image.width === width && kept.image.height === height) {
    if (kept.dpr === dpr && kept.dotR === dotR) return kept;
  }
  const r = Math.max(3, dotR * 0.75) * dpr;
  const image =
    kept !== null && kept.image.width === width && kept.image.height === height
      ? kept.image
      : ctx.createImageData(Math.max(1, width), Math.max(1, height));
  return {
    image,
    buffer:
      kept !== null && kept.image === image
        ? kept.buffer
        : new DotBuffer(image.data, image.width, image.height),
    dpr,
    dotR,
    disc: discStamp(r),
    ring: ringStamp(r + 3.25 * dpr, r + 4.75 * dpr),
  };
}

/**
 * Many messages at once: no trails or outlines, each dot in its kind's colour, duplicate copies
 * ringed. The dots are stamped into a pixel buffer (dotRaster.ts) and put on the canvas in one
 * call: filling thousands of canvas arcs is what made a crowded frame slow with software rendering.
 * Whatever is drawn after (drops falling) goes over it with ordinary canvas calls.
 */
function drawCrowd(ctx: CanvasRenderingContext2D, px: CrowdPixels, visible: Shown[]): void {
  const { image, buffer, dpr, disc, ring } = px;
  buffer.clear();
  for (const v of visible) buffer.paint(disc, v.x * dpr, v.y * dpr, FAMILY_RGB[v.f.family]);
  for (const v of visible) {
    if (v.f.duplicate) buffer.paint(ring, v.x * dpr, v.y * dpr, CROWD_RING_RGB);
  }
  // only the part the dots cover: the canvas was cleared, and copying pixels costs by the pixel
  const box = buffer.painted();
  if (box !== null) ctx.putImageData(image, 0, 0, box.x, box.y, box.width, box.height);
}

function strokePath(ctx: CanvasRenderingContext2D, path: QuadPath, from: number, to: number) {
  if (to <= from) return;
  const steps = Math.max(2, Math.ceil((to - from) * 24));
  ctx.beginPath();
  for (let k = 0; k <= steps; k++) {
    const p = pointAt(path, from + ((to - from) * k) / steps);
    if (k === 0) ctx.moveTo(p.x, p.y);
    else ctx.lineTo(p.x, p.y);
  }
  ctx.stroke();
}

function haloText(
  ctx: CanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  colour: string,
) {
  ctx.globalAlpha = 1;
  ctx.lineWidth = 4;
  ctx.strokeStyle = "rgba(255,255,255,0.92)";
  ctx.strokeText(text, x, y);
  ctx.fillStyle = colour;
  ctx.fillText(text, x, y);
}

function drawFall(
  ctx: CanvasRenderingContext2D,
  fall: Fall,
  path: QuadPath,
  wall: number,
  dotR: number,
  label: string | null,
  taken: Box[],
) {
  const age = Math.min(1, Math.max(0, (wall - fall.startWall) / FALL_WALL_MS));
  const at = pointAt(path, fall.f);
  // the message drops off its path and fades
  ctx.globalAlpha = Math.max(0, 1 - age * 1.3);
  ctx.beginPath();
  ctx.arc(at.x + age * 10, at.y + 70 * age * age, dotR, 0, 2 * Math.PI);
  ctx.fillStyle = FAMILY_COLOUR[fall.family];
  ctx.fill();
  // a red cross where it was dropped, fading more slowly
  ctx.globalAlpha = Math.max(0, 1 - age * age);
  const s = dotR + 3;
  ctx.strokeStyle = DROP_COLOUR;
  ctx.lineWidth = 3.5;
  ctx.lineCap = "round";
  ctx.beginPath();
  ctx.moveTo(at.x - s, at.y - s);
  ctx.lineTo(at.x + s, at.y + s);
  ctx.moveTo(at.x + s, at.y - s);
  ctx.lineTo(at.x - s, at.y + s);
  ctx.stroke();
  if (label !== null && age < 0.75) {
    ctx.font = `600 15px system-ui, "DejaVu Sans", "Liberation Sans", sans-serif`;
    ctx.textBaseline = "middle";
    // beside the cross, or a line or two lower; left out when there is no free place
    const w = ctx.measureText(label).width;
    for (const dy of [0, 18, -18, 36]) {
      const x = at.x + s + 6;
      const y = at.y + dy;
      const box = { x0: x - 2, y0: y - 9, x1: x + w + 2, y1: y + 9 };
      if (taken.every((b) => box.x1 < b.x0 || box.x0 > b.x1 || box.y1 < b.y0 || box.y0 > b.y1)) {
        taken.push(box);
        haloText(ctx, label, x, y, DROP_COLOUR);
        break;
      }
    }
  }
  ctx.globalAlpha = 1;
}
