/**
 * Knowledge answers, pure part: content to text, chunking, multilingual retrieval (BM25 + optional embeddings),
 * prompt building, output parsing and guardrails (PII masking, injection heuristics, topic restriction).
 * No I/O; the LLM is whatever LangChain chat model the caller passes around.
 */
export { analyzeText, analyzeNormalized, normalizeForIndex, stem, type AnalyzedText } from './analyze';
export { Bm25Index, type Bm25Field, type Bm25Hit } from './bm25';
export { toPlainText, htmlToText, markdownToText, decodeEntities, type ContentFormat } from './content';
export { chunkFaq, chunkPage, chunkCatalogEntry, type ChunkDraft, type ChunkOptions } from './chunking';
export { KnowledgeIndex, type IndexedChunk, type KnowledgeKind, type RetrievalHit, type SearchOptions, type IndexOptions } from './retrieval';
export { PiiVault, maskPii, restorePii, containsPii, luhnValid, peselValid, iranianNationalCodeValid, type PiiKind } from './pii';
export { detectInjection, neutralize, type InjectionVerdict } from './injection';
export {
  answerPrompt,
  buildAnswerMessages,
  formatPassages,
  languageName,
  UNSURE_MARKER,
  HANDOFF_MARKER,
  type AnswerPromptInput,
  type BrandVoice,
  type PromptPassage,
  type PromptTurn,
} from './prompt';
export { parseModelAnswer, AnswerStreamFilter, type ParsedAnswer } from './answer-format';
export { promptVariables, promptHistory, isOnTopic } from './memory';
export { directAnswer, type DirectAnswer } from './direct';
