import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSeeds, interval, parseSeeds, tQuantile975 } from "./aggregate";
import { defaultParams, formatParam, type ParamSpec, parseParam, readParams } from "./params";

describe("intervals across seeds", () => {
  it("gives the mean and the 95% t-interval of five values", () => {
    const iv = interval([1, 2, 3, 4, 5]);
    expect(iv.mean).toBe(3);
    expect(iv.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    // t(0.975, 4) = 2.776
    expect(iv.hi - iv.mean).toBeCloseTo((2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 9);
    expect(iv.lo).toBeCloseTo(2 * iv.mean - iv.hi, 12);
    expect([iv.n, iv.min, iv.max]).toEqual([5, 1, 5]);
  });

  it("makes one seed's interval the point itself, and leaves out values a run lacked", () => {
    expect(interval([2.5])).toMatchObject({ n: 1, mean: 2.5, lo: 2.5, hi: 2.5, sd: 0 });
    expect(interval([Number.NaN, 4, 6])).toMatchObject({ n: 2, mean: 5 });
    expect(interval([]).n).toBe(0);
  });

  it("holds the mean inside its interval, whatever the values (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (xs) => {
          const iv = interval(xs);
          return (
            iv.lo <= iv.mean + 1e-6 &&
            iv.mean <= iv.hi + 1e-6 &&
            iv.min <= iv.mean + 1e-6 &&
            iv.mean <= iv.max + 1e-6
          );
        },
      ),
    );
  });

  it("uses Student's t for few seeds and the normal quantile for many", () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(19)).toBe(2.093);
    expect(tQuantile975(1000)).toBe(1.96);
  });
});

describe("seed lists", () => {
  it("reads ranges and lists, each seed once, in the order given", () => {
    expect(parseSeeds("1..5")).toEqual({ ok: true, seeds: [1, 2, 3, 4, 5] });
    expect(parseSeeds("7, 1..3, 2")).toEqual({ ok: true, seeds: [7, 1, 2, 3] });
    expect(formatSeeds([7, 1, 2, 3, 9])).toBe("1..3, 7, 9");
  });

  it("explains what is wrong with a bad list", () => {
    expect(parseSeeds("")).toMatchObject({ ok: false });
    expect(parseSeeds("5..1")).toMatchObject({
      ok: false,
      problem: expect.stringContaining("backwards"),
    });
    expect(parseSeeds("1..500")).toMatchObject({
      ok: false,
      problem: expect.stringContaining("at most 200"),
    });
    expect(parseSeeds("x")).toMatchObject({
      ok: false,
      problem: expect.stringContaining('"x" is not a seed'),
    });
  });

  it("reads back what it writes (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 100 }),
        (seeds) => {
          const back = parseSeeds(formatSeeds(seeds));
          return (
            back.ok &&
            JSON.stringify(back.seeds) === JSON.stringify([...seeds].sort((a, b) => a - b))
          );
        },
      ),
    );
  });
});

describe("parameters as data", () => {
  const specs: ParamSpec[] = [
    { key: "requests", label: "Requests", kind: "int", min: 10, max: 100, default: 20 },
    { key: "fit", label: "Fit", kind: "choice", options: ["a", "b"], default: "a" },
    { key: "models", label: "Models", kind: "set", options: ["x", "y", "z"], default: ["x"] },
    { key: "sizes", label: "Sizes", kind: "ints", min: 2, max: 50, maxCount: 3, default: [5] },
  ];

  it("reads each kind from its text form and writes it back the same", () => {
    expect(parseParam(specs[0] as ParamSpec, "42")).toEqual({ ok: true, value: 42 });
    expect(parseParam(specs[2] as ParamSpec, "z,x")).toEqual({ ok: true, value: ["x", "z"] });
    expect(parseParam(specs[3] as ParamSpec, "20, 5,5")).toEqual({ ok: true, value: [5, 20] });
    expect(formatParam(specs[2] as ParamSpec, ["x", "z"])).toBe("x,z");
  });

  it("names the parameter and what it accepts when a value is bad, and keeps the default", () => {
    const { params, problems } = readParams(
      specs,
      { requests: "5", fit: "c", sizes: "1,2,3,4", extra: "1" },
      true,
    );
    expect(params).toEqual({ ...defaultParams(specs) });
    expect(problems).toEqual([
      'requests must be a whole number from 10 to 100, got "5"',
      'fit must be one of a, b, got "c"',
      'sizes must be up to 3 whole numbers from 2 to 50 (comma separated), got "1,2,3,4"',
      "unknown parameter extra; this experiment takes requests, fit, models, sizes",
    ]);
    expect(readParams(specs, { extra: "1" }, false).problems).toEqual([]);
  });
});
