/**
 * Interventions are faults as data: each names an instant and a change to the world (crash a node,
 * cut a link, skew a clock). A run applies the scenario's timeline through here, and a user's live
 * click becomes one more entry of the timeline at the current instant, so whatever was done can be
 * replayed, shared and checked.
 */

import type { Simulation, Typed } from "../core/simulation";
import { msToTicks } from "../core/types";
import type { LinkSpec } from "../net/network";
import type { Intervention } from "../scenario/schema";

export function applyIntervention<M extends Typed, T extends Typed>(
  sim: Simulation<M, T>,
  iv: Intervention,
): void {
  switch (iv.kind) {
    case "join":
    case "leave":
      return; // changes of the ring: Run applies them (run.ts), since the ring is not the network's
    case "crash":
      sim.crash(sim.procId(iv.node));
      return;
    case "recover":
      sim.recover(sim.procId(iv.node));
      return;
    case "partition":
      sim.network.partition(
        iv.groups.map((g) => g.map((who) => sim.procId(who) as number)),
        iv.oneWay,
      );
      return;
    case "heal":
      sim.network.heal();
      return;
    case "network":
      sim.network.setDefault({
        ...(iv.loss !== undefined && { loss: iv.loss }),
        ...(iv.duplicate !== undefined && { duplicate: iv.duplicate }),
      });
      return;
    case "link": {
      const a = sim.procId(iv.from);
      const b = sim.procId(iv.to);
      const change: Partial<LinkSpec> = {};
      if (iv.latency !== undefined) change.latency = iv.latency;
      if (iv.loss !== undefined) change.loss = iv.loss;
      if (iv.duplicate !== undefined) change.duplicate = iv.duplicate;
      const directions: [number, number][] = iv.bothWays
        ? [
            [a, b],
            [b, a],
          ]
        : [[a, b]];
      for (const [src, dst] of directions) {
        if (Object.keys(change).length > 0) sim.network.setLink(src, dst, change);
        if (iv.cut !== undefined) sim.network.setCut(src, dst, iv.cut);
      }
      return;
    }
    case "slow":
      sim.network.setSlow(sim.procId(iv.node), iv.factor);
      return;
    case "skew": {
      const clock = sim.clockOf(sim.procId(iv.node));
      if (iv.offsetMs !== undefined) clock.offsetTicks = msToTicks(iv.offsetMs);
      if (iv.drift !== undefined) clock.drift = iv.drift;
      return;
    }
  }
}

/** One line for timelines and logs: "crash C", "partition A,B | C,D,E". */
export function describeIntervention(iv: Intervention): string {
  switch (iv.kind) {
    case "crash":
    case "recover":
    case "join":
    case "leave":
      return `${iv.kind} ${iv.node}`;
    case "partition":
      return `partition ${iv.groups.map((g) => g.join(",")).join(iv.oneWay ? " -/-> " : " | ")}`;
    case "heal":
      return "heal the partition";
    case "network": {
      const parts: string[] = [];
      if (iv.loss !== undefined) parts.push(`loss ${iv.loss}`);
      if (iv.duplicate !== undefined) parts.push(`duplicate ${iv.duplicate}`);
      return `network: ${parts.join(", ") || "unchanged"}`;
    }
    case "link": {
      const parts: string[] = [];
      if (iv.cut === true) parts.push("cut");
      if (iv.cut === false) parts.push("restore");
      if (iv.loss !== undefined) parts.push(`loss ${iv.loss}`);
      if (iv.duplicate !== undefined) parts.push(`duplicate ${iv.duplicate}`);
      if (iv.latency !== undefined) parts.push("new latency");
      return `link ${iv.from}${iv.bothWays ? "<->" : "->"}${iv.to}: ${parts.join(", ") || "unchanged"}`;
    }
    case "slow":
      return `slow ${iv.node} x${iv.factor}`;
    case "skew": {
      const parts: string[] = [];
      if (iv.offsetMs !== undefined) parts.push(`offset ${iv.offsetMs} ms`);
      if (iv.drift !== undefined) parts.push(`drift ${iv.drift}`);
      return `skew ${iv.node}: ${parts.join(", ") || "unchanged"}`;
    }
  }
}
