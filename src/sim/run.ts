/**
 * A run: a scenario and a seed turned into a simulation, with the workload's metrics and the
 * scenario's timeline scheduled. This is what the CLI, the worker, tests and benchmarks drive.
 *
 * Process order is fixed: the scenario's nodes first (process i is node i of the ring), then the
 * clients, then (server-driven coordination only) the load balancer `lb`. The workload stops issuing at `durationMs`; the run goes on for one client timeout more,
 * so that every operation ends before `endMs`.
 */

import { clientBehavior } from "./client/client";
import { loadBalancerBehavior } from "./client/loadBalancer";
import { type RpcCounts, RpcProbe } from "./client/rpc";
import { Rng } from "./core/rng";
import { type Operation, type ProcessSpec, Simulation } from "./core/simulation";
import { msToTicks, type ProcId, ticksToMs } from "./core/types";
import { initialView } from "./dynamo/gossip";
import { withEntry } from "./dynamo/membership";
import type { Msg, Timer } from "./dynamo/messages";
import {
  type NodeDisk,
  type NodeState,
  type NodeSummary,
  nodeBehavior,
  summarizeNode,
} from "./dynamo/node";
import {
  changeMembership,
  DEFAULT_PARTITIONING,
  type Placement,
  placeNodes,
  ringOverNodes,
} from "./dynamo/partitioning";
import { keyPosition, type Ring, unitToPosition } from "./dynamo/ring";
import { fractionMoved } from "./experiments/keysMoved";
import { applyIntervention } from "./faults/interventions";
import { LatencyRecorder, type Stats } from "./metrics/stats";
import { Network } from "./net/network";
import { messageBytes, transferMs } from "./net/payload";
import {
  clientNames,
  type Intervention,
  interventionSchema,
  type LiveIntervention,
  LOAD_BALANCER_NAME,
  type Scenario,
} from "./scenario/schema";

export type DynamoSimulation = Simulation<Msg, Timer>;

export interface RunOptions {
  /** trace events kept in memory (default 16384) */
  traceWindow?: number;
  /** keep each trace event's envelope, for inspectors (default false) */
  traceRefs?: boolean;
  /** keep every client operation for histories (default true) */
  keepHistory?: boolean;
}

export interface RunSummary {
  scenario: string;
  seed: number;
  traceHash: string;
  events: number;
  simulatedMs: number;
  ops: { get: Stats; put: Stats };
  /** only when `workload.rpc` is not "none" */
  rpc?: RpcCounts;
}

/**
 * Where the scenario's nodes sit: its `cluster.partitioning` strategy (dynamo/partitioning.ts), by
 * default the nodes' own tokens, or one token per node evenly spaced in node order.
 */
export function placementOf(scenario: Scenario): Placement {
  const nodes = scenario.cluster.nodes.filter((n) => n.standby !== true);
  const explicit = nodes.some((n) => n.tokens !== undefined)
    ? nodes.map((n) => n.tokens?.map(unitToPosition))
    : undefined;
  return placeNodes(
    nodes.map((n) => n.name),
    scenario.cluster.partitioning ?? DEFAULT_PARTITIONING,
    explicit,
  );
}

/**
 * The ring of the scenario's placement over all its nodes (standby nodes have no tokens): what
 * every node and client asks for preference lists.
 */
export function ringOf(scenario: Scenario): Ring {
  return ringOverNodes(
    placementOf(scenario),
    scenario.cluster.nodes.map((n) => n.name),
  );
}

/** A join or leave as it happened: what share of the key space changed hands. */
export interface MembershipChangeRecord {
  atMs: number;
  kind: "join" | "leave";
  node: string;
  /** nodes on the ring before and after */
  nodesBefore: number;
  nodesAfter: number;
  /** share of keys whose first replica changed (measured on 10,000 sample keys) */
  fractionMoved: number;
  /** the same, had the keys been placed by hashing mod N */
  modNFraction: number;
}

