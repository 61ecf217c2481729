import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Entity } from './entities/types.js';
import type { LanguageGuess } from './language.js';
import type { LlmChoice, LlmChoiceRequest } from './llm-classifier.js';
import type { Calibration } from './oos.js';

/** One training phrase written by the marketer. */
export interface IntentExample {
  intent: string;
  text: string;
  /** ISO 639-1 code; detected when omitted. */
  lang?: string;
  /**
   * The text describes the intent (its description) instead of being something a customer writes: it trains
   * the classifier but is never held out for calibration, counted as an example, or shown to the LLM.
   */
  describes?: boolean;
  /**
   * The phrase is something the bot should not understand (weather, jokes, sports): its intent trains like any
   * other, but when it wins the message gets "no intent", and it is never offered, ranked or held out as in scope.
   */
  outOfScope?: boolean;
}

/** Per-bot settings. */
export interface NluOptions {
  /**
   * Calibrated confidence the bot's intents together need for a message to be in scope (else "no intent"); the winner
   * also needs half of it (see `decide` in `oos.ts`). Default 0.5.
   */
  oosThreshold?: number;
  /** Chat model consulted by `analyzeWithLlm` when the local confidence is low. */
  llm?: BaseChatModel;
  /** `analyzeWithLlm` asks the model when the local confidence is below this. Default 0.7. */
  llmBelow?: number;
  /** Time limit of one model call in ms. Default 10000. */
  llmTimeoutMs?: number;
  /** Anchor for relative dates; defaults to the time of each call. */
  now?: () => Date;
}

export interface ScoredIntent {
  name: string;
  /** Calibrated probability in [0, 1]. */
  confidence: number;
}

/** Analysis of one message. */
export interface NluResult {
  text: string;
  normalized: string;
  language: LanguageGuess;
  /** Best intent, or null for "no intent" (out of scope). */
  intent: ScoredIntent | null;
  /** Up to 5 best intents by confidence, whatever the threshold. */
  ranking: ScoredIntent[];
  entities: Entity[];
  /**
   * A message typed in Latin letters and read as Persian or Arabic (Finglish, Arabizi): the bot's phrase of its intent
   * that it is most like, in Arabic script. Knowledge is searched for this, since it is written in Arabic script.
   */
  readAs?: string;
  /**
   * The customer's request, as written, when a greeting or thanks around it was set aside ("good morning, how much is
   * the serum" → "how much is the serum"): knowledge is searched for it, since the pleasantry's words are in no answer.
   */
  request?: string;
  /** The out-of-scope intent the message matched (see `IntentExample.outOfScope`), and how sure; `intent` is null then. */
  outOfScope?: ScoredIntent;
  /**
   * 'classifier': the local classifier chose the intent; 'llm': the chat model decided (an intent or explicitly none);
   * 'none': no intent, because the local confidences were below the threshold and no model decided.
   */
  decidedBy: 'classifier' | 'llm' | 'none';
}

/** What the caller knows about a message: its language, the conversation's, the bot's clock. */
export interface MessageHint {
  /** The message's language, trusted over detection (the phrase tester's choice, a test script's locale). */
  lang?: string;
  /** The language to read entities in when detection is unsure, such as the conversation's ("24 grudnia" alone is too short to tell). */
  fallbackLang?: string;
  /** The bot's IANA time zone: "tomorrow at 5pm" is read on its clock (the server's without one). */
  timeZone?: string;
  /** The bot's country (ISO 3166, "PL"): phone numbers written without a country code are read as its numbers first. */
  country?: string;
}

/** A trained model; immutable — retrain with {@link trainNlu} to change intents. */
export interface NluModel {
  readonly intents: string[];
  readonly languages: string[];
  analyze(text: string, hint?: MessageHint): NluResult;
  /** Like `analyze`, then asks the configured chat model when confidence is below `llmBelow`; never rejects. */
  analyzeWithLlm(text: string, hint?: MessageHint): Promise<NluResult>;
  /** Whether `analyzeWithLlm` would ask the model about this result (its best confidence is below `llmBelow`). */
  needsLlm(local: NluResult): boolean;
  /**
   * What `analyzeWithLlm` does after `analyze`, with the caller's own model call: `choose` gets the intents, a few
   * examples each and the ranking; an intent or "none" decides (`decidedBy: 'llm'`), an invalid answer keeps `local`.
   */
  decideWithLlm(local: NluResult, choose: (request: LlmChoiceRequest) => Promise<LlmChoice>): Promise<NluResult>;
  toJSON(): NluModelJson;
}

/** Serialised model, see `loadNlu`. */
export interface NluModelJson extends NluPartsJson {
  version: 3;
  /** Skeleton models by language (see `romanize.ts`); a model saved without them reads no Persian or Arabic in Latin letters. */
  romanized?: Record<string, NluPartsJson>;
  oosThreshold: number;
}

/** One trained classifier, serialised. */
export interface NluPartsJson {
  intents: string[];
  languages: string[];
  examples: [string, string[]][];
  vectorizer: unknown;
  linear: Record<string, string | number>;
  /** Present when the calibration has `minSimilarity`. */
  prototypes?: Record<string, string | number>;
  calibration: Calibration;
  /** Intents whose phrases are out of scope (see `IntentExample.outOfScope`). */
  outOfScope?: string[];
}
