/**
 * The preset scenarios as plain data: what each teaches, what to watch, and its scenario as
 * written. Free of the schema validator, so the app's main thread can list presets cheaply;
 * `presets.ts` parses them.
 */

import { nodeNames } from "./names";
import type { ScenarioInput } from "./schema";

export interface Preset {
  readonly title: string;
  /** what to look at while it runs */
  readonly watch: string;
  readonly scenario: ScenarioInput;
}

const five = nodeNames(5).map((name) => ({ name }));

export const presets: Readonly<Record<string, Preset>> = {
  default: {
    title: "Five nodes, N = 3, R = 2, W = 2",
    watch:
      "Each put goes to the first node of the key's preference list, which stores it and forwards it to the next two nodes clockwise; it answers after two of the three hold it. Gets wait for two replies.",
    scenario: {
      version: 1,
      name: "default",
      description:
        "Five nodes A-E on a ring, two clients sending a steady mix of gets and puts over 20 keys.",
      durationMs: 10_000,
      cluster: { nodes: five },
      quorum: { n: 3, r: 2, w: 2, requestTimeoutMs: 300 },
      workload: { clients: 2, mode: "open", ratePerSec: 50, getFraction: 0.5, keys: { count: 20 } },
    },
  },
  "crash-recover": {
    title: "A node crashes, then recovers",
    watch:
      "C crashes at 300 ms. Requests that C coordinates time out at the client; requests where C is one of three replicas still reach W = 2 and R = 2 with the other two. C comes back at 900 ms with its disk but no in-flight requests. Raise the speed to get there sooner.",
    scenario: {
      version: 1,
      name: "crash-recover",
      description: "The default cluster; node C crashes at 300 ms and recovers at 900 ms.",
      durationMs: 1_500,
      cluster: { nodes: five },
      timeline: [
        { atMs: 300, kind: "crash", node: "C" },
        { atMs: 900, kind: "recover", node: "C" },
      ],
    },
  },
  partition: {
    title: "The network splits in two",
    watch:
      "From 300 ms to 900 ms, A, B and client1 cannot reach C, D, E and client2. A request succeeds only if its client can reach the coordinator and the coordinator can reach enough replicas on its own side. Raise the speed to get there sooner.",
    scenario: {
      version: 1,
      name: "partition",
      description:
        "The default cluster, partitioned into {A, B, client1} and {C, D, E, client2} from 300 ms to 900 ms.",
      durationMs: 1_500,
      cluster: { nodes: five },
      timeline: [
        {
          atMs: 300,
          kind: "partition",
          groups: [
            ["A", "B", "client1"],
            ["C", "D", "E", "client2"],
          ],
        },
        { atMs: 900, kind: "heal" },
      ],
    },
  },
  "lossy-network": {
    title: "A lossy network that duplicates messages",
    watch:
      "5% of messages are lost and 2% delivered twice. A lost replica write costs one acknowledgement; a lost client request ends in a client timeout. Duplicated writes are harmless: a replica keeps the newest version.",
    scenario: {
      version: 1,
      name: "lossy-network",
      description: "The default cluster on a network that loses 5% of messages and duplicates 2%.",
      durationMs: 2_000,
      cluster: { nodes: five },
      network: { loss: 0.05, duplicate: 0.02 },
    },
  },
  gossip: {
    title: "Gossip and failure detection",
    watch:
      "Every node gossips its membership view to a random peer every 50 ms (Dynamo: once a second; sped up here so you can watch). C crashes at 300 ms: each node that gossips to C and gets no answer within 20 ms starts to suspect it, on its own; nodes disagree until each has tried. Once C recovers at 900 ms, the first message from C clears a node's suspicion.",
    scenario: {
      version: 1,
      name: "gossip",
      description:
        "The default cluster with gossip membership every 50 ms and a light workload; C crashes at 300 ms and recovers at 900 ms.",
      durationMs: 1_500,
      cluster: { nodes: five },
      membership: { mode: "gossip", gossipIntervalMs: 50, failureTimeoutMs: 20 },
      workload: { clients: 1, ratePerSec: 20 },
      timeline: [
        { atMs: 300, kind: "crash", node: "C" },
        { atMs: 900, kind: "recover", node: "C" },
      ],
    },
  },
  "virtual-nodes": {
    title: "64 nodes, 32 virtual nodes each (Strategy 1)",
    watch:
      "Each of 64 nodes owns 32 random tokens, so the ring is cut into 2,048 ranges and every node's keys are scattered all around it (Dynamo section 6.2, Strategy 1). Find a key to see that its three replicas are three different physical nodes, wherever their tokens fall.",
    scenario: {
      version: 1,
      name: "virtual-nodes",
      description:
        "64 nodes with 32 random tokens each (Strategy 1), N = 3, R = 2, W = 2, a steady workload.",
      durationMs: 10_000,
      cluster: {
        nodes: nodeNames(64).map((name) => ({ name })),
        partitioning: { strategy: 1, tokensPerNode: 32 },
      },
      workload: { clients: 4, mode: "open", ratePerSec: 50, keys: { count: 100 } },
    },
  },
  "bench-64": {
    title: "64 nodes under full load (benchmark)",
    watch:
      "A message-heavy run for measuring the simulator's speed: 64 nodes and 128 closed-loop clients with no think time.",
    scenario: {
      version: 1,
      name: "bench-64",
      description: "64 nodes, N = 3, R = 2, W = 2; 128 closed-loop clients over 1,000 keys.",
      durationMs: 2_000,
      cluster: { nodes: nodeNames(64).map((name) => ({ name })) },
      network: { latency: { kind: "exponential", meanMs: 0.5 } },
      workload: { clients: 128, mode: "closed", thinkMs: 0, keys: { count: 1_000 } },
    },
  },
};

export const presetNames: readonly string[] = Object.keys(presets);

export function isPreset(name: string): boolean {
  return Object.hasOwn(presets, name);
}
