/**
 * How big messages are, for a network with finite bandwidth (`network.bandwidthMbps`). A put's value
 * has a size drawn from `workload.valueBytes` by a hash of the value itself, so every copy of a
 * version, wherever it travels, has the same size without anything carrying it; a message's size
 * is a fixed header plus the values it carries (a put, a version answered, the siblings a replica
 * sends, the items of a handoff, a transfer or a Merkle sync). Sending takes size / bandwidth on top
 * of the link's latency.
 */

import { fnv1a32 } from "../core/hash";
import type { Msg } from "../dynamo/messages";
import type { Siblings } from "../dynamo/versioning";

/** Bytes of a message without values: ids, key, clocks (a flat estimate). */
export const HEADER_BYTES = 100;

export interface ValueBytes {
  min: number;
  max: number;
}

/** The size of a value: uniform in [min, max] by the value's hash. */
export function valueSize(value: string, sizes: ValueBytes): number {
  const span = sizes.max - sizes.min + 1;
  return span <= 1 ? sizes.min : sizes.min + (fnv1a32(value) % span);
}

function siblingsBytes(s: Siblings, sizes: ValueBytes): number {
  let bytes = 0;
  for (const v of s.versions) bytes += valueSize(v.value, sizes);
  return bytes;
}

/** The bytes a message puts on the wire. */
export function messageBytes(body: Msg, sizes: ValueBytes): number {
  switch (body.type) {
    case "put":
      return HEADER_BYTES + valueSize(body.value, sizes);
    case "put_ok":
      return HEADER_BYTES + valueSize(body.version.value, sizes);
    case "get_ok": {
      let bytes = HEADER_BYTES;
      for (const v of body.versions) bytes += valueSize(v.value, sizes);
      return bytes;
    }
    case "replica_read_ok":
    case "replica_write":
    case "hinted_write":
    case "read_repair":
      return HEADER_BYTES + siblingsBytes(body.siblings, sizes);
    case "handoff":
    case "transfer": {
      let bytes = HEADER_BYTES;
      for (const item of body.items) bytes += siblingsBytes(item.siblings, sizes);
      return bytes;
    }
    case "ae_sync": {
      let bytes = HEADER_BYTES;
      for (const item of body.entries) bytes += siblingsBytes(item.siblings, sizes);
      return bytes;
    }
    default:
      return HEADER_BYTES;
  }
}

/** Milliseconds to put `bytes` on a link of `mbps` megabits per second. */
export function transferMs(bytes: number, mbps: number): number {
  return (bytes * 8) / (mbps * 1000);
}
