/**
 * A store whose statistics buckets were written by an older layout is never read as the
 * current one: dense buckets (layout 2) are rewritten in place with the same numbers; buckets
 * written before score statistics were kept (layout 1) are rebuilt from the raw events, or,
 * when raw events have been purged, the start is refused with what to do.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/errors.js';
import type { MonitorService } from '../../src/service/monitorService.js';
import { BucketArray } from '../../src/windows/bucketArray.js';
import { CELL_FIELDS } from '../../src/windows/cellCounts.js';
import { SCORE_FIELDS } from '../../src/windows/scoreCounts.js';
import {
  HOUR,
  MINUTE,
  NOW,
  AppClient,
  feedSimulation,
  jsonAt,
  prediction,
  useRestartableServices,
} from '../service/serviceFixtures.js';

const services = useRestartableServices();
const { start, stop } = services;

/**
 * Rewrites the closed store's buckets as the versions before sparse buckets saved them: dense
 * float64 arrays of every cell (layout 2).
 */
function makeDenseStore(path: string): void {
  const db = new Database(path);
  const cells = new Map(
    (
      db.prepare('SELECT model, count(*) AS n FROM cells GROUP BY model').all() as {
        model: string;
        n: number;
      }[]
    ).map((row) => [row.model, row.n]),
  );
  const rows = db
    .prepare('SELECT model, version, tier, start, data, scores FROM buckets')
    .all() as {
    model: string;
    version: string;
    tier: string;
    start: number;
    data: Buffer;
    scores: Buffer | null;
  }[];
  const dense = (bytes: Buffer, rowLength: number, cellCount: number): Buffer => {
    const bucket = BucketArray.decode(bytes, rowLength);
    if (typeof bucket === 'string') throw new Error(bucket);
    const array = bucket.toDense(cellCount * rowLength);
    return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  };
  const update = db.prepare(
    'UPDATE buckets SET data = ?, scores = ? WHERE model = ? AND version = ? AND tier = ? AND start = ?',
  );
  db.transaction(() => {
    for (const row of rows) {
      const cellCount = cells.get(row.model) ?? 0;
      update.run(
        dense(row.data, CELL_FIELDS, cellCount),
        row.scores === null ? null : dense(row.scores, SCORE_FIELDS, cellCount),
        row.model,
        row.version,
        row.tier,
        row.start,
      );
    }
    db.prepare("UPDATE meta SET value = '2' WHERE key = 'bucket_layout'").run();
  })();
  db.close();
}

/** Turns the closed store back into one written before migration 005: counts-only buckets. */
function makeCountsOnlyStore(path: string): void {
  makeDenseStore(path);
  const db = new Database(path);
  db.exec(`
    ALTER TABLE buckets DROP COLUMN scores;
    DELETE FROM migrations WHERE name = '005_score_buckets';
    DELETE FROM meta WHERE key = 'bucket_layout';
  `);
  db.close();
}

function metaValue(path: string, key: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key);
  } finally {
    db.close();
  }
}

function overallOf(service: MonitorService): unknown {
  return jsonAt(
    new AppClient(service).getJson('/v1/models/loans/metrics?window=2h&attribute=segment'),
    'overall',
  );
}

