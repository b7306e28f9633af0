import { describe, expect, it } from 'vitest';
import { retryWithBackoff } from './retry-with-backoff.ts';
import { PermaNetError } from '@permanet/core/errors/permanet-error';

class Passing extends PermaNetError {}

describe('retryWithBackoff', () => {
  it('tries again after retryable failures, waiting longer each time, and returns the first success', async () => {
    const at: number[] = [];
    const result = await retryWithBackoff(
      async (tries) => {
        at.push(performance.now());
        if (tries < 4) throw new Passing(`try ${tries}`);
        return tries;
      },
      AbortSignal.timeout(5000),
      { firstDelayMs: 20, maxDelayMs: 40 },
    );
    expect(result).toBe(4);
    const waits = at.slice(1).map((t, i) => t - at[i]);
    // 20, 40, then capped at 40 ms (timers may fire a little early or late).
    expect(waits[0]).toBeGreaterThanOrEqual(15);
    expect(waits[1]).toBeGreaterThanOrEqual(35);
    expect(waits[2]).toBeGreaterThanOrEqual(35);
  });

  it('throws a failure that is not retryable at once', async () => {
    let tries = 0;
    const fatal = new Error('refused');
    await expect(
      retryWithBackoff(
        async () => {
          tries++;
          throw fatal;
        },
        AbortSignal.timeout(5000),
        { retryable: (e) => e instanceof Passing },
      ),
    ).rejects.toBe(fatal);
    expect(tries).toBe(1);
  });

  it('throws the last failure once its signal aborts', async () => {
    const controller = new AbortController();
    let tries = 0;
    const done = retryWithBackoff(
      async () => {
        if (++tries === 3) controller.abort();
        throw new Passing(`try ${tries}`);
      },
      controller.signal,
      { firstDelayMs: 10 },
    );
    await expect(done).rejects.toThrow('try 3');
    expect(tries).toBe(3);
  });
});
