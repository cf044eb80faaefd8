/**
 * Replication at a glance: strict or sloppy quorum and vector clocks or last-write-wins (switching
 * reloads the preset from the same seed), what hinted handoff, read repair and anti-entropy have
 * done, the keys that have siblings, stale reads, and any acknowledged write that last-write-wins
 * dropped, with the reason.
 */

import { useId } from "react";
import { useSession } from "../../app/SessionContext";
import { useAppStore } from "../../store/appStore";
import { selectInfo, selectReplication } from "../../store/selectors";

export function ReplicationPanel() {
  const info = useAppStore(selectInfo);
  const r = useAppStore(selectReplication);
  const session = useSession();
  const id = useId();
  if (info === null) return null;
  const preset = info.preset;
  const siblings = (r?.keys ?? []).filter((k) => k.siblings > 1);
  return (
    <section className="panel replication" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Replication</h2>
      <div className="replication-modes">
        <label>
          Quorum
          <select
            value={info.sloppy ? "sloppy" : "strict"}
            disabled={preset === null}
            onChange={(e) => session.reconfigure({ sloppy: e.currentTarget.value === "sloppy" })}
          >
            <option value="strict">strict: the preference list only</option>
            <option value="sloppy">sloppy: stand-ins keep hints</option>
          </select>
        </label>
        <label>
          Conflicts
          <select
            value={info.conflicts}
            disabled={preset === null}
            onChange={(e) =>
              session.reconfigure({
                conflicts: e.currentTarget.value === "lww" ? "lww" : "vector-clock",
              })
            }
          >
            <option value="vector-clock">vector clocks: keep siblings</option>
            <option value="lww">last write wins (physical clocks)</option>
          </select>
        </label>
      </div>
      {r !== null && (
        <>
          <p className="replication-figures" data-testid="replication-figures">
            hints stored <strong>{r.hintsStored}</strong>, held now <strong>{r.hintsHeld}</strong> ·
            handed off <strong>{r.hintsDelivered}</strong> · read repairs{" "}
            <strong>{r.readRepairs}</strong> · anti-entropy <strong>{r.aeExchanges}</strong>{" "}
            exchanges, <strong>{r.aeKeysSent}</strong> keys sent · stale reads{" "}
            <strong className={r.staleReads > 0 ? "bad" : ""}>{r.staleReads}</strong>
          </p>
          {r.lostWrites.length > 0 && (
            <div className="lost-writes" role="status" aria-label="Lost writes">
              <p>
                <strong>
                  {r.lostWrites.length === 1
                    ? "1 acknowledged write lost"
                    : `${r.lostWrites.length} acknowledged writes lost`}
                </strong>{" "}
                to last-write-wins:
              </p>
              <ul>
                {r.lostWrites.slice(0, 5).map((l) => (
                  <li key={`${l.key}-${l.value}`}>
                    <code>{l.key}</code>: {l.why}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <p className="siblings-line">
            {siblings.length === 0 ? (
              <span className="empty">No key has siblings.</span>
            ) : (
              <>
                Siblings in{" "}
                {siblings.slice(0, 8).map((k) => (
                  <button
                    key={k.key}
                    type="button"
                    className="link"
                    aria-label={`Versions of ${k.key}`}
                    onClick={() => session.inspect({ key: k.key })}
                  >
                    {k.key} ({k.siblings})
                  </button>
                ))}
                {siblings.length > 8 ? ` and ${siblings.length - 8} more` : ""}
              </>
            )}
          </p>
          {(r.keys.length ?? 0) > 0 && (
            <button
              type="button"
              className="link"
              onClick={() => session.inspect({ key: (siblings[0] ?? r.keys[0])?.key ?? null })}
            >
              Show a key's versions
            </button>
          )}
        </>
      )}
    </section>
  );
}
