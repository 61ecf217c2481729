import { modelFromJSON, TrainedNlu } from './model.js';
import { runInSlices } from './steps.js';
import { trainParts, trainSteps } from './train.js';
import { reportSteps, type NluReport } from './report.js';
import type { NluModel, NluModelJson, NluOptions, IntentExample } from './types.js';

export type { IntentExample, MessageHint, NluModel, NluModelJson, NluOptions, NluResult, ScoredIntent } from './types.js';
export type { Entity } from './entities/types.js';
export type { NluReport, IntentReport } from './report.js';
export type { LanguageGuess } from './language.js';
export { detectLanguage, isSureGuess } from './language.js';
export { normalizeText } from './normalize.js';
export { extractEntities } from './entities/index.js';
export { findEmails } from './entities/email.js';
export { isPhoneCountry } from './entities/phone.js';
export { nluSnapshot } from './snapshot.js';
export { intentChoiceMessages, parseChoice, type LlmChoice, type LlmChoiceRequest } from './llm-classifier.js';

/**
 * Trains an intent model from example phrases, synchronously and in process
 * (TF-IDF word and character n-grams, class-balanced one-vs-rest linear SVM, confidences calibrated on held-out folds of the examples).
 * Examples with an empty text or intent are ignored. With no examples every message gets "no intent".
 */
export function trainNlu(examples: IntentExample[], opts: NluOptions = {}): NluModel {
  return new TrainedNlu(trainParts(examples), opts);
}

/**
 * {@link trainNlu} without holding the event loop: the work runs in slices of about `sliceMs` (default 20 ms)
 * with other callbacks in between, so a server keeps answering while a large bot trains.
 */
export async function trainNluInSlices(examples: IntentExample[], opts: NluOptions = {}, sliceMs?: number): Promise<NluModel> {
  return new TrainedNlu(await runInSlices(trainSteps(examples), sliceMs), opts);
}

/** Restores a model saved with `model.toJSON()`; `opts` (e.g. the chat model) are not serialised. */
export function loadNlu(json: NluModelJson, opts: NluOptions = {}): NluModel {
  return modelFromJSON(json, opts);
}

/** Cross-validated report on how well the intents separate (see `report.ts`), computed in slices. */
export function reportNluInSlices(examples: IntentExample[], sliceMs?: number): Promise<NluReport> {
  return runInSlices(reportSteps(examples), sliceMs);
}
