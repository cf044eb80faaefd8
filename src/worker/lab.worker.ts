/**
 * The lab worker: runs one experiment job at a time (labJob.ts) and posts the answer. The pool
 * (pool.ts) gives each worker one job, and terminates it to cancel.
 */

import { handleLabJob, type LabJobMessage, type LabReply } from "./labJob";

const scope = self as unknown as {
  postMessage(message: LabReply): void;
  onmessage: ((event: MessageEvent<LabJobMessage>) => void) | null;
};

scope.onmessage = (event) => scope.postMessage(handleLabJob(event.data, () => performance.now()));
