/**
 * Remembers the promise of each load by key, so concurrent and later callers share one load (a training, say).
 * A load that fails or finds nothing is forgotten, so the next caller tries again; past `maxEntries` the oldest
 * entry goes.
 */
export class SharedLoads<T> {
  private readonly entries = new Map<string, Promise<T | undefined>>();

  constructor(private readonly maxEntries: number) {}

  get(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const cached = this.entries.get(key);
    if (cached) return cached;
    const loading = load();
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, loading);
    loading.then(
      (loaded) => loaded || this.entries.delete(key),
      () => this.entries.delete(key),
    );
    return loading;
  }
}
