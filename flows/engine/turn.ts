import { type InboundMessage, type OutboundMessage } from '../../core/messages';
import { type FlowDefinition } from '../schema/flow';
import { type LocalizedText } from '../schema/localized';
import { pickLocale } from '../text/localize';
import { renderTemplate, type TemplateScope } from '../text/template';
import { showDate } from '../text/dates-shown';
import { nextRandom } from './random';
import { type Effect, type FlowState, type KnowledgeResult, type NluSnapshot, type StepContext } from './types';

/** The customer's message of this turn, until a block consumes it. */
export interface TurnInput {
  text: string;
  payload?: string;
  nlu?: NluSnapshot;
  message?: InboundMessage;
}

/**
 * What a knowledge search looks for in a message: its text; for a message typed in Latin letters and read as Persian
 * or Arabic, the phrase it was read as, since the knowledge is written in Arabic script; for a request with a greeting
 * or thanks around it, the request.
 */
export function searchText(input: TurnInput): string {
  return input.nlu?.readAs ?? input.nlu?.request ?? input.text;
}

/** What a block tells the interpreter to do next. */
export type Outcome =
  /** Continue at `to`; null ends the conversation. */
  | { kind: 'go'; to: string | null }
  /** Stop the turn at this block until the customer answers. */
  | { kind: 'wait' }
  /** Stop the turn until the runtime answers a knowledge query. */
  | { kind: 'pending'; query: string }
  /** A human takes over; the bot is silent until handed back, then continues at `resumeAt`. */
  | { kind: 'handoff'; resumeAt: string | null }
  /** Continue in another flow of the bot. */
  | { kind: 'flow'; flowId: string; blockId?: string }
  /** The message (put back as the turn's input) is not an answer but another topic: the idle block takes it, then this block asks again. */
  | { kind: 'digress' };

export type ResumeEvent = { kind: 'message' } | { kind: 'knowledge'; result: KnowledgeResult };

const CONTACT_KEYS = new Set(['firstName', 'lastName', 'email', 'phone']);

export const go = (to: string | undefined | null): Outcome => ({ kind: 'go', to: to ?? null });

/** Mutable scratch space of one `step` call; blocks read the context and write outputs, effects and state through it. */
export class Turn {
  readonly outputs: OutboundMessage[] = [];
  readonly effects: Effect[] = [];
  readonly trace: string[] = [];
  /** Contact and lead as this turn changed them, so later blocks of the same turn see the updates. */
  readonly contact: Record<string, unknown>;
  readonly lead: { score: number; fields: Record<string, unknown>; status?: string };
  input: TurnInput | null = null;
  /** The message a block of this turn took last: what led the conversation to the block now running. */
  taken: TurnInput | null = null;
  private scopeCache: TemplateScope | null = null;

  constructor(
    public flow: FlowDefinition,
    public state: FlowState,
    readonly ctx: StepContext,
    readonly locale: string,
  ) {
    this.contact = { ...ctx.contact, fields: { ...ctx.contact.fields } };
    this.lead = { score: ctx.lead.score, fields: { ...ctx.lead.fields }, status: ctx.lead.status };
  }

  /** Takes the customer's message of this turn (once). */
  takeInput(): TurnInput | null {
    const input = this.input;
    this.input = null;
    if (input) this.taken = input;
    return input;
  }

  scope(extra?: Record<string, unknown>): TemplateScope {
    if (!this.scopeCache) {
      this.scopeCache = { contact: this.contact, vars: this.state.vars, lead: this.lead, channel: this.ctx.channel, locale: this.locale };
    }
    this.scopeCache.vars = this.state.vars;
    return extra ? { ...this.scopeCache, ...extra } : this.scopeCache;
  }

  /** Renders template tags; `show` writes the values it knows its own way (see `renderTemplate`). */
  render(template: string, extra?: Record<string, unknown>, show?: (value: unknown) => string | undefined): string {
    return renderTemplate(template, this.scope(extra), show);
  }

  /** Picks the locale's variant and renders its template tags for the customer: dates in their language. */
  text(text: LocalizedText, extra?: Record<string, unknown>): string {
    return this.render(pickLocale(text, this.locale, this.flow.fallbackLocale), extra, this.shownToCustomer);
  }

  private readonly shownToCustomer = (value: unknown) => (typeof value === 'string' ? showDate(value, this.locale, this.ctx.timeZone, this.ctx.now) : undefined);

  /** Renders string values of a payload (deeply) as templates. */
  renderValues(value: unknown): unknown {
    if (typeof value === 'string') return this.render(value);
    if (Array.isArray(value)) return value.map((v) => this.renderValues(v));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.renderValues(v);
      return out;
    }
    return value;
  }

  say(message: OutboundMessage): void {
    if (message.type === 'text' && !message.text.trim()) return;
    this.outputs.push(message);
  }

  emit(effect: Effect): void {
    this.effects.push(effect);
  }

  log(level: 'warn' | 'error', message: string, blockId?: string, extra: Record<string, unknown> = {}): void {
    this.effects.push({ type: 'log', level, message, ...(blockId ? { blockId } : {}) });
    this.ctx.logger?.[level]({ flowId: this.flow.id, blockId, contactId: this.ctx.contact.id, ...extra }, message);
  }

  /** Next number from the conversation's seeded generator. */
  random(): number {
    const r = nextRandom(this.state.rng);
    this.state.rng = r.state;
    return r.value;
  }

  setVar(name: string, value: unknown): void {
    this.state.vars[name] = value;
  }

  updateContact(fields: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(fields)) {
      if (CONTACT_KEYS.has(k)) this.contact[k] = v;
      else (this.contact.fields as Record<string, unknown>)[k] = v;
    }
    this.emit({ type: 'updateContact', fields });
  }
}
