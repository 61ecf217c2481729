/** mulberry32: a small seeded PRNG. Returns the next uint32 state and a float in [0, 1). */
export function nextRandom(state: number): { state: number; value: number } {
  const s = (state + 0x6d2b79f5) | 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { state: s >>> 0, value: ((t ^ (t >>> 14)) >>> 0) / 4294967296 };
}

/** FNV-1a of a string mapped to [0, 1): stable across processes, for sticky assignments. */
export function hashUnit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return nextRandom(h >>> 0).value;
}
