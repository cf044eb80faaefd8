/**
 * The scenario format: everything a run depends on besides its seed, as versioned JSON.
 *
 * A scenario names the cluster (nodes, and their ring tokens or a partitioning strategy), the
 * quorum parameters, the network (latency distribution, loss, duplication, per-link overrides),
 * node clocks, the client workload, and a timeline of interventions (crash, recover, partition,
 * heal, link changes, slow nodes, clock skew). Parsing fills in defaults, so a scenario can be as
 * short as `{ "version": 1 }`. Every problem is reported with the path of the field at fault, and a
 * scenario with a problem never starts a run.
 */

import { z } from "zod";
import type { LatencyDist } from "../net/latency";
import { clientNames } from "./names";

export { clientNames, nodeNames } from "./names";

export const SCENARIO_VERSION = 1;
/** the load balancer's process name (server-driven coordination only) */
export const LOAD_BALANCER_NAME = "lb";
/** the most fixed partitions a scenario may ask for (each is a walk the ring may cache) */
export const PARTITIONS_IN_SCENARIO_MAX = 65_536;
/** the most random tokens (nodes times tokens per node) a scenario may ask for */
export const TOKENS_IN_SCENARIO_MAX = 65_536;

/**
 * Client operations a scenario may ask for (open and closed workloads, estimated from the
 * configuration). On the default cluster an operation is about 15 events (its messages, timers and
 * the background traffic around it), so a run at the limit is some 75 million events: minutes to
 * run to its end, though playing it in the app goes no slower than any other (the crowded ring of
 * the view's benchmark asks for 2 million). Workloads far beyond it would take hours.
 */
export const OPERATIONS_IN_SCENARIO_MAX = 5_000_000;

/** The stretch of the run in which clients issue operations, in ms. */
function activeWindowMs(s: {
  durationMs: number;
  workload: { startMs: number; stopMs?: number | undefined };
}): number {
  const stop = Math.min(s.workload.stopMs ?? s.durationMs, s.durationMs);
  return Math.max(0, stop - s.workload.startMs);
}

/**
 * About how many operations the workload issues: open clients at their rate over the active
 * window; closed clients one per think time, and no faster than one per millisecond (a request's
 * round trip) when they do not think. Scripted and staleness workloads are bounded by their own
 * fields.
 */
export function expectedOperations(s: {
  durationMs: number;
  workload: {
    clients: number;
    mode: string;
    ratePerSec: number;
    thinkMs: number;
    startMs: number;
    stopMs?: number | undefined;
  };
}): number {
  const w = s.workload;
  const windowMs = activeWindowMs(s);
  if (w.mode === "open") return (w.clients * w.ratePerSec * windowMs) / 1000;
  if (w.mode === "closed") return (w.clients * windowMs) / Math.max(w.thinkMs, 1);
  return 0;
}

/** A number as people write it: 1,000,000 and 0.5. */
function grouped(n: number): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: 3 });
}

