import { toPlainText, type ContentFormat } from './content';

export interface ChunkDraft {
  ordinal: number;
  /** FAQ question; matched as well as the text. */
  question?: string;
  text: string;
}

export interface ChunkOptions {
  /** Target size of a passage in characters (default 700). */
  maxChars?: number;
  /** Characters repeated from the end of the previous passage (default 100). */
  overlap?: number;
}

/** An FAQ pair is one chunk: the question is matched, the answer is said. */
export function chunkFaq(question: string, answer: string): ChunkDraft[] {
  return [{ ordinal: 0, question: question.trim(), text: toPlainText(answer, 'markdown') }];
}

/**
 * Splits a page into passages along its structure: sections by heading, then paragraphs, then sentences,
 * packed up to `maxChars`. Every passage starts with its section heading (context for retrieval and the model).
 */
export function chunkPage(content: string, format: ContentFormat, options: ChunkOptions = {}): ChunkDraft[] {
  const maxChars = options.maxChars ?? 700;
  const overlap = Math.min(options.overlap ?? 100, Math.floor(maxChars / 3));
  const text = toPlainText(content, format);
  const out: ChunkDraft[] = [];
  for (const section of sections(text)) {
    const heading = section.heading ? `${section.heading}\n` : '';
    const budget = Math.max(100, maxChars - heading.length);
    const pieces = section.body.split(/\n{2,}/).flatMap((p) => (p.length > budget ? sentences(p, budget) : [p])).map((p) => p.trim()).filter(Boolean);
    let current = '';
    let fresh = false;
    for (const piece of pieces) {
      if (fresh && current.length + piece.length + 2 > budget) {
        out.push({ ordinal: out.length, text: `${heading}${current.trim()}` });
        current = tail(current, overlap);
      }
      current = current ? `${current}\n\n${piece}` : piece;
      fresh = true;
    }
    if (fresh && current.trim()) out.push({ ordinal: out.length, text: `${heading}${current.trim()}` });
  }
  return dedupe(out);
}

/** One catalog entry (a product) is one chunk. */
export function chunkCatalogEntry(title: string, content: string, format: ContentFormat = 'text'): ChunkDraft[] {
  return [{ ordinal: 0, text: `${title}\n${toPlainText(content, format)}`.trim() }];
}

function sections(text: string): { heading?: string; body: string }[] {
  const out: { heading?: string; body: string }[] = [];
  let current: { heading?: string; lines: string[] } = { lines: [] };
  for (const line of text.split('\n')) {
    const m = /^#{1,6}\s+(.*)$/.exec(line);
    if (m) {
      if (current.heading || current.lines.join('').trim()) out.push({ heading: current.heading, body: current.lines.join('\n') });
      current = { heading: m[1].trim(), lines: [] };
    } else current.lines.push(line);
  }
  if (current.heading || current.lines.join('').trim()) out.push({ heading: current.heading, body: current.lines.join('\n') });
  return out;
}

/** Sentence split that also works for Arabic/Persian punctuation; hard-wraps what is still too long. */
function sentences(paragraph: string, budget: number): string[] {
  const parts = paragraph.match(/[^.!?؟۔\n]+[.!?؟۔]*\s*/g) ?? [paragraph];
  const out: string[] = [];
  let current = '';
  for (const part of parts) {
    if (part.length > budget) {
      if (current) out.push(current);
      current = '';
      for (let i = 0; i < part.length; i += budget) out.push(part.slice(i, i + budget));
      continue;
    }
    if (current.length + part.length > budget) {
      out.push(current);
      current = '';
    }
    current += part;
  }
  if (current) out.push(current);
  return out;
}

/** The last `n` characters, starting at a word boundary. */
function tail(text: string, n: number): string {
  if (n <= 0 || text.length <= n) return n <= 0 ? '' : text;
  const slice = text.slice(-n);
  const space = slice.search(/\s/);
  return space >= 0 ? slice.slice(space + 1) : slice;
}

function dedupe(chunks: ChunkDraft[]): ChunkDraft[] {
  const seen = new Set<string>();
  return chunks.filter((c) => !seen.has(c.text) && seen.add(c.text)).map((c, i) => ({ ...c, ordinal: i }));
}
