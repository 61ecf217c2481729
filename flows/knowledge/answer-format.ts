import { HANDOFF_MARKER, UNSURE_MARKER } from './prompt';

export interface ParsedAnswer {
  kind: 'answer' | 'unsure' | 'handoff';
  text: string;
  /** Cited passage ids that exist. */
  sourceIds: string[];
  /** Cited ids that do not exist (the model made them up). */
  unknownIds: string[];
}

/** Reads the model's reply: `[[UNSURE]]`, `[[HANDOFF]]`, or an answer ending with `[[SOURCES: S1, S2]]`. */
export function parseModelAnswer(raw: string, knownIds: Iterable<string>): ParsedAnswer {
  const known = new Set(knownIds);
  const trimmed = raw.trim();
  if (trimmed.includes(HANDOFF_MARKER)) return { kind: 'handoff', text: '', sourceIds: [], unknownIds: [] };
  const marker = trimmed.indexOf('[[');
  const text = (marker >= 0 ? trimmed.slice(0, marker) : trimmed).trim();
  if (trimmed.includes(UNSURE_MARKER) || !text) return { kind: 'unsure', text: '', sourceIds: [], unknownIds: [] };
  const cited = new Set<string>();
  for (const m of trimmed.matchAll(/\[\[\s*SOURCES?\s*:([^\]]*)\]\]/gi)) for (const id of m[1].split(/[\s,;]+/)) if (id) cited.add(id.trim().toUpperCase());
  return { kind: 'answer', text, sourceIds: [...cited].filter((id) => known.has(id)), unknownIds: [...cited].filter((id) => !known.has(id)) };
}

/**
 * Filters a token stream for the customer: stops at the first `[[` (markers are for us), holds back a
 * `[...]` placeholder until it is complete so `restore` can put the customer's data back, and emits the rest.
 */
export class AnswerStreamFilter {
  private pending = '';
  private done = false;
  private emitted = '';

  constructor(
    private readonly emit: (text: string) => void,
    private readonly restore: (text: string) => string = (t) => t,
  ) {}

  push(token: string): void {
    if (this.done || !token) return;
    this.pending += token;
    const marker = this.pending.indexOf('[[');
    if (marker >= 0) {
      this.flushText(this.pending.slice(0, marker));
      this.pending = '';
      this.done = true;
      return;
    }
    const open = this.pending.lastIndexOf('[');
    if (open >= 0 && !this.pending.slice(open).includes(']') && this.pending.length - open < 24) {
      this.flushText(this.pending.slice(0, open));
      this.pending = this.pending.slice(open);
      return;
    }
    this.flushText(this.pending);
    this.pending = '';
  }

  end(): void {
    if (!this.done && this.pending) this.flushText(this.pending);
    this.pending = '';
    this.done = true;
  }

  /** What the customer has seen so far. */
  get text(): string {
    return this.emitted;
  }

  private flushText(text: string): void {
    if (!text) return;
    // Leading whitespace of the whole answer is noise.
    const out = this.restore(this.emitted ? text : text.replace(/^\s+/, ''));
    if (!out) return;
    this.emitted += out;
    this.emit(out);
  }
}
