import { type OutboundMessage } from '../../core/messages';
import { delayToMs } from '../blocks/followUp/schema';
import { initialState, step } from '../engine/step';
import { type Effect, type FlowState, type KnowledgeResult, type NluSnapshot, type Product, type StepContext, type StepInput, type StepResult } from '../engine/types';
import { type FlowDefinition } from '../schema/flow';
import { createKeywordNlu } from './keywordNlu';

export interface DriverReply {
  messages: OutboundMessage[];
  /** Blocks visited, when the driver can tell (in-memory driver). */
  trace?: string[];
  effects?: Effect[];
}

export type DriverInput = string | { postback: string; text?: string };

/**
 * What the conversation test runner talks to: the in-memory driver below, or an adapter over the real HTTP
 * endpoint. Only `send` is required; a driver without `start`, `advance` or `resume` fails scripts that use them.
 */
export interface ConversationDriver {
  send(input: DriverInput): Promise<OutboundMessage[] | DriverReply>;
  start?(payload?: string): Promise<OutboundMessage[] | DriverReply>;
  /** Moves the clock by `ms` and delivers follow-ups that became due. */
  advance?(ms: number): Promise<OutboundMessage[] | DriverReply>;
  /** A human hands the conversation back. */
  resume?(): Promise<OutboundMessage[] | DriverReply>;
}

export interface MemoryDriverOptions {
  flow: FlowDefinition;
  catalog?: Product[];
  locale: string;
  channel?: string;
  seed?: number;
  now?: Date;
  /** The bot's time zone (see `StepContext.timeZone`). */
  timeZone?: string;
  /** The bot's country (see `StepContext.country`). */
  country?: string;
  contact?: Partial<Omit<StepContext['contact'], 'fields'>> & { fields?: Record<string, unknown> };
  flows?: Record<string, FlowDefinition>;
  /** Intent detection; default: the keyword matcher over the flow's intents. Inject the real NLU here. */
  analyze?: (text: string) => NluSnapshot;
  /** Answers knowledge queries; default: nothing found. */
  knowledge?: (query: string, locale: string) => KnowledgeResult;
  logger?: StepContext['logger'];
}

/** Runs a conversation through `step()` in memory, applying effects the way the runtime would (contact, lead, follow-ups). */
export class MemoryDriver implements ConversationDriver {
  state: FlowState;
  readonly contact: StepContext['contact'];
  readonly lead: StepContext['lead'] = { score: 0, fields: {} };
  readonly effects: Effect[] = [];
  /** Scheduled follow-ups by id with their due time. */
  readonly followUps = new Map<string, { blockId: string; dueAt: number }>();
  now: Date;
  private messageSeq = 0;
  private readonly analyze: (text: string) => NluSnapshot;

  constructor(private readonly opts: MemoryDriverOptions) {
    this.state = initialState(opts.flow, { seed: opts.seed ?? 1 });
    this.now = opts.now ?? new Date('2025-01-06T10:00:00Z');
    this.contact = { id: 'contact-1', ...opts.contact, fields: { ...(opts.contact?.fields ?? {}) } };
    this.analyze = opts.analyze ?? createKeywordNlu(opts.flow.intents);
  }

  private ctx(): StepContext {
    return {
      now: this.now,
      ...(this.opts.timeZone ? { timeZone: this.opts.timeZone } : {}),
      ...(this.opts.country ? { country: this.opts.country } : {}),
      locale: this.opts.locale,
      channel: this.opts.channel ?? 'web',
      contact: this.contact,
      lead: this.lead,
      catalog: this.opts.catalog ?? [],
      ...(this.opts.flows ? { flows: this.opts.flows } : {}),
      ...(this.opts.logger ? { logger: this.opts.logger } : {}),
    };
  }

  /** One `step` plus knowledge round trips; applies effects. */
  run(input: StepInput): DriverReply {
    const messages: OutboundMessage[] = [];
    const trace: string[] = [];
    const effects: Effect[] = [];
    let r: StepResult = step(this.opts.flow, this.state, input, this.ctx());
    for (let round = 0; ; round++) {
      this.state = r.state;
      messages.push(...r.outputs);
      trace.push(...r.trace);
      effects.push(...r.effects);
      this.apply(r.effects);
      if (!r.pending || round >= 3) break;
      const answer = this.opts.knowledge?.(r.pending.query, r.pending.locale) ?? { answered: false };
      r = step(this.opts.flow, this.state, { type: 'knowledge', result: answer }, this.ctx());
    }
    return { messages, trace, effects };
  }

  private apply(effects: Effect[]): void {
    for (const e of effects) {
      this.effects.push(e);
      switch (e.type) {
        case 'updateContact':
          for (const [k, v] of Object.entries(e.fields)) {
            if (k === 'firstName' || k === 'lastName' || k === 'email' || k === 'phone') this.contact[k] = String(v);
            else this.contact.fields[k] = v;
          }
          break;
        case 'updateLead':
          Object.assign(this.lead.fields, e.fields);
          this.lead.score += e.scoreDelta ?? 0;
          if (e.status) this.lead.status = e.status;
          break;
        case 'scheduleFollowUp':
          this.followUps.set(e.id, { blockId: e.blockId, dueAt: this.now.getTime() + e.delayMs });
          break;
        case 'cancelFollowUps':
          for (const id of e.ids) this.followUps.delete(id);
          break;
        default:
          break;
      }
    }
  }

  async send(input: DriverInput): Promise<DriverReply> {
    const text = typeof input === 'string' ? input : (input.text ?? input.postback);
    const base = {
      channelInstanceId: 'memory',
      channel: 'web' as const,
      externalUserId: this.contact.id,
      externalMessageId: `m${++this.messageSeq}`,
      receivedAt: this.now,
    };
    const message =
      typeof input === 'string'
        ? { ...base, type: 'text' as const, text }
        : { ...base, type: 'postback' as const, payload: input.postback, ...(input.text ? { text: input.text } : {}) };
    return this.run({ type: 'message', message, nlu: this.analyze(text) });
  }

  async start(payload?: string): Promise<DriverReply> {
    return this.run(payload ? { type: 'start', payload } : { type: 'start' });
  }

  async advance(ms: number): Promise<DriverReply> {
    this.now = new Date(this.now.getTime() + ms);
    const out: DriverReply = { messages: [], trace: [], effects: [] };
    const due = [...this.followUps.entries()].filter(([, f]) => f.dueAt <= this.now.getTime()).sort((a, b) => a[1].dueAt - b[1].dueAt);
    for (const [id, f] of due) {
      this.followUps.delete(id);
      const r = this.run({ type: 'followup', followUpId: id, blockId: f.blockId });
      out.messages.push(...r.messages);
      out.trace?.push(...(r.trace ?? []));
      out.effects?.push(...(r.effects ?? []));
    }
    return out;
  }

  async resume(): Promise<DriverReply> {
    return this.run({ type: 'resume' });
  }
}

export function createMemoryDriver(opts: MemoryDriverOptions): MemoryDriver {
  return new MemoryDriver(opts);
}

export const durationToMs = (d: string): number => delayToMs(d.replace(/\s+/g, ''));
