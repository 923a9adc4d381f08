import type { Notification } from './notification.js';
import type { DeliveryResult } from './postWithRetry.js';

/** Something that delivers notifications somewhere. `send` never throws. */
export interface Receiver {
  readonly name: string;
  /** Delivers with retries, recording each attempt; aborting `signal` gives up. */
  send(notification: Notification, signal?: AbortSignal): Promise<DeliveryResult>;
}
