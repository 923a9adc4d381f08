/**
 * One HTTP attempt to deliver a notification to a receiver, as it is recorded. A delivery that
 * takes three attempts records two `retrying` attempts and then one `delivered` or `failed`.
 */
export interface DeliveryAttempt {
  readonly receiver: string;
  readonly groupKey: string;
  /** The fingerprints of the notification's alerts. */
  readonly fingerprints: readonly string[];
  /** 1 for the first attempt; 0 when the notification was refused before any attempt. */
  readonly attempt: number;
  /** When the attempt started, epoch milliseconds. */
  readonly ts: number;
  readonly outcome: 'delivered' | 'retrying' | 'failed';
  /** The HTTP status, or null when no response came (network error, timeout, shutdown). */
  readonly status: number | null;
  /**
   * Why the attempt did not deliver: the network error, or the start of the response body for
   * an HTTP error. Null when delivered.
   */
  readonly error: string | null;
  readonly durationMs: number;
  /** For a `retrying` attempt, the wait before the next one; otherwise null. */
  readonly retryInMs: number | null;
}

/**
 * Where delivery attempts are recorded. `record` is called on the delivery path: it should not
 * block or throw (a throw is caught and counted, never propagated).
 */
export interface DeliveryLog {
  record(attempt: DeliveryAttempt): void;
}

/** Keeps attempts in memory, in order: for tests and for running without a store. */
export class InMemoryDeliveryLog implements DeliveryLog {
  private readonly recorded: DeliveryAttempt[] = [];

  record(attempt: DeliveryAttempt): void {
    this.recorded.push(attempt);
  }

  get attempts(): readonly DeliveryAttempt[] {
    return this.recorded;
  }
}