/** Sample keys for measuring how much of the key space a change moves. */
const MOVE_SAMPLE = 10_000;
let samplePositions: string[] | null = null;
function sampleKeyPositions(): string[] {
  samplePositions ??= Array.from({ length: MOVE_SAMPLE }, (_, i) => keyPosition(`sample:${i}`));
  return samplePositions;
}

/** An intervention refused before anything changed: the run is exactly as it was. */
export class InterventionError extends Error {
  override name = "InterventionError";
}

export class Run {
  readonly scenario: Scenario;
  readonly seed: number;
  /** the ring now: joins and leaves replace it */
  private currentRing: Ring;
  /** where the members sit now */
  private placement: Placement;
  /** every join and leave so far */
  readonly membershipChanges: MembershipChangeRecord[] = [];
  readonly sim: DynamoSimulation;
  readonly nodeCount: number;
  readonly clientNames: readonly string[];
  /** the end of the run in ms: durationMs plus one client timeout for operations to finish */
  readonly endMs: number;
  readonly history: Operation[] = [];
  /** interventions applied so far or scheduled: the scenario's timeline plus live ones */
  readonly timeline: Intervention[];
  private readonly recorders = { get: new LatencyRecorder(), put: new LatencyRecorder() };
  /** what RPC semantics did (retries, duplicates, de-duplication), or null under rpc "none" */
  readonly rpcProbe: RpcProbe | null;

  constructor(scenario: Scenario, seed: number, options: RunOptions = {}) {
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new Error(`seed must be a non-negative integer, got ${seed}`);
    this.scenario = scenario;
    this.seed = seed;
    this.placement = placementOf(scenario);
    this.currentRing = ringOf(scenario);
    this.nodeCount = scenario.cluster.nodes.length;
    this.clientNames = clientNames(scenario.workload.clients);
    this.endMs = scenario.durationMs + scenario.workload.clientTimeoutMs;
    const keepHistory = options.keepHistory ?? true;

    const names = scenario.cluster.nodes.map((n) => n.name);
    const tokensOf = (node: number) =>
      this.ring.tokens.filter((t) => t.node === node).map((t) => t.position);
    const run = this;
    const w = scenario.workload;
    this.rpcProbe =
      w.rpc === "none"
        ? null
        : new RpcProbe(w.rpc, w.dedupWindowMs, {
            origin: () => run.sim.trace.origin,
            nowMs: () => run.sim.nowMs,
          });
    const probe = this.rpcProbe;
    const serverDriven = w.coordination === "server-driven";
    const nodeSpec = nodeBehavior({
      ...scenario.quorum,
      coordination: w.coordination,
      serviceTime: scenario.coordination.serviceTime,
      rpc: { mode: w.rpc, dedupWindowMs: w.dedupWindowMs },
      probe,
      get ring() {
        return run.ring;
      },
      names,
      replication: scenario.replication,
      membership: {
        mode: scenario.membership.mode,
        gossipIntervalMs: scenario.membership.gossipIntervalMs,
        failureTimeoutMs: scenario.membership.failureTimeoutMs,
        seeds: (scenario.membership.seeds ?? [names[0] as string]).map((s) => names.indexOf(s)),
      },
      initialView: initialView(names, tokensOf),
    });
    const clientSpec = clientBehavior({
      get ring() {
        return run.ring;
      },
      workload: scenario.workload,
      endMs: scenario.durationMs,
      n: scenario.quorum.n,
      // the load balancer comes after the nodes and the clients
      loadBalancer: serverDriven ? ((this.nodeCount + this.clientNames.length) as ProcId) : null,
      viewRefreshMs: scenario.coordination.viewRefreshMs,
      probe,
    });
    const specs: ProcessSpec<Msg, Timer>[] = [
      ...scenario.cluster.nodes.map((n) => ({
        name: n.name,
        role: "node" as const,
        behavior: nodeSpec,
      })),
      ...this.clientNames.map((name) => ({ name, role: "client" as const, behavior: clientSpec })),
    ];
    if (serverDriven) {
      specs.push({
        name: LOAD_BALANCER_NAME,
        role: "node",
        behavior: loadBalancerBehavior({
          get ring() {
            return run.ring;
          },
          delay: scenario.coordination.loadBalancer,
          forgetAfterMs: w.clientTimeoutMs,
        }),
      });
    }
    const net = scenario.network;
    const network = new Network(specs.length, {
      latency: net.latency,
      loss: net.loss,
      duplicate: net.duplicate,
    });
    const recorders = this.recorders;
    this.sim = new Simulation<Msg, Timer>(specs, {
      rng: new Rng(seed),
      network,
      traceWindow: options.traceWindow ?? 16384,
      traceRefs: options.traceRefs ?? false,
      transferMs: wireTime(scenario),
      observer: {
        // by comparison, not recorders[op.f]: a lookup by a varying name is slow
        onInvoke: (op) => {
          (op.f === "get" ? recorders.get : recorders.put).invoked();
          if (keepHistory) this.history.push(op);
        },
        onComplete: (op) => {
          const rec = op.f === "get" ? recorders.get : recorders.put;
          if (op.outcome === "ok") rec.ok(ticksToMs((op.completeAt as number) - op.invokeAt));
          else rec.fail();
        },
      },
    });
    for (const link of net.links) {
      const a = this.sim.procId(link.from);
      const b = this.sim.procId(link.to);
      const change = {
        ...(link.latency && { latency: link.latency }),
        ...(link.loss !== undefined && { loss: link.loss }),
        ...(link.duplicate !== undefined && { duplicate: link.duplicate }),
      };
      network.setLink(a, b, change);
      if (link.bothWays) network.setLink(b, a, change);
    }
    for (const c of scenario.clocks) {
      const clock = this.sim.clockOf(this.sim.procId(c.node));
      clock.offsetTicks = msToTicks(c.offsetMs);
      clock.drift = c.drift;
    }
    this.timeline = [];
    const ordered = scenario.timeline
      .map((iv, i) => ({ iv, i }))
      .sort((a, b) => a.iv.atMs - b.iv.atMs || a.i - b.i);
    for (const { iv } of ordered) this.scheduleIntervention(iv);
    this.sim.start();
  }

