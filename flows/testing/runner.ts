import { type OutboundMessage, outboundText } from '../../core/messages';
import { durationToMs, type ConversationDriver, type DriverReply } from './driver';
import { type ConversationScript, type ScriptStep } from './script';

export interface StepReport {
  index: number;
  /** What the step did, for the report: `user: hello`, `wait: 1d`. */
  action: string;
  replies: string[];
  trace?: string[];
  failures: string[];
}

export interface ScriptReport {
  name: string;
  passed: boolean;
  steps: StepReport[];
}

/** Text of a reply as a customer would read it, with quick reply and button titles. */
export function replyText(m: OutboundMessage): string {
  const extra = [...(m.type === 'text' ? (m.quickReplies ?? []).map((q) => q.title) : []), ...((m.type === 'text' || m.type === 'card') ? (m.buttons ?? []).map((b) => b.title) : [])];
  return [outboundText(m), ...extra.map((t) => `[${t}]`)].filter(Boolean).join(' ');
}

function toRegex(spec: string): RegExp {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(spec);
  return m ? new RegExp(m[1], m[2].includes('u') ? m[2] : `${m[2]}u`) : new RegExp(spec, 'iu');
}

const fold = (s: string) => s.normalize('NFC').toLowerCase();

/** Checks one expectation against the replies of a turn; returns a failure message or null. */
export function checkExpectation(spec: string, replies: string[]): string | null {
  const all = replies.join('\n');
  if (spec.startsWith('regex:')) {
    let re: RegExp;
    try {
      re = toRegex(spec.slice(6));
    } catch (e) {
      return `bad regex ${spec}: ${(e as Error).message}`;
    }
    return re.test(all) ? null : `expected a reply matching ${spec.slice(6)}`;
  }
  if (spec.startsWith('not:')) return fold(all).includes(fold(spec.slice(4))) ? `expected no reply containing "${spec.slice(4)}"` : null;
  const needle = spec.startsWith('contains:') ? spec.slice(9) : spec;
  return fold(all).includes(fold(needle)) ? null : `expected a reply containing "${needle}"`;
}

async function perform(step: ScriptStep, driver: ConversationDriver): Promise<{ action: string; reply: DriverReply | OutboundMessage[] }> {
  if ('user' in step) return { action: `user: ${step.user}`, reply: await driver.send(step.user) };
  if ('postback' in step) return { action: `postback: ${step.postback}`, reply: await driver.send({ postback: step.postback, ...(step.text ? { text: step.text } : {}) }) };
  if ('start' in step) {
    if (!driver.start) throw new Error('this driver cannot start conversations');
    return { action: 'start', reply: await driver.start(step.start === true ? undefined : step.start) };
  }
  if ('wait' in step) {
    if (!driver.advance) throw new Error('this driver cannot move the clock');
    return { action: `wait: ${step.wait}`, reply: await driver.advance(durationToMs(step.wait)) };
  }
  if (!driver.resume) throw new Error('this driver cannot hand a conversation back');
  return { action: 'resume', reply: await driver.resume() };
}

/** Plays a conversation script against a driver and checks every expectation; never throws for a failing bot. */
export async function runConversation(script: ConversationScript, driver: ConversationDriver): Promise<ScriptReport> {
  const steps: StepReport[] = [];
  for (const [index, step] of script.steps.entries()) {
    const report: StepReport = { index, action: '', replies: [], failures: [] };
    steps.push(report);
    let reply: DriverReply;
    try {
      const done = await perform(step, driver);
      report.action = done.action;
      reply = Array.isArray(done.reply) ? { messages: done.reply } : done.reply;
    } catch (e) {
      report.failures.push(`driver failed: ${(e as Error).message}`);
      continue;
    }
    report.replies = reply.messages.filter((m) => m.type !== 'typing').map(replyText);
    if (reply.trace) report.trace = reply.trace;
    for (const spec of step.expect ?? []) {
      const failure = checkExpectation(spec, report.replies);
      if (failure) report.failures.push(failure);
    }
    if (step.expectNoReply && report.replies.length) report.failures.push('expected no reply');
    if (step.expectBlock !== undefined) {
      if (!reply.trace) report.failures.push('expectBlock needs a driver that reports visited blocks');
      else if (!reply.trace.includes(step.expectBlock)) report.failures.push(`expected block "${step.expectBlock}" (visited: ${reply.trace.join(' → ') || 'none'})`);
    }
    for (const type of step.expectEffects ?? []) {
      if (!reply.effects) report.failures.push('expectEffects needs a driver that reports effects');
      else if (!reply.effects.some((e) => e.type === type)) report.failures.push(`expected a ${type} effect (got: ${reply.effects.map((e) => e.type).join(', ') || 'none'})`);
    }
  }
  return { name: script.name ?? script.bot ?? 'conversation', passed: steps.every((s) => s.failures.length === 0), steps };
}

/** A readable report: every step with the bot's replies, failures marked. */
export function formatReport(report: ScriptReport): string {
  const lines = [`${report.passed ? 'PASS' : 'FAIL'} ${report.name}`];
  for (const s of report.steps) {
    lines.push(`  ${s.failures.length ? '✗' : '✓'} ${s.index + 1}. ${s.action}`);
    for (const r of s.replies) lines.push(`      bot: ${r}`);
    if (s.failures.length && s.trace) lines.push(`      blocks: ${s.trace.join(' → ')}`);
    for (const f of s.failures) lines.push(`      ! ${f}`);
  }
  return lines.join('\n');
}
