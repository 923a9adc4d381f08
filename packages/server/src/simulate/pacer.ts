/** Real (wall) time for the sender: a monotonic reading in ms and a way to wait. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) =>
    new Promise((resolve) => {
      setTimeout(resolve, ms);
    }),
};

/** How simulated time maps to real time. */
export interface Pace {
  readonly simulatedStartMs: number;
  readonly realStartMs: number;
  /** Simulated seconds per real second; Infinity sends as fast as possible. */
  readonly speedup: number;
}

/**
 * The real time at which an event of simulated time `simulatedTs` is due:
 *
 *   due = realStart + (simulatedTs - simulatedStart) / speedup,
 *
 * so at speedup 60 an hour of simulated traffic takes a minute. At speedup Infinity every
 * event is due at once.
 */
export function dueTime(pace: Pace, simulatedTs: number): number {
  if (pace.speedup === Infinity) return pace.realStartMs;
  return pace.realStartMs + (simulatedTs - pace.simulatedStartMs) / pace.speedup;
}
