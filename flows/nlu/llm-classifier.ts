import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';

export interface LlmChoiceRequest {
  text: string;
  intents: string[];
  /** A few example phrases per intent, shown to the model. */
  examples: Map<string, string[]>;
  /** Classifier's best guesses, listed first. */
  candidates: string[];
}

/** What the model chose: an intent name, explicitly none, or nothing usable (error/garbage). */
export type LlmChoice = { kind: 'intent'; name: string } | { kind: 'none' } | { kind: 'invalid'; reason: string };

const NONE_WORDS = new Set(['none', 'no intent', 'no_intent', 'null', 'oos', 'out of scope']);

function buildPrompt(req: LlmChoiceRequest): string {
  const order = [...new Set([...req.candidates, ...req.intents])];
  const lines = order.map((name) => {
    const ex = (req.examples.get(name) ?? []).slice(0, 3).map((e) => JSON.stringify(e)).join(', ');
    return ex ? `- ${name}: e.g. ${ex}` : `- ${name}`;
  });
  return ['Intents:', ...lines, '', `Message: ${JSON.stringify(req.text)}`].join('\n');
}

const SYSTEM = [
  'You classify one chatbot user message into exactly one of the listed intents.',
  'Answer with the intent name exactly as listed, and nothing else.',
  'If no intent fits the message, answer: none',
].join(' ');

/** Strict parse: the whole answer (minus quotes, backticks and a final period) must be one intent name or "none". */
export function parseChoice(answer: string, intents: string[]): LlmChoice {
  const cleaned = answer.trim().replace(/^["'`*]+|["'`*.]+$/g, '').replace(/^intent\s*:\s*/i, '').trim();
  if (NONE_WORDS.has(cleaned.toLowerCase())) return { kind: 'none' };
  if (intents.includes(cleaned)) return { kind: 'intent', name: cleaned };
  const ci = intents.filter((i) => i.toLowerCase() === cleaned.toLowerCase());
  if (ci.length === 1) return { kind: 'intent', name: ci[0] };
  return { kind: 'invalid', reason: `unrecognised answer: ${answer.slice(0, 80)}` };
}

/** The prompt asking a chat model to choose among the intents; answer with {@link parseChoice}. */
export function intentChoiceMessages(req: LlmChoiceRequest): BaseMessage[] {
  return [new SystemMessage(SYSTEM), new HumanMessage(buildPrompt(req))];
}

/** Asks the chat model to choose among the intents; never throws. */
export async function askLlm(llm: BaseChatModel, req: LlmChoiceRequest, timeoutMs: number): Promise<LlmChoice> {
  try {
    const res = await llm.invoke(intentChoiceMessages(req), { timeout: timeoutMs });
    return parseChoice(res.text, req.intents);
  } catch (err) {
    return { kind: 'invalid', reason: err instanceof Error ? err.message : String(err) };
  }
}
