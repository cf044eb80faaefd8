/** A worker frame for store tests: a quiet tick, with whatever the test overrides. */

import type { Frame } from "../worker/protocol";

export function testFrame(partial: Partial<Frame> = {}): Frame {
  return {
    seq: 1,
    cause: "tick",
    nowMs: 0,
    playing: true,
    toEnd: false,
    finished: false,
    speed: 1 / 100,
    rate: 1 / 100,
    behind: false,
    traceHash: "0000000000000000",
    events: 0,
    nodes: [],
    stats: null,
    timeline: null,
    replication: null,
    membership: null,
    histograms: null,
    twin: null,
    forkedAtMs: null,
    faults: null,
    consistency: null,
    inspection: null,
    sends: [],
    drops: [],
    completes: [],
    delivered: 0,
    log: [],
    skipped: 0,
    spacetime: null,
    ...partial,
  };
}
