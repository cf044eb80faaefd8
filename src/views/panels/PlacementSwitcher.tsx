/**
 * Switch how the preset's nodes are placed on the ring (Dynamo, SOSP 2007, section 6.2) and see
 * what it does to the ring and to load balance: one token per node (the basic ring), Strategy 1
 * (T random tokens per node), Strategy 2 (T random tokens, Q equal partitions) or Strategy 3
 * (Q equal partitions, Q/S tokens per node). The run restarts from the same seed.
 */

import { useId } from "react";
import { useSession } from "../../app/SessionContext";
import { useAppStore } from "../../store/appStore";
import { selectInfo } from "../../store/selectors";
import type { PartitioningInput } from "../../worker/protocol";

/** Tokens per node for Strategies 1 and 2, and for Strategy 3 (as Q / S). */
const TOKENS_PER_NODE = 8;

interface Choice {
  value: string;
  label: string;
  /** how the core describes this placement (describePartitioning), to recognise the current one */
  coreLabel: string;
  partitioning: PartitioningInput;
}

function choices(nodes: number): Choice[] {
  const t = TOKENS_PER_NODE;
  const q2 = 64 * nodes;
  const q3 = t * nodes;
  return [
    {
      value: "tokens",
      label: "One token per node (the basic ring)",
      coreLabel: "tokens",
      partitioning: { strategy: "tokens" },
    },
    {
      value: "1",
      label: `Strategy 1: T = ${t} random tokens`,
      coreLabel: `Strategy 1 (T = ${t})`,
      partitioning: { strategy: 1, tokensPerNode: t },
    },
    {
      value: "2",
      label: `Strategy 2: T = ${t}, Q = ${q2} partitions`,
      coreLabel: `Strategy 2 (T = ${t}, Q = ${q2})`,
      partitioning: { strategy: 2, tokensPerNode: t, partitions: q2 },
    },
    {
      value: "3",
      label: `Strategy 3: Q = ${q3} equal partitions`,
      coreLabel: `Strategy 3 (Q = ${q3})`,
      partitioning: { strategy: 3, partitions: q3 },
    },
  ];
}

export function PlacementSwitcher() {
  const info = useAppStore(selectInfo);
  const session = useSession();
  const id = useId();
  if (info === null) return null;
  const options = choices(info.nodeNames.length);
  const current = options.find((o) => o.coreLabel === info.placement.label)?.value ?? "";
  const preset = info.preset;
  return (
    <section className="panel placement" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Placement on the ring</h2>
      <label className="visually-hidden" htmlFor={`${id}-select`}>
        Placement
      </label>
      <select
        id={`${id}-select`}
        value={current}
        disabled={preset === null}
        onChange={(e) => {
          const choice = options.find((o) => o.value === e.currentTarget.value);
          if (choice !== undefined && preset !== null) {
            session.reconfigure({ partitioning: choice.partitioning });
          }
        }}
      >
        {current === "" && <option value="">This scenario's: {info.placement.label}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <p className="placement-figures" data-testid="placement-figures">
        Load balance <strong>{info.placement.efficiency.toFixed(2)}</strong>{" "}
        <span className="unit">(mean / busiest node's share of the key space)</span> · metadata{" "}
        <strong>{formatBytes(info.placement.metadataBytesPerNode)}</strong>{" "}
        <span className="unit">per node</span>
      </p>
    </section>
  );
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`;
}
