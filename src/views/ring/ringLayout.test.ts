import { describe, expect, it } from "vitest";
import { separatingWall, sideOf } from "./faultLayout";
import {
  type ClientChip,
  messagePath,
  ownership,
  pointAt,
  processPoint,
  ringLayout,
} from "./ringLayout";

const five = {
  nodeNames: ["A", "B", "C", "D", "E"],
  clientNames: ["client1", "client2"],
  tokens: [0, 1, 2, 3, 4].map((i) => ({ unit: (i + 0.5) / 5, node: i })),
};
const size = { width: 800, height: 600 };

describe("the ring layout", () => {
  const layout = ringLayout(five, size);

  it("puts ring position 0 at 12 o'clock and goes clockwise", () => {
    const top = ringLayout(
      { ...five, tokens: [0, 0.25, 0.5, 0.6, 0.75].map((unit, node) => ({ unit, node })) },
      size,
    );
    const [a, b, c, , e] = top.nodes;
    expect(a?.x).toBeCloseTo(top.cx, 9);
    expect(a?.y).toBeCloseTo(top.cy - top.r, 9);
    expect(b?.x).toBeCloseTo(top.cx + top.r, 9); // a quarter turn: 3 o'clock
    expect(b?.y).toBeCloseTo(top.cy, 9);
    expect(c?.y).toBeCloseTo(top.cy + top.r, 9); // half: 6 o'clock
    expect(e?.x).toBeCloseTo(top.cx - top.r, 9); // three quarters: 9 o'clock
  });

  it("fits the ring, its nodes and their labels in the stage", () => {
    expect(layout.cx).toBe(400);
    expect(layout.cy).toBe(300);
    for (const node of layout.nodes) {
      expect(node.x - layout.nodeR).toBeGreaterThanOrEqual(0);
      expect(node.y - layout.nodeR).toBeGreaterThanOrEqual(0);
      expect(node.y + layout.nodeR).toBeLessThanOrEqual(600);
      expect(Math.hypot(node.x - layout.cx, node.y - layout.cy)).toBeCloseTo(layout.r, 9);
    }
    expect(layout.nodeR).toBeGreaterThanOrEqual(30); // big enough to read from the back row
  });

  it("draws one arc per token, owned by the token's node, from the previous token", () => {
    expect(layout.arcs).toHaveLength(5);
    expect(layout.arcs.map((a) => a.node)).toEqual([0, 1, 2, 3, 4]);
    // A's range wraps around position 0: (E's token, A's token]
    expect(layout.arcs[0]?.startUnit).toBeCloseTo(0.9, 9);
    expect(layout.arcs[0]?.endUnit).toBeCloseTo(0.1, 9);
    for (const a of layout.arcs) expect(a.d).toMatch(/^M.*Z$/);
  });

  it("keeps the load balancer on a chip of its own beside many clients", () => {
    const lb = ringLayout(
      { ...five, clientNames: [...Array.from({ length: 6 }, (_, k) => `client${k + 1}`), "lb"] },
      size,
    );
    expect(lb.clients.map((c) => c.label)).toEqual(["6 clients", "lb"]);
    expect(lb.clientChip).toEqual([0, 0, 0, 0, 0, 0, 1]);
    const [many, balancer] = lb.clients;
    expect((balancer?.x ?? 0) - (many?.x ?? 0)).toBeGreaterThan(
      ((many?.width ?? 0) + (balancer?.width ?? 0)) / 2,
    );
  });

  it("places a row of client chips in the centre, or one chip for many clients", () => {
    expect(layout.clients.map((c) => c.label)).toEqual(["client1", "client2"]);
    expect(processPoint(layout, 5).x).toBeLessThan(layout.cx);
    expect(processPoint(layout, 6).x).toBeGreaterThan(layout.cx);
    const many = ringLayout(
      { ...five, clientNames: Array.from({ length: 9 }, (_, i) => `client${i + 1}`) },
      size,
    );
    expect(many.clients).toHaveLength(1);
    expect(many.clients[0]?.label).toBe("9 clients");
    expect(processPoint(many, 13)).toMatchObject({ x: many.cx, y: many.cy });
  });

  it("stacks the client chips on a ring too small for a row, clear of every node", () => {
    // the stage left between a lesson card and a drawer at 1366 x 768
    const small = ringLayout(
      {
        ...five,
        nodeNames: ["Sx", "Sy", "Sz"],
        tokens: [0.2, 0.5, 0.85].map((unit, node) => ({ unit, node })),
      },
      { width: 980, height: 250 },
    );
    const [c1, c2] = small.clients as [ClientChip, ClientChip];
    expect(c1.x).toBeCloseTo(c2.x, 9); // one above the other
    expect(c1.y + c1.height / 2).toBeLessThanOrEqual(c2.y - c2.height / 2);
    for (const chip of small.clients) {
      for (const node of small.nodes) {
        // the chip's nearest point to the node's centre is outside the node's circle
        const nx = Math.max(chip.x - chip.width / 2, Math.min(node.x, chip.x + chip.width / 2));
        const ny = Math.max(chip.y - chip.height / 2, Math.min(node.y, chip.y + chip.height / 2));
        expect(Math.hypot(nx - node.x, ny - node.y)).toBeGreaterThan(small.nodeR);
      }
    }
    // wide enough for "client1" at the usual type size, since the column leaves the room
    expect(c1.width).toBeCloseTo(10 + 0.6 * 14 * "client1".length, 9);
    // a roomy stage keeps the row
    expect(layout.clients[0]?.y).toBe(layout.clients[1]?.y);
  });

  it("moves each client toward its side of a partition, so one line can wall the groups apart", () => {
    // the partition preset's groups: client1 with A and B (on the right), client2 with C, D, E
    const split = ringLayout(
      {
        ...five,
        partition: [
          ["A", "B", "client1"],
          ["C", "D", "E", "client2"],
        ],
      },
      size,
    );
    const [c1, c2] = split.clients;
    expect(c1?.x).toBeGreaterThan(split.cx);
    expect(c2?.x).toBeLessThan(split.cx);
    const sideNodes = (names: string[]) =>
      split.nodes.filter((n) => names.includes(n.name)).map((n) => ({ x: n.x, y: n.y }));
    const g1 = [...sideNodes(["A", "B"]), c1 as ClientChip];
    const g2 = [...sideNodes(["C", "D", "E"]), c2 as ClientChip];
    const wall = separatingWall(g1, g2, { x: split.cx, y: split.cy }, split.r) as NonNullable<
      ReturnType<typeof separatingWall>
    >;
    const side = (p: { x: number; y: number }) => sideOf(wall.from, wall.to, p);
    expect(new Set(g1.map(side)).size).toBe(1);
    expect(new Set(g2.map(side)).size).toBe(1);
    expect(side(g1[0] as { x: number; y: number })).not.toBe(
      side(g2[0] as { x: number; y: number }),
    );
    // two clients of one group stack on its side without overlapping
    const both = ringLayout(
      {
        ...five,
        partition: [
          ["A", "B", "client1", "client2"],
          ["C", "D", "E"],
        ],
      },
      size,
    );
    const [b1, b2] = both.clients as [ClientChip, ClientChip];
    expect(b1.x).toBeCloseTo(b2.x, 6);
    expect(Math.abs(b1.y - b2.y)).toBeGreaterThanOrEqual(b1.height);
    // no partition, or a client in no group: the row in the centre
    expect(ringLayout({ ...five, partition: null }, size).clients).toEqual(layout.clients);
    const other = ringLayout({ ...five, partition: [["A"], ["B"]] }, size);
    expect(other.clients).toEqual(layout.clients);
  });

  it("moves right, as far as its labels allow, to keep clear of a legend on the left", () => {
    const wide = { width: 1000, height: 600 };
    const centred = ringLayout(five, wide);
    const clear = ringLayout(five, { ...wide, insetLeft: 250 });
    expect(centred.cx).toBe(500);
    expect(clear.cx).toBeGreaterThan(500);
    // every status line on the left now starts past the legend
    for (const n of clear.nodes.filter((p) => p.labelAnchor === "end"))
      expect(n.labelX - 60).toBeGreaterThan(250);
    expect(clear.cx + clear.r + clear.nodeR).toBeLessThan(wide.width);
    // little room: the ring gives up to a quarter of its radius, and moves right as far as its
    // labels allow
    const plain = ringLayout(five, { width: 600, height: 600 });
    const tight = ringLayout(five, { width: 600, height: 600, insetLeft: 250 });
    expect(tight.r).toBeCloseTo(plain.r * 0.75, 9);
    expect(tight.cx).toBeGreaterThan(300);
    expect(tight.cx + tight.r + tight.nodeR + 74).toBeLessThanOrEqual(600 - 8 + 1e-9);
    // a legend that leaves room does not shrink it
    expect(clear.r).toBe(centred.r);
  });

  it("runs message paths from the edge of the source to the edge of the destination", () => {
    const p = messagePath(layout, 0, 2);
    const a = layout.nodes[0];
    const c = layout.nodes[2];
    expect(Math.hypot(p.x0 - (a?.x ?? 0), p.y0 - (a?.y ?? 0))).toBeCloseTo(layout.nodeR + 2, 6);
    expect(Math.hypot(p.x1 - (c?.x ?? 0), p.y1 - (c?.y ?? 0))).toBeCloseTo(layout.nodeR + 2, 6);
    expect(pointAt(p, 0)).toEqual({ x: p.x0, y: p.y0 });
    expect(pointAt(p, 1).x).toBeCloseTo(p.x1, 9);
    expect(pointAt(p, 1).y).toBeCloseTo(p.y1, 9);
    // halfway is nearer the centre than the straight chord: the curve bends inward
    const mid = pointAt(p, 0.5);
    const chordMid = { x: ((a?.x ?? 0) + (c?.x ?? 0)) / 2, y: ((a?.y ?? 0) + (c?.y ?? 0)) / 2 };
    expect(Math.hypot(mid.x - layout.cx, mid.y - layout.cy)).toBeLessThan(
      Math.hypot(chordMid.x - layout.cx, chordMid.y - layout.cy),
    );
  });

  it("gives a request and its reply different lanes", () => {
    const there = pointAt(messagePath(layout, 0, 2), 0.5);
    const back = pointAt(messagePath(layout, 2, 0), 0.5);
    expect(Math.hypot(there.x - back.x, there.y - back.y)).toBeGreaterThan(10);
    const toClient = pointAt(messagePath(layout, 0, 5), 0.5);
    const fromClient = pointAt(messagePath(layout, 5, 0), 0.5);
    expect(Math.hypot(toClient.x - fromClient.x, toClient.y - fromClient.y)).toBeGreaterThan(5);
  });

  it("keeps many nodes from overlapping", () => {
    const names = Array.from({ length: 64 }, (_, i) => `N${i}`);
    const big = ringLayout(
      {
        nodeNames: names,
        clientNames: [],
        tokens: names.map((_, i) => ({ unit: (i + 0.5) / 64, node: i })),
      },
      size,
    );
    const [p, q] = big.nodes;
    expect(Math.hypot((p?.x ?? 0) - (q?.x ?? 0), (p?.y ?? 0) - (q?.y ?? 0))).toBeGreaterThan(
      2 * big.nodeR,
    );
    expect(big.showNodeStatus).toBe(false);
  });
});

describe("what a node owns", () => {
  it("names the range ending at its token and the N nodes that store its keys", () => {
    expect(ownership(five, 0, 3)).toEqual({
      ranges: [{ from: "E", to: "A" }],
      replicas: ["A", "B", "C"],
    });
    expect(ownership(five, 3, 3)).toEqual({
      ranges: [{ from: "C", to: "D" }],
      replicas: ["D", "E", "A"],
    });
  });

  it("counts distinct nodes only when nodes have several tokens", () => {
    const two = {
      nodeNames: ["A", "B"],
      clientNames: [],
      tokens: [
        { unit: 0.1, node: 0 },
        { unit: 0.2, node: 0 },
        { unit: 0.6, node: 1 },
      ],
    };
    expect(ownership(two, 0, 2)).toEqual({
      ranges: [
        { from: "B", to: "A" },
        { from: "A", to: "A" },
      ],
      replicas: ["A", "B"],
    });
  });
});
