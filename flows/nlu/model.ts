import { extractEntities } from './entities/index.js';
import { scoreLinear, type LinearModel } from './classifier.js';
import { sparseDot, vectorizerFromJSON, type Vectorizer } from './features.js';
import { detectLanguage, isSureGuess, type LanguageGuess } from './language.js';
import { arabicScriptSkeleton, latinSkeleton } from './romanize.js';
import { askLlm, type LlmChoice, type LlmChoiceRequest } from './llm-classifier.js';
import { normalizeText } from './normalize.js';
import { standardForms } from './dialects.js';
import { calibrate, decide, type Calibration } from './oos.js';
import type { MessageHint, NluModel, NluModelJson, NluOptions, NluPartsJson, NluResult, ScoredIntent } from './types.js';

const LLM_CONFIDENCE = 0.9;
const RANKING = 5;

export interface ModelParts {
  intents: string[];
  languages: string[];
  examples: Map<string, string[]>;
  vectorizer: Vectorizer;
  linear: LinearModel;
  calibration: Calibration;
  /** Intent prototypes (see `prototypes.ts`), kept only when the calibration gates on similarity. */
  prototypes?: LinearModel;
  /** Intents whose phrases are out of scope: they win only to say "no intent". */
  outOfScope?: string[];
  /**
   * Per language written in Arabic script, a model of its phrases' consonant skeletons (see `romanize.ts`), whose
   * `examples` are the phrases as written.
   */
  romanized?: Record<string, ModelParts>;
}

/** What the intent model makes of a message, before language and entities. */
interface Classification {
  intent: ScoredIntent | null;
  ranking: ScoredIntent[];
  outOfScope?: ScoredIntent;
  /** The request, as written, when a pleasantry around it was set aside (see `classifyRequest`). */
  request?: string;
}

/** A message typed in Latin letters has fewer consonants than this: too short to be read as Persian or Arabic. */
const MIN_SKELETON_LETTERS = 3;
/**
 * In a conversation in English or Polish, a reading in consonants needs this confidence (the "sure intent" of
 * digressions): of 72 Finglish and Arabizi messages for the demo it keeps 58 of 63, and of CLINC's 5,500 English
 * messages it takes 1 instead of 5.
 */
const SURE_READING_IN_LATIN_CONVERSATION = 0.7;

/** The longest pleasantry phrase, in words, looked for in a message's first or last clause. */
const LONGEST_PLEASANTRY_WORDS = 4;
/**
 * Intents whose phrases are this short at the median (in words), in each language, are pleasantries: greetings,
 * thanks. Across languages, the demo's `price`, `buy` and `recommend` were as short (three words): Arabic and Persian
 * phrases are terse, English ones are not.
 */
const PLEASANTRY_MEDIAN_WORDS = 2;
/** The fewest words a request past unpunctuated pleasantry words has: "good morning to you" is no request "to you". */
const MIN_REQUEST_WORDS = 3;
/** How sure the rest of the message must be of another intent to be what the customer asked. */
const SURE_REQUEST = 0.7;
/** What ends a clause: a message's first clause is what comes before the first of them, its last after the last. */
const CLAUSE_END = /[,.!?;:،؛؟…\n]/gu;

/** A message's clauses that hold a letter or digit, with where each starts and ends in it. */
function clausesOf(text: string): { text: string; start: number; end: number }[] {
  const clauses: { text: string; start: number; end: number }[] = [];
  let start = 0;
  for (const end of [...[...text.matchAll(CLAUSE_END)].map((m) => m.index), text.length]) {
    clauses.push({ text: text.slice(start, end), start, end });
    start = end + 1;
  }
  return clauses.filter((c) => /[\p{L}\p{N}]/u.test(c.text));
}

/** The middle value (the upper one of an even count). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The bot's pleasantry intents with their phrases, and the words those phrases start and end with. */
interface Pleasantries {
  phrases: Map<string, Set<string>>;
  firstWords: Set<string>;
  lastWords: Set<string>;
}

