import type { MonitorService } from '../service/monitorService.js';
import type { Counter } from '../telemetry/counter.js';
import { CELL_FIELDS, PENDING } from '../windows/cellCounts.js';

const KINDS = ['predictions', 'outcomes', 'deployments'] as const;

/**
 * GET /v1/ingest: ingestion health read from the counters `/metrics` exports (since the
 * process started) and from the service's state (held outcomes, pending labels, the newest
 * event time, the store's size), so the two views cannot disagree.
 */
export function ingestHealth(service: MonitorService): Record<string, unknown> {
  const m = service.metrics;
  const rejectedByReason = labelledValues(m.rejections);
  const events = Object.fromEntries(
    KINDS.map((kind) => {
      const reasons = Object.fromEntries(
        rejectedByReason
          .filter((sample) => sample.labels.kind === kind)
          .map((sample) => [sample.labels.reason ?? '', sample.value]),
      );
      const ingested = m.ingested.get({ kind }) ?? 0;
      const duplicates = m.duplicateEvents.get({ kind }) ?? 0;
      return [
        kind,
        {
          accepted: ingested + duplicates,
          ingested,
          duplicates,
          held: kind === 'outcomes' ? (m.heldOutcomes.get({}) ?? 0) : 0,
          rejected: Object.values(reasons).reduce((sum, count) => sum + count, 0),
          rejected_by_reason: reasons,
        },
      ];
    }),
  );
  const models = [...service.statistics.models.values()].map((model) => {
    let pending = 0;
    let lastTs = Number.NEGATIVE_INFINITY;
    for (const version of model.versions.values()) {
      if (version.lastSeen > lastTs) lastTs = version.lastSeen;
      // The minute buckets, as the fairwatch_pending_labels gauge counts them.
      const sum = version.tiers[0]!.sum(
        Number.NEGATIVE_INFINITY,
        Number.POSITIVE_INFINITY,
        model.cells.size,
      );
      for (let cell = 0; cell < model.cells.size; cell++)
        pending += sum[cell * CELL_FIELDS + PENDING]!;
    }
    return {
      model: model.model,
      pending_labels: pending,
      last_event_ts: Number.isFinite(lastTs) ? new Date(lastTs).toISOString() : null,
    };
  });
  return {
    since: 'process start',
    events,
    rejected_requests: Object.fromEntries(
      labelledValues(m.requestRejections).map((sample) => [
        sample.labels.reason ?? '',
        sample.value,
      ]),
    ),
    held_outcomes: service.store.heldOutcomes,
    models,
    store: {
      retained_predictions: service.store.storedPredictions(),
      bytes: service.store.sizeBytes(),
    },
  };
}

function labelledValues<L extends string>(
  counter: Counter<L>,
): { labels: Partial<Record<string, string>>; value: number }[] {
  return counter.snapshot().samples.map((sample) => ({
    labels: Object.fromEntries(sample.labels),
    value: sample.value,
  }));
}
