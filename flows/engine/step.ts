import { inboundText } from '../../core/messages';
import { enterBlock, resumeBlock } from '../blocks/index';
import { type Block } from '../blocks/schemas';
import { forgetAnswerSoFar } from './answer-so-far';
import { blockIndex } from './block-index';
import { type FlowDefinition } from '../schema/flow';
import { resolveLocale } from '../text/localize';
import { matchCommand, type GlobalCommand } from './commands';
import { DEFAULT_TEXTS } from './defaults';
import { Turn, searchText, type Outcome, type TurnInput } from './turn';
import { FlowState, type StepContext, type StepInput, type StepResult } from './types';

export const DEFAULT_MAX_BLOCKS_PER_TURN = 50;

/** A fresh conversation state; nothing runs until the first `step` (with a `start` or `message` input). */
export function initialState(flow: FlowDefinition, opts: { seed: number }): FlowState {
  return {
    v: 1,
    flowId: flow.id,
    current: null,
    waitingFor: null,
    status: 'bot',
    resumeAt: null,
    optedOut: false,
    vars: {},
    retries: {},
    experiments: {},
    followUps: {},
    rng: opts.seed >>> 0,
    seq: 0,
  };
}

function copyState(s: FlowState): FlowState {
  return { ...s, vars: { ...s.vars }, retries: { ...s.retries }, ...(s.daysWithoutTime && { daysWithoutTime: { ...s.daysWithoutTime } }), experiments: { ...s.experiments }, followUps: { ...s.followUps } };
}

/** Light structural check on every turn; the full zod check only when it fails (to say why). */
function looksValid(s: unknown): s is FlowState {
  if (!s || typeof s !== 'object') return false;
  const x = s as Record<string, unknown>;
  const obj = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  return (
    x.v === 1 && typeof x.flowId === 'string' && (x.current === null || typeof x.current === 'string') &&
    (x.waitingFor === null || x.waitingFor === 'input' || x.waitingFor === 'knowledge') && (x.status === 'bot' || x.status === 'handoff') &&
    (x.resumeAt === null || typeof x.resumeAt === 'string') && (x.digressedFrom === undefined || typeof x.digressedFrom === 'string') && typeof x.optedOut === 'boolean' && obj(x.vars) && obj(x.retries) &&
    obj(x.experiments) && obj(x.followUps) && Number.isInteger(x.rng) && Number.isInteger(x.seq)
  );
}

class Interpreter {
  readonly turn: Turn;
  private visited = 0;
  private readonly max: number;
  pending: StepResult['pending'];
  /** Where the conversation was waiting before a follow-up ran; restored when the follow-up's path ends. */
  private restoreOnEnd: { current: string | null; waitingFor: FlowState['waitingFor'] } | null = null;

  constructor(
    private flow: FlowDefinition,
    state: FlowState,
    private readonly ctx: StepContext,
  ) {
    this.turn = new Turn(flow, state, ctx, resolveLocale(ctx.locale, flow.locales, flow.fallbackLocale));
    this.max = flow.settings?.maxBlocksPerTurn ?? DEFAULT_MAX_BLOCKS_PER_TURN;
  }

  get state(): FlowState {
    return this.turn.state;
  }

  private setFlow(flow: FlowDefinition): void {
    this.flow = flow;
    this.turn.flow = flow;
    this.state.flowId = flow.id;
  }

  /** The flow the state says the conversation is in; the main flow when that one is gone. */
  selectFlow(): void {
    if (this.state.flowId === this.flow.id) return;
    const other = this.ctx.flows?.[this.state.flowId];
    if (other) this.setFlow(other);
    else {
      this.turn.log('warn', `conversation was in flow "${this.state.flowId}" which is not available; starting over in "${this.flow.id}"`);
      this.resetPosition();
      this.state.flowId = this.flow.id;
    }
  }

  resetPosition(): void {
    if (this.state.current !== null) forgetAnswerSoFar(this.state, this.state.current);
    delete this.state.digressedFrom;
    this.state.current = null;
    this.state.waitingFor = null;
  }

