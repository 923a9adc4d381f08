import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from '../../src/receivers/webhookSignature.js';

const secret = 's3cret';
const body = '{"version":"1","alerts":[]}';
const nowMs = 1_800_000_000_000;
const timestamp = String(nowMs / 1000);

describe('webhook signatures', () => {
  it('is the hex HMAC-SHA256 of "timestamp.body", as the docs tell receivers to compute', () => {
    // Computed independently of the implementation, the way a receiver would.
    const expected = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    expect(signWebhookBody(secret, timestamp, body)).toBe(`sha256=${expected}`);
  });

  it('verifies a signature made with the same secret', () => {
    const signature = signWebhookBody(secret, timestamp, body);
    expect(verifyWebhookSignature(secret, timestamp, body, signature, nowMs, 300)).toEqual({
      ok: true,
    });
    expect(
      verifyWebhookSignature(secret, timestamp, Buffer.from(body), signature, nowMs, 300),
    ).toEqual({ ok: true });
  });

  it('rejects a signature made with another secret', () => {
    const signature = signWebhookBody('other', timestamp, body);
    expect(verifyWebhookSignature(secret, timestamp, body, signature, nowMs, 300)).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
  });

  it('rejects a body or timestamp changed after signing', () => {
    const signature = signWebhookBody(secret, timestamp, body);
    expect(verifyWebhookSignature(secret, timestamp, `${body} `, signature, nowMs, 300).ok).toBe(
      false,
    );
    const later = String(Number(timestamp) + 1);
    expect(verifyWebhookSignature(secret, later, body, signature, nowMs, 300)).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
  });

  it('rejects a timestamp older or newer than the tolerance, even with a valid signature', () => {
    const signature = signWebhookBody(secret, timestamp, body);
    expect(
      verifyWebhookSignature(secret, timestamp, body, signature, nowMs + 300_000, 300).ok,
    ).toBe(true);
    expect(
      verifyWebhookSignature(secret, timestamp, body, signature, nowMs + 301_000, 300),
    ).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(
      verifyWebhookSignature(secret, timestamp, body, signature, nowMs - 301_000, 300),
    ).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it.each([
    ['missing', undefined],
    ['not a number', 'yesterday'],
    ['in milliseconds with a fraction', '1800000000000.5'],
  ])('rejects a timestamp that is %s', (_, value) => {
    const signature = signWebhookBody(secret, timestamp, body);
    expect(verifyWebhookSignature(secret, value, body, signature, nowMs, 300)).toEqual({
      ok: false,
      reason: 'malformed_timestamp',
    });
  });

  it.each([
    ['missing', undefined],
    ['without the scheme', 'abc'],
    ['of another algorithm', `sha1=${'0'.repeat(40)}`],
    ['truncated', `sha256=${'0'.repeat(63)}`],
  ])('rejects a signature header that is %s', (_, value) => {
    expect(verifyWebhookSignature(secret, timestamp, body, value, nowMs, 300)).toEqual({
      ok: false,
      reason: 'malformed_signature',
    });
  });
});
