import { describe, expect, it } from 'vitest';
import {
  AppClient,
  MINUTE,
  NOW,
  bodyJson,
  ingestReply,
  jsonAt,
  jsonListAt,
  prediction,
  useFreshService,
} from '../service/serviceFixtures.js';

let client: AppClient;

useFreshService((fresh) => {
  ({ client } = fresh);
});

/** Posts predictions e0..e(n-1) one minute apart, the last a minute before NOW. */
function predict(prefix: string, n: number, overrides: Record<string, unknown>): void {
  const events = Array.from({ length: n }, (_, i) =>
    prediction(`${prefix}${String(i)}`, NOW - (n - i) * MINUTE, overrides),
  );
  expect(ingestReply(client.postJson('/v1/predictions', events)).rejected).toEqual([]);
}

function ids(query: string): unknown[] {
  return jsonListAt(client.getJson(`/v1/models/loans/events?${query}`), 'events').map((event) =>
    jsonAt(event, 'id'),
  );
}

describe('GET /v1/models/{model}/events', () => {
  it('returns a cohort’s newest predictions first, with outcome, lag, groups and features', () => {
    predict('f', 12, {
      groups: { segment: 's01', sex: 'F' },
      features: { income: 52_000, region: 'north' },
      traffic: 'canary',
    });
    ingestReply(client.postJson('/v1/outcomes', { id: 'f11', ts: NOW - 30_000, label: 1 }));
    const body = client.getJson('/v1/models/loans/events?group.segment=s01&limit=2');
    expect(body).toEqual({
      model: 'loans',
      cohort: { segment: 's01' },
      version: null,
      suppressed: false,
      events: [
        {
          id: 'f11',
          version: 'v1',
          ts: new Date(NOW - MINUTE).toISOString(),
          score: 0.7,
          decision: 1,
          label: 1,
          outcome_ts: new Date(NOW - 30_000).toISOString(),
          label_lag_seconds: 30,
          groups: { segment: 's01', sex: 'F' },
          features: { income: 52_000, region: 'north' },
          traffic: 'canary',
        },
        expect.objectContaining({
          id: 'f10',
          label: null,
          outcome_ts: null,
          label_lag_seconds: null,
        }),
      ],
    });
  });

  it('selects a cohort by every group parameter given, across the cells it spans', () => {
    predict('f', 10, { groups: { segment: 's01', sex: 'F' } });
    predict('m', 10, { groups: { segment: 's01', sex: 'M' } });
    predict('o', 10, { groups: { segment: 's02', sex: 'F' } });
    expect(ids('group.segment=s01&limit=500')).toHaveLength(20);
    expect(ids('group.segment=s01&group.sex=M&limit=500')).toEqual(
      Array.from({ length: 10 }, (_, i) => `m${String(9 - i)}`),
    );
    expect(ids('group.sex=F&limit=3')).toEqual(['o9', 'f9', 'o8']);
  });

  it('pages back in time with before (equal times: the later arrival first), and selects a version', () => {
    predict('a', 12, { version: 'v1' });
    predict('b', 12, { version: 'v2' });
    expect(
      ids(`group.segment=s01&limit=2&before=${new Date(NOW - 10 * MINUTE).toISOString()}`),
    ).toEqual(['b1', 'a1']);
    expect(ids('group.segment=s01&version=v2&limit=1')).toEqual(['b11']);
  });

  it('lists every cohort’s predictions, newest first, when no group is given', () => {
    predict('f', 10, { groups: { segment: 's01', sex: 'F' } });
    predict('o', 10, { groups: { segment: 's02', sex: 'M' }, version: 'v2' });
    expect(ids('limit=3')).toEqual(['o9', 'f9', 'o8']);
    expect(ids(`limit=2&before=${String(NOW - 9 * MINUTE)}`)).toEqual(['o0', 'f0']);
  });

  it('selects predictions without an attribute with an empty value', () => {
    predict('x', 10, { groups: { segment: 's03' } });
    predict('y', 10, { groups: { segment: 's03', sex: 'F' } });
    expect(ids('group.sex=&limit=500')).toEqual(
      Array.from({ length: 10 }, (_, i) => `x${String(9 - i)}`),
    );
  });

  it('answers suppressed without events for a cohort under the privacy minimum cell size', () => {
    predict('f', 12, { groups: { segment: 's01', sex: 'F' } });
    predict('s', 9, { groups: { segment: 's09', sex: 'F' } });
    expect(client.getJson('/v1/models/loans/events?group.segment=s09')).toEqual({
      model: 'loans',
      cohort: { segment: 's09' },
      version: null,
      suppressed: true,
      reason: 'fewer than 10 retained predictions (privacy minimum cell size)',
      events: [],
    });
    expect(ids('group.sex=F&limit=500')).toHaveLength(21);
    expect(client.getJson('/v1/models/loans/events?group.segment=s77')).toMatchObject({
      suppressed: true,
      events: [],
    });
  });

  it.each([
    ['group.race=x', 'attribute race is not configured for loans; use segment, sex'],
    ['group.sex=F&group.sex=M', 'group.sex is given twice'],
    ['limit=501', 'limit must be a whole number from 1 to 500'],
    ['limit=0', 'limit must be a whole number from 1 to 500'],
    ['before=noon', 'before must be RFC 3339 or epoch milliseconds'],
    ['segment=s01', 'unknown parameter segment; use group.<attribute>, version, limit, before'],
  ])('answers 400 with one line for %s', (query, error) => {
    const response = client.get(`/v1/models/loans/events?${query}`);
    expect(response.status).toBe(400);
    expect(bodyJson(response)).toEqual({ error });
  });

  it('answers 404 for an unknown model or version', () => {
    expect(client.get('/v1/models/nope/events').status).toBe(404);
    const response = client.get('/v1/models/loans/events?version=v9');
    expect(response.status).toBe(404);
    expect(bodyJson(response)).toEqual({ error: 'model loans has no version v9' });
  });
});
