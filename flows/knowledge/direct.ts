import type { RetrievalHit } from './retrieval';

export interface DirectAnswer {
  text: string;
  sources: { title: string; url?: string }[];
  chunkId: number;
  confidence: number;
}

/**
 * The answer without a model: the best hit when its confidence reaches `threshold` — an FAQ's answer as
 * written, or a passage (trimmed at a sentence end near `maxChars`). Otherwise undefined.
 */
export function directAnswer(hits: RetrievalHit[], threshold: number, maxChars = 600): DirectAnswer | undefined {
  const best = hits[0];
  if (!best || best.confidence < threshold) return undefined;
  const { chunk } = best;
  let text = chunk.text.trim();
  if (chunk.kind === 'page' && text.startsWith(chunk.title)) text = text.slice(chunk.title.length).trim() || text;
  if (text.length > maxChars) {
    const cut = text.slice(0, maxChars);
    const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('.\n'), cut.lastIndexOf('؟'), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
    text = end > maxChars / 2 ? cut.slice(0, end + 1) : `${cut.replace(/\s+\S*$/, '')}…`;
  }
  return {
    text,
    sources: [{ title: chunk.title, ...(chunk.url ? { url: chunk.url } : {}) }],
    chunkId: chunk.id,
    confidence: best.confidence,
  };
}
