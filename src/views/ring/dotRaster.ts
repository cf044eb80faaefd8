/**
 * A crowd of message dots rasterized by hand into a pixel buffer, then put on the canvas in one
 * call. With software rendering (no GPU) the browser fills each canvas arc with its anti-aliased
 * path rasterizer when the frame is committed; a few thousand small discs cost it tens of
 * milliseconds a frame. A disc is a few dozen pixels: stamping a precomputed coverage mask into
 * an RGBA buffer costs a couple of milliseconds for thousands of them, and the canvas then only
 * copies the buffer.
 *
 * Pure over typed arrays (no DOM), so it is tested in Node; MessageCanvas owns the ImageData.
 */

/** A square coverage mask, centred on its middle pixel: `cover[y * size + x]` in 0..255. */
export interface Stamp {
  size: number;
  cover: Uint8Array;
}

/** Coverage of the square pixel at (px, py), sampled 4 x 4, by the ring from rIn to rOut. */
function coverage(px: number, py: number, rIn: number, rOut: number): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const x = px + (sx + 0.5) / 4 - 0.5;
      const y = py + (sy + 0.5) / 4 - 0.5;
      const d2 = x * x + y * y;
      if (d2 <= rOut * rOut && d2 >= rIn * rIn) hits++;
    }
  }
  return Math.round((hits / 16) * 255);
}

/** An anti-aliased ring from radius `rIn` to `rOut` (device pixels); rIn = 0 makes a disc. */
export function ringStamp(rIn: number, rOut: number): Stamp {
  const half = Math.ceil(rOut) + 1;
  const size = 2 * half + 1;
  const cover = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) cover[y * size + x] = coverage(x - half, y - half, rIn, rOut);
  }
  return { size, cover };
}

export function discStamp(r: number): Stamp {
  return ringStamp(0, r);
}

