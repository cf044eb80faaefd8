import { describe, expect, it } from "vitest";
import { requestRoute } from "./route";
import { Run } from "./run";
import { presetScenario } from "./scenario/presets";

function runOf(coordination: "server-driven" | "client-driven", ms = 300) {
  const base = presetScenario("coordination");
  const run = new Run({ ...base, workload: { ...base.workload, coordination } }, 3);
  run.runUntilMs(ms);
  return run;
}

describe("the route of a request", () => {
  it("server-driven: client -> lb -> a node (forwarded if not a replica) -> replicas -> back the same way", () => {
    const run = runOf("server-driven");
    const done = run.history.filter((o) => o.outcome === "ok").slice(-20);
    expect(done.length).toBeGreaterThan(5);
    let forwarded = 0;
    for (const op of done) {
      const route = requestRoute(run, op.id);
      expect(route?.complete).toBe(true);
      const hops = route?.hops ?? [];
      const client = route?.client as string;
      // first hop: the client to the balancer; then the balancer to some node
      expect(hops[0]).toMatchObject({ from: client, to: "lb", type: op.f, step: 1 });
      expect(hops[1]).toMatchObject({ from: "lb", type: op.f, step: 2 });
      // the answer goes back through the balancer to the client
      const last = hops.filter((h) => h.to === client).at(-1);
      expect(last?.from).toBe("lb");
      expect(last?.type).toBe(`${op.f}_ok`);
      // the coordinator fans out to the replicas in one step
      const fan = hops.filter(
        (h) => h.type === (op.f === "get" ? "replica_read" : "replica_write"),
      );
      expect(new Set(fan.map((h) => h.step)).size).toBe(1);
      // the coordinator is a replica itself: it asks the other N - 1 = 2
      expect(fan.length).toBe(2);
      if (hops[2]?.type === op.f) forwarded++;
      // steps never go backwards, and every hop here was delivered
      for (let i = 1; i < hops.length; i++) {
        expect((hops[i]?.step ?? 0) >= (hops[i - 1]?.step ?? 0)).toBe(true);
      }
      expect(route?.waits.some((w) => w.type === "lb_forward" && w.at === "lb")).toBe(true);
    }
    // with 12 nodes and N = 3, most requests land off the preference list and are forwarded
    expect(forwarded).toBeGreaterThan(done.length / 2);
  });

  it("client-driven: the client goes straight to a replica", () => {
    const run = runOf("client-driven", 12_000);
    const done = run.history.filter((o) => o.outcome === "ok").slice(-10);
    for (const op of done) {
      const route = requestRoute(run, op.id);
      const hops = route?.hops ?? [];
      expect(hops[0]?.from).toBe(route?.client);
      expect(hops[0]?.to).not.toBe("lb");
      expect(hops.some((h) => h.from === "lb" || h.to === "lb")).toBe(false);
      const answer = hops.find((h) => h.to === route?.client);
      expect(answer).toMatchObject({ from: hops[0]?.to, type: `${op.f}_ok`, fate: "delivered" });
    }
  });

  it("has no route for an operation that is not in the run, and an incomplete one past the window", () => {
    const run = runOf("server-driven", 3_000);
    expect(requestRoute(run, 999_999)).toBeNull();
    const first = run.history[0];
    expect(first).toBeDefined();
    expect(requestRoute(run, first?.id ?? 0)?.complete).toBe(false);
  });
});
