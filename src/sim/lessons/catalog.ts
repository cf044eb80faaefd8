/**
 * The lessons, as plain data (see types.ts). Each runs over a preset; its test (lessons.test.ts)
 * plans every lesson headless and checks that every wait is met within its bound.
 *
 * Sections are those of the Dynamo paper (DeCandia et al., SOSP 2007); PBS is Bailis et al., VLDB
 * 2012; Lamport is "Time, Clocks, and the Ordering of Events in a Distributed System", 1978.
 */

import type { HandlerRef, Lesson } from "./types";

// short forms of the section titles, to fit a chip on the stage
const S42 = "§4.2 Partitioning";
const S43 = "§4.3 Replication";
const S44 = "§4.4 Data versioning";
const S45 = "§4.5 get() and put()";
const S46 = "§4.6 Hinted handoff";
const S64 = "§6.4 Client- or server-driven coordination";

const h = (message: string | null, handler: string, section: string): HandlerRef => ({
  message,
  handler,
  section,
});

const ON_PUT = h("put", "coordinator.onPut", S45);
const ON_GET = h("get", "coordinator.onGet", S45);
const REPLICA_WRITE = h("replica_write", "replica.onReplicaWrite", S43);
const REPLICA_READ = h("replica_read", "replica.onReplicaRead", S45);
const HINTED_WRITE = h("hinted_write", "replica.onReplicaWrite (hinted)", S46);
const HANDOFF = h("handoff", "handoff.onHandoff", S46);
const HANDOFF_OK = h("handoff_ok", "handoff.onHandoffOk", S46);
const RING_WALK = h(null, "Ring.walk (the preference list)", S42);
const CHOOSE_TARGETS = h(null, "coordinator.chooseTargets (sloppy quorum)", S46);
const MAKE_VERSION = h(null, "versioning.makeVersion (the vector clock)", S44);

