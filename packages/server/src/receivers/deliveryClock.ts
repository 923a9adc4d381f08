/**
 * Time as delivery sees it, passed in so tests neither wait nor depend on the wall clock: `now`
 * stamps attempts, signatures and alert times; `sleep` waits between retries and returns early
 * when `signal` aborts. Request timeouts and the dispatcher's close deadline bound real I/O, so
 * they use real timers.
 */
export interface DeliveryClock {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: DeliveryClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted === true) {
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
    }),
};

/** A source of uniform random numbers in [0, 1), e.g. `Math.random`. */
export type RandomSource = () => number;
