import { describe, expect, it } from "vitest";
import { keyPosition, positionToUnit, presetScenario, ringOf, scenarioFrom } from "../../sim";
import type { ScenarioInfo } from "../../worker/protocol";
import { keyMarks, keySentence, listNames, placeKey, ringOfInfo } from "./keyLayout";
import { ringLayout } from "./ringLayout";

/** ScenarioInfo's ring, as the worker describes the default preset (host.ts describeRun). */
const coreRing = ringOf(presetScenario("default"));
const info: Pick<ScenarioInfo, "nodeNames" | "clientNames" | "tokens"> = {
  nodeNames: [...coreRing.names],
  clientNames: ["client1", "client2"],
  tokens: coreRing.tokens.map((t) => ({ unit: t.unit, node: t.node, position: t.position })),
};
const keys = [...Array.from({ length: 20 }, (_, i) => `k${i}`), "", "hello", "ключ", "🙂"];

describe("key lookup on the main thread", () => {
  const ring = ringOfInfo(info);

  it("rebuilds the core's ring from ScenarioInfo: same preference lists as ringOf(default)", () => {
    expect(ring).not.toBeNull();
    for (const key of keys) {
      for (const n of [1, 2, 3, 5]) {
        expect(ring?.preferenceList(key, n)).toEqual(coreRing.preferenceList(key, n));
      }
    }
  });

  it("places a key at its MD5, in the range (A, B] of the first token at or after it", () => {
    if (ring === null) throw new Error("no ring");
    for (const key of keys) {
      const p = placeKey(ring, key, 3);
      expect(p.hash).toBe(keyPosition(key));
      expect(p.unit).toBe(positionToUnit(p.hash));
      expect(p.toNode).toBe(p.replicas[0]);
      const inRange =
        p.startUnit < p.endUnit
          ? p.unit > p.startUnit && p.unit <= p.endUnit
          : p.unit > p.startUnit || p.unit <= p.endUnit;
      expect(inRange).toBe(true);
      expect(new Set(p.replicas).size).toBe(3);
    }
  });

  it("says where the key goes in one sentence, phrased for N", () => {
    if (ring === null) throw new Error("no ring");
    const names = info.nodeNames;
    const p3 = placeKey(ring, "k7", 3);
    const [a, b, c] = p3.replicas.map((i) => names[i]);
    expect(keySentence(p3, names)).toBe(
      `Key "k7" hashes to ${p3.unit.toFixed(4)} of the ring, in the range (${names[p3.fromNode]}, ${a}]: it is stored at ${a}, ${b} and ${c} (${a} coordinates).`,
    );
    expect(keySentence(placeKey(ring, "k7", 2), names)).toMatch(
      new RegExp(`stored at ${a} and ${b} \\(${a} coordinates\\)\\.$`),
    );
    expect(keySentence(placeKey(ring, "k7", 1), names)).toMatch(
      new RegExp(`stored at ${a} only\\.$`),
    );
    expect(listNames(["A", "B", "C", "D"])).toBe("A, B, C and D");
  });

  it("has no ring for a scenario without tokens (mod-N)", () => {
    expect(ringOfInfo({ nodeNames: ["A", "B"], clientNames: [], tokens: [] })).toBeNull();
  });

  it("marks the key on the ring, its range, and the walk to its coordinator", () => {
    if (ring === null) throw new Error("no ring");
    const layout = ringLayout(info, { width: 800, height: 600 });
    const p = placeKey(ring, "k7", 3);
    const marks = keyMarks(layout, p);
    const angle = p.unit * 2 * Math.PI;
    expect(marks.marker.x).toBeCloseTo(layout.cx + layout.r * Math.sin(angle), 6);
    expect(marks.marker.y).toBeCloseTo(layout.cy - layout.r * Math.cos(angle), 6);
    // the label sits inside the ring
    expect(Math.hypot(marks.label.x - layout.cx, marks.label.y - layout.cy)).toBeLessThan(layout.r);
    expect(marks.rangePath).toMatch(/^M.*A.*L.*A.*Z$/);
    expect(marks.walkPath).toMatch(/^M[-\d.]+,[-\d.]+A/);
  });

  it("covers the whole ring when there is a single token", () => {
    const one = { nodeNames: ["A"], clientNames: [], tokens: [{ unit: 0.5, node: 0 }] };
    const r1 = ringOfInfo(one);
    if (r1 === null) throw new Error("no ring");
    const p = placeKey(r1, "k1", 3);
    expect(p.replicas).toEqual([0]);
    expect(keySentence(p, one.nodeNames)).toMatch(
      /in the range \(A, A\]: it is stored at A only\.$/,
    );
    const marks = keyMarks(ringLayout(one, { width: 400, height: 400 }), p);
    expect(marks.rangePath.match(/M/g)?.length).toBe(2);
  });
});

describe("key lookup under each partitioning strategy the switcher offers", () => {
  const strategies = [
    { strategy: 1 as const, tokensPerNode: 8 },
    { strategy: 2 as const, tokensPerNode: 8, partitions: 320 },
    { strategy: 3 as const, partitions: 40 },
  ];
  for (const partitioning of strategies) {
    it(`agrees with the core for Strategy ${partitioning.strategy}`, () => {
      const base = presetScenario("default");
      const scenario = scenarioFrom({
        ...base,
        cluster: { nodes: base.cluster.nodes.map((n) => ({ name: n.name })), partitioning },
      });
      const core = ringOf(scenario);
      const main = ringOfInfo({
        nodeNames: [...core.names],
        clientNames: [],
        tokens: core.tokens.map((t) => ({ unit: t.unit, node: t.node, position: t.position })),
        partitions: core.partitionCount,
      });
      if (main === null) throw new Error("no ring");
      for (const key of keys) {
        const p = placeKey(main, key, 3);
        expect(p.replicas, key).toEqual(core.preferenceList(key, 3));
        expect(p.partition !== undefined).toBe(core.partitionCount > 0);
      }
      if (core.partitionCount > 0) {
        expect(keySentence(placeKey(main, "k7", 3), core.names)).toMatch(
          new RegExp(
            `^Key "k7" hashes to 0\\.\\d{4} of the ring, in partition \\d+ of ${core.partitionCount}: it is stored at`,
          ),
        );
      }
    });
  }
});
