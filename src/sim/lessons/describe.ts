/** Lesson conditions in words (light: the app's main thread uses it). */

import type { Condition } from "./types";

/** The condition in words, for the lesson panel while the run plays toward it. */
export function describeCondition(cond: Condition): string {
  switch (cond.kind) {
    case "time":
      return `until t = ${cond.ms} ms`;
    case "hint":
      return `until ${cond.at ?? "a node"} holds ${cond.count !== undefined && cond.count > 1 ? `${cond.count} hints` : "a hint"} for ${cond.for}`;
    case "hintsHandedOff":
      return "until every hint has been handed off";
    case "completed": {
      const what = cond.f ?? "operation";
      const count = cond.count ?? 1;
      const one = what === "operation" ? "an operation" : `a ${what}`;
      const parts = [`until ${count === 1 ? one : `${count} ${what}s`}`];
      if (cond.key !== undefined) parts.push(`of ${cond.key}`);
      parts.push(count === 1 ? "completes" : "complete");
      if (cond.outcome === "fail") parts.push("and fails");
      if (cond.outcome === "ok") parts.push("successfully");
      if (cond.siblings !== undefined) parts.push(`with ${cond.siblings} versions`);
      return parts.join(" ");
    }
    case "siblings":
      return `until a replica of ${cond.key} holds ${cond.count} siblings`;
    case "staleRead":
      return "until a read returns a stale value";
    case "lostWrite":
      return "until an acknowledged write is lost";
    case "notLinearizable":
      return "until the checker finds the history not linearizable";
    case "converged":
      return `until every replica of ${cond.key} holds the same versions`;
  }
}