  block(id: string): Block | undefined {
    return blockIndex(this.flow).get(id);
  }

  /** Runs from an outcome until the turn must stop. */
  run(first: Outcome): void {
    let outcome = first;
    for (;;) {
      switch (outcome.kind) {
        case 'go': {
          const back = this.state.digressedFrom;
          if (back !== undefined && (outcome.to === null || outcome.to === this.flow.settings?.idleBlock)) {
            delete this.state.digressedFrom;
            outcome = { kind: 'go', to: back };
          }
          if (outcome.to === null) return this.end();
          const block = this.block(outcome.to);
          if (!block) {
            this.turn.log('error', `transition to missing block "${outcome.to}"`, outcome.to);
            return this.fallback();
          }
          const next = this.enter(block);
          if (!next) return;
          outcome = next;
          break;
        }
        case 'wait':
          // Waiting anywhere but the idle block ("did you mean…?") means the digression became a conversation of its own.
          if (this.state.current !== this.flow.settings?.idleBlock) delete this.state.digressedFrom;
          this.state.waitingFor = 'input';
          return;
        case 'pending':
          this.state.waitingFor = 'knowledge';
          this.pending = { type: 'knowledge', blockId: this.state.current ?? '', query: outcome.query, locale: this.turn.locale };
          return;
        case 'handoff':
          delete this.state.digressedFrom;
          this.state.status = 'handoff';
          this.state.resumeAt = outcome.resumeAt;
          this.state.current = null;
          this.state.waitingFor = null;
          return;
        case 'flow': {
          const next = this.ctx.flows?.[outcome.flowId];
          if (!next) {
            this.turn.log('error', `go to missing flow "${outcome.flowId}"`, this.state.current ?? undefined);
            return this.fallback();
          }
          delete this.state.digressedFrom;
          this.setFlow(next);
          outcome = { kind: 'go', to: outcome.blockId ?? next.start };
          break;
        }
        case 'digress': {
          const idle = this.flow.settings?.idleBlock;
          const block = idle === undefined ? undefined : this.block(idle);
          if (!block || this.state.current === null) {
            this.turn.log('error', `digression to missing idle block "${idle ?? ''}"`, this.state.current ?? undefined);
            return this.fallback();
          }
          // When the idle block's path comes back to it or ends, the question is asked again (see the 'go' case);
          // when it waits somewhere else or hands off, the customer has moved on and it is forgotten.
          this.state.digressedFrom = this.state.current;
          const next = this.enter(block);
          if (!next) return;
          outcome = next;
          break;
        }
      }
    }
  }

  /** Enters a block, counted against loop protection; undefined when the turn stopped with the fallback instead. */
  private enter(block: Block): Outcome | undefined {
    if (++this.visited > this.max) {
      this.turn.log('error', `loop protection: more than ${this.max} blocks in one turn without waiting for input`, block.id, { trace: this.turn.trace.slice(-10) });
      this.fallback();
      return undefined;
    }
    this.turn.trace.push(block.id);
    this.state.current = block.id;
    this.state.waitingFor = null;
    return this.guard(block, () => enterBlock(block, this.turn));
  }

  /** A block that throws (a bug, or data the schema let through) must not crash the conversation. */
  private guard(block: Block, fn: () => Outcome): Outcome {
    try {
      return fn();
    } catch (e) {
      this.turn.log('error', `block failed: ${(e as Error).message}`, block.id);
      return { kind: 'go', to: null };
    }
  }

  resume(blockId: string, event: Parameters<typeof resumeBlock>[2]): void {
    const block = this.block(blockId);
    if (!block) return this.recover(`conversation was waiting at block "${blockId}" which no longer exists; starting over`);
    this.turn.trace.push(block.id);
    this.visited++;
    this.run(this.guard(block, () => resumeBlock(block, this.turn, event)));
  }

