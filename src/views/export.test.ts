import { describe, expect, it } from "vitest";
import { fileName, formatBytes, instantPart } from "./exportFile";
import { escapeXml, styleDelta, svgCircle, svgSize, svgText } from "./exportImage";
import { shadowRings } from "./ring/ringExport";

describe("export file names", () => {
  it("join the run's parts and the view, safe for any file system", () => {
    expect(fileName(["ringlab", "sloppy-quorum", "seed-3", "2500ms", "ring"], "svg")).toBe(
      "ringlab-sloppy-quorum-seed-3-2500ms-ring.svg",
    );
    expect(fileName(["ringlab", "../../etc/passwd", "a b/c\\d", null, "", "é"], "png")).toBe(
      "ringlab-etc-passwd-a-b-c-d-e.png",
    );
    expect(fileName([], "json")).toBe("ringlab.json");
    expect(fileName(["x".repeat(300)], "txt")).toHaveLength(104);
  });
  it("name the instant in ms, or in seconds past ten", () => {
    expect(instantPart(0)).toBe("0ms");
    expect(instantPart(2500.4)).toBe("2500ms");
    expect(instantPart(12_345)).toBe("12.3s");
    expect(instantPart(Number.NaN)).toBe("");
  });
  it("say sizes in bytes, KB or MB", () => {
    expect(formatBytes(10)).toBe("10 bytes");
    expect(formatBytes(65 * 1024)).toBe("65 KB");
    expect(formatBytes(3 * 1024 * 1024)).toBe("3.0 MB");
  });
});

describe("SVG export pieces", () => {
  it("inline only what the parent does not already give, and non-default own properties", () => {
    const parent: Record<string, string> = { fill: "rgb(0, 0, 0)", "font-size": "12px" };
    const own: Record<string, string> = {
      fill: "rgb(255, 0, 0)",
      "font-size": "12px",
      opacity: "0.5",
      "stop-opacity": "1",
    };
    expect(
      styleDelta(
        (p) => own[p] ?? "",
        (p) => parent[p] ?? "",
      ),
    ).toBe("fill:rgb(255, 0, 0);opacity:0.5");
    // the root writes every inherited property it has
    expect(styleDelta((p) => own[p] ?? "", null)).toBe(
      "fill:rgb(255, 0, 0);font-size:12px;opacity:0.5",
    );
  });
  it("escape text and attributes, so names from a scenario cannot become markup", () => {
    expect(escapeXml(`<script>"a" & 'b'</script>`)).toBe(
      "&lt;script&gt;&quot;a&quot; &amp; &apos;b&apos;&lt;/script&gt;",
    );
    expect(svgText({ x: 1, y: 2, text: "<b>A</b>", fill: "red", size: 10 })).toContain(
      ">&lt;b&gt;A&lt;/b&gt;</text>",
    );
    expect(svgCircle({ cx: 1, cy: 2, r: 3, fill: '"/><script>' })).not.toContain("<script>");
  });
  it("read the size an SVG document declares, and refuse one without", () => {
    expect(svgSize('<?xml version="1.0"?>\n<svg xmlns="x" width="320" height="200.5">')).toEqual({
      width: 320,
      height: 200.5,
    });
    expect(() => svgSize("<svg>")).toThrow(/no size/);
  });
});

describe("the ring's HTML rings as SVG circles", () => {
  it("read spread rings from a computed box-shadow, ignoring blurred or offset shadows", () => {
    expect(
      shadowRings("rgb(255, 255, 255) 0px 0px 0px 4px, rgb(184, 134, 11) 0px 0px 0px 7px"),
    ).toEqual([
      { colour: "rgb(255, 255, 255)", spread: 4 },
      { colour: "rgb(184, 134, 11)", spread: 7 },
    ]);
    expect(shadowRings("rgba(20, 30, 45, 0.18) 0px 1px 4px 0px")).toEqual([]);
    expect(shadowRings("none")).toEqual([]);
  });
});
