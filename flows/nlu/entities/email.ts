import type { Entity } from './types.js';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

export function findEmails(text: string): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(EMAIL)) {
    const start = m.index ?? 0;
    out.push({ type: 'email', value: m[0].toLowerCase(), text: m[0], start, end: start + m[0].length });
  }
  return out;
}
