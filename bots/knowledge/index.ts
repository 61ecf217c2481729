/**
 * Knowledge answers for the bot runtime: the `KnowledgeResolver` implementation (storage, retrieval, LLM,
 * guardrails, budgets, circuit breaker, call log), ingestion, the demo FAQ seed and the OpenAI model factory.
 */
export { KnowledgeService, createKnowledgeResolver, type KnowledgeServiceOptions, type KnowledgeAnswerRequest, type SearchResult } from './resolver';
export { ingestKnowledge, draftDocuments, KnowledgeInput, FaqListInput, DocumentInput, knowledgeInputSchema, FaqItem, type IngestedDocument } from './ingest';
export { seedDemoKnowledge } from './seed';
export { createOpenAIModels, type ChatModelFactory, type OpenAIOptions } from './openai';
export { CircuitBreaker } from './circuit-breaker';
export { callChatModel, ModelCallError, estimateTokens, type ModelCallResult } from './call-model';
