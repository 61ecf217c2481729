import { defaultScoringRules, parseScoringRules, scoreChangedEvent, scoreLead, type LeadScoreInput } from '../../../bots/leads/scoring';

const now = new Date('2025-03-01T12:00:00Z');
const input = (over: Partial<LeadScoreInput> = {}): LeadScoreInput => ({ fields: {}, intents: {}, messageCount: 0, lastActivityAt: now, now, ...over });

describe('scoreLead', () => {
  it('adds points for captured fields, buying intents (capped hits) and engagement (capped)', () => {
    const r = scoreLead(input({ fields: { email: 'a@b.c', phone: '', company: 'X' }, intents: { pricing: 5, smalltalk: 3 }, messageCount: 50 }));
    expect(r.breakdown).toEqual({ fields: 30, intents: 40, engagement: 20, recencyFactor: 1 });
    expect(r.score).toBe(90);
    expect(r.grade).toBe('hot');
  });

  it('decays with inactivity: half after the half-life, never below the floor', () => {
    const base = input({ fields: { email: 'a@b.c' }, intents: { buy: 1 } }); // 50 points
    expect(scoreLead({ ...base, lastActivityAt: new Date(now.getTime() - 72 * 3_600_000) }).score).toBe(25);
    expect(scoreLead({ ...base, lastActivityAt: new Date(now.getTime() - 365 * 86_400_000) }).score).toBe(13); // 50 × 0.25
  });

  it('clamps to [0, maxScore] and honours per-bot rules', () => {
    const rules = parseScoringRules({ fieldPoints: { budget: 500 }, maxScore: 200, grades: { warm: 10, hot: 150 } });
    expect(scoreLead(input({ fields: { budget: 1 } }), rules)).toMatchObject({ score: 200, grade: 'hot' });
    expect(scoreLead(input({ fields: { email: 'x' } }), parseScoringRules({ fieldPoints: { email: -10 } })).score).toBe(0);
    expect(scoreLead(input(), defaultScoringRules)).toMatchObject({ score: 0, grade: 'cold' });
  });

  it('rejects invalid rules', () => {
    expect(() => parseScoringRules({ recency: { halfLifeHours: 0 } })).toThrow();
  });

  it('score changes become lead.score_changed outbox events, unchanged scores do not', () => {
    const lead = { id: 'L1', botId: 'demo', contactId: 'C1', conversationId: 'V1', version: 4 };
    const next = scoreLead(input({ fields: { email: 'a@b.c' } }));
    expect(scoreChangedEvent(lead, next.score, next)).toBeUndefined();
    expect(scoreChangedEvent(lead, 5, next)).toMatchObject({ topic: 'lead.score_changed', idempotencyKey: 'lead-score:L1:v4', payload: { previousScore: 5, score: 20 } });
  });
});
