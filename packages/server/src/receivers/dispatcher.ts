import type { ReceiverConfig } from '@fairwatch/contracts';
import { createAlertmanagerReceiver } from './alertmanagerReceiver.js';
import { systemClock, type DeliveryClock, type RandomSource } from './deliveryClock.js';
import type { DeliveryAttempt, DeliveryLog } from './deliveryLog.js';
import type { Notification } from './notification.js';
import type { DeliveryDeps } from './postWithRetry.js';
import type { Receiver } from './receiver.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy.js';
import { createWebhookReceiver } from './webhookReceiver.js';

export interface DispatcherOptions {
  /** The receivers of a validated `fairwatch.yaml`: names unique, URLs http(s), secrets set. */
  readonly receivers: readonly ReceiverConfig[];
  readonly log: DeliveryLog;
  /**
   * The service's evaluation interval (`server.evaluationIntervalMs`), which sets how long
   * Alertmanager keeps a firing alert (see `AlertmanagerReceiverOptions.evaluationIntervalMs`);
   * when absent, Alertmanager's `resolve_timeout` applies.
   */
  readonly evaluationIntervalMs?: number;
  readonly clock?: DeliveryClock;
  /** Jitter for backoff; `Math.random` when absent. */
  readonly random?: RandomSource;
  /** Backoff settings shared by all receivers (attempts and timeout come from each config). */
  readonly retry?: Partial<Omit<RetryPolicy, 'maxAttempts' | 'timeoutMs'>>;
}

/** Counts since the dispatcher started. */
export interface ReceiverStats {
  readonly delivered: number;
  readonly failed: number;
  /** Deliveries accepted and not yet finished, including those queued behind their group. */
  readonly pending: number;
}

export interface DispatcherStats {
  readonly receivers: Readonly<Record<string, ReceiverStats>>;
  /** Notifications for a receiver that is not configured, or that came after `close`. */
  readonly refused: number;
  /** Delivery attempts the log threw on instead of recording. */
  readonly logErrors: number;
}

export interface Dispatcher {
  /**
   * Delivers a notification to its receiver and resolves when that delivery has finished
   * (delivered or failed). Never rejects: failures are recorded in the log and counted.
   * Deliveries to different receivers, or of different groups, run concurrently; those of one
   * receiver and group key run one after another, in the order `deliver` was called, so a
   * group's `resolved` never overtakes its `firing`.
   */
  deliver(notification: Notification): Promise<void>;
  stats(): DispatcherStats;
  /**
   * Refuses new notifications and waits for those in flight or queued. After `deadlineMs` the
   * rest are abandoned (their waits and requests aborted and each recorded as failed). Resolves
   * with whether everything finished before the deadline.
   */
  close(deadlineMs?: number): Promise<{ readonly drained: boolean }>;
}

export const DEFAULT_CLOSE_DEADLINE_MS = 10_000;

/**
 * Builds the receivers from their configs and routes notifications to them. The configs were
 * validated with the rest of `fairwatch.yaml`, so they are trusted here.
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  let logErrors = 0;
  let refused = 0;
  const log: DeliveryLog = {
    record(attempt: DeliveryAttempt): void {
      try {
        options.log.record(attempt);
      } catch {
        logErrors += 1;
      }
    },
  };
  const deps: DeliveryDeps = {
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    log,
  };
  const receivers = new Map<string, Receiver>();
  const counts = new Map<string, { delivered: number; failed: number; pending: number }>();
  for (const config of options.receivers) {
    const policy: RetryPolicy = {
      ...DEFAULT_RETRY_POLICY,
      ...options.retry,
      maxAttempts: config.maxAttempts,
      timeoutMs: config.timeoutMs,
    };
    const receiver =
      config.type === 'webhook'
        ? createWebhookReceiver(
            { name: config.name, url: config.url, secret: config.secret, policy },
            deps,
          )
        : createAlertmanagerReceiver(
            {
              name: config.name,
              url: config.url,
              policy,
              evaluationIntervalMs: options.evaluationIntervalMs ?? null,
            },
            deps,
          );
    receivers.set(config.name, receiver);
    counts.set(config.name, { delivered: 0, failed: 0, pending: 0 });
  }

  /** The last delivery queued per receiver and group key: the next one waits for it. */
  const tails = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  const shutdown = new AbortController();
  let closed = false;

  function refuse(notification: Notification, reason: string): Promise<void> {
    refused += 1;
    log.record({
      receiver: notification.receiver,
      groupKey: notification.groupKey,
      fingerprints: notification.alerts.map((alert) => alert.fingerprint),
      attempt: 0,
      ts: deps.clock.now(),
      outcome: 'failed',
      status: null,
      error: reason,
      durationMs: 0,
      retryInMs: null,
    });
    return Promise.resolve();
  }

  return {
    deliver(notification: Notification): Promise<void> {
      const receiver = receivers.get(notification.receiver);
      const count = counts.get(notification.receiver);
      if (closed) return refuse(notification, 'dispatcher is closed');
      if (receiver === undefined || count === undefined) {
        return refuse(notification, `no receiver named '${notification.receiver}' is configured`);
      }
      const key = JSON.stringify([notification.receiver, notification.groupKey]);
      const previous = tails.get(key) ?? Promise.resolve();
      count.pending += 1;
      const delivery = previous.then(async () => {
        try {
          const result = await receiver.send(notification, shutdown.signal);
          count[result.outcome] += 1;
        } catch {
          // send never throws; should it, the delivery still counts as failed, not as a crash.
          count.failed += 1;
        } finally {
          count.pending -= 1;
        }
      });
      tails.set(key, delivery);
      inFlight.add(delivery);
      void delivery.finally(() => {
        inFlight.delete(delivery);
        if (tails.get(key) === delivery) tails.delete(key);
      });
      return delivery;
    },

    stats(): DispatcherStats {
      return {
        receivers: Object.fromEntries([...counts].map(([name, count]) => [name, { ...count }])),
        refused,
        logErrors,
      };
    },

    async close(deadlineMs = DEFAULT_CLOSE_DEADLINE_MS): Promise<{ readonly drained: boolean }> {
      closed = true;
      const all = Promise.all([...inFlight]).then(() => true);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<false>((resolve) => {
        timer = setTimeout(() => {
          resolve(false);
        }, deadlineMs);
      });
      const drained = await Promise.race([all, deadline]);
      clearTimeout(timer);
      if (!drained) {
        shutdown.abort(new Error(`shutdown deadline of ${deadlineMs} ms passed`));
        await all;
      }
      return { drained };
    },
  };
}
