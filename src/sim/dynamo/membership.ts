/**
 * Membership views and how gossip reconciles them (Dynamo, SOSP 2007, section 4.8).
 *
 * Joins and leaves are explicit: an administrator adds or removes a node, and the node that hears
 * of it first records the change in its own view. Views spread by gossip: every round, a node sends
 * its view to a random peer, which merges it and answers with its own. Each node's entry carries a
 * version that only its owner (or the administrator's change) raises, so merging is "per node, the
 * higher version wins": commutative, associative and idempotent, hence every pair of nodes that
 * keeps gossiping converges to the same view. Seed nodes, known to everyone, make sure two halves
 * of a cluster started apart still meet.
 *
 * Failure detection is not part of the view: whether a peer is up is each node's local opinion,
 * formed from the messages it does or does not get back.
 */

export type MemberStatus = "joining" | "member" | "leaving" | "removed";

export interface MemberEntry {
  readonly status: MemberStatus;
  /** raised on every change to this node's entry; the higher version wins a merge */
  readonly version: number;
  /** the node's ring tokens (32 hex digits each) */
  readonly tokens: readonly string[];
}

/** A node's view of the cluster: node name -> entry. Treated as immutable. */
export type MembershipView = ReadonlyMap<string, MemberEntry>;

export function viewOf(entries: Record<string, MemberEntry>): MembershipView {
  return new Map(Object.entries(entries));
}

/** Per node, the entry with the higher version (ties keep the first view's entry). */
export function mergeViews(a: MembershipView, b: MembershipView): MembershipView {
  let out: Map<string, MemberEntry> | undefined;
  for (const [name, theirs] of b) {
    const ours = a.get(name);
    if (ours === undefined || theirs.version > ours.version) {
      out ??= new Map(a);
      out.set(name, theirs);
    }
  }
  return out ?? a;
}

/** True if both views hold the same entries (same versions for the same nodes). */
export function sameView(a: MembershipView, b: MembershipView): boolean {
  if (a.size !== b.size) return false;
  for (const [name, entry] of a) {
    const other = b.get(name);
    if (other === undefined || other.version !== entry.version || other.status !== entry.status) {
      return false;
    }
  }
  return true;
}

/** The view with one node's entry replaced by a newer one (version raised by one). */
export function withEntry(
  view: MembershipView,
  name: string,
  change: { status: MemberStatus; tokens?: readonly string[] },
): MembershipView {
  const old = view.get(name);
  const next = new Map(view);
  next.set(name, {
    status: change.status,
    version: (old?.version ?? 0) + 1,
    tokens: change.tokens ?? old?.tokens ?? [],
  });
  return next;
}

/** Nodes that own ranges in this view, in name order: members, and leaving nodes until they go. */
export function owners(view: MembershipView): string[] {
  return [...view]
    .filter(([, e]) => e.status === "member" || e.status === "leaving")
    .map(([name]) => name)
    .sort();
}

/** A compact digest of a view, for display and cheap comparison: "A:3 B:1 C:2". */
export function viewDigest(view: MembershipView): string {
  return [...view.keys()]
    .sort()
    .map((name) => `${name}:${(view.get(name) as MemberEntry).version}`)
    .join(" ");
}