  get nowMs(): number {
    return this.sim.nowMs;
  }

  /** The ring as it is now (the scenario's, until a join or leave). */
  get ring(): Ring {
    return this.currentRing;
  }

  /** Where the members sit now (the scenario's placement, until a join or leave). */
  get currentPlacement(): Placement {
    return this.placement;
  }

  /** The nodes on the ring now, in ring index order. */
  get members(): string[] {
    return [...this.placement.names];
  }

  /** Why a join or leave cannot happen now, or null if it can. */
  membershipProblem(kind: "join" | "leave", node: string): string | null {
    const names = this.ring.names;
    if (!names.includes(node)) return `${node} is not a node of this run`;
    const member = this.placement.names.includes(node);
    if (kind === "join" && member) return `${node} is already on the ring`;
    if (kind === "leave" && !member) return `${node} is not on the ring`;
    if (kind === "leave" && this.placement.names.length <= this.scenario.quorum.n)
      return `${node} cannot leave: N = ${this.scenario.quorum.n} needs ${this.scenario.quorum.n} nodes on the ring`;
    if (this.placement.partitioning.strategy === "mod-n")
      return "mod-N placement cannot change membership at run time";
    return null;
  }

  /** Applies a join or leave: a new placement and ring; the nodes move the data (rebalance.ts). */
  private changeMembership(kind: "join" | "leave", node: string): void {
    if (this.membershipProblem(kind, node) !== null) return; // a scripted change that cannot be
    const before = this.placement;
    const after = changeMembership(before, { kind, name: node });
    const positions = sampleKeyPositions();
    const modN = (names: readonly string[]) => placeNodes(names, { strategy: "mod-n" });
    this.membershipChanges.push({
      atMs: this.nowMs,
      kind,
      node,
      nodesBefore: before.names.length,
      nodesAfter: after.names.length,
      fractionMoved: fractionMoved(before, after, positions),
      modNFraction: fractionMoved(modN(before.names), modN(after.names), positions),
    });
    this.placement = after;
    this.currentRing = ringOverNodes(after, this.ring.names);
    // The administrator's change is recorded in the node's own membership view, from where gossip
    // spreads it (under oracle membership nobody reads views: routing uses the ring above).
    const index = this.sim.procId(node);
    const disk = this.sim.diskOf(index) as NodeDisk | undefined;
    if (disk !== undefined) {
      const tokens = this.currentRing.tokens.filter((t) => t.node === index).map((t) => t.position);
      disk.view = withEntry(disk.view, node, {
        status: kind === "join" ? "member" : "removed",
        tokens: kind === "join" ? tokens : [],
      });
    }
  }

