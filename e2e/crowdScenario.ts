/**
 * A scenario that crowds the ring: 64 nodes x 32 virtual nodes with enough traffic for thousands
 * of messages in flight. The crowd spec and the ring view's benchmark (bench/ringView.bench.ts)
 * load it through the page's test hook.
 */
export const CROWDED_SCENARIO = {
  version: 1,
  name: "crowded",
  description: "64 nodes x 32 tokens, 12,500 operations per second over 20 ms links.",
  durationMs: 20_000,
  cluster: {
    nodes: Array.from({ length: 64 }, (_, i) => ({ name: `N${i + 1}` })),
    partitioning: { strategy: 1, tokensPerNode: 32 },
  },
  network: { latency: { kind: "lognormal", medianMs: 20, sigma: 0.3 } },
  workload: { clients: 8, mode: "open", ratePerSec: 12_500, keys: { count: 1_000 } },
};
