import { type OutboundMessage, type QuickReply } from '../../../core/messages';
import { forgetAnswerSoFar, rememberDayWithoutTime } from '../../engine/answer-so-far';
import { blockIndex } from '../../engine/block-index';
import { DEFAULT_TEXTS, SURE_INTENT } from '../../engine/defaults';
import { analyzeText, hasStopWord } from '../../knowledge/analyze';
import { routesIntent } from '../intent/execute';
import { type BlockExecutor } from '../../engine/executor';
import { go, type Outcome, type Turn, type TurnInput } from '../../engine/turn';
import { type NluSnapshot } from '../../engine/types';
import { localDay } from '../../../core/zoned-time';
import { extractEntities, type Entity } from '../../nlu/entities/index';
import { amountValue } from '../../nlu/entities/money';
import { asciiDigits } from '../../nlu/normalize';
import { type AnswerResult, dateTimeAnswer, mentionedChoice, namesOtherCurrency, parseChoice, parseDate, parseDateTime, parseEmail, parseEmailOrPhone, parseNumber, parsePhone, parseText, parseYesNo, timeSlotsOn } from '../../text/answers';
import { dateTimeSpan } from '../../text/dates-shown';
import { type AskBlock } from './schema';

function quickReplies(b: AskBlock, turn: Turn): QuickReply[] | undefined {
  if (b.answer === 'yesno') return [{ title: turn.text(DEFAULT_TEXTS.yes), payload: 'yes' }, { title: turn.text(DEFAULT_TEXTS.no), payload: 'no' }];
  if (b.answer === 'choice' && b.options?.length) return b.options.map((o) => ({ title: turn.text(o.label), payload: o.value }));
  return undefined;
}

/** Asks the question, with `offered` answers as buttons instead of the block's own when given. */
function ask(b: AskBlock, turn: Turn, offered?: QuickReply[]): void {
  const msg: OutboundMessage = { type: 'text', text: turn.text(b.question) };
  const qr = offered?.length ? offered : quickReplies(b, turn);
  if (qr) msg.quickReplies = qr;
  turn.say(msg);
}

function fromEntities(nlu: NluSnapshot | undefined, types: string[]): unknown {
  const e = nlu?.entities.find((x) => types.includes(x.type));
  if (!e) return undefined;
  if (e.type === 'money' && e.value && typeof e.value === 'object' && 'amount' in e.value) return (e.value as { amount: unknown }).amount;
  return e.value;
}

export function checkAnswer(b: AskBlock, input: TurnInput, turn: Turn): AnswerResult {
  const text = input.text;
  const payload = input.payload;
  switch (b.answer) {
    case 'text':
      return parseText(text, { minLength: b.min, maxLength: b.max, pattern: b.pattern });
    case 'email':
      return parseEmail(text);
    case 'phone':
      return parsePhone(text, { lang: turn.locale, country: turn.ctx.country });
    case 'emailOrPhone':
      return parseEmailOrPhone(text, { lang: turn.locale, country: turn.ctx.country });
    case 'number': {
      const r = parseNumber(text, { min: b.min, max: b.max, currency: b.currency, lang: turn.locale, country: turn.ctx.country });
      if (r.ok || r.reason === 'range' || r.reason === 'currency') return r;
      const e = fromEntities(input.nlu, ['money', 'number']);
      return typeof e === 'number' ? parseNumber(String(e), { min: b.min, max: b.max }) : r;
    }
    case 'date': {
      const r = parseDate(text, turn.ctx.now, turn.locale, turn.ctx.timeZone);
      if (r.ok) return r;
      const e = fromEntities(input.nlu, ['date']);
      return typeof e === 'string' && !Number.isNaN(Date.parse(e)) ? { ok: true, value: localDay(new Date(e), turn.ctx.timeZone) } : r;
    }
    case 'datetime':
      // A button of the slots offered for a day said alone (see `resume`) holds the answer itself.
      if (payload !== undefined && dateTimeSpan(payload)) return { ok: true, value: payload };
      return parseDateTime(text, turn.ctx.now, turn.locale, turn.ctx.timeZone, turn.state.daysWithoutTime?.[b.id]);
    case 'yesno':
      if (payload === 'yes' || payload === 'no') return { ok: true, value: payload === 'yes' };
      return parseYesNo(text);
    case 'choice':
      return parseChoice(text, b.options ?? [], turn.locale, turn.flow.fallbackLocale, payload);
  }
}

