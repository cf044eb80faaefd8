// The entry of a Table 2 worker thread: TypeScript loading (tsx) is per thread, so register it
// here, then run the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./table2Worker.ts");
