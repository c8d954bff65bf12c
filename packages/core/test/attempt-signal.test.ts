import { describe, expect, it } from 'vitest';
import { AttemptSignal } from '../src/infisical/attempt-signal.js';

describe('the abort signal of one attempt', () => {
  it('fires when the time is up, and says so', async () => {
    const attempt = new AttemptSignal(undefined, 20);
    expect(attempt.signal.aborted).toBe(false);
    await new Promise((resolve) => attempt.signal.addEventListener('abort', resolve));
    expect(attempt.timedOut).toBe(true);
    expect(attempt.signal.reason).toMatchObject({ name: 'TimeoutError' });
  });

  it("fires when the caller's signal does, with the caller's reason, and is not a timeout", () => {
    const caller = new AbortController();
    const attempt = new AttemptSignal(caller.signal, 60_000);
    caller.abort(new Error('client went away'));
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.signal.reason).toEqual(new Error('client went away'));
    expect(attempt.timedOut).toBe(false);
    attempt.end();
  });

  it('starts aborted when the caller already gave up', () => {
    const attempt = new AttemptSignal(AbortSignal.abort('gone'), 60_000);
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.signal.reason).toBe('gone');
    attempt.end();
  });

  it('once ended, neither the clock nor the caller aborts it', async () => {
    const caller = new AbortController();
    const attempt = new AttemptSignal(caller.signal, 10);
    attempt.end();
    caller.abort();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(attempt.signal.aborted).toBe(false);
    expect(attempt.timedOut).toBe(false);
  });
});
