import { describe, expect, it } from 'vitest';
import type { MonitorService } from '../../src/service/monitorService.js';
import {
  AppClient,
  MINUTE,
  NOW,
  ingestReply,
  jsonAt,
  prediction,
  sampleValue,
  useFreshService,
} from '../service/serviceFixtures.js';

let service: MonitorService;
let client: AppClient;

useFreshService((fresh) => {
  ({ service, client } = fresh);
});

describe('GET /v1/ingest', () => {
  it('reports what ingest did by kind and reason, as /metrics counts it', () => {
    const a = prediction('a', NOW - 2 * MINUTE);
    ingestReply(client.postJson('/v1/predictions', [a, prediction('b', NOW - MINUTE), a]));
    ingestReply(
      client.postJson('/v1/predictions', [
        a,
        { ...a, score: 0.1 },
        { ...a, id: 'c', model: 'nope' },
        { id: 'd' },
      ]),
    );
    ingestReply(
      client.postJson('/v1/outcomes', [
        { id: 'a', ts: NOW, label: 1 },
        { id: 'a', ts: NOW, label: 1 },
        { id: 'later', ts: NOW, label: 0 },
      ]),
    );
    ingestReply(
      client.postJson('/v1/deployments', {
        model: 'loans',
        version: 'v2',
        ts: NOW,
        kind: 'deploy',
      }),
    );
    expect(
      client.request('POST', '/v1/predictions', '{', { 'content-type': 'text/csv' }).status,
    ).toBe(415);

    const health = client.getJson('/v1/ingest');
    expect(jsonAt(health, 'events')).toEqual({
      predictions: {
        accepted: 4,
        ingested: 2,
        duplicates: 2,
        held: 0,
        rejected: 3,
        rejected_by_reason: { id_conflict: 1, invalid: 1, unknown_model: 1 },
      },
      outcomes: {
        accepted: 3,
        // Committed: the joined outcome and the held one.
        ingested: 2,
        duplicates: 1,
        held: 1,
        rejected: 0,
        rejected_by_reason: {},
      },
      deployments: {
        accepted: 1,
        ingested: 1,
        duplicates: 0,
        held: 0,
        rejected: 0,
        rejected_by_reason: {},
      },
    });
    expect(jsonAt(health, 'rejected_requests')).toEqual({ unsupported_media: 1 });
    expect(jsonAt(health, 'held_outcomes')).toBe(1);
    expect(jsonAt(health, 'models')).toEqual([
      { model: 'loans', pending_labels: 1, last_event_ts: new Date(NOW - MINUTE).toISOString() },
    ]);
    expect(jsonAt(health, 'store', 'retained_predictions')).toBe(2);
    expect(jsonAt(health, 'store', 'bytes')).toBeGreaterThan(0);

    const metrics = client.metrics();
    const counted = (name: string, labels: string): number => sampleValue(metrics, name, labels);
    expect(counted('fairwatch_duplicate_events_total', 'kind="predictions"')).toBe(2);
    expect(counted('fairwatch_held_outcomes_total', '')).toBe(1);
    expect(counted('fairwatch_ingested_events_total', 'kind="outcomes"')).toBe(2);
    expect(counted('fairwatch_pending_labels', 'model="loans",attribute="sex",value="F"')).toBe(1);
  });

  it('lists every configured model, with no event time before its first prediction', () => {
    expect(jsonAt(client.getJson('/v1/ingest'), 'models')).toEqual([
      { model: 'loans', pending_labels: 0, last_event_ts: null },
    ]);
    expect(service.config.models).toHaveLength(1);
  });
});