  /** Back to the start (keeping variables) after a broken position. */
  recover(message: string): void {
    this.turn.log('warn', message, this.state.current ?? undefined);
    this.resetPosition();
    this.run({ kind: 'go', to: this.flow.start });
  }

  private end(): void {
    if (this.restoreOnEnd) {
      this.state.current = this.restoreOnEnd.current;
      this.state.waitingFor = this.restoreOnEnd.waitingFor;
      return;
    }
    this.state.current = null;
    this.state.waitingFor = null;
  }

  /** Stops the turn with the fallback reply; the next message starts over. */
  fallback(): void {
    this.turn.say({ type: 'text', text: this.turn.text(this.flow.settings?.fallbackText ?? DEFAULT_TEXTS.fallback) });
    delete this.state.digressedFrom;
    this.state.current = null;
    this.state.waitingFor = null;
  }

  restoreAfter(current: string | null, waitingFor: FlowState['waitingFor']): void {
    this.restoreOnEnd = { current, waitingFor };
  }

  command(command: GlobalCommand): void {
    const turn = this.turn;
    const settings = this.flow.settings;
    delete this.state.digressedFrom;
    switch (command) {
      case 'handoff':
        turn.emit({ type: 'handoff', reason: 'customer asked for a human', priority: 'normal' });
        turn.say({ type: 'handoff', status: 'queued', text: turn.text(settings?.handoffText ?? DEFAULT_TEXTS.handoff) });
        this.state.status = 'handoff';
        this.state.resumeAt = this.state.current ?? settings?.idleBlock ?? null;
        this.state.current = null;
        this.state.waitingFor = null;
        return;
      case 'optOut': {
        turn.emit({ type: 'optOut' });
        const ids = Object.keys(this.state.followUps);
        if (ids.length) turn.emit({ type: 'cancelFollowUps', reason: 'optOut', ids });
        this.state.followUps = {};
        this.state.optedOut = true;
        this.state.current = null;
        this.state.waitingFor = null;
        turn.say({ type: 'text', text: turn.text(settings?.optOutText ?? DEFAULT_TEXTS.optOut) });
        return;
      }
      case 'restart':
        turn.emit({ type: 'restart' });
        this.state.vars = {};
        this.state.retries = {};
        delete this.state.daysWithoutTime;
        this.resetPosition();
        turn.input = null;
        this.run({ kind: 'go', to: this.flow.start });
        return;
    }
  }

  /** A message to an ended conversation goes to the idle block (which may route it) or the start. */
  idle(): void {
    this.run({ kind: 'go', to: this.flow.settings?.idleBlock ?? this.flow.start });
  }
}

function handleMessage(it: Interpreter, flow: FlowDefinition, input: Extract<StepInput, { type: 'message' }>): void {
  const state = it.state;
  const turn = it.turn;
  if (state.status === 'handoff') return; // a human has the conversation: the bot says nothing
  const message = input.message;
  const text = inboundText(message);
  const payload = message.type === 'postback' ? message.payload : undefined;
  const turnInput: TurnInput = { text: message.type === 'media' ? (message.caption ?? '') : text, message };
  if (payload !== undefined) turnInput.payload = payload;
  if (input.nlu) turnInput.nlu = input.nlu;
  if (turnInput.text) state.lastText = searchText(turnInput).slice(0, 2000);

  const replyIds = Object.keys(state.followUps).filter((id) => state.followUps[id].cancelOn.includes('reply'));
  if (replyIds.length) {
    for (const id of replyIds) delete state.followUps[id];
    turn.emit({ type: 'cancelFollowUps', reason: 'reply', ids: replyIds });
  }

  // An answer to a closed question (yes/no, choice, number…) is not read as an intent: a short "yes" must not
  // become a handoff. Command phrases ("agent", "stop") still work everywhere.
  const waitingAt = state.waitingFor === 'input' && state.current !== null ? it.block(state.current) : undefined;
  const atClosedQuestion = waitingAt?.type === 'ask' && waitingAt.answer !== 'text';
  const command = matchCommand(flow, turnInput.text, payload, input.nlu, !atClosedQuestion);
  if (command) return it.command(command);

  turn.input = turnInput;
  if (state.current === null) return it.idle();
  if (!it.block(state.current)) return it.recover(`conversation was at block "${state.current}" which no longer exists; starting over`);
  // waiting for a knowledge answer and the customer wrote again: ask again with the new message
  it.resume(state.current, { kind: 'message' });
}