export const lessons: readonly Lesson[] = [
  {
    id: "consistent-hashing",
    title: "Consistent hashing and preference lists",
    summary: "Where a key lives: its MD5 position on the ring, its coordinator and its N replicas.",
    preset: "key-placement",
    seed: 1,
    speed: 1 / 100,
    steps: [
      {
        title: "Keys live on a ring",
        text: "Five nodes A to E each own one token on the ring. A key's MD5 hash is a position on the same ring; the key belongs to the first node clockwise from it. Point at a node to see the range of keys it coordinates.",
        handlers: [RING_WALK],
      },
      {
        title: "A put goes to the key's coordinator",
        text: "Watch a put travel from the client to the first node of its key's preference list. That node stamps a new version, stores it, and forwards it to the next two nodes clockwise.",
        wait: { until: { kind: "completed", f: "put", outcome: "ok" }, withinMs: 2000 },
        handlers: [ON_PUT, REPLICA_WRITE],
      },
      {
        title: "N = 3 copies, read back with R = 2",
        text: "A get asks the key's three replicas and answers as soon as two of them reply (R = 2). The preference list is the same walk clockwise: B stores keys in (A, B] and replicates them at C and D.",
        wait: { until: { kind: "completed", f: "get", outcome: "ok" }, withinMs: 2000 },
        handlers: [ON_GET, REPLICA_READ],
      },
      {
        title: "Crash B: the walk goes one further",
        text: "B crashes now. A write whose preference list includes B goes to the next healthy node of the walk instead, with a hint naming B: B greys out, and the stand-in gets a gold ring.",
        actions: [{ kind: "crash", node: "B" }],
        wait: { until: { kind: "hint", for: "B" }, withinMs: 3000 },
        handlers: [CHOOSE_TARGETS, HINTED_WRITE],
      },
      {
        title: "B comes back",
        text: "B recovers with its disk. Within a handoff round the stand-in offers B what it kept for it, and deletes its copy once B acknowledges. Try it yourself: type a key into Find a key to see its range and its three replicas.",
        actions: [{ kind: "recover", node: "B" }],
        wait: { until: { kind: "hintsHandedOff" }, withinMs: 3000 },
        handlers: [HANDOFF, HANDOFF_OK],
      },
    ],
  },
  {
    id: "sloppy-quorum",
    title: "Quorums, sloppy quorum and hinted handoff",
    summary: "How Dynamo stays writable while a replica is down, and how the replica catches up.",
    preset: "sloppy-quorum",
    seed: 1,
    speed: 1 / 50,
    steps: [
      {
        title: "W = 2 of N = 3",
        text: "Every key has three replicas. A put succeeds once W = 2 of them hold it, a get once R = 2 have answered; R + W > N, so a read quorum meets the last write quorum.",
        wait: { until: { kind: "completed", f: "put", outcome: "ok", count: 3 }, withinMs: 190 },
        handlers: [ON_PUT, REPLICA_WRITE],
      },
      {
        title: "C crashes",
        text: "C goes down at 200 ms. A coordinator that hears nothing from C for 20 ms presumes it down and sends C's copy to the next healthy node of the preference list instead: a hinted replica naming C, kept apart from the stand-in's own keys.",
        wait: { until: { kind: "hint", for: "C" }, withinMs: 400 },
        handlers: [CHOOSE_TARGETS, HINTED_WRITE],
      },
      {
        title: "Still writable: hints pile up",
        text: "Writes keep succeeding with W = 2 although C holds none of them: the quorum is sloppy, counted on the first N healthy nodes. Watch the hint counts grow on the stand-ins.",
        wait: { until: { kind: "hint", for: "C", count: 3 }, withinMs: 450 },
        handlers: [HINTED_WRITE],
      },
      {
        title: "C recovers: hinted handoff",
        text: "C comes back at 700 ms. Every 100 ms each stand-in offers C the hints it holds; C applies them and acknowledges each key, and the stand-in deletes its copy. The gold rings go away.",
        wait: { until: { kind: "hintsHandedOff" }, withinMs: 880, everyMs: 2 },
        handlers: [HANDOFF, HANDOFF_OK],
      },
    ],
  },
  {
    id: "vector-clocks",
    title: "Vector clocks and siblings (Figure 3)",
    summary: "How concurrent writes become siblings, and how a read-then-write reconciles them.",
    preset: "figure-3",
    seed: 1,
    speed: 1 / 40,
    focusKey: "cart",
    steps: [
      {
        title: "D1: a first write through Sx",
        text: "A client writes D1 to the key cart through Sx. Sx stamps it with the vector clock [(Sx,1)]. Open the key's version view (Find a key: cart) to follow the graph.",
        wait: { until: { kind: "completed", f: "put", key: "cart", outcome: "ok" }, withinMs: 60 },
        handlers: [ON_PUT, MAKE_VERSION],
      },
      {
        title: "D2 supersedes D1",
        text: "The client reads D1 and writes D2 through Sx with D1's context: [(Sx,2)] descends from [(Sx,1)], so replicas keep only D2.",
        wait: { until: { kind: "completed", f: "put", key: "cart", outcome: "ok" }, withinMs: 100 },
        handlers: [ON_PUT, MAKE_VERSION],
      },
      {
        title: "D3 and D4 are concurrent",
        text: "Two clients both read D2. One writes D3 through Sy, [(Sx,2),(Sy,1)]; the other D4 through Sz, [(Sx,2),(Sz,1)]. Neither clock descends from the other, so replicas keep both: siblings.",
        wait: { until: { kind: "siblings", key: "cart", count: 2 }, withinMs: 120 },
        handlers: [ON_PUT, MAKE_VERSION, REPLICA_WRITE],
      },
      {
        title: "A read returns both",
        text: "The next get returns both versions, with the merged context [(Sx,2),(Sy,1),(Sz,1)]. The store does not choose: the client reconciles.",
        wait: {
          until: { kind: "completed", f: "get", key: "cart", siblings: 2 },
          withinMs: 120,
        },
        handlers: [ON_GET, REPLICA_READ],
      },
      {
        title: "D5 reconciles them",
        text: "The client writes D5 through Sx with the merged context: [(Sx,3),(Sy,1),(Sz,1)] descends from both siblings, so every replica keeps D5 alone.",
        wait: { until: { kind: "completed", f: "put", key: "cart", outcome: "ok" }, withinMs: 120 },
        handlers: [ON_PUT, MAKE_VERSION, REPLICA_WRITE],
      },
    ],
  },
  {
    id: "clocks-skew",
    title: "Clocks and skew: Lamport, vector, last-write-wins",
    summary:
      "Why physical timestamps lose writes under skew, and what logical clocks tell instead.",
    preset: "lww-skew",
    seed: 1,
    speed: 1 / 40,
    focusKey: "profile",
    steps: [
      {
        title: "Three kinds of clock",
        text: "A Lamport clock orders every event consistently with causality but cannot tell concurrent events apart (Lamport, 1978). A vector clock can (Dynamo §4.4). This run resolves conflicts by neither: last-write-wins keeps the version with the latest physical timestamp. B's clock runs 50 ms behind.",
        handlers: [h(null, "versioning.lwwCompare", S44)],
      },
      {
        title: "'first' through A",
        text: "client1 writes 'first' through A at 20 ms; the request reaches A at 22 ms, and A stamps it with its own clock: 22 ms.",
        wait: { until: { kind: "completed", f: "put", outcome: "ok" }, withinMs: 60 },
        handlers: [ON_PUT, REPLICA_WRITE],
      },
      {
        title: "'second' through B is lost",
        text: "After 'first' is acknowledged, client2 writes 'second' through B at 60 ms. It reaches B at 62 ms, which B's clock reads as 12 ms, so 'second' is stamped 12 ms against 'first''s 22 ms. Every replica keeps the larger timestamp, 'first': an acknowledged write is silently lost.",
        wait: { until: { kind: "lostWrite" }, withinMs: 80 },
        handlers: [ON_PUT, h("replica_write", "replica.onReplicaWrite (last-write-wins)", S44)],
      },
      {
        title: "Every read says 'first'",
        text: "Both clients read through C and D and get 'first'. The Replication panel names the lost write. Vector clocks would not lose it: client2 never read 'first', so its write carries no context and 'second' is concurrent with 'first'. Both would be kept as siblings for the next read to reconcile; only a write made after reading 'first' supersedes it. Try it: set Conflicts to vector clocks in the Replication panel.",
        wait: { until: { kind: "completed", f: "get", count: 2 }, withinMs: 100 },
        handlers: [ON_GET, REPLICA_READ],
      },
    ],
  },
  {
    id: "consistency-cap",
    title: "Consistency and CAP: linearizability against eventual",
    summary: "What the checker means by linearizable, and why R + W <= N gives it up.",
    preset: "linearizability-violation",
    seed: 1,
    speed: 1 / 40,
    focusKey: "x",
    steps: [
      {
        title: "R = 1, W = 1 of N = 3",
        text: "Three replicas, but a write waits for one acknowledgement and a read for one reply: quorums need not meet. The link from A to C is slow (40 ms). client1 writes v0 and reads it back.",
        wait: { until: { kind: "completed", f: "get", outcome: "ok" }, withinMs: 40 },
        handlers: [ON_PUT, ON_GET],
      },
      {
        title: "v1 completes through A",
        text: "client1 writes v1 through A, which acknowledges at once. Its copy for C is still on the slow link.",
        wait: { until: { kind: "completed", f: "put", outcome: "ok" }, withinMs: 40 },
        handlers: [ON_PUT, REPLICA_WRITE],
      },
      {
        title: "A read misses a completed write",
        text: "client2 reads through C, which answers from its own replica: v0, although v1 had completed. No order of these operations explains that read: the consistency badge turns red and the checker names the witness.",
        wait: { until: { kind: "notLinearizable" }, withinMs: 60 },
        handlers: [
          ON_GET,
          REPLICA_READ,
          h(null, "check.checkLinearizability", "Herlihy & Wing, 1990"),
        ],
      },
      {
        title: "Eventually consistent",
        text: "The copy reaches C and the next read sees v1: replicas converge once messages arrive. CAP says a store that answers on both sides of a partition cannot also be linearizable; Dynamo chooses availability. Try it yourself: cut a link in Faults, or load cap-partition.",
        wait: { until: { kind: "converged", key: "x" }, withinMs: 100 },
        handlers: [REPLICA_WRITE],
      },
    ],
  },
  {
    id: "coordination-latency",
    title: "Coordination and latency (Table 2)",
    summary: "Why a load balancer and an extra hop cost most at the 99.9th percentile.",
    preset: "coordination",
    seed: 1,
    speed: 1 / 20,
    steps: [
      {
        title: "Server-driven coordination",
        text: "Clients send every request to the load balancer lb, which waits a queueing delay and hands it to a random node of twelve. Nine times in twelve that node is not one of the key's three replicas, and forwards the request: an extra hop.",
        wait: { until: { kind: "completed", outcome: "ok", count: 5 }, withinMs: 500 },
        handlers: [h("lb_forward", "loadBalancer (lb_forward)", S64), ON_PUT, ON_GET],
      },
      {
        title: "The tail is where it hurts",
        text: "The Latency panel marks the mean, p99 and p99.9. Averages stay near a millisecond, but the heavy-tailed delays of the load balancer and of service times pile up in the 99.9th percentile: Dynamo's Table 2 shows 68.9 ms for server-driven reads against 30.4 ms client-driven.",
        wait: {
          until: { kind: "completed", outcome: "ok", count: 100 },
          withinMs: 2000,
          everyMs: 10,
        },
        handlers: [h("serve", "node service time (serve)", S64)],
      },
      {
        title: "Client-driven, and staleness",
        text: "Client-driven coordination skips the balancer and the hop: reads go to a random replica, writes to the first. The price is a membership view up to 10 s old. Try it yourself: switch coordination in the Latency panel, and open Staleness to see how long after a commit a read with R = 1 may still be stale (PBS).",
        handlers: [h("membership_ok", "client view refresh (membership_ok)", S64)],
      },
    ],
  },
  {
    id: "staleness",
    title: "Staleness after commit (PBS)",
    summary: "How likely a read is to miss a committed write, against time since the commit.",
    preset: "staleness",
    seed: 1,
    speed: 1 / 40,
    steps: [
      {
        title: "Writes and reads through coordinators",
        text: "Three replicas A, B, C; Xw coordinates writes and Xr reads, neither a replica (PBS's WARS model). N = 3, R = 1, W = 1: a write commits after one acknowledgement, a read answers with the first reply.",
        handlers: [ON_PUT, REPLICA_WRITE],
      },
      {
        title: "Reads at 0, 2, 5 and 20 ms after commit",
        text: "Write links are slow (LinkedIn disk fit), read links fast: a read right at commit often reaches a replica the write has not reached yet. Watch for the first stale read in the consistency badge.",
        wait: { until: { kind: "staleRead" }, withinMs: 390, everyMs: 2 },
        handlers: [ON_GET, REPLICA_READ],
      },
      {
        title: "Staler sooner, fresher later",
        text: "Later reads are stale less and less often: PBS's t-visibility. The Staleness panel measures the whole curve by simulation and draws it beside the closed form. R + W > N would make every read fresh, at the cost of waiting for more replies.",
        wait: { until: { kind: "completed", f: "get", count: 30 }, withinMs: 399, everyMs: 2 },
        handlers: [h(null, "experiments.stalenessExperiment", "PBS §4, WARS")],
      },
    ],
  },
];

export function lessonById(id: string): Lesson | undefined {
  return lessons.find((l) => l.id === id);
}