/**
 * The answer a message that led to the question already holds ("a cream for dry skin under $40"): an option it names,
 * an email, a phone number, a date, or for a number question an amount with a currency (a bare number in a sentence
 * may count anything). Yes/no and text questions take nothing in advance.
 */
function answerGiven(b: AskBlock, turn: Turn, input: TurnInput): AnswerResult | undefined {
  if (b.answer === 'choice') return mentionedChoice(input.text, b.options ?? [], turn.locale, turn.flow.fallbackLocale);
  const entities = extractEntities(input.text, turn.locale, { now: turn.ctx.now, timeZone: turn.ctx.timeZone, country: turn.ctx.country });
  const first = (type: Entity['type']) => entities.find((e) => e.type === type);
  const email = first('email');
  const phone = first('phone');
  switch (b.answer) {
    case 'email':
      return email && { ok: true, value: email.value, field: 'email' };
    case 'phone':
      return phone && { ok: true, value: phone.value, field: 'phone' };
    case 'emailOrPhone':
      return email ? { ok: true, value: email.value, field: 'email' } : phone && { ok: true, value: phone.value, field: 'phone' };
    case 'number': {
      const amount = first('money');
      if (!amount || (b.currency && namesOtherCurrency(entities, b.currency))) return undefined;
      return parseNumber(String(amountValue(asciiDigits(input.text), entities, amount)), { min: b.min, max: b.max });
    }
    case 'date': {
      const date = first('date');
      return date && { ok: true, value: localDay(new Date(String(date.value)), turn.ctx.timeZone) };
    }
    case 'datetime':
      return dateTimeAnswer(entities, turn.ctx.timeZone);
    default:
      return undefined;
  }
}

function known(b: AskBlock, turn: Turn): boolean {
  if (turn.state.vars[b.var] !== undefined && turn.state.vars[b.var] !== '') return true;
  const field = b.saveTo?.contact;
  if (!field) return false;
  if (field === 'auto') return Boolean(turn.contact.email || turn.contact.phone);
  const v = turn.contact[field] ?? (turn.contact.fields as Record<string, unknown>)[field];
  return v !== undefined && v !== null && v !== '';
}

const routeKey = (value: unknown): string => (typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value));

function accept(b: AskBlock, turn: Turn, value: unknown, field: 'email' | 'phone' | undefined): Outcome {
  forgetAnswerSoFar(turn.state, b.id);
  turn.setVar(b.var, value);
  const contactField = b.saveTo?.contact === 'auto' ? field : b.saveTo?.contact;
  if (contactField) turn.updateContact({ [contactField]: value });
  if (b.saveTo?.lead) {
    turn.lead.fields[b.saveTo.lead] = value;
    turn.emit({ type: 'updateLead', fields: { [b.saveTo.lead]: value } });
  }
  const key = routeKey(value);
  const option = b.answer === 'choice' ? b.options?.find((o) => o.value === value) : undefined;
  return go(b.routes?.[key] ?? option?.next ?? b.next);
}

const QUESTION_MARK = /[?؟？]\s*$/u;

/** Whether the message shares a word (stop words aside, stemmed) with the question or its options. */
function aboutQuestion(b: AskBlock, turn: Turn, text: string): boolean {
  const asked = [b.question, ...(b.options ?? []).map((o) => o.label)].map((t) => turn.text(t)).join(' ');
  const words = new Set(analyzeText(asked, turn.locale).words);
  return analyzeText(text, turn.locale).words.some((w) => words.has(w));
}

/**
 * Whether the message goes to the idle block instead of answering. A button press answers the question it came with.
 * Otherwise a sure intent that the idle block routes is another topic ('intent'), and so is a question asked back with
 * a function word (`askedBack`: "what's in it?", which "Anna?" lacks) whatever its intent ('question', for the idle
 * block's fallback, such as the knowledge base), unless the message talks about the question without asking one back
 * ("my email is not valid", which may look like some intent). A question asked back about the question is answered
 * first: "why do you need my email?", or, to a consent question that says the bot is an AI, "are you a real person?".
 */
