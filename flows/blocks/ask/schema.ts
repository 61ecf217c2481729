import { z } from 'zod';
import { BlockId, VarName, blockBase, opt, type BlockMeta, type FlowIssue } from '../../schema/common';
import { LocalizedText } from '../../schema/localized';

export const answerTypes = ['text', 'email', 'phone', 'emailOrPhone', 'number', 'choice', 'date', 'datetime', 'yesno'] as const;

export const AskOption = z.object({
  value: z.string().min(1).max(200),
  label: LocalizedText,
  synonyms: z.union([z.array(z.string()), z.record(z.string(), z.array(z.string()))]).optional(),
  /** Where to go when this option is chosen (default: the block's `next`). */
  next: BlockId.optional(),
  /**
   * A catch-all ("Not sure", "Other", "None of these"): in an answer that also names another option ("not sure,
   * probably oily") the other one is the answer.
   */
  catchAll: z.boolean().optional(),
});

export const AskBlock = z.object({
  ...blockBase,
  type: z.literal('ask'),
  question: LocalizedText,
  /** The answer is stored in `vars[var]`. */
  var: VarName,
  answer: z.enum(answerTypes),
  options: z.array(AskOption).max(20).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  /**
   * The currency a `number` answer is in (ISO 4217, "USD"): an answer naming another ("50 euros", "500 هزار تومان" when
   * the question asks in USD) is refused with the retry text, and is not taken in advance. Amounts are not converted.
   */
  currency: z.string().regex(/^[A-Z]{3}$/, 'a currency code of three capital letters (ISO 4217), such as USD').optional(),
  /** Regular expression a `text` answer must match. */
  pattern: z.string().max(500).optional(),
  /** Said before asking again after an answer that does not validate. */
  retryText: LocalizedText.optional(),
  /**
   * Of a `datetime` question: asked instead of the retry text and the question when an answer gives a day without a
   * time, `{{day}}` being that day ("At what time on {{day}}?"); a built-in text in the four languages by default.
   */
  timeText: LocalizedText.optional(),
  /** Invalid answers accepted before giving up (default 3). */
  maxTries: z.number().int().min(1).max(10).optional(),
  giveUp: BlockId.optional(),
  giveUpText: LocalizedText.optional(),
  next: BlockId.optional(),
  /** Branch on the answer: `{ yes: a, no: b }` for yes/no, option value for choice, any string value otherwise. */
  routes: z.record(z.string(), BlockId).optional(),
  /** Also store the answer on the contact or lead. `contact: auto` stores an email/phone answer in the matching field. */
  saveTo: z.object({ contact: z.string().min(1).max(64).optional(), lead: z.string().min(1).max(64).optional() }).optional(),
  /** Skip the question when the variable (or the `saveTo.contact` field) is already known. */
  skipIfKnown: z.boolean().optional(),
  /**
   * Take the answer from the message that led to the question, when it holds one, without asking: "recommend a cream
   * for dry skin under $40" answers a skin type choice and a budget. A choice takes an option the message names, a
   * number question an amount with a currency, email, phone, date and datetime questions what the message gives (a
   * datetime question only a day with a time). It replaces
   * a known value: with `skipIfKnown`, the question is skipped only when the message gives nothing new.
   */
  prefill: z.boolean().optional(),
  /**
   * A message that does not answer but has a sure intent that `settings.idleBlock` (an intent router) routes ("where is
   * my order?" while asked for a skin type) goes there, and this question is asked again when that is done (default true).
   * A text question, which takes almost any answer, digresses only on a question asked back (ending in "?"). A question
   * asked back with a function word ("what's in it?", "why do you need my email?", not "Anna?") that is no answer goes
   * there whatever its intent: the idle block's fallback, such as the knowledge base, may answer it.
   */
  digressions: z.boolean().optional(),
});
export type AskBlock = z.infer<typeof AskBlock>;
export type AskOption = z.infer<typeof AskOption>;

export const askMeta: BlockMeta<AskBlock> = {
  waits: true,
  targets: (b) => [
    ...opt('next', b.next),
    ...opt('giveUp', b.giveUp),
    ...(b.options ?? []).flatMap((o, i) => opt(`options[${i}].next`, o.next)),
    ...Object.entries(b.routes ?? {}).map(([k, v]) => [`routes.${k}`, v] as [string, string]),
  ],
  texts: (b) => [
    ['question', b.question],
    ['retryText', b.retryText],
    ['timeText', b.timeText],
    ['giveUpText', b.giveUpText],
    ...(b.options ?? []).map((o, i) => [`options[${i}].label`, o.label] as [string, LocalizedText]),
  ],
  check: (b) => {
    const issues: Omit<FlowIssue, 'blockId'>[] = [];
    if (!b.giveUp) issues.push({ path: 'giveUp', message: 'an ask block needs a giveUp target for when the answers keep failing', severity: 'error' });
    if (!b.retryText) issues.push({ path: 'retryText', message: 'no retry message: a generic one will be used', severity: 'warning' });
    if (b.answer === 'choice' && !(b.options && b.options.length >= 2)) issues.push({ path: 'options', message: 'a choice question needs at least 2 options', severity: 'error' });
    if (b.answer !== 'choice' && b.options) issues.push({ path: 'options', message: `options are only used by choice questions, not ${b.answer}`, severity: 'warning' });
    const seen = new Set<string>();
    (b.options ?? []).forEach((o, i) => {
      if (seen.has(o.value)) issues.push({ path: `options[${i}].value`, message: `duplicate option value "${o.value}"`, severity: 'error' });
      seen.add(o.value);
    });
    if (b.min !== undefined && b.max !== undefined && b.min > b.max) issues.push({ path: 'min', message: 'min is greater than max', severity: 'error' });
    if (b.pattern !== undefined) {
      try {
        new RegExp(b.pattern, 'u');
      } catch (e) {
        issues.push({ path: 'pattern', message: `invalid regular expression: ${(e as Error).message}`, severity: 'error' });
      }
    }
    if (b.timeText && b.answer !== 'datetime') issues.push({ path: 'timeText', message: `a time text is only used by datetime questions, not ${b.answer}`, severity: 'warning' });
    if (b.currency && b.answer !== 'number') issues.push({ path: 'currency', message: `a currency is only used by number questions, not ${b.answer}`, severity: 'warning' });
    if (b.prefill && (b.answer === 'text' || b.answer === 'yesno')) issues.push({ path: 'prefill', message: `a ${b.answer} question never takes its answer in advance`, severity: 'warning' });
    if (b.answer === 'yesno') {
      for (const k of Object.keys(b.routes ?? {})) if (k !== 'yes' && k !== 'no') issues.push({ path: `routes.${k}`, message: 'yes/no routes must be "yes" or "no"', severity: 'error' });
    }
    if (b.answer === 'choice') {
      const values = new Set((b.options ?? []).map((o) => o.value));
      for (const k of Object.keys(b.routes ?? {})) if (!values.has(k)) issues.push({ path: `routes.${k}`, message: `no option with value "${k}"`, severity: 'error' });
    }
    if (!b.next && !b.routes && !(b.options ?? []).some((o) => o.next)) issues.push({ path: 'next', message: 'no transition after a valid answer: the conversation ends there', severity: 'warning' });
    return issues;
  },
};
