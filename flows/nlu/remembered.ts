/**
 * The value `compute` gives for `key`, remembered in `memory` (undefined too) for the next message that has it; the
 * memory starts over once it holds `limit` keys, so that a stream of new words cannot grow it without end.
 */
export function remembered<K, V>(memory: Map<K, V>, limit: number, key: K, compute: () => V): V {
  if (memory.has(key)) return memory.get(key) as V;
  if (memory.size >= limit) memory.clear();
  const value = compute();
  memory.set(key, value);
  return value;
}
