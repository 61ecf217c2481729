import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { conversations } from '../../../core/db/schema/index';
import type { TurnResult } from '../../../bots/runtime/types';
import { transitionOwner } from '../../../core/repositories/conversations';
import { formatReport, loadScript, runConversation, type ConversationDriver, type DriverInput, type DriverReply } from '../../../flows/testing/index';
import { startFollowUpScheduler } from '../../../server/follow-ups/scheduler';
import { authHeader, startTestPlatform, type TestPlatform } from '../../support/platform';

const botsDir = path.resolve(__dirname, '../../../bots');
const scripts = fs.readdirSync(path.join(botsDir, 'demo/tests')).filter((f) => f.endsWith('.yaml'));

/**
 * Plays a conversation script against the running platform through the web channel endpoint, on the script's clock
 * (see `scriptClock`); the bot's own time zone and country apply, not the script's, which the in-memory driver takes.
 */
function httpDriver(platform: TestPlatform, locale: string, studio: Record<string, string>): ConversationDriver {
  const visitorId = `script-${randomUUID()}`;
  let offsetMs = 0;
  const post = async (body: Record<string, unknown>): Promise<DriverReply> => {
    // ?debug with a marketer's token is the studio's test chat: the answer also says which blocks ran.
    const response = await platform.post('/api/channels/web/demo/messages?debug=1', { visitorId, messageId: randomUUID(), locale, ...body }, studio);
    if (response.status !== 200) throw new Error(`web endpoint answered ${response.status}: ${JSON.stringify(response.body)}`);
    return { messages: response.body.replies, trace: response.body.debug?.trace, effects: response.body.debug?.effects.map((type: string) => ({ type })) };
  };
  const fromTurn = (turn: TurnResult | undefined): DriverReply => ({ messages: turn?.replies ?? [], trace: turn?.debug?.trace, effects: turn?.debug?.effects.map((type) => ({ type })) as never });
  const openConversation = async () => {
    const [row] = await platform.ctx.db
      .select()
      .from(conversations)
      .where(and(eq(conversations.externalUserId, visitorId), isNull(conversations.closedAt)));
    return row;
  };
  return {
    send: (input: DriverInput) => post(typeof input === 'string' ? { text: input } : { postback: { payload: input.postback, title: input.text } }),
    start: (payload?: string) => post({ start: payload ? { payload } : {} }),
    resume: async () => {
      const conversation = await openConversation();
      await transitionOwner(platform.ctx.db, { conversationId: conversation.id, from: ['queue', 'human'], to: 'bot', actor: { type: 'system' }, event: 'handoff.returned' });
      return fromTurn(await platform.ctx.runtime.runSystemTurn(conversation.id, { type: 'resume' }));
    },
    advance: async (ms: number) => {
      offsetMs += ms;
      const delivered: TurnResult[] = [];
      const scheduler = startFollowUpScheduler({
        db: platform.ctx.db,
        runtime: platform.ctx.runtime,
        logger: platform.ctx.logger,
        clock: () => new Date(Date.now() + offsetMs),
        deliver: async (result) => void delivered.push(result),
      });
      await scheduler.tick();
      await scheduler.stop();
      return {
        messages: delivered.flatMap((turn) => turn.replies),
        trace: delivered.flatMap((turn) => turn.debug?.trace ?? []),
        effects: delivered.flatMap((turn) => turn.debug?.effects ?? []).map((type) => ({ type })) as never,
      };
    },
  };
}

describe('demo bot conversation scripts through the web channel endpoint', () => {
  let platform: TestPlatform;
  let studio: Record<string, string>;
  /** The bots' clock while a script with a `now` plays: that instant, running on from when the script starts. */
  let scriptClock: (() => Date) | undefined;
  beforeAll(async () => {
    platform = await startTestPlatform({ env: { WORKERS: 'off' }, botClock: () => scriptClock?.() ?? new Date() });
    studio = await authHeader(platform);
  });
  afterAll(() => platform.close());

  test.each(scripts)('%s', async (file) => {
    const { script } = loadScript(path.join(botsDir, 'demo/tests', file), botsDir);
    const started = Date.now();
    const now = script.now;
    scriptClock = now ? () => new Date(Date.parse(now) + Date.now() - started) : undefined;
    const report = await runConversation(script, httpDriver(platform, script.locale ?? 'en', studio));
    if (!report.passed) throw new Error(formatReport(report));
  });
});