/** "#1f6fd1" -> [31, 111, 209] */
export function rgbOf(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (m === null) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = Number.parseInt(m[1] as string, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The platform stores a 32-bit word's low byte first (every browser's platform in practice). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A stamp laid out for a buffer's width: offsets from the centre pixel, solid ones and edges. */
interface Plan {
  width: number;
  solid: Int32Array;
  edge: Int32Array;
  /** each edge pixel's coverage, shifted into the alpha byte of a little-endian RGBA word */
  edgeAlpha: Uint32Array;
}

/**
 * An RGBA pixel buffer (not premultiplied, as ImageData holds it) that stamps are painted into.
 * Fully covered pixels are written as one 32-bit word (a later dot covers an earlier one); an edge
 * pixel keeps whichever colour covers it more, at that coverage, so overlapping dots stay crisp
 * and the edges stay smooth against what is drawn under the canvas.
 */
export class DotBuffer {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
  private readonly words: Uint32Array;
  private readonly plans = new Map<Stamp, Plan>();

  constructor(data: Uint8ClampedArray, width: number, height: number) {
    if (data.length !== width * height * 4) throw new Error("pixel buffer size does not match");
    this.width = width;
    this.height = height;
    this.data = data;
    this.words = new Uint32Array(data.buffer, data.byteOffset, width * height);
    // whatever the buffer holds now is cleared by the first clear()
    this.box = { x0: 0, y0: 0, x1: width, y1: height };
  }

  /** the box painted since the last clear (pixels, x1 and y1 exclusive); empty when x1 <= x0 */
  private box = { x0: 0, y0: 0, x1: 0, y1: 0 };

  /** Clears what was painted since the last clear (the rest is clear already). */
  clear(): void {
    const { x0, y0, x1, y1 } = this.box;
    for (let y = y0; y < y1; y++) this.words.fill(0, y * this.width + x0, y * this.width + x1);
    this.box = { x0: this.width, y0: this.height, x1: 0, y1: 0 };
  }

  /** The box painted since the last clear, for putting only that part on the canvas (or null). */
  painted(): { x: number; y: number; width: number; height: number } | null {
    const { x0, y0, x1, y1 } = this.box;
    return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
  }

  private grow(xc: number, yc: number, half: number): void {
    const b = this.box;
    b.x0 = Math.min(b.x0, Math.max(0, xc - half));
    b.y0 = Math.min(b.y0, Math.max(0, yc - half));
    b.x1 = Math.max(b.x1, Math.min(this.width, xc + half + 1));
    b.y1 = Math.max(b.y1, Math.min(this.height, yc + half + 1));
  }

  private plan(stamp: Stamp): Plan {
    let plan = this.plans.get(stamp);
    if (plan !== undefined) return plan;
    const half = (stamp.size - 1) >> 1;
    const solid: number[] = [];
    const edge: number[] = [];
    const alpha: number[] = [];
    for (let y = 0; y < stamp.size; y++) {
      for (let x = 0; x < stamp.size; x++) {
        const c = stamp.cover[y * stamp.size + x] as number;
        const off = (y - half) * this.width + (x - half);
        if (c === 255) solid.push(off);
        else if (c > 0) {
          edge.push(off);
          alpha.push((c << 24) >>> 0);
        }
      }
    }
    plan = {
      width: this.width,
      solid: Int32Array.from(solid),
      edge: Int32Array.from(edge),
      edgeAlpha: Uint32Array.from(alpha),
    };
    this.plans.set(stamp, plan);
    return plan;
  }

  /** Paints `stamp` in colour `rgb` centred at (x, y), device pixels rounded to the nearest one. */
  paint(stamp: Stamp, x: number, y: number, rgb: readonly [number, number, number]): void {
    const half = (stamp.size - 1) >> 1;
    const xc = Math.round(x);
    const yc = Math.round(y);
    if (xc + half < 0 || yc + half < 0 || xc - half >= this.width || yc - half >= this.height) {
      return; // wholly outside
    }
    this.grow(xc, yc, half);
    if (
      !LITTLE_ENDIAN ||
      xc - half < 0 ||
      yc - half < 0 ||
      xc + half >= this.width ||
      yc + half >= this.height
    ) {
      // near the border (or on a big-endian platform): byte by byte, clipped
      paintStamp(this.data, this.width, this.height, stamp, xc, yc, rgb);
      return;
    }
    const { solid, edge, edgeAlpha } = this.plan(stamp);
    const centre = yc * this.width + xc;
    const colour = rgb[0] | (rgb[1] << 8) | (rgb[2] << 16);
    const opaque = (colour | 0xff000000) >>> 0;
    const words = this.words;
    for (let k = 0; k < solid.length; k++) words[centre + (solid[k] as number)] = opaque;
    for (let k = 0; k < edge.length; k++) {
      const j = centre + (edge[k] as number);
      const a = edgeAlpha[k] as number;
      if ((words[j] as number) >>> 24 < a >>> 24) words[j] = (colour | a) >>> 0;
    }
  }
}

/** Source-over of colour `rgb` at coverage c (1..255) onto the pixel at byte `i`, straight alpha. */
function blend(
  data: Uint8ClampedArray,
  i: number,
  c: number,
  rgb: readonly [number, number, number],
): void {
  const dA = data[i + 3] as number;
  if (c === 255 || dA === 0) {
    data[i] = rgb[0];
    data[i + 1] = rgb[1];
    data[i + 2] = rgb[2];
    data[i + 3] = Math.max(c, dA);
    return;
  }
  // out = (src * a + dst * dA * (1 - a)) / outA, outA = a + dA * (1 - a)
  const a = c / 255;
  const d = (dA / 255) * (1 - a);
  const outA = a + d;
  data[i] = (rgb[0] * a + (data[i] as number) * d) / outA;
  data[i + 1] = (rgb[1] * a + (data[i + 1] as number) * d) / outA;
  data[i + 2] = (rgb[2] * a + (data[i + 2] as number) * d) / outA;
  data[i + 3] = outA * 255;
}

/**
 * Paints `stamp` in colour `rgb` centred at (x, y) (device pixels, rounded to the nearest pixel)
 * into `data` (RGBA, not premultiplied, `width` x `height`), over what is there ("source-over").
 * Parts outside the buffer are clipped.
 */
export function paintStamp(
  data: Uint8ClampedArray,
  width: number,
  height: number,
  stamp: Stamp,
  x: number,
  y: number,
  rgb: readonly [number, number, number],
): void {
  const half = (stamp.size - 1) >> 1;
  const x0 = Math.round(x) - half;
  const y0 = Math.round(y) - half;
  const sxFrom = Math.max(0, -x0);
  const syFrom = Math.max(0, -y0);
  const sxTo = Math.min(stamp.size, width - x0);
  const syTo = Math.min(stamp.size, height - y0);
  const { cover, size } = stamp;
  for (let sy = syFrom; sy < syTo; sy++) {
    for (let sx = sxFrom; sx < sxTo; sx++) {
      const c = cover[sy * size + sx] as number;
      if (c > 0) blend(data, ((y0 + sy) * width + x0 + sx) * 4, c, rgb);
    }
  }
}