function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toPrecision(3)} billion`;
  return Math.round(n).toLocaleString("en-US");
}

const positive = z.number().finite().positive();
const nonNegative = z.number().finite().nonnegative();
const probability = z.number().finite().min(0).max(1);
const name = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]{0,23}$/,
    "must start with a letter and use only letters, digits, - and _ (at most 24)",
  );

export const latencySchema: z.ZodType<LatencyDist> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("constant"), ms: nonNegative }).strict(),
    z
      .object({ kind: z.literal("uniform"), minMs: nonNegative, maxMs: nonNegative })
      .strict()
      .refine((d) => d.maxMs >= d.minMs, {
        message: "maxMs must be at least minMs",
        path: ["maxMs"],
      }),
    z.object({ kind: z.literal("exponential"), meanMs: positive }).strict(),
    z
      .object({ kind: z.literal("lognormal"), medianMs: positive, sigma: nonNegative.max(5) })
      .strict(),
    z.object({ kind: z.literal("pareto"), scaleMs: positive, shape: positive }).strict(),
    z
      .object({
        kind: z.literal("mixture"),
        components: z
          .array(z.object({ weight: positive, dist: latencySchema }).strict())
          .min(1, "a mixture needs at least one component")
          .max(16),
      })
      .strict(),
    z
      .object({
        kind: z.literal("shifted"),
        offsetMs: nonNegative.max(600_000),
        dist: latencySchema,
      })
      .strict(),
  ]),
);

const nodeSchema = z
  .object({
    name,
    /** ring tokens as fractions of the ring in [0, 1); default: evenly spaced in node order */
    tokens: z.array(z.number().finite().min(0).lt(1)).min(1).max(1024).optional(),
    /** a node that runs but holds no part of the ring until a `join` intervention adds it */
    standby: z.boolean().optional(),
  })
  .strict();

const tokensPerNode = z.number().int().min(1).max(1024);
const partitionCount = z.number().int().min(1).max(PARTITIONS_IN_SCENARIO_MAX);
const placementSeed = z.number().int().min(0).max(0xffffffff).default(0);

/**
 * How nodes are placed on the ring (Dynamo section 6.2; see dynamo/partitioning.ts). Absent means
 * "tokens": the nodes' own tokens, or one per node evenly spaced. `seed` is the placement's own
 * seed, not the run's, so every run of a scenario sees the same ring.
 */
export const partitioningSchema = z.discriminatedUnion(
  "strategy",
  [
    z.object({ strategy: z.literal("tokens") }).strict(),
    z.object({ strategy: z.literal(1), tokensPerNode, seed: placementSeed }).strict(),
    z
      .object({
        strategy: z.literal(2),
        tokensPerNode,
        partitions: partitionCount,
        seed: placementSeed,
      })
      .strict(),
    z.object({ strategy: z.literal(3), partitions: partitionCount, seed: placementSeed }).strict(),
    z.object({ strategy: z.literal("mod-n") }).strict(),
    z.object({ strategy: z.literal("explicit"), partitions: partitionCount }).strict(),
  ],
  { error: 'must be "tokens", 1, 2, 3, "mod-n" or "explicit"' },
);

const linkSchema = z
  .object({
    from: name,
    to: name,
    bothWays: z.boolean().default(true),
    latency: latencySchema.optional(),
    loss: probability.optional(),
    duplicate: probability.optional(),
  })
  .strict();

/** Conflict resolution, repair and anti-entropy (dynamo/node.ts: ReplicationConfig). */
export const REPLICATION_DEFAULTS = {
  conflicts: "vector-clock",
  readRepair: true,
  replicaTimeoutMs: 100,
  retryDownMs: 1000,
  handoffIntervalMs: 500,
  antiEntropyIntervalMs: 2000,
  merkleDepth: 3,
  clockMaxEntries: 10,
  hintsDurable: true,
} as const;

const replicationSchema = z
  .object({
    conflicts: z.enum(["vector-clock", "lww"]).default(REPLICATION_DEFAULTS.conflicts),
    readRepair: z.boolean().default(REPLICATION_DEFAULTS.readRepair),
    replicaTimeoutMs: positive.max(60_000).default(REPLICATION_DEFAULTS.replicaTimeoutMs),
    retryDownMs: positive.max(600_000).default(REPLICATION_DEFAULTS.retryDownMs),
    handoffIntervalMs: nonNegative.max(600_000).default(REPLICATION_DEFAULTS.handoffIntervalMs),
    antiEntropyIntervalMs: nonNegative
      .max(600_000)
      .default(REPLICATION_DEFAULTS.antiEntropyIntervalMs),
    merkleDepth: z.number().int().min(0).max(10).default(REPLICATION_DEFAULTS.merkleDepth),
    clockMaxEntries: z.number().int().min(1).max(256).default(REPLICATION_DEFAULTS.clockMaxEntries),
    hintsDurable: z.boolean().default(REPLICATION_DEFAULTS.hintsDurable),
  })
  .strict();

/** One operation of a scripted workload: who does what, when, through which coordinator. */
const scriptOpSchema = z
  .object({
    atMs: nonNegative,
    client: name,
    f: z.enum(["get", "put"]),
    key: z.string().min(1).max(64),
    /** the value a put writes (default: the client's name and a counter) */
    value: z.string().max(256).optional(),
    /** the node that coordinates it (default: the client's usual routing) */
    via: name.optional(),
    /** a put's context: that of the client's last get of the key, or none (a blind write) */
    context: z.enum(["last-read", "none"]).default("last-read"),
    /** union: a put writes the union of the items of the siblings last read, plus its own */
    merge: z.enum(["none", "union"]).default("none"),
  })
  .strict();

/** Defaults of the RPC and coordination fields of a workload. */
export const WORKLOAD_DEFAULTS = {
  rpc: "none",
  maxRetries: 2,
  retryAfterMs: 100,
  dedupWindowMs: 1000,
  coordination: "direct",
} as const;

/** Defaults of the scenario's `coordination` section. */
export const COORDINATION_DEFAULTS: {
  loadBalancer: LatencyDist;
  viewRefreshMs: number;
} = {
  loadBalancer: { kind: "exponential", meanMs: 0.5 },
  viewRefreshMs: 10_000,
};

/**
 * A staleness probe (PBS, VLDB 2012, section 4): `trials` times, client1 writes a fresh key
 * through `writeVia`, and once the write is acknowledged reads it through `readVia` at each of
 * `readAtMs` after the acknowledgement. Trials start `gapMs` apart. With a list of nodes for
 * `writeVia` (`readVia`), each write (read) goes through one of them, chosen uniformly at random.
 */
const stalenessSchema = z
  .object({
    trials: z.number().int().min(1).max(1_000_000),
    readAtMs: z.array(nonNegative).min(1).max(256),
    gapMs: positive.max(600_000),
    writeVia: z.union([name, z.array(name).min(1).max(64)]),
    readVia: z.union([name, z.array(name).min(1).max(64)]),
  })
  .strict();

const at = { atMs: nonNegative };

export const interventionSchema = z.discriminatedUnion("kind", [
  z.object({ ...at, kind: z.literal("crash"), node: name }).strict(),
  z.object({ ...at, kind: z.literal("recover"), node: name }).strict(),
  /** a standby node joins the ring (or a node that left rejoins): keys it now replicates move to it */
  z.object({ ...at, kind: z.literal("join"), node: name }).strict(),
  /** a node leaves the ring: it hands the keys it held to their new replicas */
  z.object({ ...at, kind: z.literal("leave"), node: name }).strict(),
  z
    .object({
      ...at,
      kind: z.literal("partition"),
      groups: z.array(z.array(name).min(1)).min(2, "a partition needs at least two groups").max(16),
      oneWay: z.boolean().default(false),
    })
    .strict(),
  z.object({ ...at, kind: z.literal("heal") }).strict(),
  /** the loss and duplication rates of every link that has none of its own (`link` sets those) */
  z
    .object({
      ...at,
      kind: z.literal("network"),
      loss: probability.optional(),
      duplicate: probability.optional(),
    })
    .strict(),
  z
    .object({
      ...at,
      kind: z.literal("link"),
      from: name,
      to: name,
      bothWays: z.boolean().default(true),
      cut: z.boolean().optional(),
      latency: latencySchema.optional(),
      loss: probability.optional(),
      duplicate: probability.optional(),
    })
    .strict(),
  z
    .object({
      ...at,
      kind: z.literal("slow"),
      node: name,
      factor: z.number().finite().min(1).max(1000),
    })
    .strict(),
  z
    .object({
      ...at,
      kind: z.literal("skew"),
      node: name,
      offsetMs: z.number().finite().min(-3.6e6).max(3.6e6).optional(),
      drift: z.number().finite().gt(-0.5).lt(0.5).optional(),
    })
    .strict(),
]);

export const scenarioSchema = z
  .object({
    version: z.literal(SCENARIO_VERSION, { message: `must be ${SCENARIO_VERSION}` }),
    name: z.string().max(64).default("custom"),
    description: z.string().max(2000).default(""),
    durationMs: positive.max(3_600_000).default(10_000),
    cluster: z
      .object({
        nodes: z
          .array(nodeSchema)
          .min(1, "a cluster needs at least one node")
          .max(256)
          .default(["A", "B", "C", "D", "E"].map((n) => ({ name: n }))),
        partitioning: partitioningSchema.optional(),
      })
      .strict()
      .default({ nodes: ["A", "B", "C", "D", "E"].map((n) => ({ name: n })) }),
    quorum: z
      .object({
        n: z.number().int().min(1).max(16).default(3),
        r: z.number().int().min(1).max(16).default(2),
        w: z.number().int().min(1).max(16).default(2),
        requestTimeoutMs: positive.max(60_000).default(300),
        /** sloppy: the first N healthy nodes, with hints (Dynamo); strict: the preference list */
        sloppy: z.boolean().default(true),
      })
      .strict()
      .default({ n: 3, r: 2, w: 2, requestTimeoutMs: 300, sloppy: true }),
    replication: replicationSchema.default(REPLICATION_DEFAULTS),
    membership: z
      .object({
        /** oracle: every node knows the membership from the scenario; gossip: nodes learn it */
        mode: z.enum(["oracle", "gossip"]).default("oracle"),
        /** how often each node gossips with a random peer (Dynamo: once a second) */
        gossipIntervalMs: positive.max(600_000).default(1000),
        /** a gossip partner that has not answered after this long is suspected to be down */
        failureTimeoutMs: positive.max(600_000).default(500),
        /** nodes every node knows and gossips with now and then (default: the first node) */
        seeds: z.array(name).max(256).optional(),
      })
      .strict()
      .default({ mode: "oracle", gossipIntervalMs: 1000, failureTimeoutMs: 500 }),
    network: z
      .object({
        latency: latencySchema.default({ kind: "lognormal", medianMs: 1, sigma: 0.4 }),
        loss: probability.default(0),
        duplicate: probability.default(0),
        links: z.array(linkSchema).max(4096).default([]),
        /**
         * each link's bandwidth: a message takes its size (workload.valueBytes) over it on top of
         * the latency; absent, sizes cost nothing
         */
        bandwidthMbps: positive.max(1e6).optional(),
      })
      .strict()
      .default({
        latency: { kind: "lognormal", medianMs: 1, sigma: 0.4 },
        loss: 0,
        duplicate: 0,
        links: [],
      }),
    clocks: z
      .array(
        z
          .object({
            node: name,
            offsetMs: z.number().finite().min(-3.6e6).max(3.6e6).default(0),
            drift: z.number().finite().gt(-0.5).lt(0.5).default(0),
          })
          .strict(),
      )
      .max(256)
      .default([]),
    workload: z
      .object({
        clients: z.number().int().min(0).max(1024).default(2),
        /** open: Poisson arrivals; closed: think between operations; script: only `script` */
        mode: z.enum(["open", "closed", "script", "staleness"]).default("open"),
        ratePerSec: positive.max(1e6).default(50),
        thinkMs: nonNegative.max(60_000).default(10),
        getFraction: probability.default(0.5),
        /** each put's value size in bytes, uniform in [min, max] (costs time under network.bandwidthMbps) */
        valueBytes: z
          .object({
            min: z.number().int().min(0).max(1e8),
            max: z.number().int().min(0).max(1e8),
          })
          .strict()
          .refine((v) => v.max >= v.min, { message: "max must be at least min", path: ["max"] })
          .default({ min: 0, max: 0 }),
        keys: z
          .object({
            count: z.number().int().min(1).max(1_000_000).default(20),
            distribution: z.enum(["uniform", "zipf"]).default("uniform"),
            zipfExponent: positive.max(10).default(1),
          })
          .strict()
          .default({ count: 20, distribution: "uniform", zipfExponent: 1 }),
        startMs: nonNegative.default(0),
        stopMs: nonNegative.optional(),
        clientTimeoutMs: positive.max(600_000).default(1000),
        /**
         * a put carries the context of the client's last get (and own puts) of the key; or none
         * (blind writes); or read-first: each put is a get of the key, then the put with its context
         */
        context: z.enum(["last-read", "none", "read-first"]).default("last-read"),
        script: z.array(scriptOpSchema).max(10_000).default([]),
        /**
         * RPC semantics (client/rpc.ts): none sends each request once; at-least-once retries an
         * unanswered request; at-most-once retries it with a request id that coordinators
         * remember for `dedupWindowMs`, answering a repeat without applying it again
         */
        rpc: z.enum(["none", "at-least-once", "at-most-once"]).default(WORKLOAD_DEFAULTS.rpc),
        /** retries of one request after the first attempt (rpc other than none) */
        maxRetries: z.number().int().min(0).max(100).default(WORKLOAD_DEFAULTS.maxRetries),
        /** an attempt unanswered this long is sent again */
        retryAfterMs: positive.max(600_000).default(WORKLOAD_DEFAULTS.retryAfterMs),
        /** how long a coordinator remembers a request id and its answer (at-most-once) */
        dedupWindowMs: positive.max(3_600_000).default(WORKLOAD_DEFAULTS.dedupWindowMs),
        /**
         * who picks the coordinator (Dynamo section 6.4): direct (the client knows the ring: the
         * first node of the walk), server-driven (a load balancer picks a random node, which
         * forwards to the preference list) or client-driven (the client polls a node for the
         * membership every `coordination.viewRefreshMs` and routes itself)
         */
        coordination: z
          .enum(["direct", "server-driven", "client-driven"])
          .default(WORKLOAD_DEFAULTS.coordination),
        /** mode "staleness": one write per trial, then reads at fixed delays after it commits */
        staleness: stalenessSchema.optional(),
      })
      .strict()
      .default({
        clients: 2,
        mode: "open",
        ratePerSec: 50,
        thinkMs: 10,
        getFraction: 0.5,
        valueBytes: { min: 0, max: 0 },
        keys: { count: 20, distribution: "uniform", zipfExponent: 1 },
        startMs: 0,
        clientTimeoutMs: 1000,
        context: "last-read",
        script: [],
        ...WORKLOAD_DEFAULTS,
      }),
    /** how requests reach coordinators, and what handling one costs (Dynamo section 6.4) */
    coordination: z
      .object({
        /** the load balancer's queueing and processing delay per request (server-driven) */
        loadBalancer: latencySchema.default(COORDINATION_DEFAULTS.loadBalancer),
        /** what a node spends on a client request before acting on it (absent: nothing) */
        serviceTime: latencySchema.optional(),
        /** a client-driven client refreshes its membership view this often (Dynamo: 10 s) */
        viewRefreshMs: positive.max(3_600_000).default(COORDINATION_DEFAULTS.viewRefreshMs),
      })
      .strict()
      .default(COORDINATION_DEFAULTS),
    timeline: z.array(interventionSchema).max(10_000).default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    const nodes = s.cluster.nodes.map((n) => n.name);
    const clients = clientNames(s.workload.clients);
    const procs = new Set([...nodes, ...clients]);
    const seen = new Set<string>();
    s.cluster.nodes.forEach((n, i) => {
      if (seen.has(n.name)) {
        ctx.addIssue({
          code: "custom",
          path: ["cluster", "nodes", i, "name"],
          message: `node name ${n.name} is used twice`,
        });
      }
      seen.add(n.name);
      if (clients.includes(n.name)) {
        ctx.addIssue({
          code: "custom",
          path: ["cluster", "nodes", i, "name"],
          message: `${n.name} is the name of a client`,
        });
      }
    });
    const withTokens = s.cluster.nodes.filter((n) => n.tokens !== undefined).length;
    if (withTokens !== 0 && withTokens !== nodes.length) {
      ctx.addIssue({
        code: "custom",
        path: ["cluster", "nodes"],
        message: "give tokens for every node or for none",
      });
    }
    const partitioning = s.cluster.partitioning;
    if (partitioning !== undefined) {
      const p = ["cluster", "partitioning"];
      if (withTokens !== 0 && partitioning.strategy !== "tokens") {
        ctx.addIssue({
          code: "custom",
          path: p,
          message: `nodes with their own tokens need the "tokens" strategy, not ${JSON.stringify(partitioning.strategy)}`,
        });
      }
      if ("tokensPerNode" in partitioning) {
        const total = partitioning.tokensPerNode * nodes.length;
        if (total > TOKENS_IN_SCENARIO_MAX) {
          ctx.addIssue({
            code: "custom",
            path: [...p, "tokensPerNode"],
            message: `${nodes.length} nodes with ${partitioning.tokensPerNode} tokens each make ${total} tokens, more than ${TOKENS_IN_SCENARIO_MAX}`,
          });
        }
      }
      if (
        (partitioning.strategy === 3 || partitioning.strategy === "explicit") &&
        partitioning.partitions < nodes.length
      ) {
        ctx.addIssue({
          code: "custom",
          path: [...p, "partitions"],
          message: `Q = ${partitioning.partitions} partitions cannot give each of the ${nodes.length} nodes one`,
        });
      }
    }
    const tokenOwner = new Map<number, string>();
    s.cluster.nodes.forEach((n, i) => {
      n.tokens?.forEach((t, j) => {
        const other = tokenOwner.get(t);
        if (other !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["cluster", "nodes", i, "tokens", j],
            message: `token ${t} is already ${other}'s`,
          });
        }
        tokenOwner.set(t, n.name);
      });
    });
    const q = s.quorum;
    const members = s.cluster.nodes.filter((n) => n.standby !== true).length;
    if (members === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["cluster", "nodes"],
        message: "every node is on standby: at least one must start on the ring",
      });
    }
    if (q.n > members) {
      ctx.addIssue({
        code: "custom",
        path: ["quorum", "n"],
        message: `N = ${q.n} needs at least ${q.n} nodes on the ring, the cluster starts with ${members}`,
      });
    }
    const standby = s.cluster.nodes.filter((n) => n.standby === true);
    if (standby.length > 0 && s.cluster.partitioning?.strategy === "mod-n") {
      ctx.addIssue({
        code: "custom",
        path: ["cluster", "partitioning", "strategy"],
        message: "mod-N placement cannot add nodes at run time (every key would move)",
      });
    }
    standby.forEach((n) => {
      if (n.tokens !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["cluster", "nodes", s.cluster.nodes.indexOf(n), "tokens"],
          message: `${n.name} is on standby: its place on the ring is chosen when it joins`,
        });
      }
    });
    if (q.r > q.n)
      ctx.addIssue({
        code: "custom",
        path: ["quorum", "r"],
        message: `R = ${q.r} cannot exceed N = ${q.n}`,
      });
    if (q.w > q.n)
      ctx.addIssue({
        code: "custom",
        path: ["quorum", "w"],
        message: `W = ${q.w} cannot exceed N = ${q.n}`,
      });

    const known = (path: (string | number)[], who: string, allowClients = true) => {
      if (!(allowClients ? procs.has(who) : nodes.includes(who))) {
        ctx.addIssue({
          code: "custom",
          path,
          message: `${who} is not ${allowClients ? "a node or client" : "a node"} of this scenario (nodes: ${nodes.join(", ")})`,
        });
      }
    };
    s.network.links.forEach((l, i) => {
      known(["network", "links", i, "from"], l.from);
      known(["network", "links", i, "to"], l.to);
    });
    s.membership.seeds?.forEach((seed, i) => {
      if (!nodes.includes(seed)) {
        ctx.addIssue({
          code: "custom",
          path: ["membership", "seeds", i],
          message: `${seed} is not a node of this scenario (nodes: ${nodes.join(", ")})`,
        });
      }
    });
    s.clocks.forEach((c, i) => {
      known(["clocks", i, "node"], c.node);
    });
    s.workload.script.forEach((op, i) => {
      const p = ["workload", "script", i];
      if (!clients.includes(op.client)) {
        ctx.addIssue({
          code: "custom",
          path: [...p, "client"],
          message: `${op.client} is not a client of this scenario (clients: ${clients.join(", ") || "none"})`,
        });
      }
      if (op.via !== undefined && !nodes.includes(op.via)) {
        ctx.addIssue({
          code: "custom",
          path: [...p, "via"],
          message: `${op.via} is not a node of this scenario (nodes: ${nodes.join(", ")})`,
        });
      }
    });
    const w = s.workload;
    if (w.coordination === "server-driven" && procs.has(LOAD_BALANCER_NAME)) {
      ctx.addIssue({
        code: "custom",
        path: ["workload", "coordination"],
        message: `server-driven coordination adds a process named ${LOAD_BALANCER_NAME}, which is already a node's name`,
      });
    }
    if (w.mode === "staleness") {
      const probe = w.staleness;
      if (probe === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["workload", "staleness"],
          message:
            'mode "staleness" needs a staleness section (trials, readAtMs, gapMs, writeVia, readVia)',
        });
      } else {
        for (const field of ["writeVia", "readVia"] as const) {
          const via = probe[field];
          for (const node of typeof via === "string" ? [via] : via) {
            if (!nodes.includes(node)) {
              ctx.addIssue({
                code: "custom",
                path: ["workload", "staleness", field],
                message: `${node} is not a node of this scenario (nodes: ${nodes.join(", ")})`,
              });
            }
          }
        }
      }
      if (w.clients < 1) {
        ctx.addIssue({
          code: "custom",
          path: ["workload", "clients"],
          message: 'mode "staleness" needs a client',
        });
      }
    }
    const ops = expectedOperations(s);
    if (ops > OPERATIONS_IN_SCENARIO_MAX) {
      const field = w.mode === "closed" ? "thinkMs" : "ratePerSec";
      const how =
        w.mode === "closed"
          ? `${w.clients} closed-loop clients thinking ${grouped(w.thinkMs)} ms`
          : `${w.clients} clients at ${grouped(w.ratePerSec)} operations/s each`;
      ctx.addIssue({
        code: "custom",
        path: ["workload", field],
        message: `${how} for ${grouped(activeWindowMs(s))} ms make about ${formatCount(ops)} operations, more than the ${formatCount(OPERATIONS_IN_SCENARIO_MAX)} a run may hold; use fewer clients, ${w.mode === "closed" ? "a longer think time" : "a lower rate"} or a shorter run`,
      });
    }
    s.timeline.forEach((iv, i) => {
      const p = ["timeline", i];
      switch (iv.kind) {
        case "crash":
        case "recover":
        case "slow":
        case "skew":
        case "join":
        case "leave":
          known([...p, "node"], iv.node);
          break;
        case "link":
          known([...p, "from"], iv.from);
          known([...p, "to"], iv.to);
          break;
        case "partition": {
          const inGroup = new Set<string>();
          iv.groups.forEach((g, gi) => {
            g.forEach((who, k) => {
              known([...p, "groups", gi, k], who);
              if (inGroup.has(who)) {
                ctx.addIssue({
                  code: "custom",
                  path: [...p, "groups", gi, k],
                  message: `${who} is in two groups`,
                });
              }
              inGroup.add(who);
            });
          });
          break;
        }
        case "heal":
          break;
      }
    });
  });

