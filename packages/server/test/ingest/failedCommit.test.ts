import { describe, expect, it } from 'vitest';
import {
  MINUTE,
  NOW,
  AppClient,
  bodyJson,
  ingestReply,
  modelMetricsOf,
  prediction,
  useRestartableServices,
} from '../service/serviceFixtures.js';

const services = useRestartableServices();
const { start } = services;

describe('an ingest transaction that fails', () => {
  it('answers 500, keeps nothing of the batch, and leaves no new cohort cell in memory that the store lacks (a restart then failed)', async () => {
    const service = start();
    const client = new AppClient(service);
    ingestReply(client.postJson('/v1/predictions', prediction('p-0', NOW - MINUTE)));

    // The store fails in the middle of a batch that brings a new cohort (s02, M).
    const store = service.store;
    const write = store.writePrediction.bind(store);
    let calls = 0;
    store.writePrediction = (stored) => {
      calls += 1;
      if (calls === 2) throw new Error('disk I/O error');
      return write(stored);
    };
    const failing = [
      prediction('p-1', NOW - MINUTE, { groups: { segment: 's02', sex: 'M' } }),
      prediction('p-2', NOW - MINUTE, { groups: { segment: 's03', sex: 'M' } }),
    ];
    const original = console.error;
    console.error = () => undefined;
    try {
      const response = client.postJson('/v1/predictions', failing);
      expect(response.status).toBe(500);
      expect(bodyJson(response)).toEqual({ error: 'internal error; see the server log' });
    } finally {
      console.error = original;
      store.writePrediction = write;
    }
    expect(store.storedPredictions()).toBe(1);
    expect(modelMetricsOf(client).overall.predictions).toBe(1);

    // Later batches bring other new cohorts; the retried batch then goes through.
    ingestReply(
      client.postJson('/v1/predictions', [
        prediction('p-3', NOW - MINUTE, { groups: { segment: 's04', sex: 'F' } }),
      ]),
    );
    ingestReply(client.postJson('/v1/predictions', failing));
    const before = modelMetricsOf(client, 'window=1h&attribute=segment').groups.length;
    await services.stop(service);

    const restarted = start();
    const after = new AppClient(restarted);
    expect(modelMetricsOf(after).overall.predictions).toBe(4);
    expect(modelMetricsOf(after, 'window=1h&attribute=segment').groups).toHaveLength(before);
  });

  it('keeps a held outcome that a failed batch had joined, so the retried batch joins it (the label was lost)', () => {
    const service = start();
    const client = new AppClient(service);
    expect(
      ingestReply(client.postJson('/v1/outcomes', { id: 'h-1', ts: NOW - MINUTE, label: 1 })),
    ).toMatchObject({ held: 1 });

    const store = service.store;
    const write = store.writePrediction.bind(store);
    store.writePrediction = (stored) => {
      if (stored.id === 'boom') throw new Error('disk I/O error');
      return write(stored);
    };
    const batch = [prediction('h-1', NOW - 2 * MINUTE), prediction('boom', NOW - 2 * MINUTE)];
    const original = console.error;
    console.error = () => undefined;
    try {
      expect(client.postJson('/v1/predictions', batch).status).toBe(500);
    } finally {
      console.error = original;
      store.writePrediction = write;
    }
    expect(store.heldOutcomes).toBe(1);

    ingestReply(client.postJson('/v1/predictions', batch));
    expect(store.heldOutcomes).toBe(0);
    expect(modelMetricsOf(client).overall).toMatchObject({ predictions: 2, tp: 1, pending: 1 });
  });
});
