import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_POLICY,
  fullJitterDelayMs,
  isRetryableStatus,
  retryAfterMs,
} from '../../src/receivers/retryPolicy.js';

const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };

describe('fullJitterDelayMs', () => {
  it('draws from [0, base × 2^(retry−1)) capped at maxDelayMs', () => {
    expect(fullJitterDelayMs(1, policy, () => 0.999)).toBe(99);
    expect(fullJitterDelayMs(3, policy, () => 0.5)).toBe(200);
    expect(fullJitterDelayMs(10, policy, () => 0.5)).toBe(500);
    expect(fullJitterDelayMs(4, policy, () => 0)).toBe(0);
  });
});

describe('isRetryableStatus', () => {
  it('retries 429 and 5xx only', () => {
    expect([429, 500, 502, 503, 504, 599].every(isRetryableStatus)).toBe(true);
    expect([200, 301, 400, 401, 403, 404, 408, 413, 422].some(isRetryableStatus)).toBe(false);
  });
});

describe('retryAfterMs', () => {
  const now = Date.UTC(2026, 10, 26, 12, 0, 0);

  it('reads delay-seconds', () => {
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date relative to now, and a past date as no wait', () => {
    expect(retryAfterMs('Thu, 26 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Thu, 26 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable header', () => {
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('-5', now)).toBeNull();
    expect(retryAfterMs('1.5', now)).toBeNull();
  });
});