describe('bucket layout', () => {
  it('marks a new store with the current layout', () => {
    start();
    expect(metaValue(services.config.server.store, 'bucket_layout')).toBe('3');
  });

  it('rewrites dense buckets (layout 2) in place, every number unchanged', async () => {
    const first = start();
    feedSimulation(first, {
      scenario: 'fair',
      seed: 12,
      ratePerSecond: 0.5,
      startMs: NOW - 90 * MINUTE,
      durationMs: 80 * MINUTE,
    });
    const client = new AppClient(first);
    const url = '/v1/models/loans/metrics?window=2h&step=10m&scores=true';
    const before = client.getJson(url);
    await stop(first);
    makeDenseStore(services.config.server.store);
    expect(metaValue(services.config.server.store, 'bucket_layout')).toBe('2');

    const second = start();
    expect(metaValue(services.config.server.store, 'bucket_layout')).toBe('3');
    // The buckets were read, not rebuilt: nothing after the checkpoint to replay.
    expect(second.replayedChanges).toBe(0);
    expect(new AppClient(second).getJson(url)).toEqual(before);
    await stop(second);
    // And the rewritten store reads back the same again.
    expect(new AppClient(start()).getJson(url)).toEqual(before);
  });

  it('rebuilds counts-only buckets from the raw events, scores included', async () => {
    const first = start();
    feedSimulation(first, {
      scenario: 'fair',
      seed: 11,
      ratePerSecond: 0.5,
      startMs: NOW - 90 * MINUTE,
      durationMs: 80 * MINUTE,
    });
    const before = overallOf(first);
    await stop(first);
    makeCountsOnlyStore(services.config.server.store);

    const second = start();
    expect(metaValue(services.config.server.store, 'bucket_layout')).toBe('3');
    // Nothing came from the old buckets: every stored prediction was replayed.
    expect(second.replayedChanges).toBe(second.store.storedPredictions());
    const after = overallOf(second);
    expect(jsonAt(after, 'score_distribution')).toEqual(jsonAt(before, 'score_distribution'));
    expect(jsonAt(after, 'predictions')).toEqual(jsonAt(before, 'predictions'));
    expect(jsonAt(after, 'metrics', 'auc', 'value')).toBeCloseTo(
      Number(jsonAt(before, 'metrics', 'auc', 'value')),
      12,
    );
    expect(jsonAt(after, 'metrics', 'brier', 'value')).toBeCloseTo(
      Number(jsonAt(before, 'metrics', 'brier', 'value')),
      12,
    );
  });

  it('refuses counts-only buckets whose raw events were purged, saying why', async () => {
    let wall = NOW;
    services.config = {
      ...services.config,
      server: { ...services.config.server, outcomeHoldMs: HOUR },
      retention: { ...services.config.retention, rawEventsMs: HOUR },
    };
    const first = start({ wall: () => wall });
    const batch = Array.from({ length: 5 }, (_, i) => ({
      value: prediction(`a-${String(i)}`, NOW - 10 * MINUTE),
    }));
    expect(first.ingest('predictions', batch).accepted).toBe(5);
    wall = NOW + 2 * HOUR;
    first.maintain();
    expect(first.store.storedPredictions()).toBe(0);
    await stop(first);
    makeCountsOnlyStore(services.config.server.store);

    expect(() => start({ wall: () => wall })).toThrow(StoreError);
    expect(() => start({ wall: () => wall })).toThrow(
      /saved before score statistics were kept, and 5 of the 5 predictions they count have been purged/,
    );
  });

  it('refuses a saved bucket it cannot read, in one line naming it', async () => {
    const first = start();
    feedSimulation(first, {
      scenario: 'fair',
      seed: 13,
      ratePerSecond: 0.2,
      startMs: NOW - 20 * MINUTE,
      durationMs: 10 * MINUTE,
    });
    await stop(first);
    const db = new Database(services.config.server.store);
    db.prepare("UPDATE buckets SET data = x'0900000001000000' WHERE tier = 'hour'").run();
    db.close();
    expect(() => start()).toThrow(
      /^the saved statistics bucket loans\/v1\/hour at \S+ is unreadable \(8 bytes are not a dense or sparse bucket\): the store was written by another fairwatch$/,
    );
  });

  it('refuses a bucket layout from another version', async () => {
    await stop(start());
    const db = new Database(services.config.server.store);
    db.prepare("UPDATE meta SET value = '4' WHERE key = 'bucket_layout'").run();
    db.close();
    expect(() => start()).toThrow(/bucket layout 4, which this fairwatch \(layout 3\) cannot read/);
  });
});
