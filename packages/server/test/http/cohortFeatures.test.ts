import { describe, expect, it } from 'vitest';
import { cohortFeatures } from '../../src/http/cohortFeatures.js';
import type { MonitorService } from '../../src/service/monitorService.js';
import {
  AppClient,
  HOUR,
  MINUTE,
  NOW,
  bodyJson,
  ingestReply,
  jsonAt,
  jsonListAt,
  prediction,
  useFreshService,
} from '../service/serviceFixtures.js';

let service: MonitorService;
let client: AppClient;

useFreshService((fresh) => {
  ({ service, client } = fresh);
});

function predict(id: string, ts: number, segment: string, features: unknown): void {
  const event = prediction(id, ts, { groups: { segment, sex: 'F' }, features });
  expect(ingestReply(client.postJson('/v1/predictions', event)).rejected).toEqual([]);
}

/** Ten s01 predictions with incomes 0..9 and ten s02 ones with 10..19, in the last hour. */
function twoCohorts(): void {
  for (let i = 0; i < 10; i++) {
    predict(`a${String(i)}`, NOW - (20 - i) * MINUTE, 's01', {
      income: i,
      region: i < 7 ? 'north' : 'south',
      tags: ['x'],
    });
    predict(`b${String(i)}`, NOW - (10 - i) * MINUTE, 's02', {
      income: 10 + i,
      region: i < 2 ? 'north' : 'east',
      ...(i === 0 ? {} : { tags: null }),
    });
  }
}

describe('GET /v1/models/{model}/features', () => {
  it('shows each feature in the cohort and in the rest on shared bins', () => {
    twoCohorts();
    const body = client.getJson('/v1/models/loans/features?group.segment=s01&window=1h&bins=4');
    expect(body).toEqual({
      model: 'loans',
      cohort: { segment: 's01' },
      from: new Date(NOW - HOUR).toISOString(),
      to: new Date(NOW).toISOString(),
      bins: 4,
      rows_scanned: 20,
      sampled: false,
      cohort_rows: 10,
      rest_rows: 10,
      suppressed: false,
      features: [
        {
          name: 'income',
          kind: 'numeric',
          // numpy.histogram(range(20), bins=4): edges 0, 4.75, 9.5, 14.25, 19.
          edges: [0, 4.75, 9.5, 14.25, 19],
          cohort: { counts: [5, 5, 0, 0], missing: 0 },
          rest: { counts: [0, 0, 5, 5], missing: 0 },
        },
        {
          name: 'region',
          kind: 'categorical',
          values: [
            { value: 'north', cohort: 7, rest: 2 },
            { value: 'east', cohort: 0, rest: 8 },
            { value: 'south', cohort: 3, rest: 0 },
          ],
          cohort: { other: 0, missing: 0 },
          rest: { other: 0, missing: 0 },
        },
        { name: 'tags', kind: 'unsupported', reason: 'objects and lists are not summarised' },
      ],
    });
  });

  it('lists the 20 most frequent values of a categorical feature and sums the others', () => {
    for (let i = 0; i < 25; i++)
      predict(`c${String(i)}`, NOW - MINUTE, 's01', { zip: `z${String(i % 22)}` });
    for (let i = 0; i < 10; i++) predict(`d${String(i)}`, NOW - MINUTE, 's02', { zip: 'z0' });
    const body = client.getJson('/v1/models/loans/features?group.segment=s01');
    const values = jsonListAt(body, 'features', 0, 'values');
    expect(values).toHaveLength(20);
    expect(values.slice(0, 4)).toEqual([
      { value: 'z0', cohort: 2, rest: 10 },
      { value: 'z1', cohort: 2, rest: 0 },
      { value: 'z2', cohort: 2, rest: 0 },
      { value: 'z10', cohort: 1, rest: 0 },
    ]);
    // z3..z21 appear once each; 17 of them fit in the list, 2 do not.
    expect(jsonAt(body, 'features', 0, 'cohort')).toEqual({ other: 2, missing: 0 });
  });

  it('counts rows without a feature as missing on their side', () => {
    twoCohorts();
    for (let i = 0; i < 3; i++) predict(`n${String(i)}`, NOW - MINUTE, 's01', null);
    const body = client.getJson('/v1/models/loans/features?group.segment=s01&bins=2');
    expect(body).toMatchObject({ cohort_rows: 13, rest_rows: 10 });
    expect(jsonListAt(body, 'features')[0]).toMatchObject({
      name: 'income',
      cohort: { counts: [10, 0], missing: 3 },
      rest: { counts: [0, 10], missing: 0 },
    });
  });

  it('reads at most the bound of newest rows in the window and says it sampled', () => {
    twoCohorts();
    for (let i = 0; i < 10; i++)
      predict(`old${String(i)}`, NOW - 50 * MINUTE, 's01', { income: 0 });
    const query = new URLSearchParams('group.segment=s01&bins=2');
    expect(cohortFeatures(service, 'loans', query, 20)).toMatchObject({
      rows_scanned: 20,
      sampled: true,
      cohort_rows: 10,
      rest_rows: 10,
    });
    expect(cohortFeatures(service, 'loans', query, 30)).toMatchObject({
      rows_scanned: 30,
      sampled: false,
      cohort_rows: 20,
    });
  });

  it('leaves out predictions outside the window', () => {
    twoCohorts();
    const body = client.getJson('/v1/models/loans/features?group.segment=s01&window=10m');
    expect(body).toMatchObject({ rows_scanned: 10, suppressed: true });
    expect(body).not.toHaveProperty('cohort_rows');
  });

  it('suppresses the comparison when either side is under the privacy minimum cell size', () => {
    twoCohorts();
    predict('z', NOW - MINUTE, 's03', { income: 1 });
    expect(client.getJson('/v1/models/loans/features?group.segment=s03')).toEqual({
      model: 'loans',
      cohort: { segment: 's03' },
      from: new Date(NOW - HOUR).toISOString(),
      to: new Date(NOW).toISOString(),
      bins: 20,
      rows_scanned: 21,
      sampled: false,
      suppressed: true,
      reason:
        'the cohort or the rest has fewer than 10 predictions in the window (privacy minimum cell size)',
      features: [],
    });
  });

  it.each([
    ['window=1h', 'name the cohort with group.<attribute>=<value>'],
    ['group.race=x', 'attribute race is not configured for loans; use segment, sex'],
    ['group.sex=F&bins=0', 'bins must be a whole number from 1 to 200'],
    ['group.sex=F&bins=2.5', 'bins must be a whole number from 1 to 200'],
    ['group.sex=F&window=never', 'window never is not a duration such as 15m or 1h'],
    [
      'group.sex=F&limit=3',
      'unknown parameter limit; use group.<attribute>, window, from, to, bins',
    ],
  ])('answers 400 with one line for %s', (query, error) => {
    const response = client.get(`/v1/models/loans/features?${query}`);
    expect(response.status).toBe(400);
    expect(bodyJson(response)).toEqual({ error });
  });

  it('answers 404 for an unknown model', () => {
    expect(client.get('/v1/models/nope/features?group.sex=F').status).toBe(404);
  });
});
