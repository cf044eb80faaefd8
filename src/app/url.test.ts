import { describe, expect, it } from "vitest";
import { formatHash, parseHash } from "./url";

describe("the scenario in the URL", () => {
  it("reads a preset and a seed", () => {
    expect(parseHash("#preset=crash-recover&seed=3")).toEqual({
      preset: "crash-recover",
      seed: 3,
      problems: [],
      stay: false,
    });
  });

  it("falls back to the default preset and seed 1 when the hash is empty", () => {
    expect(parseHash("")).toEqual({ preset: "default", seed: 1, problems: [], stay: false });
    expect(parseHash("#")).toEqual({ preset: "default", seed: 1, problems: [], stay: false });
  });

  it("names what is wrong and keeps going with defaults", () => {
    const r = parseHash("#preset=nope&seed=abc");
    expect(r.preset).toBe("default");
    expect(r.seed).toBe(1);
    expect(r.problems).toHaveLength(2);
    expect(r.problems[0]).toMatch(/Unknown scenario "nope"/);
    expect(r.problems[1]).toMatch(/seed "abc"/);
  });

  it("rejects negative, fractional and huge seeds, and prototype keys as presets", () => {
    for (const seed of ["-1", "1.5", "1e3", "99999999999999999"]) {
      expect(parseHash(`#seed=${seed}`).problems).toHaveLength(1);
    }
    expect(parseHash("#preset=__proto__").preset).toBe("default");
    expect(parseHash("#preset=toString").preset).toBe("default");
  });

  it("names what it does not read, so a mistyped or cut link is not silently replaced", () => {
    const typo = parseHash("#preset=partition&sed=3");
    expect(typo.preset).toBe("partition");
    expect(typo.seed).toBe(1);
    expect(typo.problems).toEqual([
      expect.stringMatching(/holds "sed", which RingLab does not read/),
    ]);
    const cut = parseHash("#shar");
    expect(cut.preset).toBe("default");
    expect(cut.problems[0]).toMatch(/"shar"/);
    const many = parseHash("#a=1&b=2&c=3&d=4&a=5");
    expect(many.problems[0]).toMatch(/"a", "b", "c" and more, .*they were ignored/);
  });

  it("shortens long text it echoes back", () => {
    const r = parseHash(`#preset=${"x".repeat(500)}`);
    expect(r.problems[0]?.length).toBeLessThan(200);
  });

  it("round-trips", () => {
    expect(parseHash(formatHash("partition", 42))).toMatchObject({ preset: "partition", seed: 42 });
  });

  it("changed under a running app, a bad address keeps the run on screen, and says so", () => {
    const bad = parseHash("#preset=nope", "stay");
    expect(bad.stay).toBe(true);
    expect(bad.problems[0]).toMatch(
      /Unknown scenario "nope" in the address; the run on screen stays;/,
    );
    const seed = parseHash("#preset=partition&seed=abc", "stay");
    expect(seed.stay).toBe(true);
    expect(seed.problems[0]).toMatch(/not a whole number from 0 up; the run on screen stays\.$/);
    const foreign = parseHash("#foo=bar", "stay");
    expect(foreign.stay).toBe(true);
    expect(foreign.problems[0]).toMatch(
      /"foo", which RingLab does not read .*; the run on screen stays\.$/,
    );
    // a good scenario with a stray key loads, the key ignored
    const typo = parseHash("#preset=partition&sed=3", "stay");
    expect(typo).toMatchObject({ preset: "partition", seed: 1, stay: false });
    expect(typo.problems[0]).toMatch(/it was ignored\.$/);
    // opening the app, the same addresses fall back to the default
    expect(parseHash("#preset=nope").stay).toBe(false);
    expect(parseHash("#foo=bar").stay).toBe(false);
  });
});
