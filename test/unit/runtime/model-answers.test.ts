import { withModelAnswers } from '../../../bots/runtime/model-answers';

describe('withModelAnswers', () => {
  it('runs the attempt again with each answer fetched in between, never inside an attempt', async () => {
    const log: string[] = [];
    let inAttempt = false;
    const ask = (key: string) => async () => {
      log.push(`call ${key}${inAttempt ? ' inside' : ''}`);
      return key.toUpperCase();
    };
    const result = await withModelAnswers(async (answers) => {
      inAttempt = true;
      try {
        log.push('attempt');
        const a = answers.ask('a', ask('a'), 'none');
        const b = answers.ask('b', ask('b'), 'none');
        return a + b;
      } finally {
        inAttempt = false;
      }
    });
    expect(result).toBe('AB');
    expect(log).toEqual(['attempt', 'call a', 'attempt', 'call b', 'attempt']);
  });

  it('settles for the fallback once a turn has asked for five answers', async () => {
    let attempts = 0;
    const result = await withModelAnswers(async (answers) => {
      attempts += 1;
      // A state that changes on every attempt asks a new question each time.
      return answers.ask(`question ${attempts}`, async () => 'answer', 'fallback');
    });
    expect(result).toBe('fallback');
    expect(attempts).toBe(6);
  });

  it('passes other errors through', async () => {
    await expect(withModelAnswers(async () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
  });
});
