/**
 * A replica's side of a request: store a coordinator's write (as a hinted replica when it stands
 * in for another node), report what it holds, apply a read repair.
 *
 * Replicas answer every request they receive, even late or repeated ones; the coordinator decides
 * what still matters. Applying versions is idempotent (storage.ts), so a repeated write is harmless.
 */

import type { Envelope } from "../core/simulation";
import { localVersions } from "./coordinator";
import type { Msg } from "./messages";
import type { NodeCtx, NodeState } from "./node";

type ReplicaRead = Extract<Msg, { type: "replica_read" }>;
type ReplicaWrite = Extract<Msg, { type: "replica_write" | "hinted_write" }>;
type ReadRepair = Extract<Msg, { type: "read_repair" }>;

export function onReplicaWrite(
  state: NodeState,
  env: Envelope<Msg>,
  body: ReplicaWrite,
  ctx: NodeCtx,
): NodeState {
  const storage = state.disk.storage;
  if (body.hintFor >= 0 && body.hintFor !== ctx.self) {
    if (storage.addHint(body.hintFor, body.key, body.siblings)) state.disk.stats.hintsStored++;
  } else {
    storage.apply(body.key, body.siblings);
  }
  ctx.reply(env, { type: "replica_write_ok", key: body.key, requestId: body.requestId });
  return state;
}

export function onReplicaRead(
  state: NodeState,
  env: Envelope<Msg>,
  body: ReplicaRead,
  ctx: NodeCtx,
): NodeState {
  const hintFor = body.hintFor === ctx.self ? -1 : body.hintFor;
  ctx.reply(env, {
    type: "replica_read_ok",
    key: body.key,
    requestId: body.requestId,
    siblings: localVersions(state, body.key, hintFor),
  });
  return state;
}

export function onReadRepair(state: NodeState, body: ReadRepair): NodeState {
  state.disk.storage.apply(body.key, body.siblings);
  return state;
}
