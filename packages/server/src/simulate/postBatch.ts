import { InputError } from '../errors.js';
import type { Clock } from './pacer.js';

/** The part of `fetch` the sender uses; tests pass a fake. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, firstDelayMs: 250, maxDelayMs: 8000 };

/** An item the service refused, by its position in the batch. */
export interface Rejection {
  readonly index: number;
  readonly reason: string;
}

export interface BatchResult {
  readonly accepted: number;
  readonly rejected: readonly Rejection[];
  /** Requests made, 1 when the first one succeeded. */
  readonly attempts: number;
}

export interface PostOptions {
  readonly fetch: FetchLike;
  readonly clock: Clock;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
}

/** The wait before attempt `attempt + 1`: firstDelay * 2^(attempt - 1), at most maxDelay. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (attempt - 1));
}

/**
 * Posts one NDJSON batch of `count` items. A 5xx, a 429, a timeout or a connection error is
 * retried with exponential backoff; when the attempts run out it is an InputError (the target
 * is unusable). A 400 or 422 refuses the whole batch: every item counts as rejected with the
 * service's error, and the run goes on. Any other 4xx (wrong URL, no permission, too large) is
 * an InputError at once, since every later batch would fail the same way.
 */
export async function postBatch(
  url: string,
  body: string,
  count: number,
  options: PostOptions,
): Promise<BatchResult> {
  for (let attempt = 1; ; attempt++) {
    let status: number;
    let text: string;
    try {
      const response = await options.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson' },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (attempt >= options.retry.attempts) {
        throw new InputError(
          `cannot reach ${url} (${attempt} attempts): ${describeFetchError(error)}`,
          { cause: error },
        );
      }
      await options.clock.sleep(backoffDelay(options.retry, attempt));
      continue;
    }
    if (status >= 500 || status === 429) {
      if (attempt >= options.retry.attempts) {
        throw new InputError(
          `${url} answered ${status} ${attempt} times, the last: ${errorText(text)}`,
        );
      }
      await options.clock.sleep(backoffDelay(options.retry, attempt));
      continue;
    }
    if (status === 400 || status === 422) {
      const reason = `HTTP ${status}: ${errorText(text)}`;
      return {
        accepted: 0,
        rejected: Array.from({ length: count }, (_, index) => ({ index, reason })),
        attempts: attempt,
      };
    }
    if (status < 200 || status >= 300) {
      const hint = status === 413 ? ' (try a smaller --batch)' : '';
      throw new InputError(`${url} answered ${status}: ${errorText(text)}${hint}`);
    }
    const parsed = parseIngestResponse(parseJson(text));
    if (parsed === null) {
      throw new InputError(
        `${url} answered ${status} without {"accepted": N, "rejected": [...]}: is it a fairwatch service? Got: ${text.slice(0, 120)}`,
      );
    }
    return { ...parsed, attempts: attempt };
  }
}

/** The service's answer to an ingest request, or null when it is not one. */
export function parseIngestResponse(
  value: unknown,
): { accepted: number; rejected: Rejection[] } | null {
  if (typeof value !== 'object' || value === null) return null;
  if (!('accepted' in value) || !('rejected' in value)) return null;
  const { accepted, rejected } = value;
  if (typeof accepted !== 'number' || !Number.isInteger(accepted) || accepted < 0) return null;
  if (!Array.isArray(rejected)) return null;
  const items: readonly unknown[] = rejected;
  const rejections: Rejection[] = [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null) return null;
    const index = 'index' in item ? item.index : undefined;
    const reason = 'reason' in item ? item.reason : undefined;
    if (typeof index !== 'number' || typeof reason !== 'string') return null;
    rejections.push({ index, reason });
  }
  return { accepted, rejected: rejections };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `error` of a `{"error": "..."}` body, else the start of the body. */
function errorText(text: string): string {
  const parsed = parseJson(text);
  if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
    if (typeof parsed.error === 'string') return parsed.error;
  }
  return text.trim() === '' ? '(empty body)' : text.trim().slice(0, 200);
}

/** fetch's "fetch failed" says little; its cause says ECONNREFUSED and the like. */
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? `${cause.code} ` : '';
    return `${code}${cause.message}`;
  }
  return error.message;
}
