import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures. Each request carries
 *
 *     X-Fairwatch-Timestamp: <unix seconds when the attempt was sent>
 *     X-Fairwatch-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>
 *
 * A receiver recomputes the HMAC over the exact bytes it received (before parsing the JSON),
 * compares in constant time, and rejects a timestamp too far from its own clock so a captured
 * request cannot be replayed later. `verifyWebhookSignature` does all three.
 */
export const TIMESTAMP_HEADER = 'X-Fairwatch-Timestamp';
export const SIGNATURE_HEADER = 'X-Fairwatch-Signature';

/** The default replay window: five minutes either side of the receiver's clock. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/** The `X-Fairwatch-Signature` value for a body sent at `timestamp` (unix seconds). */
export function signWebhookBody(
  secret: string,
  timestamp: number | string,
  rawBody: string | Uint8Array,
): string {
  return `sha256=${hmac(secret, String(timestamp), rawBody).toString('hex')}`;
}

export type WebhookVerification =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason:
        'malformed_timestamp' | 'stale_timestamp' | 'malformed_signature' | 'signature_mismatch';
    };

/**
 * Checks a webhook request: `timestamp` and `signatureHeader` are the two header values as
 * received (undefined when missing), `rawBody` the body's exact bytes, `nowMs` the receiver's
 * clock in epoch milliseconds. The timestamp must be within `toleranceSeconds` of now, in either
 * direction; the signature is compared in constant time.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string | null | undefined,
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  nowMs: number,
  toleranceSeconds: number = DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
): WebhookVerification {
  if (timestamp == null || !/^\d{1,15}$/.test(timestamp)) {
    return { ok: false, reason: 'malformed_timestamp' };
  }
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > toleranceSeconds) {
    return { ok: false, reason: 'stale_timestamp' };
  }
  const match = /^sha256=([0-9a-f]{64})$/i.exec(signatureHeader?.trim() ?? '');
  const hex = match?.[1];
  if (hex === undefined) return { ok: false, reason: 'malformed_signature' };
  const expected = hmac(secret, timestamp, rawBody);
  const given = Buffer.from(hex, 'hex');
  // Both are 32 bytes here, so timingSafeEqual's equal-length requirement holds.
  return timingSafeEqual(expected, given)
    ? { ok: true }
    : { ok: false, reason: 'signature_mismatch' };
}

function hmac(secret: string, timestamp: string, rawBody: string | Uint8Array): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
}
