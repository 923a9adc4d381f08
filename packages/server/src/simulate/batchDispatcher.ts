import type { BatchResult } from './postBatch.js';
import type { EventKind } from './simulatedEvents.js';

/** Posts one batch; resolves with the service's answer, rejects when the run must stop. */
export type PostFunction = (kind: EventKind, lines: readonly string[]) => Promise<BatchResult>;

interface PredictionRequest {
  readonly firstIndex: number;
  readonly done: Promise<void>;
}

/**
 * Keeps up to `maxInFlight` requests in flight and remembers which prediction indices the
 * unanswered prediction requests hold, so an outcome is never posted before the service has
 * answered for its prediction. The first failure stops the run: later calls throw it.
 */
export class BatchDispatcher {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly predictionRequests: PredictionRequest[] = [];
  private failure: { readonly error: unknown } | null = null;

  constructor(
    private readonly post: PostFunction,
    private readonly maxInFlight: number,
    private readonly onResult: (
      kind: EventKind,
      lines: readonly string[],
      result: BatchResult,
    ) => void,
  ) {}

  get pending(): number {
    return this.inFlight.size;
  }

  /**
   * Starts a request once a slot is free. `firstIndex` is the lowest prediction index a
   * prediction batch holds.
   */
  async send(kind: EventKind, lines: readonly string[], firstIndex = -1): Promise<void> {
    while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
    this.throwIfFailed();
    const done: Promise<void> = this.post(kind, lines).then(
      (result) => {
        this.onResult(kind, lines, result);
      },
      (error: unknown) => {
        this.failure ??= { error };
      },
    );
    const tracked = done.finally(() => {
      this.inFlight.delete(tracked);
      const at = this.predictionRequests.findIndex((r) => r.done === tracked);
      if (at >= 0) this.predictionRequests.splice(at, 1);
    });
    this.inFlight.add(tracked);
    if (kind === 'prediction') this.predictionRequests.push({ firstIndex, done: tracked });
  }

  /** Waits until every prediction request holding an index <= `index` has been answered. */
  async predictionsAnsweredThrough(index: number): Promise<void> {
    const waiting = this.predictionRequests.filter((r) => r.firstIndex <= index).map((r) => r.done);
    await Promise.all(waiting);
    this.throwIfFailed();
  }

  /** Waits for every request in flight. */
  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure.error;
  }
}
