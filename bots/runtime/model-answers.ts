import type { Executor } from '../../core/db/client';
import { insertLlmCalls, type NewLlmCall } from '../../core/repositories/knowledge-llm-calls';

/** Model answers one turn may wait for: a knowledge answer per knowledge block, an intent choice. */
const MAX_ANSWERS_PER_TURN = 5;

/** Unwinds a turn's transaction (it rolls back) when the turn needs a model answer it does not have yet. */
export class ModelAnswerNeeded extends Error {
  constructor(
    readonly key: string,
    readonly call: () => Promise<unknown>,
  ) {
    super('the turn needs a model answer');
    this.name = 'ModelAnswerNeeded';
  }
}

/**
 * The model answers of one turn, fetched outside its transaction. A turn never waits for a model inside its
 * transaction: with PGlite every other query of the process would wait for it, and with a server the turn
 * would hold a pooled connection for seconds. So a turn that needs an answer stops (its transaction rolls
 * back, nothing is stored), the answer is fetched, and the turn runs again from the start with every answer
 * gathered so far; the attempt that needs no new answer commits. The `llm_calls` rows of those calls are kept
 * here and written by the committing attempt, with its conversation and message ids.
 */
export class ModelAnswers {
  private readonly answers = new Map<string, unknown>();
  /** `llm_calls` rows of the calls made so far; the model service appends to it. */
  readonly calls: NewLlmCall[] = [];

  /**
   * The answer fetched for `key` in an earlier attempt; otherwise stops the attempt so that `call` runs outside
   * the transaction. After MAX_ANSWERS_PER_TURN answers (a turn whose state kept changing) it settles for `fallback`.
   */
  ask<T>(key: string, call: () => Promise<T>, fallback: T): T {
    if (this.answers.has(key)) return this.answers.get(key) as T;
    if (this.answers.size >= MAX_ANSWERS_PER_TURN) return fallback;
    throw new ModelAnswerNeeded(key, call);
  }

  async fetch(needed: ModelAnswerNeeded): Promise<void> {
    this.answers.set(needed.key, await needed.call());
  }

  /** Writes the gathered `llm_calls` rows in the committing attempt's transaction. */
  async writeCalls(tx: Executor, turn: { conversationId: string; inboundId?: number }): Promise<void> {
    await insertLlmCalls(tx, this.calls.map((call) => ({ ...call, conversationId: turn.conversationId, messageId: turn.inboundId ?? null })));
  }
}

/** Runs `attempt` (a turn in its transaction) until it needs no model answer it does not have. */
export async function withModelAnswers<T>(attempt: (answers: ModelAnswers) => Promise<T>): Promise<T> {
  const answers = new ModelAnswers();
  for (;;) {
    try {
      return await attempt(answers);
    } catch (error) {
      if (!(error instanceof ModelAnswerNeeded)) throw error;
      await answers.fetch(error);
    }
  }
}
