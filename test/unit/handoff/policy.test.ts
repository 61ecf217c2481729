import { BUYING_INTENT_BONUS, classifyReason, computePriority, skillFor } from '../../../bots/handoff/priority';
import { HandoffSettings } from '../../../bots/handoff/settings';
import { detectStuck, isFallbackReply, negativity } from '../../../bots/handoff/stuck';
import { summarizeConversation } from '../../../bots/handoff/summary';

const stuckSettings = HandoffSettings.parse({}).stuck;

describe('handoff priority', () => {
  test('reasons are classified', () => {
    expect(classifyReason('buying intent (order)')).toBe('buying_intent');
    expect(classifyReason('customer asked for a human')).toBe('customer_request');
    expect(classifyReason('customer asked for a person')).toBe('customer_request');
    expect(classifyReason('stuck: 3 fallbacks in a row')).toBe('stuck');
    expect(classifyReason('manual: taken over by an agent')).toBe('manual');
    expect(classifyReason('warranty question')).toBe('flow');
  });

  test('buying intent and hot leads go first, then the label, then the lead score', () => {
    const p = (reason: string, label: string, leadScore = 0, buyingIntent = false) => computePriority({ reason, label, leadScore, highLeadScore: 60, buyingIntent });
    const buying = p('buying intent (order)', 'normal');
    const hot = p('customer asked for a person', 'normal', 80);
    const urgent = p('customer asked for a person', 'urgent');
    const normal = p('customer asked for a person', 'normal');
    const low = p('customer asked for a person', 'low');
    expect(buying).toBeGreaterThan(hot);
    expect(hot).toBeGreaterThan(urgent);
    expect(urgent).toBeGreaterThan(normal);
    expect(normal).toBeGreaterThan(low);
    expect(p('customer asked for a person', 'normal', 30)).toBeGreaterThan(normal);
    expect(p('question', 'normal', 0, true)).toBe(normal + BUYING_INTENT_BONUS);
    expect(p('question', 'bogus')).toBe(normal);
  });

  test('skills come from reason keywords', () => {
    expect(skillFor('buying intent (order)', { order: 'sales', refund: 'support' })).toBe('sales');
    expect(skillFor('wants a REFUND', { order: 'sales', refund: 'support' })).toBe('support');
    expect(skillFor('hello', { order: 'sales' })).toBeNull();
  });
});

describe('stuck detection', () => {
  const retry = "Sorry, I didn't get that.";
  test('fallback replies are recognised in every language', () => {
    expect(isFallbackReply(retry)).toBe(true);
    expect(isFallbackReply('Przepraszam, nie zrozumiałem. Spróbuj jeszcze raz')).toBe(true);
    expect(isFallbackReply('ببخشید، متوجه نشدم.')).toBe(true);
    expect(isFallbackReply('عذرًا، لم أفهم ذلك.')).toBe(true);
    expect(isFallbackReply('Here are our products')).toBe(false);
  });

  test('three fallbacks in a row hand off; a good answer in between resets', () => {
    const turn = (text: string, reply: string) => [{ sender: 'contact' as const, text }, { sender: 'bot' as const, text: reply }];
    const three = [...turn('a', retry), ...turn('b', retry), ...turn('c', retry)];
    expect(detectStuck({ transcript: three }, stuckSettings)).toEqual({ stuck: true, signal: 'fallbacks', reason: 'stuck: 3 fallbacks in a row' });
    const broken = [...turn('a', retry), ...turn('b', 'Shipping takes 2 days'), ...turn('c', retry), ...turn('d', retry)];
    expect(detectStuck({ transcript: broken }, stuckSettings)).toEqual({ stuck: false });
    expect(detectStuck({ transcript: three }, { ...stuckSettings, enabled: false })).toEqual({ stuck: false });
  });

  test('negative sentiment in en/pl/ar/fa hands off', () => {
    for (const text of ['This is useless, worst bot ever', 'To jest beznadziejne', 'هذا سيء جدا', 'این افتضاح است', 'WHY IS NOTHING WORKING']) {
      expect(negativity(text)).toBeGreaterThan(0);
      expect(detectStuck({ transcript: [{ sender: 'contact', text }] }, stuckSettings)).toMatchObject({ stuck: true, signal: 'sentiment' });
    }
    expect(negativity('Thanks, that helps a lot')).toBe(0);
    expect(detectStuck({ transcript: [{ sender: 'contact', text: 'I hate this' }] }, { ...stuckSettings, negativeSentiment: false })).toEqual({ stuck: false });
  });

  test('repeated failed validations hand off', () => {
    expect(detectStuck({ transcript: [], retries: { ask_email: 3 } }, stuckSettings)).toMatchObject({ stuck: true, signal: 'validations' });
    expect(detectStuck({ transcript: [], retries: { ask_email: 2 } }, stuckSettings)).toEqual({ stuck: false });
  });
});

describe('summary', () => {
  test('reason, last customer messages, captured fields and counts', () => {
    const text = summarizeConversation({
      reason: 'buying intent (order)',
      transcript: [
        { sender: 'contact', text: '/start' },
        { sender: 'contact', text: 'I want the vitamin C serum' },
        { sender: 'bot', text: 'Great choice' },
      ],
      captured: { skinType: 'dry', budget: 50, nested: { x: 1 } },
      leadScore: 40,
      language: 'en',
    });
    expect(text).toContain('Handoff: buying intent (order)');
    expect(text).toContain('“I want the vitamin C serum”');
    expect(text).toContain('skinType: dry, budget: 50');
    expect(text).not.toContain('nested');
    expect(text).toContain('lead score 40');
  });
});
