import { extractEntities } from './entities/index.js';
import { scoreLinear, type LinearModel } from './classifier.js';
import { vectorizerFromJSON, type Vectorizer } from './features.js';
import { detectLanguage, isSureGuess } from './language.js';
import { askLlm, type LlmChoice, type LlmChoiceRequest } from './llm-classifier.js';
import { normalizeText } from './normalize.js';
import { calibrate, decide, type Calibration } from './oos.js';
import type { MessageHint, NluModel, NluModelJson, NluOptions, NluResult, ScoredIntent } from './types.js';

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
}

/** Changes whenever a saved model would read differently: 2 keys character n-grams apart from stems. */
const MODEL_VERSION = 2;

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

  constructor(private readonly parts: ModelParts, private readonly opts: NluOptions = {}) {
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

  analyze(text: string, hint?: MessageHint): NluResult {
    const detected = detectLanguage(text);
    const language = hint?.lang ? { ...detected, code: hint.lang, confidence: 1 } : detected;
    const canonical = normalizeText(text);
    const probs = this.names.length ? this.probabilities(canonical) : new Float64Array(0);
    const winner = decide(probs, this.threshold, this.inScope);
    const outOfScope = winner >= 0 && !this.inScope[winner] ? { name: this.names[winner], confidence: round(probs[winner]) } : undefined;
    // An out-of-scope intent keeps the share it won from the others, so they stay low.
    for (let k = 0; k < probs.length; k++) if (!this.inScope[k]) probs[k] = 0;
    const order = topK(probs, RANKING).filter((k) => this.inScope[k]);
    const ranking: ScoredIntent[] = order.map((k) => ({ name: this.names[k], confidence: round(probs[k]) }));
    const best = outOfScope ? -1 : winner;
    const intent = best >= 0 ? { name: this.names[best], confidence: round(probs[best]) } : null;
    const entityLang = hint?.fallbackLang && !isSureGuess(language, text) ? hint.fallbackLang : language.code;
    const entities = extractEntities(text, entityLang, { now: this.opts.now?.(), timeZone: hint?.timeZone, country: hint?.country });
    const normalized = language.code === 'fa' ? normalizeText(text, 'fa') : canonical;
    return { text, normalized, language, intent, ranking, entities, ...(outOfScope && { outOfScope }), decidedBy: intent ? 'classifier' : 'none' };
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
    return {
      version: MODEL_VERSION,
      intents: this.names,
      languages: this.parts.languages,
      examples: [...this.parts.examples],
      vectorizer: this.parts.vectorizer.toJSON(),
      linear: linearToJSON(this.parts.linear),
      ...(this.parts.prototypes && { prototypes: linearToJSON(this.parts.prototypes) }),
      calibration: this.parts.calibration,
      ...(this.parts.outOfScope?.length && { outOfScope: this.parts.outOfScope }),
      oosThreshold: this.threshold,
    };
  }
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
  return new TrainedNlu({
    intents: json.intents,
    languages: json.languages,
    examples: new Map(json.examples),
    vectorizer: vectorizerFromJSON(json.vectorizer as Parameters<typeof vectorizerFromJSON>[0]),
    linear: linearFromJSON(json.linear),
    prototypes: json.prototypes && linearFromJSON(json.prototypes),
    outOfScope: json.outOfScope,
    calibration: json.calibration,
  }, { oosThreshold: json.oosThreshold, ...opts });
}