/** A scenario after parsing: every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as written: most fields optional. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Intervention = z.output<typeof interventionSchema>;
export type InterventionInput = z.input<typeof interventionSchema>;
/** An intervention made now: any intervention without its instant. */
export type LiveIntervention = InterventionInput extends infer U
  ? U extends unknown
    ? Omit<U, "atMs">
    : never
  : never;

export class ScenarioError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(
      problems.length === 1
        ? (problems[0] as string)
        : `${problems.length} problems: ${problems.join("; ")}`,
    );
    this.name = "ScenarioError";
    this.problems = problems;
  }
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; problems: string[] };

/** Deeper nesting than any scenario has (latency mixtures of shifted distributions included). */
export const SCENARIO_MAX_DEPTH = 64;

/** How deep arrays and objects nest in a value, counted without recursion and up to `cap` + 1. */
function nestingDepth(value: unknown, cap: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== "object" || v === null) continue;
    const d = depth + 1;
    if (d > deepest) deepest = d;
    if (deepest > cap) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d]);
  }
  return deepest;
}

/** Validates and fills in a scenario. Problems name the field: "quorum.r: R = 4 cannot exceed N = 3". */
export function parseScenario(input: unknown): ParseResult {
  // the schema is recursive (latency distributions): a value nested past any scenario's depth
  // would overflow the stack in it
  if (nestingDepth(input, SCENARIO_MAX_DEPTH) > SCENARIO_MAX_DEPTH)
    return {
      ok: false,
      problems: [`scenario: nests more than ${SCENARIO_MAX_DEPTH} levels deep; no scenario does`],
    };
  const result = scenarioSchema.safeParse(input);
  if (result.success) return { ok: true, scenario: result.data };
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.length === 0 ? "scenario" : formatPath(issue.path);
    return `${path}: ${issue.message}`;
  });
  return { ok: false, problems };
}

/** Like parseScenario, but throws a ScenarioError. */
export function scenarioFrom(input: unknown): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new ScenarioError(r.problems);
  return r.scenario;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}