function digressionOf(b: AskBlock, turn: Turn, input: TurnInput, askedBack: boolean): 'intent' | 'question' | undefined {
  const idle = turn.flow.settings?.idleBlock;
  const router = idle !== undefined && idle !== b.id ? blockIndex(turn.flow).get(idle) : undefined;
  const intent = input.nlu?.intent;
  if (b.digressions === false || router?.type !== 'intent' || input.payload !== undefined || (!askedBack && aboutQuestion(b, turn, input.text))) return undefined;
  if (intent && intent.confidence >= SURE_INTENT && routesIntent(router, turn, intent)) return 'intent';
  return askedBack ? 'question' : undefined;
}

/**
 * Asks a question and waits. A valid answer is stored in `vars[var]` (and the contact/lead when `saveTo` says so)
 * and routes by `routes` / option `next` / `next`. An invalid one is answered with the retry text and the question
 * again, up to `maxTries` invalid answers; then `giveUpText` and `giveUp`. An invalid answer with a sure intent, or a
 * question asked back, is a digression instead (see `digressions`), and counts as no try.
 */
export const askExecutor: BlockExecutor<AskBlock> = {
  enter(b, turn) {
    // A button press answered the question it came with, not this one. What the message says is newer than what is known.
    const led = turn.taken?.payload === undefined ? turn.taken : null;
    const given = b.prefill && led ? answerGiven(b, turn, led) : undefined;
    if (given?.ok) return accept(b, turn, given.value, given.field);
    if (b.skipIfKnown && known(b, turn)) return go(b.routes?.[routeKey(turn.state.vars[b.var])] ?? b.next);
    forgetAnswerSoFar(turn.state, b.id);
    ask(b, turn, given && slotsOfDaySaid(b, turn, given));
    return { kind: 'wait' };
  },
  resume(b, turn, event) {
    if (event.kind !== 'message') return { kind: 'wait' };
    const input = turn.takeInput();
    if (!input) return { kind: 'wait' };
    const result = checkAnswer(b, input, turn);
    // A text question takes almost anything, so only a question asked back ("how long does shipping take?") digresses
    // from it; from any question, one asked back with a function word digresses whatever its intent ("what's in it?").
    const questionBack = QUESTION_MARK.test(input.text);
    const mayDigress = !result.ok || (b.answer === 'text' && questionBack);
    const digression = mayDigress ? digressionOf(b, turn, input, questionBack && hasStopWord(input.text, turn.locale)) : undefined;
    if (digression) {
      // An unsure intent would have the router ask "did you mean…?" about a question it does not know: its fallback takes it.
      turn.input = digression === 'question' && input.nlu ? { ...input, nlu: { ...input.nlu, intent: null, ranking: [] } } : input;
      return { kind: 'digress' };
    }
    if (result.ok) return accept(b, turn, result.value, result.field);
    if (result.reason === 'no_time') {
      // Half an answer: the time on that day is asked for, with its hours as buttons, and no try is spent.
      const slots = slotsOfDaySaid(b, turn, result);
      turn.say({ type: 'text', text: turn.text(b.timeText ?? DEFAULT_TEXTS.timeOnDay, { day: result.day }), ...(slots?.length && { quickReplies: slots }) });
      return { kind: 'wait' };
    }
    const tries = (turn.state.retries[b.id] ?? 0) + 1;
    if (tries >= (b.maxTries ?? 3)) {
      forgetAnswerSoFar(turn.state, b.id);
      if (b.giveUpText) turn.say({ type: 'text', text: turn.text(b.giveUpText) });
      return go(b.giveUp);
    }
    turn.state.retries[b.id] = tries;
    turn.say({ type: 'text', text: turn.text(b.retryText ?? turn.flow.settings?.retryText ?? DEFAULT_TEXTS.retry) });
    ask(b, turn);
    return { kind: 'wait' };
  },
};

/**
 * A date-and-time answer that gave a day without a time: the day is remembered, so that a time said next is on it
 * ("tomorrow", then "in the afternoon"), and its morning, afternoon and evening are offered as buttons.
 */
function slotsOfDaySaid(b: AskBlock, turn: Turn, result: AnswerResult): QuickReply[] | undefined {
  if (result.ok || result.reason !== 'no_time') return undefined;
  rememberDayWithoutTime(turn.state, b.id, result.day);
  return timeSlotsOn(result.day, turn.ctx.now, turn.locale, turn.ctx.timeZone).map((slot) => ({ title: slot.title, payload: slot.value }));
}
