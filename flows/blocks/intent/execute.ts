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

function routeMatches(route: IntentRoute, input: TurnInput, intent: { name: string; confidence: number } | null, minDefault: number, normText: () => string, turn: Turn): boolean {
  if (route.payload !== undefined && input.payload === route.payload) return true;
  const ok = intent !== null && intent.confidence >= (route.minConfidence ?? minDefault);
  if (route.intent !== undefined && ok && intent.name === route.intent) return true;
  if (route.buying && ok && buyingIntents(turn).has(intent.name)) return true;
  if (route.entity && input.nlu?.entities.some((e) => e.type === route.entity)) return true;
  return keywordHit(route, normText());
}

function routeInput(b: IntentBlock, turn: Turn, input: TurnInput): Outcome {
  // a button payload `intent:NAME` counts as that intent, certain
  const intent = input.payload?.startsWith('intent:') ? { name: input.payload.slice(7), confidence: 1 } : (input.nlu?.intent ?? null);
  let norm: string | undefined;
  const normText = () => (norm ??= normalize(input.text));
  // The NLU has already held the message to the bot's "no intent" threshold; a second default bar here would undo a lower one.
  const min = b.minConfidence ?? 0;
  turn.setVar('lastIntent', intent && intent.confidence >= min ? intent.name : null);
  for (const r of b.routes) if (routeMatches(r, input, intent, min, normText, turn)) return go(r.next);
  return go(b.fallback);
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