  get finished(): boolean {
    return this.sim.nowMs >= this.endMs;
  }

  /** Runs every event up to `ms` (capped at the end of the run). */
  runUntilMs(ms: number): void {
    this.sim.runUntil(msToTicks(Math.min(ms, this.endMs)));
  }

  runToEnd(): void {
    this.runUntilMs(this.endMs);
  }

  /** Runs one event if one is due before the end; returns false at the end. */
  step(): boolean {
    if (this.sim.nextEventAt() > msToTicks(this.endMs)) {
      this.runToEnd();
      return false;
    }
    return this.sim.step();
  }

  /**
   * A live intervention: validated, stamped with the current instant, appended to the timeline and
   * applied at once (before any later event).
   */
  intervene(input: LiveIntervention): Intervention {
    const parsed = interventionSchema.safeParse({ ...input, atMs: this.nowMs });
    if (!parsed.success) {
      throw new InterventionError(
        `bad intervention: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
    }
    const iv = parsed.data;
    for (const who of namesIn(iv)) {
      if (!this.sim.hasProc(who))
        throw new InterventionError(`bad intervention: ${who} is not a node or client of this run`);
    }
    if (iv.kind === "join" || iv.kind === "leave") {
      const problem = this.membershipProblem(iv.kind, iv.node);
      if (problem !== null) throw new InterventionError(`cannot ${iv.kind}: ${problem}`);
    }
    this.scheduleIntervention(iv);
    this.sim.runUntil(this.sim.now); // apply it now
    return iv;
  }

  private scheduleIntervention(iv: Intervention): void {
    this.timeline.push(iv);
    const apply =
      iv.kind === "join" || iv.kind === "leave"
        ? () => this.changeMembership(iv.kind as "join" | "leave", iv.node)
        : () => applyIntervention(this.sim, iv);
    this.sim.schedule(msToTicks(iv.atMs), iv.kind, apply, iv);
  }

  stats(): { get: Stats; put: Stats } {
    return { get: this.recorders.get.stats(), put: this.recorders.put.stats() };
  }

  /** Latencies (ms) of successful operations of one kind. */
  latencies(f: "get" | "put"): Float64Array {
    return this.recorders[f].values();
  }

  summary(): RunSummary {
    return {
      scenario: this.scenario.name,
      seed: this.seed,
      traceHash: this.sim.trace.digest,
      events: this.sim.trace.length,
      simulatedMs: this.nowMs,
      ops: this.stats(),
      ...(this.rpcProbe !== null && { rpc: this.rpcProbe.report() }),
    };
  }

  nodeSummary(i: number): NodeSummary {
    return summarizeNode(
      this.sim.isUp(i) ? (this.sim.stateOf(i) as NodeState) : undefined,
      this.sim.diskOf(i) as NodeDisk | undefined,
    );
  }
}

/** The processes an intervention names. */
export function namesIn(iv: Intervention): string[] {
  switch (iv.kind) {
    case "crash":
    case "recover":
    case "slow":
    case "skew":
    case "join":
    case "leave":
      return [iv.node];
    case "link":
      return [iv.from, iv.to];
    case "partition":
      return iv.groups.flat();
    case "heal":
    case "network":
      return [];
  }
}

/** The time a message spends going onto the wire, if the network's bandwidth is finite. */
function wireTime(scenario: Scenario): ((body: Msg) => number) | undefined {
  const mbps = scenario.network.bandwidthMbps;
  if (mbps === undefined) return undefined;
  const sizes = scenario.workload.valueBytes;
  return (body) => transferMs(messageBytes(body, sizes), mbps);
}