/** A word as `normalizeText` keeps it: letters and digits, with the marks and apostrophes it drops. */
const WORD = /[\p{L}\p{N}\p{M}'’`´\u0640\u200b-\u200f\u2060\ufeff]+/gu;

/** The text without its first (or last) `n` words, trimmed; undefined when it has no more words than that. */
function withoutWords(text: string, n: number, first: boolean): string | undefined {
  const words = [...text.matchAll(WORD)];
  if (words.length <= n) return undefined;
  return (first ? text.slice(words[n - 1].index + words[n - 1][0].length) : text.slice(0, words[words.length - n].index)).replace(/^[\s\p{P}]+|[\s,;:]+$/gu, '');
}

/**
 * Changes whenever a saved model would read differently: 2 keys character n-grams apart from stems, 3 reads spoken and
 * chat words as written ones (`dialects.ts`).
 */
const MODEL_VERSION = 3;

/** The language a message's words are read in: the detector's guess, or the conversation's when the guess is unsure. */
function languageOfWords(guess: LanguageGuess, text: string, hint?: MessageHint): string {
  return hint?.fallbackLang && !isSureGuess(guess, text) ? hint.fallbackLang : guess.code;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

function topK(probs: Float64Array, k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < probs.length; i++) {
    if (out.length === k && probs[i] <= probs[out[k - 1]]) continue;
    let j = Math.min(out.length, k - 1);
    out[j] = i;
    while (j > 0 && probs[out[j - 1]] < probs[i]) {
      out[j] = out[j - 1];
      out[--j] = i;
    }
  }
  return out;
}

export class TrainedNlu implements NluModel {
  private readonly names: string[];
  /** Per class: false for out-of-scope intents. */
  private readonly inScope: boolean[];
  private readonly threshold: number;
  private readonly scores: Float64Array;
  private readonly similarities: Float64Array;
  /** Skeleton models by language, which read messages typed in Latin letters. */
  private readonly romanized: [string, TrainedNlu][];
  /** The words of the bot's phrases in Latin letters, once a message needs them. */
  private latinWords?: Set<string>;
  /** See `pleasantryPhrases`. */
  private pleasantries?: Pleasantries;

  constructor(private readonly parts: ModelParts, private readonly opts: NluOptions = {}) {
    this.romanized = Object.entries(parts.romanized ?? {}).map(([lang, p]) => [lang, new TrainedNlu(p, { oosThreshold: opts.oosThreshold })]);
    this.names = parts.intents;
    this.inScope = parts.intents.map((name) => !parts.outOfScope?.includes(name));
    this.threshold = opts.oosThreshold ?? 0.5;
    this.scores = new Float64Array(parts.intents.length);
    this.similarities = new Float64Array(parts.intents.length);
  }

  get intents(): string[] {
    return this.names.filter((_, k) => this.inScope[k]);
  }

  get languages(): string[] {
    return [...this.parts.languages];
  }

  /** Intent probabilities of an already normalised message. */
  probabilities(normalized: string): Float64Array {
    // Unseen features count where "no intent" was calibrated on held-out folds, which score them that way.
    const x = this.parts.vectorizer.transform(normalized, this.parts.calibration.minSimilarity === undefined);
    const similarities = this.parts.prototypes && scoreLinear(this.parts.prototypes, x, this.similarities);
    return calibrate(scoreLinear(this.parts.linear, x, this.scores), this.parts.calibration, similarities);
  }

  /** The intents of an already normalised message. */
  private classify(normalized: string): Classification {
    const probs = this.names.length ? this.probabilities(normalized) : new Float64Array(0);
    const winner = decide(probs, this.threshold, this.inScope);
    const outOfScope = winner >= 0 && !this.inScope[winner] ? { name: this.names[winner], confidence: round(probs[winner]) } : undefined;
    // An out-of-scope intent keeps the share it won from the others, so they stay low.
    for (let k = 0; k < probs.length; k++) if (!this.inScope[k]) probs[k] = 0;
    const order = topK(probs, RANKING).filter((k) => this.inScope[k]);
    const ranking: ScoredIntent[] = order.map((k) => ({ name: this.names[k], confidence: round(probs[k]) }));
    const best = outOfScope ? -1 : winner;
    const intent = best >= 0 ? { name: this.names[best], confidence: round(probs[best]) } : null;
    return { intent, ranking, ...(outOfScope && { outOfScope }) };
  }

  /**
   * The intents of a message (`canonical`: normalised), read past a pleasantry it opens or closes with: when its first
   * or last clause (cut at a comma, full stop, question or exclamation mark) is made of phrases of the intent it is
   * most like, a pleasantry ("good morning, …", "…? thank you so much"), and the rest is longer and surely another
   * intent, the rest is what the customer asked. Without this, "do you ship to canada? thank you so much" was a
   * thanks, and "good morning, how much is the serum", "hej, szukam kremu do cery suchej" and "سلام وقت بخیر، میخوام
   * محصول رو پس بدم" greetings. Only pleasantries give way: "hi, thanks for your help earlier, where is my order?"
   * stays `order_status`.
   */
  private classifyRequest(text: string, canonical: string, lang: string): Classification {
    const standard = standardForms(canonical, lang);
    const whole = this.classify(standard);
    const best = whole.ranking[0]?.name;
    const pleasantries = this.pleasantryPhrases().phrases;
    if (!best || whole.outOfScope || !pleasantries.size) return whole;
    const clauses = pleasantries.has(best) ? clausesOf(text) : [];
    const ends = clauses.length < 2 ? [] : ([[clauses[0], true], [clauses[clauses.length - 1], false]] as const);
    for (const [clause, first] of ends) {
      const said = standardForms(normalizeText(clause.text), lang);
      const rest = first ? standard.startsWith(`${said} `) && standard.slice(said.length + 1) : standard.endsWith(` ${said}`) && standard.slice(0, -said.length - 1);
      // A pleasantry is shorter than the request it comes with ("thank you so much, bye" stays thanks).
      if (!rest || rest.split(' ').length <= said.split(' ').length || !this.madeOfPhrasesOf(best, said)) continue;
      const request = this.classify(rest);
      if (request.intent && request.intent.name !== best && request.intent.confidence >= SURE_REQUEST) {
        return { ...request, request: (first ? text.slice(clause.end + 1) : text.slice(0, clause.start)).trim() };
      }
    }
    return this.requestPastPleasantryWords(text, canonical, lang, whole);
  }

  /**
   * Pleasantry phrases the message opens or closes with, with no punctuation after them ("hello how do i pay"): the
   * rest, as long or longer, is the request when it is surely an intent that is no pleasantry, and the whole message
   * was most like the pleasantry, or had no intent, or the same one (then less sure: "مرحبا كم سعر الكريم" was `price`
   * at 0.50).
   */
  private requestPastPleasantryWords(text: string, canonical: string, lang: string, whole: Classification): Classification {
    const { phrases: pleasantries, firstWords, lastWords } = this.pleasantryPhrases();
    const words = canonical.split(' ');
    for (const first of [true, false]) {
      // Most messages neither open nor close with a pleasantry's word: they pay one lookup per end.
      const edge = standardForms(words[first ? 0 : words.length - 1], lang).split(' ');
      if (!(first ? firstWords.has(edge[0]) : lastWords.has(edge[edge.length - 1]))) continue;
      for (let n = Math.min(LONGEST_PLEASANTRY_WORDS, words.length - MIN_REQUEST_WORDS, Math.floor(words.length / 2)); n > 0; n--) {
        const said = standardForms((first ? words.slice(0, n) : words.slice(-n)).join(' '), lang);
        const pleasantry = [...pleasantries.keys()].find((intent) => this.madeOfPhrasesOf(intent, said));
        if (!pleasantry) continue;
        const rest = (first ? words.slice(n) : words.slice(0, -n)).join(' ');
        const request = this.classify(standardForms(rest, lang));
        const found = request.intent;
        const sameOrNone = !whole.intent || whole.intent.name === found?.name;
        if (found && !pleasantries.has(found.name) && found.confidence >= SURE_REQUEST && (whole.ranking[0]?.name === pleasantry || sameOrNone)) {
          const asWritten = withoutWords(text, n, first);
          return { ...request, ...(asWritten !== undefined && normalizeText(asWritten) === rest && { request: asWritten }) };
        }
        break;
      }
    }
    return whole;
  }

  /** Whether the words are one or more phrases of the pleasantry `intent` in a row ("سلام", then "وقت بخیر"). */
  private madeOfPhrasesOf(intent: string, standard: string): boolean {
    const phrases = this.pleasantryPhrases().phrases.get(intent);
    const words = standard ? standard.split(' ') : [];
    if (!phrases || !words.length) return false;
    for (let start = 0; start < words.length; ) {
      let n = Math.min(LONGEST_PLEASANTRY_WORDS, words.length - start);
      while (n > 0 && !phrases.has(words.slice(start, start + n).join(' '))) n--;
      if (n === 0) return false;
      start += n;
    }
    return true;
  }

  /**
   * The bot's pleasantries, intents whose phrases are short (greetings, thanks), unlike requests ("where is my order"),
   * each with its phrases as messages are read (see `standardForms`), and the words those phrases start and end with.
   * Built on first use.
   */
  private pleasantryPhrases(): Pleasantries {
    if (!this.pleasantries) {
      const phrases = new Map<string, Set<string>>();
      for (const [intent, examples] of this.parts.examples) {
        const read = examples.map((phrase) => ({ lang: detectLanguage(phrase).code, words: normalizeText(phrase) }));
        const lengths = new Map<string, number[]>();
        for (const { lang, words } of read) lengths.set(lang, [...(lengths.get(lang) ?? []), words.split(' ').length]);
        if (!read.length || [...lengths.values()].some((list) => median(list) > PLEASANTRY_MEDIAN_WORDS)) continue;
        phrases.set(intent, new Set(read.map(({ lang, words }) => standardForms(words, lang)).filter(Boolean)));
      }
      const split = [...phrases.values()].flatMap((set) => [...set].map((phrase) => phrase.split(' ')));
      this.pleasantries = { phrases, firstWords: new Set(split.map((words) => words[0])), lastWords: new Set(split.map((words) => words[words.length - 1])) };
    }
    return this.pleasantries;
  }

  /**
   * A message typed in Latin letters, in none of the bot's Latin-script languages for sure (and not said to be in one
   * by the caller), read by the skeleton models (in a Persian or Arabic conversation, that language's alone): the
   * surest of their answers, an out-of-scope match included, when it is an intent surer than `found`'s. A conversation
   * in English may go on in Finglish: customers often greet in English ("hi") before they write what they want.
   */
  private romanizedReading(text: string, canonical: string, detected: LanguageGuess, found: Classification, hint?: MessageHint): { lang: string; found: Classification; readAs?: string } | undefined {
    if (!this.romanized.length || detected.script !== 'Latin') return undefined;
    const romanizes = (code?: string) => this.romanized.some(([lang]) => lang === code);
    if (hint?.lang && !romanizes(hint.lang)) return undefined;
    // The language detector is sure that much Finglish is English ("chi pishnahad mikoni?" at 1.0), so it is trusted
    // only when the message also shares a word with the bot's phrases in Latin letters.
    if (!hint?.lang && isSureGuess(detected, text) && this.parts.languages.includes(detected.code) && this.sharesLatinWord(canonical)) return undefined;
    const skeleton = latinSkeleton(text);
    if (skeleton.replace(/ /g, '').length < MIN_SKELETON_LETTERS) return undefined;
    // In a conversation already in Persian or Arabic, only that language's model reads the message.
    const only = hint?.lang ?? (romanizes(hint?.fallbackLang) ? hint?.fallbackLang : undefined);
    let best: { lang: string; model: TrainedNlu; found: Classification; confidence: number } | undefined;
    for (const [lang, model] of this.romanized) {
      if (only && only !== lang) continue;
      const reading = model.classify(skeleton);
      const confidence = (reading.intent ?? reading.outOfScope)?.confidence ?? 0;
      if (confidence > (best?.confidence ?? 0)) best = { lang, model, found: reading, confidence };
    }
    if (!best?.found.intent || best.confidence <= (found.intent?.confidence ?? 0)) return undefined;
    if (hint?.fallbackLang && !romanizes(hint.fallbackLang) && best.confidence < SURE_READING_IN_LATIN_CONVERSATION) return undefined;
    return { lang: best.lang, found: best.found, readAs: best.model.nearestPhrase(best.found.intent.name, skeleton, best.lang) };
  }

  /** Of a skeleton model: the phrase of `intent` whose skeleton is most like `skeleton`. */
  private nearestPhrase(intent: string, skeleton: string, lang: string): string | undefined {
    const message = this.parts.vectorizer.transform(skeleton);
    let best: { phrase: string; similarity: number } | undefined;
    for (const phrase of this.parts.examples.get(intent) ?? []) {
      const similarity = sparseDot(message, this.parts.vectorizer.transform(arabicScriptSkeleton(phrase, lang)));
      if (similarity > (best?.similarity ?? -1)) best = { phrase, similarity };
    }
    return best?.phrase;
  }

  /** Whether one of the (normalised) message's words is in a phrase of the bot written in Latin letters. */
  private sharesLatinWord(canonical: string): boolean {
    this.latinWords ??= new Set([...this.parts.examples.values()].flat().flatMap((phrase) => normalizeText(phrase).split(' ').filter((w) => /^[a-z]/.test(w))));
    return canonical.split(' ').some((word) => this.latinWords!.has(word));
  }

  analyze(text: string, hint?: MessageHint): NluResult {
    const detected = detectLanguage(text);
    const canonical = normalizeText(text);
    const direct = this.classifyRequest(text, canonical, hint?.lang ?? languageOfWords(detected, text, hint));
    const romanized = this.romanizedReading(text, canonical, detected, direct, hint);
    const { intent, ranking, outOfScope, request } = romanized?.found ?? direct;
    const readAs = romanized?.readAs;
    const language = romanized
      ? { code: romanized.lang, confidence: intent?.confidence ?? 0, script: detected.script }
      : hint?.lang ? { ...detected, code: hint.lang, confidence: 1 } : detected;
    const entityLang = languageOfWords(language, text, hint);
    const entities = extractEntities(text, entityLang, { now: this.opts.now?.(), timeZone: hint?.timeZone, country: hint?.country });
    const normalized = language.code === 'fa' ? normalizeText(text, 'fa') : canonical;
    return { text, normalized, language, intent, ranking, entities, ...(outOfScope && { outOfScope }), ...(readAs && { readAs }), ...(request && { request }), decidedBy: intent ? 'classifier' : 'none' };
  }

  async analyzeWithLlm(text: string, hint?: MessageHint): Promise<NluResult> {
    const local = this.analyze(text, hint);
    const llm = this.opts.llm;
    if (!llm) return local;
    return this.decideWithLlm(local, (request) => askLlm(llm, request, this.opts.llmTimeoutMs ?? 10000));
  }

  async decideWithLlm(local: NluResult, choose: (request: LlmChoiceRequest) => Promise<LlmChoice>): Promise<NluResult> {
    if (!this.needsLlm(local)) return local;
    const intents = this.intents;
    const examples = new Map(intents.map((name) => [name, this.parts.examples.get(name) ?? []]));
    const choice = await choose({ text: local.text, intents, examples, candidates: local.ranking.map((r) => r.name) });
    if (choice.kind === 'invalid') return local;
    if (choice.kind === 'none') return { ...local, intent: null, decidedBy: 'llm' };
    const p = local.ranking.find((r) => r.name === choice.name)?.confidence ?? 0;
    const { outOfScope: _overruled, ...rest } = local;
    return { ...rest, intent: { name: choice.name, confidence: Math.max(p, LLM_CONFIDENCE) }, decidedBy: 'llm' };
  }

  /**
   * Whether the chat model should settle this result: the bot has intents and the winner, an out-of-scope intent
   * included, is below `llmBelow` (a sure match of the bot's own out-of-scope phrases is not asked about).
   */
  needsLlm(local: NluResult): boolean {
    const best = local.outOfScope?.confidence ?? local.ranking[0]?.confidence ?? 0;
    return this.inScope.includes(true) && best < (this.opts.llmBelow ?? 0.7);
  }

  toJSON(): NluModelJson {
    const romanized = Object.entries(this.parts.romanized ?? {}).map(([lang, parts]) => [lang, partsToJSON(parts)] as const);
    return {
      version: MODEL_VERSION,
      ...partsToJSON(this.parts),
      ...(romanized.length && { romanized: Object.fromEntries(romanized) }),
      oosThreshold: this.threshold,
    };
  }
}

function partsToJSON(parts: ModelParts): NluPartsJson {
  return {
    intents: parts.intents,
    languages: parts.languages,
    examples: [...parts.examples],
    vectorizer: parts.vectorizer.toJSON(),
    linear: linearToJSON(parts.linear),
    ...(parts.prototypes && { prototypes: linearToJSON(parts.prototypes) }),
    calibration: parts.calibration,
    ...(parts.outOfScope?.length && { outOfScope: parts.outOfScope }),
  };
}

function partsFromJSON(json: NluPartsJson): ModelParts {
  return {
    intents: json.intents,
    languages: json.languages,
    examples: new Map(json.examples),
    vectorizer: vectorizerFromJSON(json.vectorizer as Parameters<typeof vectorizerFromJSON>[0]),
    linear: linearFromJSON(json.linear),
    prototypes: json.prototypes && linearFromJSON(json.prototypes),
    outOfScope: json.outOfScope,
    calibration: json.calibration,
  };
}

const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function linearToJSON(l: LinearModel): Record<string, string | number> {
  return { numClasses: l.numClasses, dim: l.dim, offsets: b64(l.offsets), classes: b64(l.classes), weights: b64(l.weights), biases: b64(l.biases) };
}

function fromB64<T>(s: string | number, Ctor: { new (buf: ArrayBuffer): T; BYTES_PER_ELEMENT: number }): T {
  const buf = Buffer.from(String(s), 'base64');
  const copy = new ArrayBuffer(buf.byteLength);
  new Uint8Array(copy).set(buf);
  return new Ctor(copy);
}

function linearFromJSON(l: Record<string, string | number>): LinearModel {
  return {
    numClasses: Number(l.numClasses),
    dim: Number(l.dim),
    offsets: fromB64(l.offsets, Int32Array),
    classes: fromB64(l.classes, Uint16Array),
    weights: fromB64(l.weights, Float32Array),
    biases: fromB64(l.biases, Float32Array),
  };
}

export function modelFromJSON(json: NluModelJson, opts: NluOptions = {}): TrainedNlu {
  if (json.version !== MODEL_VERSION) throw new Error(`NLU model version ${String(json.version)} cannot be loaded by this version (${MODEL_VERSION}); train it again`);
  const romanized = Object.entries(json.romanized ?? {}).map(([lang, parts]) => [lang, partsFromJSON(parts)] as const);
  return new TrainedNlu({ ...partsFromJSON(json), ...(romanized.length && { romanized: Object.fromEntries(romanized) }) }, { oosThreshold: json.oosThreshold, ...opts });
}
