/**
 * A replica's side of a request: store a coordinator's write, or report the local version.
 *
 * Replicas answer every request they receive, even late or repeated ones; the coordinator decides
 * what still matters. A write older than the stored version is acknowledged but not applied.
 */

import type { Envelope } from "../core/simulation";
import type { Msg } from "./messages";
import type { NodeCtx, NodeState } from "./node";

type ReplicaRead = Extract<Msg, { type: "replica_read" }>;
type ReplicaWrite = Extract<Msg, { type: "replica_write" }>;

export function onReplicaWrite(
  state: NodeState,
  env: Envelope<Msg>,
  body: ReplicaWrite,
  ctx: NodeCtx,
): NodeState {
  state.disk.storage.write(body.key, body.value, body.version);
  ctx.reply(env, { type: "replica_write_ok", key: body.key, requestId: body.requestId });
  return state;
}

export function onReplicaRead(
  state: NodeState,
  env: Envelope<Msg>,
  body: ReplicaRead,
  ctx: NodeCtx,
): NodeState {
  const held = state.disk.storage.get(body.key);
  ctx.reply(env, {
    type: "replica_read_ok",
    key: body.key,
    requestId: body.requestId,
    value: held?.value ?? null,
    version: held?.version ?? null,
  });
  return state;
}
