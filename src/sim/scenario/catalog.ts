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

/** PBS Table 3 fits (Exponential(l) has rate l per ms, so mean 1/l ms). */
const LNKD_SSD = {
  kind: "mixture",
  components: [
    { weight: 0.9122, dist: { kind: "pareto", scaleMs: 0.235, shape: 10 } },
    { weight: 0.0878, dist: { kind: "exponential", meanMs: 1 / 1.66 } },
  ],
} as const;
const LNKD_DISK_WRITE = {
  kind: "mixture",
  components: [
    { weight: 0.38, dist: { kind: "pareto", scaleMs: 1.05, shape: 1.51 } },
    { weight: 0.62, dist: { kind: "exponential", meanMs: 1 / 0.183 } },
  ],
} as const;

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
  "figure-3": {
    title: "Vector clocks and siblings: Dynamo's Figure 3",
    watch:
      "Three nodes Sx, Sy, Sz hold every key (N = 3). A client writes D1 and D2 through Sx: [(Sx,1)], then [(Sx,2)], which supersedes D1. Two clients read D2; one writes D3 through Sy, the other D4 through Sz: [(Sx,2),(Sy,1)] and [(Sx,2),(Sz,1)] are concurrent, so replicas keep both as siblings. A read returns both with the context [(Sx,2),(Sy,1),(Sz,1)]; the client reconciles them and writes D5 through Sx: [(Sx,3),(Sy,1),(Sz,1)] supersedes both. Open the key's version view to see the graph.",
    scenario: {
      version: 1,
      name: "figure-3",
      description:
        "Dynamo's Figure 3 (SOSP 2007, section 4.4) as a script: five writes to one key through Sx, Sy and Sz, with a read before each update.",
      durationMs: 400,
      cluster: { nodes: [{ name: "Sx" }, { name: "Sy" }, { name: "Sz" }] },
      quorum: { n: 3, r: 2, w: 2, requestTimeoutMs: 300 },
      network: { latency: { kind: "constant", ms: 2 } },
      workload: {
        clients: 2,
        mode: "script",
        script: [
          { atMs: 10, client: "client1", f: "put", key: "cart", value: "D1", via: "Sx" },
          { atMs: 50, client: "client1", f: "get", key: "cart", via: "Sx" },
          { atMs: 90, client: "client1", f: "put", key: "cart", value: "D2", via: "Sx" },
          { atMs: 130, client: "client1", f: "get", key: "cart", via: "Sx" },
          { atMs: 130, client: "client2", f: "get", key: "cart", via: "Sz" },
          { atMs: 170, client: "client1", f: "put", key: "cart", value: "D3", via: "Sy" },
          { atMs: 170, client: "client2", f: "put", key: "cart", value: "D4", via: "Sz" },
          { atMs: 230, client: "client1", f: "get", key: "cart", via: "Sx" },
          { atMs: 300, client: "client1", f: "put", key: "cart", value: "D5", via: "Sx" },
        ],
      },
    },
  },
  "shopping-cart": {
    title: "Siblings merged by union: a shopping cart",
    watch:
      "Two clients add items to the same cart through different nodes at the same time: the adds are concurrent, so the cart has two siblings. The next read returns both; the client merges them by union and writes the result, which supersedes both. No add is ever lost, but an item removed in one sibling comes back from the other (Dynamo section 4.4).",
    scenario: {
      version: 1,
      name: "shopping-cart",
      description:
        "Three nodes; two clients add to one cart concurrently through Sx and Sy, then one client reads the siblings and writes their union.",
      durationMs: 300,
      cluster: { nodes: [{ name: "Sx" }, { name: "Sy" }, { name: "Sz" }] },
      network: { latency: { kind: "constant", ms: 2 } },
      workload: {
        clients: 2,
        mode: "script",
        script: [
          { atMs: 10, client: "client1", f: "put", key: "cart", value: "milk", via: "Sx" },
          { atMs: 50, client: "client1", f: "get", key: "cart", via: "Sx" },
          { atMs: 50, client: "client2", f: "get", key: "cart", via: "Sy" },
          {
            atMs: 90,
            client: "client1",
            f: "put",
            key: "cart",
            value: "eggs",
            via: "Sx",
            merge: "union",
          },
          {
            atMs: 90,
            client: "client2",
            f: "put",
            key: "cart",
            value: "bread",
            via: "Sy",
            merge: "union",
          },
          { atMs: 150, client: "client1", f: "get", key: "cart", via: "Sz" },
          {
            atMs: 200,
            client: "client1",
            f: "put",
            key: "cart",
            value: "",
            via: "Sz",
            merge: "union",
          },
        ],
      },
    },
  },
  "clock-truncation": {
    title: "Vector clock truncation revives an old version",
    watch:
      "Clocks keep at most 2 entries here (Dynamo keeps about 10, dropping the oldest by timestamp). One client reads and rewrites a key through A, then B, then C, then D: each write supersedes the one before. D's write would need three entries, so the oldest, A's, is dropped: its clock no longer shows that it descends from A's write, and a replica still holding A's version now keeps both as siblings. The version view shows the false sibling.",
    scenario: {
      version: 1,
      name: "clock-truncation",
      description:
        "Five nodes, clocks truncated past 2 entries; a read-modify-write chain through A, B, C and D, with C down during B's write so that only some replicas see each step.",
      durationMs: 400,
      cluster: { nodes: five },
      quorum: { n: 5, r: 1, w: 1, requestTimeoutMs: 100 },
      network: { latency: { kind: "constant", ms: 2 } },
      replication: { clockMaxEntries: 2, readRepair: false, antiEntropyIntervalMs: 0 },
      workload: {
        clients: 1,
        mode: "script",
        script: [
          { atMs: 10, client: "client1", f: "put", key: "doc", value: "v1", via: "A" },
          { atMs: 40, client: "client1", f: "get", key: "doc", via: "A" },
          { atMs: 60, client: "client1", f: "put", key: "doc", value: "v2", via: "B" },
          { atMs: 90, client: "client1", f: "get", key: "doc", via: "B" },
          { atMs: 110, client: "client1", f: "put", key: "doc", value: "v3", via: "C" },
          { atMs: 140, client: "client1", f: "get", key: "doc", via: "C" },
          { atMs: 160, client: "client1", f: "put", key: "doc", value: "v4", via: "D" },
          { atMs: 220, client: "client1", f: "get", key: "doc", via: "E" },
        ],
      },
      timeline: [
        { atMs: 55, kind: "crash", node: "E" },
        { atMs: 150, kind: "recover", node: "E" },
      ],
    },
  },
  "lww-skew": {
    title: "Last-write-wins under clock skew loses a write",
    watch:
      "Conflicts are resolved by the coordinator's physical clock (last-write-wins). B's clock runs 50 ms behind. client1 writes 'first' through A at 20 ms; once that is acknowledged, client2 writes 'second' through B at 60 ms; it reaches B at 62 ms, which B's clock reads as 12 ms, so it is stamped 12 ms against 'first''s 22 ms. Every replica keeps the larger timestamp, 'first': the later, acknowledged write 'second' is silently lost, and the run reports it.",
    scenario: {
      version: 1,
      name: "lww-skew",
      description:
        "Five nodes under last-write-wins; B's clock is 50 ms behind; two writes to one key, 40 ms apart, through A and then B.",
      durationMs: 300,
      cluster: { nodes: five },
      network: { latency: { kind: "constant", ms: 2 } },
      replication: { conflicts: "lww" },
      clocks: [{ node: "B", offsetMs: -50 }],
      workload: {
        clients: 2,
        mode: "script",
        script: [
          { atMs: 20, client: "client1", f: "put", key: "profile", value: "first", via: "A" },
          { atMs: 60, client: "client2", f: "put", key: "profile", value: "second", via: "B" },
          { atMs: 120, client: "client1", f: "get", key: "profile", via: "C" },
          { atMs: 120, client: "client2", f: "get", key: "profile", via: "D" },
        ],
      },
    },
  },
  "cap-partition": {
    title: "CAP: the same partition under strict and sloppy quorum",
    watch:
      "From 200 ms to 800 ms, A, B and client1 are cut off from C, D, E and client2. Under strict quorum (as loaded) a request needs W = 2 or R = 2 of the key's own three replicas: on the small side most fail, so the store is unavailable there, but no read is stale. Switch the quorum to sloppy in the Replication panel: the small side writes to stand-ins with hints and stays available, both sides accept writes to the same keys, reads go stale (the badge counts them), and after the heal the hints flow back and reads see siblings. Neither mode is linearizable: a write that failed on its quorum may still have reached one replica and surface later as a sibling, and Dynamo has no compare-and-set.",
    scenario: {
      version: 1,
      name: "cap-partition",
      description:
        "Five nodes, N = 3, R = 2, W = 2, strict quorum; a partition {A, B, client1} | {C, D, E, client2} from 200 ms to 800 ms over four keys.",
      durationMs: 1_200,
      cluster: { nodes: five },
      quorum: { n: 3, r: 2, w: 2, requestTimeoutMs: 100, sloppy: false },
      replication: { replicaTimeoutMs: 20, handoffIntervalMs: 100 },
      workload: {
        clientTimeoutMs: 150,
        clients: 2,
        mode: "open",
        ratePerSec: 40,
        getFraction: 0.5,
        context: "read-first",
        keys: { count: 4 },
      },
      timeline: [
        {
          atMs: 200,
          kind: "partition",
          groups: [
            ["A", "B", "client1"],
            ["C", "D", "E", "client2"],
          ],
        },
        { atMs: 800, kind: "heal" },
      ],
    },
  },
  "sloppy-quorum": {
    title: "Sloppy quorum and hinted handoff",
    watch:
      "C crashes at 200 ms. Writes whose preference list includes C go to the next healthy node instead, which keeps them as hinted replicas naming C (a gold ring on the node). C recovers at 700 ms: every 100 ms the stand-ins offer their hints to C, and once C acknowledges a hint the stand-in deletes it.",
    scenario: {
      version: 1,
      name: "sloppy-quorum",
      description:
        "Five nodes, sloppy quorum; C is down from 200 ms to 700 ms under a steady write-heavy workload.",
      durationMs: 1_200,
      cluster: { nodes: five },
      replication: { replicaTimeoutMs: 20, handoffIntervalMs: 100 },
      workload: {
        clients: 2,
        mode: "open",
        ratePerSec: 40,
        getFraction: 0.3,
        context: "read-first",
        keys: { count: 10 },
      },
      timeline: [
        { atMs: 200, kind: "crash", node: "C" },
        { atMs: 700, kind: "recover", node: "C" },
      ],
    },
  },
  "join-leave": {
    title: "Nodes join and leave: keys moved, beside mod-N",
    watch:
      "F is running but off the ring. Add it from the Membership panel: it takes half of the largest range, and only the keys in that half change owner; the nodes that no longer replicate them send them to F (pink) and delete their copies once F confirms. Hashing mod N would have moved most keys. Remove a node to see its keys handed to their new replicas. Reads and writes go on throughout.",
    scenario: {
      version: 1,
      name: "join-leave",
      description:
        "Five nodes on the ring and F on standby; a steady workload over 40 keys. Join F, or remove a node, from the Membership panel.",
      durationMs: 10_000,
      cluster: { nodes: [...five, { name: "F", standby: true }] },
      replication: { handoffIntervalMs: 100 },
      workload: { clients: 2, mode: "open", ratePerSec: 40, getFraction: 0.5, keys: { count: 40 } },
    },
  },
  "linearizability-violation": {
    title: "R + W <= N: a read misses a completed write",
    watch:
      "N = 3 with R = 1 and W = 1, so a read quorum and a write quorum need not meet. client1 writes v1 through A, which acknowledges it at once; the copy for C travels a slow link (40 ms). client2 then reads through C, which answers from its own replica: still v0, although v1's write had completed. No order of these operations explains that read: the history is not linearizable. Later reads see v1: the store is only eventually consistent.",
    scenario: {
      version: 1,
      name: "linearizability-violation",
      description:
        "Three nodes, N = 3, R = 1, W = 1, strict quorum; the link from A to C takes 40 ms; a write through A, then a read through C.",
      durationMs: 200,
      cluster: { nodes: [{ name: "A" }, { name: "B" }, { name: "C" }] },
      quorum: { n: 3, r: 1, w: 1, requestTimeoutMs: 100, sloppy: false },
      network: {
        latency: { kind: "constant", ms: 1 },
        links: [{ from: "A", to: "C", latency: { kind: "constant", ms: 40 } }],
      },
      replication: { readRepair: false, antiEntropyIntervalMs: 0 },
      workload: {
        clients: 2,
        mode: "script",
        script: [
          { atMs: 5, client: "client1", f: "put", key: "x", value: "v0", via: "B" },
          { atMs: 20, client: "client1", f: "get", key: "x", via: "B" },
          { atMs: 30, client: "client1", f: "put", key: "x", value: "v1", via: "A" },
          { atMs: 40, client: "client2", f: "get", key: "x", via: "C" },
          { atMs: 120, client: "client2", f: "get", key: "x", via: "C" },
        ],
      },
    },
  },
  "key-placement": {
    title: "Key K in (A, B] is stored at B, C and D",
    watch:
      "One token per node, the basic consistent-hashing ring: a key's MD5 position falls in the range between two tokens, and the key belongs to the node at the range's end, then to the next two distinct nodes clockwise (N = 3). Type a key in Find a key to see its position, its range and its three replicas in order; point at a node to see the range it coordinates and where its copies live.",
    scenario: {
      version: 1,
      name: "key-placement",
      description:
        "Five nodes A-E with one evenly spaced token each, N = 3, a light workload over 10 keys.",
      durationMs: 5_000,
      cluster: { nodes: five },
      workload: { clients: 1, mode: "open", ratePerSec: 10, keys: { count: 10 } },
    },
  },
  "read-repair": {
    title: "Read repair: a get brings a stale replica up to date",
    watch:
      "C misses a write while the link from A to C is cut (R = 2 and W = 2 still succeed with A and B). Once the link is back, client1 reads through A: A's and B's replies are newer than C's, so after answering, A sends C the newest version (green, read repair). The Replication panel counts the repair, and C's store in its inspector shows the new version.",
    scenario: {
      version: 1,
      name: "read-repair",
      description:
        "Three nodes, N = 3, R = 2, W = 2, strict quorum, no anti-entropy; the link A-C is cut while v2 is written, then restored before a read.",
      durationMs: 300,
      cluster: { nodes: [{ name: "A" }, { name: "B" }, { name: "C" }] },
      quorum: { n: 3, r: 2, w: 2, requestTimeoutMs: 100, sloppy: false },
      network: { latency: { kind: "constant", ms: 2 } },
      replication: { antiEntropyIntervalMs: 0 },
      workload: {
        clients: 1,
        mode: "script",
        script: [
          { atMs: 10, client: "client1", f: "put", key: "x", value: "v1", via: "A" },
          { atMs: 40, client: "client1", f: "get", key: "x", via: "A" },
          { atMs: 60, client: "client1", f: "put", key: "x", value: "v2", via: "A" },
          { atMs: 150, client: "client1", f: "get", key: "x", via: "A" },
        ],
      },
      timeline: [
        { atMs: 50, kind: "link", from: "A", to: "C", cut: true },
        { atMs: 120, kind: "link", from: "A", to: "C", cut: false },
      ],
    },
  },
  "anti-entropy": {
    title: "Anti-entropy: Merkle trees find what differs",
    watch:
      "C is down while 20 keys are written, so it misses them; no client reads them again, so read repair never runs. Every 200 ms each node compares one of its key ranges with a peer's Merkle tree (teal messages): equal roots end the exchange at once; different roots make both sides descend only into the differing branches, and then send just the keys of the differing leaves. Open C in Inside a node to watch its tree against a peer's converge.",
    scenario: {
      version: 1,
      name: "anti-entropy",
      description:
        "Five nodes, sloppy quorum with hinted handoff turned off (the stand-ins keep their hints); C is down from 50 to 400 ms under writes; anti-entropy every 200 ms.",
      durationMs: 4_000,
      cluster: { nodes: five },
      replication: { handoffIntervalMs: 0, antiEntropyIntervalMs: 200, readRepair: false },
      workload: {
        clients: 1,
        mode: "open",
        ratePerSec: 100,
        getFraction: 0,
        stopMs: 400,
        keys: { count: 20 },
      },
      timeline: [
        { atMs: 50, kind: "crash", node: "C" },
        { atMs: 400, kind: "recover", node: "C" },
      ],
    },
  },
  "lamport-vs-vector": {
    title: "What a Lamport clock cannot tell",
    watch:
      "Two clients write the same key at the same time through different nodes, each having read v0. Their Lamport timestamps are ordered (one is smaller), as Lamport clocks always are; but neither version's vector clock descends from the other's, so the replicas keep both as siblings. The version view shows both clocks side by side: the Lamport order is an accident of timing, the vector clocks say 'concurrent'.",
    scenario: {
      version: 1,
      name: "lamport-vs-vector",
      description:
        "Three nodes; v0 written through Sx, read by two clients, then two concurrent writes through Sy and Sz.",
      durationMs: 200,
      cluster: { nodes: [{ name: "Sx" }, { name: "Sy" }, { name: "Sz" }] },
      network: { latency: { kind: "constant", ms: 2 } },
      workload: {
        clients: 2,
        mode: "script",
        script: [
          { atMs: 10, client: "client1", f: "put", key: "x", value: "v0", via: "Sx" },
          { atMs: 40, client: "client1", f: "get", key: "x", via: "Sx" },
          { atMs: 40, client: "client2", f: "get", key: "x", via: "Sx" },
          { atMs: 70, client: "client1", f: "put", key: "x", value: "from-Sy", via: "Sy" },
          { atMs: 71, client: "client2", f: "put", key: "x", value: "from-Sz", via: "Sz" },
          { atMs: 120, client: "client1", f: "get", key: "x", via: "Sx" },
        ],
      },
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
  strategies: {
    title: "Partitioning Strategies 1, 2 and 3 (Dynamo Figure 8)",
    watch:
      "Eight nodes start under Strategy 1: 8 random tokens each, so ranges differ in size and the busiest node holds about a quarter more than its share (load balance 0.81), and each node keeps the whole token map (1,280 bytes here). In Placement, switch to Strategy 2: the same random tokens, but keys now live in 512 equal partitions (placement decoupled from partitioning; balance 0.80, and the partition map costs 3,328 bytes). Then Strategy 3: 64 equal partitions, 8 per node, so balance rises to 0.92 and the map shrinks to 256 bytes, as Dynamo section 6.2 found. Find a key to see it follow its partition.",
    scenario: {
      version: 1,
      name: "strategies",
      description:
        "Eight nodes A-H, Strategy 1 with 8 tokens per node, N = 3, a steady workload over 50 keys; the Placement panel switches to Strategy 2 (Q = 512) or 3 (Q = 64).",
      durationMs: 5_000,
      cluster: {
        nodes: nodeNames(8).map((name) => ({ name })),
        partitioning: { strategy: 1, tokensPerNode: 8 },
      },
      workload: { clients: 2, mode: "open", ratePerSec: 50, keys: { count: 50 } },
    },
  },
  coordination: {
    title: "Server-driven coordination through a load balancer (Dynamo Table 2)",
    watch:
      'Twelve nodes, N = 3, R = 2, W = 2. Clients send every request to the load balancer lb, which waits a queueing delay, then hands it to a random node; nine times in twelve that node is not among the key\'s three replicas and forwards the request to the first of them, an extra hop. Answers travel back the same way. Each node spends a service time on every client request. Compare with the client-driven run: choose "client-driven" under Coordination in the Latency panel (clients then poll a node for the membership every 10 s and send reads to a random replica, writes to the first), tick Side by side to see both at once, or open Experiments for Table 2 over many seeds.',
    scenario: {
      version: 1,
      name: "coordination",
      description:
        "Twelve nodes, server-driven coordination: a load balancer with a heavy-tailed delay, random nodes forwarding into the preference list, heavy-tailed service times.",
      durationMs: 5_000,
      cluster: { nodes: nodeNames(12).map((name) => ({ name })) },
      network: { latency: { kind: "lognormal", medianMs: 0.25, sigma: 0.5 } },
      replication: { conflicts: "lww" },
      coordination: {
        loadBalancer: {
          kind: "mixture",
          components: [
            { weight: 0.95, dist: { kind: "exponential", meanMs: 0.3 } },
            { weight: 0.05, dist: { kind: "pareto", scaleMs: 1.5, shape: 1.3 } },
          ],
        },
        serviceTime: {
          kind: "mixture",
          components: [
            { weight: 0.97, dist: { kind: "exponential", meanMs: 0.35 } },
            { weight: 0.03, dist: { kind: "pareto", scaleMs: 3, shape: 1.5 } },
          ],
        },
      },
      workload: {
        clients: 4,
        mode: "open",
        ratePerSec: 100,
        keys: { count: 200 },
        context: "none",
        coordination: "server-driven",
      },
    },
  },
  "at-least-once": {
    title: "At-least-once: a retried put is applied twice",
    watch:
      "Clients retry any request left unanswered for 30 ms, up to 2 times, on a network that loses 10% of messages and duplicates 5%. A put whose answer was lost is sent again and applied again: the coordinator stamps a second version with a new dot, and since neither version's context holds the other, replicas keep both as siblings with the same value. run --json counts retries and duplicates applied (rpc); open a key's version view to see the twin siblings.",
    scenario: {
      version: 1,
      name: "at-least-once",
      description:
        "The default cluster on a lossy, duplicating network; clients retry unanswered requests after 30 ms, up to twice.",
      durationMs: 3_000,
      cluster: { nodes: five },
      network: { loss: 0.1, duplicate: 0.05 },
      workload: {
        clients: 2,
        ratePerSec: 40,
        keys: { count: 10 },
        rpc: "at-least-once",
        maxRetries: 2,
        retryAfterMs: 30,
      },
    },
  },
  "at-most-once": {
    title: "At-most-once: request ids and a de-duplication table",
    watch:
      "The same lossy, duplicating network and the same retries, but every request carries an id (client name and sequence), and the coordinator of a put remembers each id with its answer for 200 ms. A retry or a duplicate within that window gets the remembered answer and is not applied again: no twin siblings. Retries here come 30 ms apart, so they all fall in the window; make dedupWindowMs shorter than retryAfterMs and repeats apply again once their entry expires (run --json: dedupHits, dedupExpired, duplicatesApplied).",
    scenario: {
      version: 1,
      name: "at-most-once",
      description:
        "The default cluster on a lossy, duplicating network; retries after 30 ms carry request ids that coordinators remember for 200 ms.",
      durationMs: 3_000,
      cluster: { nodes: five },
      network: { loss: 0.1, duplicate: 0.05 },
      workload: {
        clients: 2,
        ratePerSec: 40,
        keys: { count: 10 },
        rpc: "at-most-once",
        maxRetries: 2,
        retryAfterMs: 30,
        dedupWindowMs: 200,
      },
    },
  },
  staleness: {
    title: "Staleness after commit: PBS's WARS model",
    watch:
      "Three replicas A, B, C and two coordinators that are not replicas: Xw for writes, Xr for reads (PBS, VLDB 2012). Each trial writes a fresh key through Xw, which sends it to all three and answers after W = 1 acknowledgement; the client then reads the key through Xr, which asks all three and answers with the first R = 1 reply, at 0, 2, 5 and 20 ms after the commit. Write links are slow (LinkedIn disk fit), so a read at commit often reaches a replica the write has not reached yet: a stale read. Later reads are stale less and less often. The Experiments page (Staleness after commit) measures the whole curve.",
    scenario: {
      version: 1,
      name: "staleness",
      description:
        "N = 3, R = 1, W = 1, strict quorum, no read repair or anti-entropy; writes through Xw, reads through Xr, with PBS's lnkd-disk delays.",
      durationMs: 400,
      cluster: {
        nodes: [
          { name: "A" },
          { name: "B" },
          { name: "C" },
          { name: "Xw", standby: true },
          { name: "Xr", standby: true },
        ],
      },
      quorum: { n: 3, r: 1, w: 1, requestTimeoutMs: 300, sloppy: false },
      replication: { readRepair: false, handoffIntervalMs: 0, antiEntropyIntervalMs: 0 },
      network: {
        latency: { kind: "constant", ms: 0.05 },
        links: ["A", "B", "C"].flatMap((node) => [
          { from: "Xw", to: node, bothWays: false, latency: LNKD_DISK_WRITE },
          { from: node, to: "Xw", bothWays: false, latency: LNKD_SSD },
          { from: "Xr", to: node, bothWays: false, latency: LNKD_SSD },
          { from: node, to: "Xr", bothWays: false, latency: LNKD_SSD },
        ]),
      },
      workload: {
        clients: 1,
        mode: "staleness",
        staleness: {
          trials: 10,
          readAtMs: [0, 2, 5, 20],
          gapMs: 30,
          writeVia: "Xw",
          readVia: "Xr",
        },
      },
    },
  },
  "bench-64": {
    title: "64 nodes under full load (benchmark)",
    watch:
      "A message-heavy run for measuring the simulator's speed: 64 nodes and 128 closed-loop clients with no think time.",
    scenario: {
      version: 1,
      name: "bench-64",
      description:
        "64 nodes, N = 3, R = 2, W = 2; 128 closed-loop read-modify-write clients over 1,000 keys.",
      durationMs: 2_000,
      cluster: { nodes: nodeNames(64).map((name) => ({ name })) },
      network: { latency: { kind: "exponential", meanMs: 0.5 } },
      // read-modify-write, as Dynamo's clients update: siblings stay few (blind writes from 128
      // clients would pile up ten per key, and the run would measure their reconciliation)
      workload: {
        clients: 128,
        mode: "closed",
        thinkMs: 0,
        context: "read-first",
        keys: { count: 1_000 },
      },
    },
  },
};

export const presetNames: readonly string[] = Object.keys(presets);

export function isPreset(name: string): boolean {
  return Object.hasOwn(presets, name);
}
