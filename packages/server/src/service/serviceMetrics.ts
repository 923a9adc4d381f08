import { MetricsRegistry } from '../telemetry/registry.js';
import type { Counter } from '../telemetry/counter.js';
import type { Histogram } from '../telemetry/histogram.js';
import type { EventKind, IngestCounters, RejectionCode } from '../ingest/ingestResult.js';

/** The service's own Prometheus families that are updated as things happen. */
export class ServiceMetrics implements IngestCounters {
  readonly registry = new MetricsRegistry({ defaultMaxSeries: 2000 });
  readonly ingested: Counter<'kind'>;
  readonly duplicateEvents: Counter<'kind'>;
  readonly heldOutcomes: Counter<never>;
  readonly rejections: Counter<'kind' | 'reason'>;
  readonly requestRejections: Counter<'reason'>;
  readonly requestSeconds: Histogram<'route'>;
  readonly evaluationSeconds: Histogram<never>;
  readonly notifications: Counter<'receiver' | 'status'>;

  constructor() {
    const r = this.registry;
    this.ingested = r.counter({
      name: 'fairwatch_ingested_events_total',
      help: 'Events committed to the store, by kind (identical retries not counted).',
      labelNames: ['kind'],
    });
    this.duplicateEvents = r.counter({
      name: 'fairwatch_duplicate_events_total',
      help: 'Identical retries of events already committed, accepted and counted once, by kind.',
      labelNames: ['kind'],
    });
    this.heldOutcomes = r.counter({
      name: 'fairwatch_held_outcomes_total',
      help: 'Outcomes that arrived before their prediction and were held for it.',
    });
    this.rejections = r.counter({
      name: 'fairwatch_rejected_events_total',
      help: 'Events rejected, by kind and reason.',
      labelNames: ['kind', 'reason'],
    });
    this.requestRejections = r.counter({
      name: 'fairwatch_rejected_requests_total',
      help: 'Requests refused as a whole, by reason.',
      labelNames: ['reason'],
    });
    this.requestSeconds = r.histogram({
      name: 'fairwatch_http_request_duration_seconds',
      help: 'HTTP request handling time, by route.',
      labelNames: ['route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    });
    this.evaluationSeconds = r.histogram({
      name: 'fairwatch_evaluation_duration_seconds',
      help: 'Time to evaluate every SLO once.',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    });
    this.notifications = r.counter({
      name: 'fairwatch_notifications_total',
      help: 'Notifications handed to receivers, by receiver and status.',
      labelNames: ['receiver', 'status'],
    });
  }

  accepted(kind: EventKind, count: number): void {
    this.ingested.inc({ kind }, count);
  }

  duplicates(kind: EventKind, count: number): void {
    this.duplicateEvents.inc({ kind }, count);
  }

  held(count: number): void {
    this.heldOutcomes.inc({}, count);
  }

  rejected(kind: EventKind, code: RejectionCode): void {
    this.rejections.inc({ kind, reason: code });
  }
}
