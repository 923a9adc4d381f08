import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { StoreError } from '../../src/errors.js';
import type { MonitorService } from '../../src/service/monitorService.js';
import { storeFailure } from '../../src/store/storeFailure.js';
import {
  AppClient,
  MINUTE,
  NOW,
  bodyJson,
  ingestReply,
  prediction,
  sampleValue,
  useFreshService,
} from '../service/serviceFixtures.js';

let service: MonitorService;
let client: AppClient;

useFreshService((fresh) => {
  ({ service, client } = fresh);
});

describe('storeFailure', () => {
  it.each([
    ['SQLITE_FULL', 'the store is out of disk space; retry later'],
    ['SQLITE_BUSY', 'the store is busy; retry later'],
    ['SQLITE_LOCKED_SHAREDCACHE', 'the store is busy; retry later'],
    ['SQLITE_IOERR_WRITE', 'the store could not write the events; retry later'],
  ])('turns %s into a StoreError that keeps the SQLite error as its cause', (code, message) => {
    const cause = new Database.SqliteError('database or disk is full', code);
    const failure = storeFailure(cause);
    expect(failure).toBeInstanceOf(StoreError);
    expect(failure).toMatchObject({ code: 'store', message, cause });
  });

  it('leaves other errors alone', () => {
    const bug = new TypeError('x is undefined');
    expect(storeFailure(bug)).toBe(bug);
  });
});

describe('a store that fails during ingest', () => {
  it('answers 503 with Retry-After and no internals, counts it, and takes events again after (regression: a generic 500)', () => {
    // A second connection makes every prediction insert fail, as a full or broken disk would.
    const other = new Database(service.config.server.store);
    other.exec(
      "CREATE TRIGGER broken BEFORE INSERT ON predictions BEGIN SELECT RAISE(ABORT, 'simulated failure'); END",
    );
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = client.postJson('/v1/predictions', prediction('a', NOW - MINUTE));
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(bodyJson(response)).toEqual({
        error: 'the store could not write the events; retry later',
      });
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0]?.[0])).toContain('simulated failure');
      expect(
        sampleValue(client.metrics(), 'fairwatch_rejected_requests_total', 'reason="store"'),
      ).toBe(1);
    } finally {
      logged.mockRestore();
      other.exec('DROP TRIGGER broken');
      other.close();
    }
    expect(ingestReply(client.postJson('/v1/predictions', prediction('a', NOW - MINUTE)))).toEqual({
      accepted: 1,
      duplicates: 0,
      held: 0,
      rejected: [],
    });
    expect(service.store.storedPredictions()).toBe(1);
  });
});
