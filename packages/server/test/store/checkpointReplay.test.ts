import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/errors.js';
import { SqliteStore } from '../../src/store/sqliteStore.js';
import { CELL_FIELDS } from '../../src/windows/cellCounts.js';
import type { MonitorStatistics } from '../../src/windows/monitorStatistics.js';
import {
  HOUR,
  MINUTE,
  NOW,
  AppClient,
  feedSimulation,
  modelMetricsOf,
  prediction,
  useRestartableServices,
} from '../service/serviceFixtures.js';

const services = useRestartableServices();
const { start, crash } = services;

/**
 * Every bucket of every tier, model and version, as dense counts of the model's cells (a
 * bucket's form and spare capacity are not part of its counts).
 */
function bucketDump(statistics: MonitorStatistics): Record<string, number[]> {
  const dump: Record<string, number[]> = {};
  for (const [name, model] of statistics.models) {
    const width = model.cells.size * CELL_FIELDS;
    for (const version of model.versions.values()) {
      for (const tier of version.tiers) {
        for (const { start, counts } of tier.between(
          Number.NEGATIVE_INFINITY,
          Number.POSITIVE_INFINITY,
        )) {
          const dense = Array.from(counts.toDense(width).subarray(0, width));
          dump[`${name}/${version.version}/${tier.name}/${String(start)}`] = dense;
        }
      }
    }
  }
  return dump;
}

const SIMULATION = {
  scenario: 'canary-regression',
  seed: 7,
  ratePerSecond: 1,
  startMs: NOW - 3 * HOUR,
  durationMs: 3 * HOUR,
} as const;

describe('restart from checkpoint and replay', () => {
  it('rebuilds identical statistics from the checkpoint and the changes after it', () => {
    const first = start();
    const events = feedSimulation(first, { ...SIMULATION, durationMs: 60 * MINUTE });
    first.flush();
    // After the checkpoint: new predictions, labels for predictions in the checkpoint, and an
    // outcome held for a prediction that comes later still.
    const later = feedSimulation(first, {
      ...SIMULATION,
      seed: 8,
      startMs: NOW - 60 * MINUTE,
      durationMs: 60 * MINUTE,
    });
    const labelled = new Set(
      events.flatMap((event) => (event.kind === 'outcome' ? [event.body.id] : [])),
    );
    const lateLabels = events
      .flatMap((event) =>
        event.kind === 'prediction' && !labelled.has(event.body.id) ? [event.body.id] : [],
      )
      .map((id, i) => ({ value: { id, ts: NOW - MINUTE, label: i % 2 } }));
    expect(lateLabels.length).toBeGreaterThan(5);
    expect(first.ingest('outcomes', lateLabels)).toMatchObject({ held: 0, rejected: [] });
    expect(first.ingest('outcomes', [{ value: { id: 'early', ts: NOW, label: 1 } }]).held).toBe(1);
    first.ingest('predictions', [{ value: prediction('early', NOW - 2 * MINUTE) }]);
    expect(later.length).toBeGreaterThan(0);
    const before = bucketDump(first.statistics);
    crash(first);

    const second = start();
    expect(second.replayedChanges).toBeGreaterThan(0);
    expect(bucketDump(second.statistics)).toEqual(before);
  });

  it('rebuilds identical statistics from raw events alone when it crashed before any checkpoint', () => {
    const first = start();
    feedSimulation(first, { ...SIMULATION, durationMs: 20 * MINUTE });
    const before = bucketDump(first.statistics);
    crash(first);
    const second = start();
    expect(bucketDump(second.statistics)).toEqual(before);
  });

  it('replays nothing after a clean close and still has every count', async () => {
    const first = start();
    feedSimulation(first, { ...SIMULATION, durationMs: 20 * MINUTE });
    const before = bucketDump(first.statistics);
    await services.stop(first);
    const second = start();
    expect(second.replayedChanges).toBe(0);
    expect(bucketDump(second.statistics)).toEqual(before);
  });

  it('keeps each version last-seen time across a clean restart, so the version is still evaluated', async () => {
    const first = start({ clock: 'event' });
    feedSimulation(first, { ...SIMULATION, scenario: 'fair', durationMs: 20 * MINUTE });
    const lastSeen = first.statistics.model('loans')!.version('v1').lastSeen;
    const clockBefore = first.clock.now();
    await services.stop(first);

    const second = start({ clock: 'event' });
    const version = second.statistics.model('loans')!.versions.get('v1');
    expect(version?.lastSeen).toBe(lastSeen);
    expect(second.clock.now()).toBe(clockBefore);
    const models = new AppClient(second).getJson('/v1/models');
    expect(models).toMatchObject({
      models: [{ versions: [{ version: 'v1', last_seen: new Date(lastSeen).toISOString() }] }],
    });
    second.evaluate(second.clock.now());
    const statuses = second.evaluator.sloStatuses(second.clock.now());
    expect(statuses.map((status) => status.status)).not.toContain('no_data');
  });

  it('replays predictions written after raw events were purged and the store restarted', async () => {
    let wall = NOW;
    services.config = {
      ...services.config,
      server: { ...services.config.server, outcomeHoldMs: HOUR },
      retention: { ...services.config.retention, rawEventsMs: HOUR },
    };
    const first = start({ wall: () => wall });
    const firstBatch = Array.from({ length: 5 }, (_, i) => ({
      value: prediction(`a-${String(i)}`, NOW - 10 * MINUTE),
    }));
    expect(first.ingest('predictions', firstBatch).accepted).toBe(5);
    wall = NOW + 2 * HOUR;
    first.maintain();
    expect(first.store.storedPredictions()).toBe(0);
    await services.stop(first);

    const second = start({ wall: () => wall });
    const secondBatch = Array.from({ length: 3 }, (_, i) => ({
      value: prediction(`b-${String(i)}`, wall - 10 * MINUTE),
    }));
    expect(second.ingest('predictions', secondBatch).accepted).toBe(3);
    crash(second);

    const third = start({ wall: () => wall });
    expect(modelMetricsOf(new AppClient(third), 'window=3h').overall.predictions).toBe(8);
  });

  it('keeps silences across a restart', async () => {
    const first = start();
    const client = new AppClient(first);
    const created = client.postJson('/v1/silences', {
      matchers: { slo: 'loans-fpr-parity' },
      endsAt: new Date(NOW + HOUR).toISOString(),
      createdBy: 'oncall',
    });
    expect(created.status).toBe(201);
    await services.stop(first);
    const second = start();
    expect(second.silences()).toMatchObject([
      { matchers: { slo: 'loans-fpr-parity' }, createdBy: 'oncall', endsAt: NOW + HOUR },
    ]);
  });
});

describe('the store schema', () => {
  it('refuses a store whose recorded migration differs from this version', () => {
    const path = services.dir.file('other.db');
    new SqliteStore(path).close();
    const db = new Database(path);
    db.prepare("UPDATE migrations SET sha256 = 'changed' WHERE name = '001_events'").run();
    db.close();
    expect(() => new SqliteStore(path)).toThrow(StoreError);
  });

  it('keeps one row per prediction id whatever the retries', () => {
    const service = start();
    const item = { value: prediction('p-1', NOW - MINUTE) };
    service.ingest('predictions', [item, item]);
    service.ingest('predictions', [item]);
    expect(service.store.storedPredictions()).toBe(1);
  });
});
