/** Number formats shared by the views (en-US grouping, as in the course notes). */

const ms3 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const ms1 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** "1,234.567 ms": simulated time, to the microsecond */
export function formatMs(ms: number): string {
  return `${ms3.format(ms)} ms`;
}

/** "1,234.567": simulated ms without the unit, for columns that state it once */
export function formatTime(ms: number): string {
  return ms3.format(ms);
}

/** "3.9": a latency to a tenth of a ms */
export function formatLatency(ms: number): string {
  return ms1.format(ms);
}

export function formatInt(n: number): string {
  return int.format(n);
}

/** "replica_write" -> "replica write" */
export function messageLabel(type: string): string {
  return type.replaceAll("_", " ");
}
