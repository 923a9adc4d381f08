import { beforeEach, describe, expect, it } from 'vitest';
import type { MonitorService } from '../../src/service/monitorService.js';
import {
  AppClient,
  MINUTE,
  NOW,
  ingestReply,
  overallCounts,
  prediction,
  sampleValue,
  useFreshService,
} from '../service/serviceFixtures.js';

let service: MonitorService;
let client: AppClient;

useFreshService((fresh) => {
  ({ service, client } = fresh);
});

const ts = NOW - 10 * MINUTE;

function ingested(kind: string): number {
  return sampleValue(client.metrics(), 'fairwatch_ingested_events_total', `kind="${kind}"`);
}

describe('idempotent predictions', () => {
  it('accepts an identical retry but counts it once, in the statistics and in /metrics', () => {
    const batch = [prediction('p-1', ts), prediction('p-2', ts)];
    expect(ingestReply(client.postJson('/v1/predictions', batch))).toMatchObject({
      accepted: 2,
      duplicates: 0,
    });
    expect(ingestReply(client.postJson('/v1/predictions', batch))).toEqual({
      accepted: 2,
      duplicates: 2,
      held: 0,
      rejected: [],
    });
    expect(overallCounts(client).predictions).toBe(2);
    expect(ingested('predictions')).toBe(2);
    expect(service.store.storedPredictions()).toBe(2);
  });

  it('treats a retry with its keys in another order as identical', () => {
    ingestReply(client.postJson('/v1/predictions', prediction('p-1', ts)));
    const reordered = {
      groups: { sex: 'F', segment: 's01' },
      score: 0.7,
      ts,
      version: 'v1',
      model: 'loans',
      id: 'p-1',
    };
    expect(ingestReply(client.postJson('/v1/predictions', reordered))).toMatchObject({
      accepted: 1,
      duplicates: 1,
    });
    expect(overallCounts(client).predictions).toBe(1);
  });

  it('counts a retry repeated within one batch once', () => {
    const reply = ingestReply(
      client.postJson('/v1/predictions', [prediction('p-1', ts), prediction('p-1', ts)]),
    );
    expect(reply).toMatchObject({ accepted: 2, duplicates: 1 });
    expect(overallCounts(client).predictions).toBe(1);
    expect(ingested('predictions')).toBe(1);
  });

  it('rejects a different prediction under a used id and keeps the first', () => {
    ingestReply(client.postJson('/v1/predictions', prediction('p-1', ts)));
    const reply = ingestReply(
      client.postJson('/v1/predictions', [
        prediction('p-1', ts, { score: 0.2 }),
        prediction('p-2', ts),
      ]),
    );
    expect(reply.accepted).toBe(1);
    expect(reply.rejected).toEqual([
      { index: 0, reason: 'id p-1 is already used by a different prediction' },
    ]);
    const counts = overallCounts(client);
    expect(counts.predictions).toBe(2);
    expect(counts.decisionRate).toBe(1);
    expect(
      sampleValue(
        client.metrics(),
        'fairwatch_rejected_events_total',
        'kind="predictions",reason="id_conflict"',
      ),
    ).toBe(1);
  });
});

describe('idempotent outcomes', () => {
  beforeEach(() => {
    ingestReply(client.postJson('/v1/predictions', [prediction('p-1', ts), prediction('p-2', ts)]));
  });

  it('accepts the same label again as a duplicate and counts it once', () => {
    const outcome = { id: 'p-1', ts: ts + MINUTE, label: 1 };
    expect(ingestReply(client.postJson('/v1/outcomes', outcome))).toMatchObject({
      accepted: 1,
      duplicates: 0,
    });
    expect(ingestReply(client.postJson('/v1/outcomes', outcome))).toMatchObject({
      accepted: 1,
      duplicates: 1,
    });
    const counts = overallCounts(client);
    expect(counts.tp).toBe(1);
    expect(counts.pending).toBe(1);
    expect(ingested('outcomes')).toBe(1);
  });

  it('rejects a different label for a labelled prediction and keeps the first', () => {
    ingestReply(client.postJson('/v1/outcomes', { id: 'p-1', ts: ts + MINUTE, label: 1 }));
    const reply = ingestReply(
      client.postJson('/v1/outcomes', { id: 'p-1', ts: ts + MINUTE, label: 0 }),
    );
    expect(reply.rejected).toEqual([
      { index: 0, reason: 'prediction p-1 already has a different outcome' },
    ]);
    const counts = overallCounts(client);
    expect(counts.tp).toBe(1);
    expect(counts.fp).toBe(0);
    expect(
      sampleValue(
        client.metrics(),
        'fairwatch_rejected_events_total',
        'kind="outcomes",reason="label_conflict"',
      ),
    ).toBe(1);
  });

  it('treats a held outcome sent again as a duplicate and a different held label as a conflict', () => {
    const held = { id: 'later', ts, label: 0 };
    expect(ingestReply(client.postJson('/v1/outcomes', held))).toMatchObject({ held: 1 });
    expect(ingestReply(client.postJson('/v1/outcomes', held))).toMatchObject({
      held: 0,
      duplicates: 1,
    });
    expect(
      ingestReply(client.postJson('/v1/outcomes', { ...held, label: 1 })).rejected,
    ).toHaveLength(1);
    expect(service.store.heldOutcomes).toBe(1);
  });

  it('treats the same label sent again at another time as a duplicate whether or not its prediction has arrived', () => {
    const early = { id: 'later', ts: ts + MINUTE, label: 1 };
    expect(ingestReply(client.postJson('/v1/outcomes', early))).toMatchObject({ held: 1 });
    const again = { ...early, ts: ts + 2 * MINUTE };
    expect(ingestReply(client.postJson('/v1/outcomes', again))).toMatchObject({
      duplicates: 1,
      rejected: [],
    });
    ingestReply(client.postJson('/v1/predictions', prediction('later', ts)));
    expect(ingestReply(client.postJson('/v1/outcomes', again))).toMatchObject({
      duplicates: 1,
      rejected: [],
    });
    expect(overallCounts(client).tp).toBe(1);
  });
});
