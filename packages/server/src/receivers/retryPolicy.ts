import type { RandomSource } from './deliveryClock.js';

/** How a receiver retries; every receiver shares this policy. */
export interface RetryPolicy {
  /** Attempts in all, including the first; at least 1. */
  readonly maxAttempts: number;
  /** Per attempt, from sending the request to reading the whole response. */
  readonly timeoutMs: number;
  /** The backoff cap before the first retry; it doubles per retry up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** The longest `Retry-After` honoured; a longer one ends the delivery as failed. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  timeoutMs: 10_000,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/**
 * Exponential backoff with full jitter: before retry k (k = 1 after the first attempt) wait
 * `random() × min(maxDelayMs, baseDelayMs × 2^(k−1))`. Spreading waits over the whole range
 * keeps many senders that failed together from retrying together.
 */
export function fullJitterDelayMs(
  retry: number,
  policy: RetryPolicy,
  random: RandomSource,
): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * cap);
}

/** 429 Too Many Requests and every 5xx are worth retrying; other statuses are final. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * The wait a `Retry-After` header asks for (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date
 * relative to `nowMs` (a date in the past means no wait). Null when absent or unparseable.
 */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date) || !/[a-z]/i.test(value)) return null;
  return Math.max(0, date - nowMs);
}
