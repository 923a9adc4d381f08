import type { Alert } from '@fairwatch/contracts';

/** What the alert service hands a receiver: the alerts of one group that changed together. */
export interface Notification {
  /** The configured receiver's name. */
  readonly receiver: string;
  /** Identifies the group of alerts, stable across notifications, for receivers to deduplicate. */
  readonly groupKey: string;
  readonly status: 'firing' | 'resolved';
  readonly alerts: readonly Alert[];
}
