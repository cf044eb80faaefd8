import { describe, expect, it } from "vitest";
import { DotBuffer, discStamp, paintStamp, rgbOf, ringStamp } from "./dotRaster";

const BLUE = rgbOf("#1f6fd1");
const ORANGE = rgbOf("#e0680f");

function pixel(data: Uint8ClampedArray, width: number, x: number, y: number) {
  const i = (y * width + x) * 4;
  return [data[i], data[i + 1], data[i + 2], data[i + 3]];
}

function buffer(width: number, height: number) {
  const data = new Uint8ClampedArray(width * height * 4);
  return { data, dots: new DotBuffer(data, width, height) };
}

describe("stamps", () => {
  it("a disc of radius 3 covers its centre fully, its corners not at all, and its rim in part", () => {
    const s = discStamp(3);
    const half = (s.size - 1) / 2;
    const at = (dx: number, dy: number) => s.cover[(half + dy) * s.size + half + dx];
    expect(at(0, 0)).toBe(255);
    expect(at(2, 0)).toBe(255);
    expect(at(half, half)).toBe(0);
    expect(at(3, 0)).toBeGreaterThan(0);
    expect(at(3, 0)).toBeLessThan(255);
    // its area is close to pi r^2
    const area = s.cover.reduce((a, c) => a + c / 255, 0);
    expect(area).toBeGreaterThan(Math.PI * 9 * 0.9);
    expect(area).toBeLessThan(Math.PI * 9 * 1.1);
  });

  it("a ring leaves its middle empty", () => {
    const s = ringStamp(5, 6.5);
    const half = (s.size - 1) / 2;
    expect(s.cover[half * s.size + half]).toBe(0);
    expect(s.cover[half * s.size + half + 6]).toBeGreaterThan(128);
  });

  it("reads #rrggbb colours and refuses others", () => {
    expect(rgbOf("#1f6fd1")).toEqual([31, 111, 209]);
    expect(() => rgbOf("blue")).toThrow(/#rrggbb/);
  });
});

describe("DotBuffer", () => {
  it("paints a dot where asked, in its colour, opaque in the middle", () => {
    const { data, dots } = buffer(20, 20);
    dots.paint(discStamp(3), 10, 10, BLUE);
    expect(pixel(data, 20, 10, 10)).toEqual([...BLUE, 255]);
    expect(pixel(data, 20, 2, 2)).toEqual([0, 0, 0, 0]);
    // the rim is the same colour, partly covered
    const rim = pixel(data, 20, 13, 10);
    expect(rim.slice(0, 3)).toEqual(BLUE);
    expect(rim[3]).toBeGreaterThan(0);
    expect(rim[3]).toBeLessThan(255);
  });

  it("a later dot covers an earlier one where they overlap", () => {
    const { data, dots } = buffer(20, 20);
    dots.paint(discStamp(3), 9, 10, BLUE);
    dots.paint(discStamp(3), 11, 10, ORANGE);
    expect(pixel(data, 20, 11, 10)).toEqual([...ORANGE, 255]);
    expect(pixel(data, 20, 7, 10)).toEqual([...BLUE, 255]);
  });

  it("paints the same pixels as the careful byte-by-byte path on a clear buffer", () => {
    const a = buffer(30, 30);
    const b = new Uint8ClampedArray(30 * 30 * 4);
    const disc = discStamp(4.2);
    a.dots.paint(disc, 12.4, 15.6, BLUE);
    paintStamp(b, 30, 30, disc, 12.4, 15.6, BLUE);
    expect(Array.from(a.data)).toEqual(Array.from(b));
  });

  it("clips a dot at the border instead of wrapping it to the other side", () => {
    const { data, dots } = buffer(20, 20);
    dots.paint(discStamp(3), 0, 10, BLUE);
    expect(pixel(data, 20, 0, 10)).toEqual([...BLUE, 255]);
    // nothing on the far right of the row above (where a wrapped dot would land)
    for (let x = 15; x < 20; x++) expect(pixel(data, 20, x, 9)[3]).toBe(0);
    dots.paint(discStamp(3), -50, -50, BLUE); // wholly outside: nothing, and no error
    dots.paint(discStamp(3), 19.6, 19.6, ORANGE);
    expect(pixel(data, 20, 19, 19)).toEqual([...ORANGE, 255]);
  });

  it("clears to transparent, the whole buffer the first time, then what was painted", () => {
    const data = new Uint8ClampedArray(8 * 8 * 4).fill(7);
    const dots = new DotBuffer(data, 8, 8);
    dots.clear();
    expect(data.every((v) => v === 0)).toBe(true);
    expect(dots.painted()).toBeNull();
    dots.paint(discStamp(2), 4, 4, BLUE);
    dots.clear();
    expect(data.every((v) => v === 0)).toBe(true);
  });

  it("knows the box it painted, clipped to the buffer, for putting only that on the canvas", () => {
    const { dots } = buffer(40, 30);
    dots.clear();
    const disc = discStamp(3); // 9 x 9
    dots.paint(disc, 10, 10, BLUE);
    dots.paint(disc, 20, 12, ORANGE);
    expect(dots.painted()).toEqual({ x: 6, y: 6, width: 19, height: 11 });
    dots.paint(disc, 39, 29, BLUE);
    expect(dots.painted()).toEqual({ x: 6, y: 6, width: 34, height: 24 });
    dots.clear();
    dots.paint(disc, -40, -40, BLUE); // wholly outside: nothing painted
    expect(dots.painted()).toBeNull();
  });

  it("refuses a buffer of the wrong size", () => {
    expect(() => new DotBuffer(new Uint8ClampedArray(10), 4, 4)).toThrow(/size/);
  });
});
