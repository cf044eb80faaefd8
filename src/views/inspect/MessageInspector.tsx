/**
 * The message inspector: one message, as the worker found it in the trace. Its kind, route, when
 * it left (with its Lamport time), what it answers, the fate of every copy the network made
 * (delivered, dropped and why, still on its way) and its body. Opened from the space-time diagram,
 * the recent-messages list, or a message on the ring.
 */

import { useSession } from "../../app/SessionContext";
import { messageFamily } from "../../sim/catalog";
import { useAppStore } from "../../store/appStore";
import { selectInfo } from "../../store/selectors";
import { useSpacetimeUi } from "../../store/spacetime";
import { formatTime, messageLabel } from "../format";
import "../spacetime/spacetime.css";

const DROP_REASON: Record<number, string> = {
  1: "lost by the network",
  2: "blocked by a partition or a cut link",
  3: "its destination had crashed",
};

const FAMILY_NAME: Record<string, string> = {
  get: "get",
  put: "put",
  fail: "failure",
  repair: "read repair",
  hint: "hinted handoff",
  antiEntropy: "anti-entropy",
  transfer: "key transfer",
  gossip: "gossip",
  other: "other",
};

export function MessageInspector() {
  const id = useSpacetimeUi((s) => s.messageId);
  const detail = useSpacetimeUi((s) => s.message);
  const info = useAppStore(selectInfo);
  const session = useSession();
  if (id === null) return null;
  const names = info === null ? [] : [...info.nodeNames, ...info.clientNames];
  const name = (p: number) => names[p] ?? String(p);
  return (
    <section
      className="panel message-inspector"
      aria-labelledby="message-inspector-title"
      data-testid="message-inspector"
    >
      <header className="message-inspector-head">
        <h2 id="message-inspector-title">Message #{id}</h2>
        <button
          type="button"
          className="close"
          aria-label="Close the message inspector"
          onClick={() => session.inspectMessage(null)}
        >
          ✕
        </button>
      </header>
      {detail === "loading" ? (
        <p>Looking it up…</p>
      ) : detail === null ? (
        <p>
          This message is no longer in the run's recent trace (or the run was re-run since). Pick a
          newer one.
        </p>
      ) : (
        <>
          <p className="what">
            <strong>{messageLabel(detail.type)}</strong> ({FAMILY_NAME[messageFamily(detail.type)]})
            from <strong>{name(detail.src)}</strong> to <strong>{name(detail.dst)}</strong>
          </p>
          <dl className="facts-list">
            <dt>Type</dt>
            <dd>
              <code>{detail.type}</code>
            </dd>
            <dt>Sent at</dt>
            <dd>
              {formatTime(detail.sentAtMs)} ms (Lamport {detail.lamport})
            </dd>
            {detail.inReplyTo > 0 && (
              <>
                <dt>Answers</dt>
                <dd>message #{detail.inReplyTo}</dd>
              </>
            )}
            <dt>Fate</dt>
            <dd data-testid="message-fate">
              <ul className="copies">
                {detail.copies.map((c, i) => (
                  // copies have no identity beyond their order
                  // biome-ignore lint/suspicious/noArrayIndexKey: the order of copies is fixed
                  <li key={i}>
                    {c.duplicate
                      ? "Duplicate copy: "
                      : detail.copies.length > 1
                        ? "Original: "
                        : ""}
                    {c.fate === "delivered"
                      ? `delivered at ${formatTime(c.atMs)} ms (${formatTime(c.atMs - detail.sentAtMs)} ms on the way)`
                      : c.fate === "dropped"
                        ? `dropped at ${formatTime(c.atMs)} ms: ${DROP_REASON[c.reason] ?? "dropped"}`
                        : c.atMs < 0
                          ? "lost"
                          : `in flight, due at ${formatTime(c.atMs)} ms`}
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
          <h3>Body</h3>
          {detail.body === null ? (
            <p>The body was not kept.</p>
          ) : (
            <pre className="message-body" data-testid="message-body">
              {detail.body}
            </pre>
          )}
        </>
      )}
    </section>
  );
}
