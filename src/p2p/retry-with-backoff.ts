// Peers on this network are often tabs reached over WebRTC through a relay; a dial to one can fail
// for passing reasons (ICE or DTLS timing out on a busy machine, the relay's circuit to the tab
// timing out, the holder's reservation being renewed). Callers that must reach a peer try again,
// waiting longer each time, until they succeed or their signal ends.

export interface BackoffOptions {
  /** The first wait after a failure; doubled after each failure up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Which failures are worth another try; the others are thrown at once. */
  retryable?: (error: unknown) => boolean;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });

/** Calls `attempt` until it resolves; throws its last error once `signal` has aborted or the error is not retryable. */
export async function retryWithBackoff<T>(
  attempt: (tries: number) => Promise<T>,
  signal: AbortSignal,
  options: BackoffOptions = {},
): Promise<T> {
  const { firstDelayMs = 250, maxDelayMs = 4000, retryable = () => true } = options;
  let delay = firstDelayMs;
  for (let tries = 1; ; tries++) {
    try {
      return await attempt(tries);
    } catch (error) {
      if (signal.aborted || !retryable(error)) throw error;
      await pause(delay, signal);
      if (signal.aborted) throw error;
      delay = Math.min(delay * 2, maxDelayMs);
    }
  }
}
