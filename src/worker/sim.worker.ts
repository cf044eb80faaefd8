/**
 * The simulation worker: a thin adapter that gives a SimHost the worker's clock, timers and
 * postMessage. Everything else lives in host.ts, which tests drive in Node.
 */

import { SimHost } from "./host";
import type { FromWorker, ToWorker } from "./protocol";

const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};

const host = new SimHost({
  post: (message) => scope.postMessage(message),
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});

scope.onmessage = (event) => host.handle(event.data);
