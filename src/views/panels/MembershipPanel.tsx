/**
 * Joins and leaves (Dynamo, SOSP 2007, section 4.8): add a standby node to the ring or remove a
 * member, as timeline interventions. The nodes then move the keys whose replicas changed
 * (rebalance.ts; pink messages). The panel shows what share of the key space changed hands, beside
 * what hashing mod N would have moved for the same change.
 */

import { useId, useState } from "react";
import { useSession } from "../../app/SessionContext";
import { useAppStore } from "../../store/appStore";
import { selectInfo } from "../../store/selectors";

function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function MembershipPanel() {
  const info = useAppStore(selectInfo);
  const session = useSession();
  const id = useId();
  const [leaving, setLeaving] = useState("");
  if (info === null || info.placement.strategy === "mod-n") return null;
  const off = info.nodeNames.filter((n) => !info.members.includes(n));
  const canLeave = info.members.length > info.quorum.n;
  const last = info.membershipChanges.at(-1);
  const chosen = info.members.includes(leaving) ? leaving : (info.members.at(-1) ?? "");
  return (
    <section className="panel membership" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Membership</h2>
      <p className="membership-line">
        {info.members.length} nodes on the ring
        {off.length > 0 ? `; off the ring: ${off.join(", ")}` : ""}
      </p>
      <div className="membership-actions">
        {off.map((name) => (
          <button
            key={name}
            type="button"
            onClick={() => session.intervene({ kind: "join", node: name })}
          >
            Add {name} to the ring
          </button>
        ))}
        {canLeave && (
          <span className="leave">
            <label className="visually-hidden" htmlFor={`${id}-leave`}>
              Node to remove
            </label>
            <select
              id={`${id}-leave`}
              value={chosen}
              onChange={(e) => setLeaving(e.currentTarget.value)}
            >
              {info.members.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
            <button
              type="button"
              onClick={() => chosen !== "" && session.intervene({ kind: "leave", node: chosen })}
            >
              Remove {chosen}
            </button>
          </span>
        )}
      </div>
      {last !== undefined && (
        <p className="moved" data-testid="keys-moved">
          {last.node} {last.kind === "join" ? "joined" : "left"} ({last.nodesBefore} →{" "}
          {last.nodesAfter} nodes): <strong>{percent(last.fractionMoved)}</strong> of keys moved;
          hashing mod N would have moved <strong>{percent(last.modNFraction)}</strong>.
        </p>
      )}
    </section>
  );
}
