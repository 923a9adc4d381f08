import type { Alert } from '@fairwatch/contracts';
import type { Notification } from './notification.js';
import {
  postWithRetry,
  type DeliveryDeps,
  type DeliveryResult,
  type OutgoingRequest,
} from './postWithRetry.js';
import type { Receiver } from './receiver.js';
import type { RetryPolicy } from './retryPolicy.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhookBody } from './webhookSignature.js';

export interface WebhookReceiverOptions {
  readonly name: string;
  readonly url: string;
  /** The HMAC-SHA256 key the receiving end shares. */
  readonly secret: string;
  readonly policy: RetryPolicy;
}

/** The JSON body of a webhook request. */
export interface WebhookPayload {
  /** The payload's schema version; a breaking change to this shape gets a new one. */
  readonly version: '1';
  readonly groupKey: string;
  readonly status: 'firing' | 'resolved';
  readonly receiver: string;
  readonly alerts: readonly Alert[];
  /** When this attempt was sent, RFC 3339; the same instant as X-Fairwatch-Timestamp. */
  readonly sentAt: string;
}

export function webhookPayload(notification: Notification, sentAtMs: number): WebhookPayload {
  return {
    version: '1',
    groupKey: notification.groupKey,
    status: notification.status,
    receiver: notification.receiver,
    alerts: notification.alerts,
    sentAt: new Date(sentAtMs).toISOString(),
  };
}

/**
 * POSTs each notification as a `WebhookPayload` to `config.url`, signed as `webhookSignature.ts`
 * describes (a fresh timestamp and signature per attempt), retrying per `config.policy`.
 */
export function createWebhookReceiver(
  config: WebhookReceiverOptions,
  deps: DeliveryDeps,
): Receiver {
  return {
    name: config.name,
    send(notification: Notification, signal?: AbortSignal): Promise<DeliveryResult> {
      const context = {
        receiver: config.name,
        groupKey: notification.groupKey,
        fingerprints: notification.alerts.map((alert) => alert.fingerprint),
      };
      const build = (nowMs: number): OutgoingRequest => {
        const body = JSON.stringify(webhookPayload(notification, nowMs));
        const timestamp = String(Math.floor(nowMs / 1000));
        return {
          url: config.url,
          headers: {
            'Content-Type': 'application/json',
            'User-Agent': 'fairwatch',
            [TIMESTAMP_HEADER]: timestamp,
            [SIGNATURE_HEADER]: signWebhookBody(config.secret, timestamp, body),
          },
          body,
        };
      };
      return postWithRetry(build, context, config.policy, deps, signal);
    },
  };
}
