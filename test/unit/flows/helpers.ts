import { type InboundMessage } from '../../../core/messages';
import {
  type FlowDefinition,
  type FlowDefinitionInput,
  type FlowState,
  type NluSnapshot,
  type StepContext,
  type StepInput,
  type StepResult,
  initialState,
  loadFlow,
  step,
} from '../../../flows/index';

export type RawBlock = Record<string, unknown> & { id: string; type: string };

/** A valid flow around the given blocks (start = first block). */
export function makeFlow(blocks: RawBlock[], extra: Partial<FlowDefinitionInput> & Record<string, unknown> = {}): FlowDefinition {
  return loadFlow({
    schemaVersion: 2,
    id: 'test',
    name: 'Test flow',
    start: blocks[0].id,
    fallbackLocale: 'en',
    locales: ['en', 'pl', 'ar', 'fa'],
    blocks,
    ...extra,
  });
}

export function makeCtx(over: Partial<StepContext> = {}): StepContext {
  return {
    now: new Date('2025-01-06T10:00:00Z'),
    locale: 'en',
    channel: 'web',
    contact: { id: 'c1', fields: {} },
    lead: { score: 0, fields: {} },
    catalog: [],
    ...over,
  };
}

let seq = 0;
export function textMessage(text: string): InboundMessage {
  return { channelInstanceId: 'ci', channel: 'web', externalUserId: 'u1', externalMessageId: `m${++seq}`, receivedAt: new Date('2025-01-06T10:00:00Z'), type: 'text', text };
}

export function postback(payload: string, text?: string): InboundMessage {
  return { channelInstanceId: 'ci', channel: 'web', externalUserId: 'u1', externalMessageId: `m${++seq}`, receivedAt: new Date('2025-01-06T10:00:00Z'), type: 'postback', payload, ...(text ? { text } : {}) };
}

export const say = (text: string, nlu?: NluSnapshot): StepInput => ({ type: 'message', message: textMessage(text), ...(nlu ? { nlu } : {}) });
export const nluOf = (intent: string | null, confidence = 0.9, entities: NluSnapshot['entities'] = []): NluSnapshot => ({ intent: intent ? { name: intent, confidence } : null, entities });

/** Texts of a step's outputs (text, cards, handoff notices). */
export function texts(r: StepResult): string[] {
  return r.outputs.flatMap((o) => (o.type === 'text' || o.type === 'handoff' ? [o.text] : o.type === 'card' ? [o.title] : []));
}

/** A tiny conversation harness: keeps state between steps. */
export class Convo {
  state: FlowState;
  last!: StepResult;
  constructor(
    readonly flow: FlowDefinition,
    public ctx: StepContext = makeCtx(),
    seed = 1,
  ) {
    this.state = initialState(flow, { seed });
  }
  step(input: StepInput): StepResult {
    this.last = step(this.flow, this.state, input, this.ctx);
    this.state = this.last.state;
    return this.last;
  }
  start(payload?: string): StepResult {
    return this.step(payload ? { type: 'start', payload } : { type: 'start' });
  }
  say(text: string, nlu?: NluSnapshot): StepResult {
    return this.step(say(text, nlu));
  }
  effects(type: string) {
    return this.last.effects.filter((e) => e.type === type);
  }
}
