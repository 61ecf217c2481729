import { SURE_INTENT } from '../../engine/defaults';
import { type BlockExecutor } from '../../engine/executor';
import { go, type Outcome, type Turn, type TurnInput } from '../../engine/turn';
import { normalize } from '../../text/normalize';
import { type IntentBlock, type IntentRoute } from './schema';

const buyingCache = new WeakMap<object, Set<string>>();

function buyingIntents(turn: Turn): Set<string> {
  let set = buyingCache.get(turn.flow);
  if (!set) {
    set = new Set(turn.flow.intents.filter((i) => i.buying).map((i) => i.name));
    buyingCache.set(turn.flow, set);
  }
  return set;
}

function keywordHit(route: IntentRoute, text: string): boolean {
  const kw = route.keywords;
  if (!kw || !text) return false;
  const lists = Array.isArray(kw) ? [kw] : Object.values(kw);
  const padded = ` ${text} `;
  return lists.some((list) => list.some((k) => padded.includes(` ${normalize(k)} `)));
}

/** Whether the route is taken for this intent: it names it, or takes buying intents and this is one. */
function takesIntent(route: IntentRoute, turn: Turn, name: string): boolean {
  return route.intent === name || (route.buying === true && buyingIntents(turn).has(name));
}

/** Whether the route takes the intent at its confidence: the route's own bar, else the block's (`minDefault`). */
function takesIntentAt(route: IntentRoute, turn: Turn, intent: { name: string; confidence: number }, minDefault: number): boolean {
  return intent.confidence >= (route.minConfidence ?? minDefault) && takesIntent(route, turn, intent.name);
}

function routeMatches(route: IntentRoute, input: TurnInput, intent: { name: string; confidence: number } | null, minDefault: number, normText: () => string, turn: Turn): boolean {
  if (route.payload !== undefined && input.payload === route.payload) return true;
  if (intent !== null && takesIntentAt(route, turn, intent, minDefault)) return true;
  if (route.entity && input.nlu?.entities.some((e) => e.type === route.entity)) return true;
  return keywordHit(route, normText());
}

/** "Did you mean…?" is asked about an unsure best intent when the second is at least this share as likely. */
const CLOSE_CALL = 0.5;

/** Whether a route of the block itself (not its fallback) takes the intent at that confidence. */
export function routesIntent(b: IntentBlock, turn: Turn, intent: { name: string; confidence: number }): boolean {
  return b.routes.some((r) => takesIntentAt(r, turn, intent, b.minConfidence ?? 0));
}

/** The route an intent alone would take from this block, if any. */
function routeOfIntent(b: IntentBlock, turn: Turn, name: string): IntentRoute | undefined {
  return b.routes.find((r) => takesIntent(r, turn, name));
}

/** The two intents to offer when the message could be either and they lead to different blocks. */
function closeCall(b: IntentBlock, turn: Turn, input: TurnInput, taken: IntentRoute): [string, string] | undefined {
  const [first, second] = input.nlu?.ranking ?? [];
  const intent = input.nlu?.intent;
  if (input.payload !== undefined || !first || !second || intent?.name !== first.name) return undefined;
  // The intent's own confidence, not the ranking's: an intent the chat model chose comes sure.
  if (intent.confidence >= SURE_INTENT || second.confidence < CLOSE_CALL * first.confidence) return undefined;
  if (routeOfIntent(b, turn, first.name) !== taken) return undefined;
  const other = routeOfIntent(b, turn, second.name);
  return other && other.next !== taken.next ? [first.name, second.name] : undefined;
}

/** What a button for an intent says: its label, else its first example phrase in the conversation's language, else in any. */
function intentButtonTitle(turn: Turn, name: string): string {
  const intent = turn.flow.intents.find((i) => i.name === name);
  if (intent?.label !== undefined) return turn.text(intent.label);
  const examples = intent?.examples ?? {};
  return examples[turn.locale]?.[0] ?? Object.values(examples).find((list) => list.length)?.[0] ?? name;
}

function routeInput(b: IntentBlock, turn: Turn, input: TurnInput): Outcome {
  // a button payload `intent:NAME` counts as that intent, certain
  const chosen = input.payload?.startsWith('intent:') ? input.payload.slice(7) : undefined;
  if (chosen) turn.emit({ type: 'intentChosen', blockId: b.id, intent: chosen });
  const intent = chosen ? { name: chosen, confidence: 1 } : (input.nlu?.intent ?? null);
  let norm: string | undefined;
  const normText = () => (norm ??= normalize(input.text));
  // The NLU has already held the message to the bot's "no intent" threshold; a second default bar here would undo a lower one.
  const min = b.minConfidence ?? 0;
  turn.setVar('lastIntent', intent && intent.confidence >= min ? intent.name : null);
  const taken = b.routes.find((r) => routeMatches(r, input, intent, min, normText, turn));
  if (!taken) {
    // A message the bot's own out-of-scope phrases matched was understood, as off topic.
    if (!input.nlu?.outOfScope) missed(b, turn, input, 'no_intent');
    return go(b.fallback);
  }
  const choices = b.clarify ? closeCall(b, turn, input, taken) : undefined;
  if (!b.clarify || !choices) return go(taken.next);
  missed(b, turn, input, 'unsure');
  turn.say({ type: 'text', text: turn.text(b.clarify), quickReplies: choices.map((name) => ({ title: intentButtonTitle(turn, name).slice(0, 200), payload: `intent:${name}` })) });
  return { kind: 'wait' };
}

/** Reports a typed message the router could not route for sure, for marketers to add to an intent (`intentMissed`). */
function missed(b: IntentBlock, turn: Turn, input: TurnInput, reason: 'no_intent' | 'unsure'): void {
  if (input.payload !== undefined || !input.text.trim()) return;
  const language = input.nlu?.language?.code;
  turn.emit({ type: 'intentMissed', flowId: turn.flow.id, blockId: b.id, reason, ...(language && language !== 'und' && { language }), guesses: input.nlu?.ranking ?? [] });
}

/** Routes the customer's message of this turn if one is unconsumed; otherwise says the prompt and waits. */
export const intentExecutor: BlockExecutor<IntentBlock> = {
  enter(b, turn) {
    const input = turn.takeInput();
    if (input) return routeInput(b, turn, input);
    if (b.prompt) turn.say({ type: 'text', text: turn.text(b.prompt) });
    return { kind: 'wait' };
  },
  resume(b, turn, event) {
    const input = event.kind === 'message' ? turn.takeInput() : null;
    return input ? routeInput(b, turn, input) : { kind: 'wait' };
  },
};
