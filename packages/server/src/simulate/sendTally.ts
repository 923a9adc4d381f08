import type { BatchResult } from './postBatch.js';
import type { EventKind } from './simulatedEvents.js';

/** What a send did, as far as the service's answers tell. */
export interface SendSummary {
  /** Events the service answered for, by kind. */
  readonly sent: Readonly<Record<EventKind, number>>;
  readonly accepted: number;
  readonly rejected: number;
  /** Rejections by the service's reason (at most 20 reasons; the rest under `other`). */
  readonly rejectedByReason: Readonly<Record<string, number>>;
  /** The first few rejections: the item as sent and its reason. */
  readonly firstRejections: readonly string[];
  readonly requests: number;
  readonly retries: number;
  readonly elapsedMs: number;
  /** The simulated ts of the latest event taken from the stream, or null before the first. */
  readonly lastSimulatedTs: number | null;
}

const MAX_REASONS = 20;
const FIRST_REJECTIONS = 5;

/** Counts the answers of every request of a send. */
export class SendTally {
  private readonly sent: Record<EventKind, number> = { prediction: 0, outcome: 0, deployment: 0 };
  private accepted = 0;
  private rejected = 0;
  private readonly byReason = new Map<string, number>();
  private readonly first: string[] = [];
  private requests = 0;
  private retries = 0;

  record(kind: EventKind, lines: readonly string[], result: BatchResult): void {
    this.sent[kind] += lines.length;
    this.accepted += result.accepted;
    this.rejected += result.rejected.length;
    this.requests += result.attempts;
    this.retries += result.attempts - 1;
    for (const { index, reason } of result.rejected) {
      const key = this.byReason.has(reason) || this.byReason.size < MAX_REASONS ? reason : 'other';
      this.byReason.set(key, (this.byReason.get(key) ?? 0) + 1);
      if (this.first.length < FIRST_REJECTIONS) {
        const item = lines[index] ?? `item ${index}`;
        this.first.push(
          `${kind} ${item.length > 160 ? `${item.slice(0, 160)}...` : item}: ${reason}`,
        );
      }
    }
  }

  summary(elapsedMs: number, lastSimulatedTs: number | null): SendSummary {
    return {
      sent: { ...this.sent },
      accepted: this.accepted,
      rejected: this.rejected,
      rejectedByReason: Object.fromEntries(this.byReason),
      firstRejections: [...this.first],
      requests: this.requests,
      retries: this.retries,
      elapsedMs,
      lastSimulatedTs,
    };
  }
}
