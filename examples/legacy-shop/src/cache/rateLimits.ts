// Fixed-window rate limiting, kept in process memory.
// Each instance counts on its own; see SHOP-388.

const WINDOW_MS = 60_000;

const buckets = new Map<string, number>();
let windowStartedAt = Date.now();

function rollWindow(now: number): void {
  if (now - windowStartedAt >= WINDOW_MS) {
    buckets.clear();
    windowStartedAt = now;
  }
}

export function hit(key: string, now = Date.now()): number {
  rollWindow(now);
  const count = (buckets.get(key) ?? 0) + 1;
  buckets.set(key, count);
  return count;
}

export function reset(key: string): void {
  buckets.delete(key);
}

export function snapshot(): Record<string, number> {
  return Object.fromEntries(buckets);
}
