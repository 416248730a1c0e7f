/**
 * A small cache of values read recently, each kept at most `maxAgeMs` and at most `maxEntries` at once (the oldest
 * go first). Concurrent reads of one key share one load; a failed load is not kept. For reads that may be a few
 * seconds stale by design, on one instance: what another instance writes shows here within `maxAgeMs`, what this
 * instance writes as soon as it calls `forget`.
 */
export function recentCache<V>(options: { maxAgeMs: number; maxEntries: number; clock: () => Date }) {
  const entries = new Map<string, { readAt: number; value: Promise<V> }>();
  return {
    get(key: string, load: () => Promise<V>): Promise<V> {
      const now = options.clock().getTime();
      const kept = entries.get(key);
      if (kept && now - kept.readAt < options.maxAgeMs) return kept.value;
      entries.delete(key);
      const value = load();
      const entry = { readAt: now, value };
      entries.set(key, entry);
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value!);
      return value;
    },
    forget(key: string): void {
      entries.delete(key);
    },
  };
}
