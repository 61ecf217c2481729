import { type NluSnapshot } from '../engine/types';
import { extractNumber, parseEmail, parsePhone } from '../text/answers';
import { normalize } from '../text/normalize';

interface IntentExamples {
  name: string;
  examples: Record<string, string[]>;
}

const PERSIAN_ONLY = /[پچژگکی]/;
const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
const POLISH = /[ąćęłńóśźż]|\b(nie|tak|jest|czy|chcę|chce|jak|dla|się|mam|dzień|cześć|ile|proszę|dziękuję)\b/i;

/** Script-based guess of en / pl / ar / fa, enough for tests. */
function guessLanguage(text: string): { code: string; confidence: number } {
  if (ARABIC_SCRIPT.test(text)) return PERSIAN_ONLY.test(text) ? { code: 'fa', confidence: 0.8 } : { code: 'ar', confidence: 0.7 };
  if (POLISH.test(text)) return { code: 'pl', confidence: 0.7 };
  return { code: 'en', confidence: /[a-z]/i.test(text) ? 0.6 : 0.3 };
}

/**
 * A deliberately simple NLU for tests and the in-memory driver when the real one (flows/nlu) is not injected:
 * an intent wins when one of its example phrases is the message or appears inside it (longest wins), or by word
 * overlap; entities are emails, phones and numbers found by the answer parsers.
 */
export function createKeywordNlu(intents: readonly IntentExamples[], opts: { minConfidence?: number } = {}): (text: string) => NluSnapshot {
  const table = intents.map((i) => ({
    name: i.name,
    phrases: Object.values(i.examples)
      .flat()
      .map((e) => normalize(e))
      .filter(Boolean)
      .map((p) => ({ p, words: new Set(p.split(' ')) })),
  }));
  const min = opts.minConfidence ?? 0.5;
  return (text) => {
    const t = normalize(text);
    const padded = ` ${t} `;
    const words = new Set(t.split(' ').filter(Boolean));
    let best: { name: string; confidence: number; len: number } | null = null;
    for (const intent of table) {
      for (const { p, words: pw } of intent.phrases) {
        let confidence: number;
        if (t === p) confidence = 1;
        else if (padded.includes(` ${p} `)) confidence = 0.9;
        else {
          let common = 0;
          for (const w of pw) if (words.has(w)) common++;
          confidence = (common / (pw.size + words.size - common)) * 0.8;
        }
        if (!best || confidence > best.confidence || (confidence === best.confidence && p.length > best.len)) best = { name: intent.name, confidence, len: p.length };
      }
    }
    const entities: NluSnapshot['entities'] = [];
    const email = parseEmail(text);
    if (email.ok) entities.push({ type: 'email', value: email.value, text: String(email.value) });
    else {
      const phone = parsePhone(text);
      if (phone.ok) entities.push({ type: 'phone', value: phone.value, text: String(phone.value) });
      else {
        const n = extractNumber(text);
        if (n !== undefined) entities.push({ type: 'number', value: n, text: String(n) });
      }
    }
    return {
      language: guessLanguage(text),
      intent: best && best.confidence >= min ? { name: best.name, confidence: Number(best.confidence.toFixed(3)) } : null,
      entities,
    };
  };
}
