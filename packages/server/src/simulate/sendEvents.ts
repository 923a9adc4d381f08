import { BatchDispatcher } from './batchDispatcher.js';
import { dueTime, systemClock, type Clock, type Pace } from './pacer.js';
import { DEFAULT_RETRY, postBatch, type FetchLike, type RetryPolicy } from './postBatch.js';
import { SendTally, type SendSummary } from './sendTally.js';
import type { EventKind, SimulatedEvent } from './simulatedEvents.js';

export interface SendOptions {
  /** The service's base URL, e.g. http://127.0.0.1:8080. */
  readonly target: string;
  /** The simulated time that maps to the moment sending starts. */
  readonly simulatedStartMs: number;
  /** Simulated seconds per real second; Infinity sends as fast as the service answers. */
  readonly speedup: number;
  /** Events per request (default 1000). */
  readonly batchSize?: number;
  /** Requests in flight at once (default 3). */
  readonly maxInFlight?: number;
  /** A partial batch is sent once its oldest event has waited this long in real time (default 1000). */
  readonly lingerMs?: number;
  readonly retry?: RetryPolicy;
  readonly requestTimeoutMs?: number;
  /** How often `onProgress` is called, in real ms (default 5000). */
  readonly progressEveryMs?: number;
  readonly onProgress?: (progress: SendProgress) => void;
  readonly clock?: Clock;
  readonly fetch?: FetchLike;
}

export interface SendProgress extends SendSummary {
  readonly inFlight: number;
  /** How far sending lags behind the pace, in real ms (0 when on time). */
  readonly behindMs: number;
}

export const INGEST_PATHS: Readonly<Record<EventKind, string>> = {
  prediction: '/v1/predictions',
  outcome: '/v1/outcomes',
  deployment: '/v1/deployments',
};

/**
 * Sends a stream to the service in NDJSON batches, one request per event kind, paced so that
 * simulated time runs `speedup` times faster than real time.
 *
 * Order: predictions and outcomes are batched separately; before an outcome batch goes out,
 * the predictions it refers to are sent and answered. A deployment is sent alone after
 * everything before it has been answered, and is answered before anything after it is sent.
 * Within a kind, batches leave in stream order (with several in flight they may be answered
 * out of order).
 */
export async function sendEvents(
  events: Iterable<SimulatedEvent>,
  options: SendOptions,
): Promise<SendSummary> {
  const clock = options.clock ?? systemClock;
  const batchSize = options.batchSize ?? 1000;
  const lingerMs = options.lingerMs ?? 1000;
  const progressEveryMs = options.progressEveryMs ?? 5000;
  const base = options.target.replace(/\/+$/, '');
  const postOptions = {
    fetch: options.fetch ?? fetch,
    clock,
    retry: options.retry ?? DEFAULT_RETRY,
    timeoutMs: options.requestTimeoutMs ?? 30_000,
  };
  const tally = new SendTally();
  const dispatcher = new BatchDispatcher(
    (kind, lines) =>
      postBatch(`${base}${INGEST_PATHS[kind]}`, `${lines.join('\n')}\n`, lines.length, postOptions),
    options.maxInFlight ?? 3,
    (kind, lines, result) => {
      tally.record(kind, lines, result);
    },
  );
  const pace: Pace = {
    simulatedStartMs: options.simulatedStartMs,
    realStartMs: clock.now(),
    speedup: options.speedup,
  };

  let predictions: string[] = [];
  let firstPrediction = -1;
  let outcomes: string[] = [];
  let latestReferenced = -1;
  let oldestBufferedAt: number | null = null;
  let lastSimulatedTs: number | null = null;
  let behindMs = 0;
  let nextProgressAt = pace.realStartMs + progressEveryMs;

  const flushPredictions = async (): Promise<void> => {
    if (predictions.length === 0) return;
    const lines = predictions;
    predictions = [];
    await dispatcher.send('prediction', lines, firstPrediction);
  };
  const flushOutcomes = async (): Promise<void> => {
    if (outcomes.length === 0) return;
    const lines = outcomes;
    outcomes = [];
    if (predictions.length > 0 && firstPrediction <= latestReferenced) await flushPredictions();
    await dispatcher.predictionsAnsweredThrough(latestReferenced);
    await dispatcher.send('outcome', lines);
  };
  const flushAll = async (): Promise<void> => {
    oldestBufferedAt = null;
    await flushPredictions();
    await flushOutcomes();
  };
  const sleepUntil = async (time: number): Promise<void> => {
    const wait = time - clock.now();
    if (wait > 0) await clock.sleep(wait);
  };

  for (const event of events) {
    const due = dueTime(pace, event.body.ts);
    if (oldestBufferedAt !== null && oldestBufferedAt + lingerMs < due) {
      await sleepUntil(oldestBufferedAt + lingerMs);
      await flushAll();
    }
    await sleepUntil(due);
    const now = clock.now();
    behindMs = Math.max(0, now - due);
    lastSimulatedTs = event.body.ts;
    switch (event.kind) {
      case 'deployment':
        await flushAll();
        await dispatcher.drain();
        await dispatcher.send('deployment', [JSON.stringify(event.body)]);
        await dispatcher.drain();
        break;
      case 'prediction':
        if (predictions.length === 0) firstPrediction = event.index;
        predictions.push(JSON.stringify(event.body));
        oldestBufferedAt ??= now;
        if (predictions.length >= batchSize) await flushPredictions();
        break;
      case 'outcome':
        outcomes.push(JSON.stringify(event.body));
        latestReferenced = Math.max(latestReferenced, event.index);
        oldestBufferedAt ??= now;
        if (outcomes.length >= batchSize) await flushOutcomes();
        break;
    }
    if (predictions.length === 0 && outcomes.length === 0) oldestBufferedAt = null;
    if (options.onProgress !== undefined && clock.now() >= nextProgressAt) {
      nextProgressAt = clock.now() + progressEveryMs;
      options.onProgress({
        ...tally.summary(clock.now() - pace.realStartMs, lastSimulatedTs),
        inFlight: dispatcher.pending,
        behindMs,
      });
    }
  }
  await flushAll();
  await dispatcher.drain();
  return tally.summary(clock.now() - pace.realStartMs, lastSimulatedTs);
}
