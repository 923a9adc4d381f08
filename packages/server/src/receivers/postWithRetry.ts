import type { DeliveryClock, RandomSource } from './deliveryClock.js';
import type { DeliveryAttempt, DeliveryLog } from './deliveryLog.js';
import {
  fullJitterDelayMs,
  isRetryableStatus,
  retryAfterMs,
  type RetryPolicy,
} from './retryPolicy.js';

/** One HTTP POST, built afresh per attempt so timestamps and signatures are current. */
export interface OutgoingRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the attempts of one delivery are recorded under. */
export interface DeliveryContext {
  readonly receiver: string;
  readonly groupKey: string;
  readonly fingerprints: readonly string[];
}

export interface DeliveryDeps {
  readonly clock: DeliveryClock;
  readonly random: RandomSource;
  readonly log: DeliveryLog;
}

export interface DeliveryResult {
  readonly outcome: 'delivered' | 'failed';
  readonly attempts: number;
}

/** How much of an error response's body goes into the log. */
const ERROR_BODY_CHARS = 300;

type AttemptResult =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly retryAfter: string | null;
      readonly body: string;
    }
  | { readonly kind: 'error'; readonly message: string; readonly retryable: boolean };

/**
 * POSTs a request until it is delivered (2xx) or there is no point going on. Network errors,
 * timeouts, 429 and 5xx are retried after a full-jitter backoff, or after the response's
 * `Retry-After` when it has one; any other status is final. Every attempt is recorded in the
 * log. Never throws: a failure is a result. Aborting `signal` (shutdown) stops the wait or the
 * request in flight and ends the delivery as failed.
 */
export async function postWithRetry(
  build: (nowMs: number) => OutgoingRequest,
  context: DeliveryContext,
  policy: RetryPolicy,
  deps: DeliveryDeps,
  signal?: AbortSignal,
): Promise<DeliveryResult> {
  const { clock, random, log } = deps;
  for (let attempt = 1; ; attempt++) {
    const ts = clock.now();
    const record = (
      outcome: DeliveryAttempt['outcome'],
      status: number | null,
      error: string | null,
      retryInMs: number | null = null,
    ): void => {
      const entry = { ...context, attempt, ts, outcome, status, error, retryInMs };
      recordSafely(log, { ...entry, durationMs: Math.max(0, clock.now() - ts) });
    };
    if (signal?.aborted === true) {
      record('failed', null, `abandoned: ${reasonOf(signal)}`);
      return { outcome: 'failed', attempts: attempt };
    }

    const result = await attemptOnce(build(ts), policy.timeoutMs, signal);
    if (result.kind === 'response' && result.status >= 200 && result.status <= 299) {
      record('delivered', result.status, null);
      return { outcome: 'delivered', attempts: attempt };
    }
    const status = result.kind === 'response' ? result.status : null;
    const error =
      result.kind === 'response' ? describeResponse(result.status, result.body) : result.message;
    const retryable =
      result.kind === 'response' ? isRetryableStatus(result.status) : result.retryable;
    if (!retryable || attempt >= policy.maxAttempts) {
      const suffix = retryable ? ` (gave up after ${attempt} attempts)` : '';
      record('failed', status, `${error}${suffix}`);
      return { outcome: 'failed', attempts: attempt };
    }
    const asked = result.kind === 'response' ? retryAfterMs(result.retryAfter, clock.now()) : null;
    if (asked !== null && asked > policy.maxRetryAfterMs) {
      record(
        'failed',
        status,
        `${error}; Retry-After ${asked} ms exceeds the ${policy.maxRetryAfterMs} ms limit`,
      );
      return { outcome: 'failed', attempts: attempt };
    }
    const delay = asked ?? fullJitterDelayMs(attempt, policy, random);
    record('retrying', status, error, delay);
    await clock.sleep(delay, signal);
  }
}

async function attemptOnce(
  request: OutgoingRequest,
  timeoutMs: number,
  shutdown: AbortSignal | undefined,
): Promise<AttemptResult> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = shutdown === undefined ? timeout : AbortSignal.any([shutdown, timeout]);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal,
      // A signed POST is not re-sent somewhere else: a redirect is an error to fix in config.
      redirect: 'manual',
    });
    // Read the body in full, under the same timeout, so the connection can be reused.
    const body = await response.text();
    return {
      kind: 'response',
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: body.slice(0, ERROR_BODY_CHARS),
    };
  } catch (error) {
    if (shutdown?.aborted === true) {
      return { kind: 'error', message: `abandoned: ${reasonOf(shutdown)}`, retryable: false };
    }
    if (timeout.aborted) {
      return { kind: 'error', message: `timed out after ${timeoutMs} ms`, retryable: true };
    }
    return { kind: 'error', message: describeError(error), retryable: true };
  }
}

function describeResponse(status: number, body: string): string {
  const text = body.trim().replace(/\s+/g, ' ');
  return text === '' ? `HTTP ${status}` : `HTTP ${status}: ${text}`;
}

/** Node's fetch says only "fetch failed"; the cause says why (e.g. "connect ECONNREFUSED"). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error && cause.message !== '') return `${error.message}: ${cause.message}`;
  return error.message;
}

function reasonOf(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : String(reason);
}

function recordSafely(log: DeliveryLog, attempt: DeliveryAttempt): void {
  try {
    log.record(attempt);
  } catch {
    // A log that cannot record must not stop delivery (the dispatcher counts such failures).
  }
}
