/**
 * The figures the papers report, which the experiments put beside their own measurements: Dynamo's
 * Table 2 (DeCandia et al., SOSP 2007, section 6.4) and PBS's Table 4 and section 5.6 (Bailis et
 * al., VLDB 2012). Plain data, free of the simulator, so the app's main thread can draw them.
 */

/** Dynamo's Table 2, in ms. */
export const TABLE2_PAPER = {
  serverDriven: { p999ReadMs: 68.9, p999WriteMs: 68.5, meanReadMs: 3.9, meanWriteMs: 4.02 },
  clientDriven: { p999ReadMs: 30.4, p999WriteMs: 30.4, meanReadMs: 1.55, meanWriteMs: 1.9 },
} as const;

export type WarsFitName = "lnkd-ssd" | "lnkd-disk" | "ymmr";

/** PBS Table 4 (N = 3): 99.9th percentile read and write latency, and t for 99.9% consistency. */
export const PBS_TABLE4: Record<
  WarsFitName,
  Record<string, { readP999Ms: number; writeP999Ms: number; tMs: number }>
> = {
  "lnkd-ssd": {
    "1,1": { readP999Ms: 0.66, writeP999Ms: 0.66, tMs: 1.85 },
    "1,2": { readP999Ms: 0.66, writeP999Ms: 1.63, tMs: 1.79 },
    "2,1": { readP999Ms: 1.63, writeP999Ms: 0.65, tMs: 0 },
    "2,2": { readP999Ms: 1.62, writeP999Ms: 1.64, tMs: 0 },
    "3,1": { readP999Ms: 4.14, writeP999Ms: 0.65, tMs: 0 },
    "1,3": { readP999Ms: 0.65, writeP999Ms: 4.09, tMs: 0 },
  },
  "lnkd-disk": {
    "1,1": { readP999Ms: 0.66, writeP999Ms: 10.99, tMs: 45.5 },
    "1,2": { readP999Ms: 0.65, writeP999Ms: 20.97, tMs: 43.3 },
    "2,1": { readP999Ms: 1.63, writeP999Ms: 10.9, tMs: 13.6 },
    "2,2": { readP999Ms: 1.64, writeP999Ms: 20.96, tMs: 0 },
    "3,1": { readP999Ms: 4.12, writeP999Ms: 10.89, tMs: 0 },
    "1,3": { readP999Ms: 0.65, writeP999Ms: 112.65, tMs: 0 },
  },
  ymmr: {
    "1,1": { readP999Ms: 5.58, writeP999Ms: 10.83, tMs: 1364 },
    "1,2": { readP999Ms: 5.61, writeP999Ms: 427.12, tMs: 1352 },
    "2,1": { readP999Ms: 32.6, writeP999Ms: 10.73, tMs: 202 },
    "2,2": { readP999Ms: 33.18, writeP999Ms: 428.11, tMs: 0 },
    "3,1": { readP999Ms: 219.27, writeP999Ms: 10.79, tMs: 0 },
    "1,3": { readP999Ms: 5.63, writeP999Ms: 1870.86, tMs: 0 },
  },
};

/** PBS section 5.6: probability of a consistent read right at commit, N = 3, R = W = 1. */
export const PBS_AT_COMMIT_R1W1: Record<WarsFitName, number> = {
  "lnkd-ssd": 0.974,
  "lnkd-disk": 0.439,
  ymmr: 0.893,
};