/**
 * One turn of a conversation: pure and synchronous. Same flow, state, input and context give the same result;
 * randomness comes from the seeded generator in the state and time from `ctx.now`. The runtime applies `effects`,
 * sends `outputs`, stores `state`, and resolves `pending` (then calls `step` again with a `knowledge` input).
 */
export function step(flow: FlowDefinition, state: FlowState, input: StepInput, ctx: StepContext): StepResult {
  let start: FlowState;
  let broken: string | null = null;
  if (looksValid(state)) start = copyState(state);
  else {
    const parsed = FlowState.safeParse(state);
    broken = parsed.success ? 'unexpected state shape' : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    const seed = state && typeof state === 'object' && Number.isInteger((state as { rng?: unknown }).rng) ? (state as FlowState).rng : 1;
    start = initialState(flow, { seed });
  }
  const it = new Interpreter(flow, start, ctx);
  if (broken !== null) {
    it.turn.log('warn', `invalid conversation state (${broken.slice(0, 300)}); starting over`);
    if (input.type === 'message' && input.message.type !== 'start') {
      it.turn.input = { text: inboundText(input.message), ...(input.nlu ? { nlu: input.nlu } : {}) };
    }
    it.run({ kind: 'go', to: flow.start });
    return result(it);
  }
  it.selectFlow();
  const s = it.state;

  switch (input.type) {
    case 'start':
    case 'message': {
      if (input.type === 'message' && input.message.type !== 'start') {
        handleMessage(it, flow, input);
        break;
      }
      const payload = input.type === 'start' ? input.payload : input.message.type === 'start' ? input.message.payload : undefined;
      if (s.status === 'handoff') break;
      it.resetPosition();
      if (payload) s.vars.startPayload = payload;
      const entry = payload ? it.turn.flow.settings?.entryPoints?.[payload] : undefined;
      it.run({ kind: 'go', to: entry ?? it.turn.flow.start });
      break;
    }
    case 'followup': {
      const pending = s.followUps[input.followUpId];
      if (!pending) break; // cancelled or already sent: nothing to do
      delete s.followUps[input.followUpId];
      if (s.status === 'handoff' || s.optedOut) break;
      const block = it.block(pending.blockId);
      if (!block || block.type !== 'followUp') {
        it.turn.log('warn', `follow-up block "${pending.blockId}" no longer exists; follow-up dropped`, pending.blockId);
        break;
      }
      it.restoreAfter(s.current, s.waitingFor);
      it.run({ kind: 'go', to: block.due });
      break;
    }
    case 'knowledge': {
      if (s.status === 'handoff') break;
      if (s.waitingFor !== 'knowledge' || s.current === null) {
        it.turn.log('warn', 'knowledge answer arrived but no knowledge block is waiting; ignored');
        break;
      }
      it.resume(s.current, { kind: 'knowledge', result: input.result });
      break;
    }
    case 'resume': {
      if (s.status !== 'handoff') break;
      s.status = 'bot';
      const at = s.resumeAt;
      s.resumeAt = null;
      if (at === null) break;
      if (!it.block(at)) {
        it.recover(`resume block "${at}" no longer exists; starting over`);
        break;
      }
      it.run({ kind: 'go', to: at });
      break;
    }
  }
  return result(it);
}

function result(it: Interpreter): StepResult {
  const r: StepResult = { state: it.state, outputs: it.turn.outputs, effects: it.turn.effects, trace: it.turn.trace };
  if (it.pending) r.pending = it.pending;
  return r;
}
