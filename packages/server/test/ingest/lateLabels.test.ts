import { describe, expect, it } from 'vitest';
import type { MonitorService } from '../../src/service/monitorService.js';
import { LAG_BIN_UPPER_SECONDS } from '../../src/windows/cellCounts.js';
import {
  AppClient,
  HOUR,
  MINUTE,
  NOW,
  ingestReply,
  modelMetricsOf,
  prediction,
  sampleValue,
  useFreshService,
} from '../service/serviceFixtures.js';

const DAY = 24 * HOUR;

let service: MonitorService;
let client: AppClient;

useFreshService((fresh) => {
  ({ service, client } = fresh);
});

/** The query of the one minute bucket holding `ts`. */
function minuteOf(ts: number): string {
  const start = Math.floor(ts / MINUTE) * MINUTE;
  return `from=${String(start)}&to=${String(start + MINUTE)}`;
}

function pendingGauge(segment: string): number {
  return sampleValue(
    client.metrics(),
    'fairwatch_pending_labels',
    `model="loans",attribute="segment",value="${segment}"`,
  );
}

describe('late labels', () => {
  it('counts an outcome in the bucket of its prediction, not of its own arrival', () => {
    const predictedAt = NOW - 5 * HOUR - 30_000;
    ingestReply(client.postJson('/v1/predictions', prediction('p-1', predictedAt)));
    ingestReply(client.postJson('/v1/outcomes', { id: 'p-1', ts: NOW - MINUTE, label: 1 }));

    const atPrediction = modelMetricsOf(client, minuteOf(predictedAt)).overall;
    expect(atPrediction).toMatchObject({ predictions: 1, tp: 1, pending: 0 });
    const atArrival = modelMetricsOf(client, 'window=10m').overall;
    expect(atArrival).toMatchObject({ predictions: 0, n: 0 });
  });

  it('counts a label that comes days later, after the minute buckets of its prediction are gone', () => {
    const predictedAt = NOW - 3 * DAY;
    ingestReply(client.postJson('/v1/predictions', prediction('p-1', predictedAt)));
    service.maintain();
    ingestReply(client.postJson('/v1/outcomes', { id: 'p-1', ts: NOW, label: 0 }));

    const around = `from=${String(predictedAt - HOUR)}&to=${String(predictedAt + HOUR)}`;
    const metrics = modelMetricsOf(client, around);
    expect(metrics.body).toMatchObject({ resolution: 'hour' });
    expect(metrics.overall).toMatchObject({ predictions: 1, fp: 1, pending: 0 });
  });

  it('does not bring back a pruned minute bucket with a negative pending count when a label comes days late', () => {
    ingestReply(client.postJson('/v1/predictions', prediction('p-1', NOW - 3 * DAY)));
    service.maintain();
    expect(pendingGauge('s01')).toBe(0);
    ingestReply(client.postJson('/v1/outcomes', { id: 'p-1', ts: NOW, label: 0 }));
    expect(pendingGauge('s01')).toBe(0);
  });

  it('holds an outcome that comes before its prediction and joins it when the prediction arrives', () => {
    const predictedAt = NOW - 20 * MINUTE;
    expect(
      ingestReply(client.postJson('/v1/outcomes', { id: 'p-1', ts: NOW - 10 * MINUTE, label: 1 })),
    ).toMatchObject({ accepted: 1, held: 1 });
    expect(service.store.heldOutcomes).toBe(1);
    expect(sampleValue(client.metrics(), 'fairwatch_held_outcomes', '')).toBe(1);
    expect(modelMetricsOf(client).overall).toMatchObject({ predictions: 0, n: 0 });

    ingestReply(client.postJson('/v1/predictions', prediction('p-1', predictedAt)));
    expect(service.store.heldOutcomes).toBe(0);
    expect(sampleValue(client.metrics(), 'fairwatch_held_outcomes', '')).toBe(0);
    const overall = modelMetricsOf(client, minuteOf(predictedAt)).overall;
    expect(overall).toMatchObject({ predictions: 1, tp: 1, pending: 0 });
    // 10 minutes from prediction to outcome: the bin of lags under 15 minutes.
    expect(overall.labelLag[LAG_BIN_UPPER_SECONDS.indexOf(900)]).toBe(1);
  });

  it('lowers the pending counts as labels arrive', () => {
    const segmentOf = (i: number): string => (i < 20 ? 's01' : 's02');
    const predictions = Array.from({ length: 30 }, (_, i) =>
      prediction(`p-${String(i)}`, NOW - 30 * MINUTE, {
        groups: { segment: segmentOf(i), sex: 'F' },
      }),
    );
    ingestReply(client.postJson('/v1/predictions', predictions));
    expect(modelMetricsOf(client).overall.pending).toBe(30);
    expect(pendingGauge('s01')).toBe(20);
    expect(pendingGauge('s02')).toBe(10);

    const labelled = [...Array.from({ length: 12 }, (_, i) => i), 20, 21];
    const labels = labelled.map((i) => ({ id: `p-${String(i)}`, ts: NOW - MINUTE, label: 1 }));
    ingestReply(client.postJson('/v1/outcomes', labels));
    expect(modelMetricsOf(client).overall.pending).toBe(16);
    expect(pendingGauge('s01')).toBe(8);
    expect(pendingGauge('s02')).toBe(8);
    const segments = modelMetricsOf(client, 'window=1h&attribute=segment').groups;
    expect(segments.find((g) => g.attributes.segment === 's01')).toMatchObject({
      predictions: 20,
      pending: 8,
      tp: 12,
    });
  });

  it('bins each outcome by how long after its prediction it came', () => {
    const lags = [30_000, 2 * MINUTE, 10 * MINUTE, 2 * HOUR, 10 * DAY];
    const predictions = lags.map((lag, i) => prediction(`p-${String(i)}`, NOW - lag));
    ingestReply(client.postJson('/v1/predictions', predictions));
    const outcomes = lags.map((_, i) => ({ id: `p-${String(i)}`, ts: NOW, label: 0 }));
    ingestReply(client.postJson('/v1/outcomes', outcomes));

    const expected = new Array<number>(LAG_BIN_UPPER_SECONDS.length + 1).fill(0);
    for (const upper of [60, 300, 900, 21_600, 2_592_000]) {
      expected[LAG_BIN_UPPER_SECONDS.indexOf(upper as (typeof LAG_BIN_UPPER_SECONDS)[number])]! +=
        1;
    }
    expect(modelMetricsOf(client, 'window=30d').overall.labelLag).toEqual(expected);
    // The gauge reads the minute buckets: the 10-day-old prediction's was never among them.
    const metrics = client.metrics();
    const gauge = (le: string): number =>
      sampleValue(metrics, 'fairwatch_label_lag_outcomes', `model="loans",le_seconds="${le}"`);
    expect([gauge('60'), gauge('300'), gauge('900'), gauge('21600')]).toEqual([1, 1, 1, 1]);
  });
});
