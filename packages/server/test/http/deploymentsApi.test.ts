import { describe, expect, it } from 'vitest';
import {
  AppClient,
  HOUR,
  MINUTE,
  NOW,
  bodyJson,
  useFreshService,
} from '../service/serviceFixtures.js';

let client: AppClient;

useFreshService((fresh) => {
  ({ client } = fresh);
});

function deploy(version: string, ts: number, kind: string): void {
  const response = client.postJson('/v1/deployments', { model: 'loans', version, ts, kind });
  expect(bodyJson(response)).toMatchObject({ accepted: 1, rejected: [] });
}

describe('GET /v1/models/{model}/deployments', () => {
  it('lists the deployments in the window, oldest first, with RFC 3339 times', () => {
    deploy('v2', NOW - 10 * MINUTE, 'promote');
    deploy('v2', NOW - 40 * MINUTE, 'canary_start');
    deploy('v1', NOW - 3 * HOUR, 'deploy');
    expect(client.getJson('/v1/models/loans/deployments?window=1h')).toEqual({
      deployments: [
        { version: 'v2', ts: new Date(NOW - 40 * MINUTE).toISOString(), kind: 'canary_start' },
        { version: 'v2', ts: new Date(NOW - 10 * MINUTE).toISOString(), kind: 'promote' },
      ],
    });
  });

  it('takes from and to instead of a window, to excluded', () => {
    deploy('v1', NOW - 3 * HOUR, 'deploy');
    deploy('v2', NOW - 2 * HOUR, 'canary_start');
    const from = new Date(NOW - 4 * HOUR).toISOString();
    const to = String(NOW - 2 * HOUR);
    expect(client.getJson(`/v1/models/loans/deployments?from=${from}&to=${to}`)).toEqual({
      deployments: [{ version: 'v1', ts: new Date(NOW - 3 * HOUR).toISOString(), kind: 'deploy' }],
    });
  });

  it.each([
    ['window=soon', 'window soon is not a duration such as 15m or 1h'],
    ['from=yesterday', 'from must be RFC 3339 or epoch milliseconds'],
    ['window=1h&limit=3', 'unknown parameter limit; use window, from, to'],
  ])('answers 400 with one line for %s', (query, error) => {
    const response = client.get(`/v1/models/loans/deployments?${query}`);
    expect(response.status).toBe(400);
    expect(bodyJson(response)).toEqual({ error });
  });

  it('stores a retried identical deployment once (regression: it was stored twice)', () => {
    const event = { model: 'loans', version: 'v2', ts: NOW - MINUTE, kind: 'promote' };
    expect(bodyJson(client.postJson('/v1/deployments', event))).toMatchObject({ duplicates: 0 });
    expect(bodyJson(client.postJson('/v1/deployments', [event, event]))).toEqual({
      accepted: 2,
      duplicates: 2,
      held: 0,
      rejected: [],
    });
    // A different kind at the same time is another deployment.
    deploy('v2', NOW - MINUTE, 'rollback');
    expect(client.getJson('/v1/models/loans/deployments')).toEqual({
      deployments: [
        { version: 'v2', ts: new Date(NOW - MINUTE).toISOString(), kind: 'promote' },
        { version: 'v2', ts: new Date(NOW - MINUTE).toISOString(), kind: 'rollback' },
      ],
    });
  });

  it('answers 404 for an unknown model', () => {
    const response = client.get('/v1/models/nope/deployments');
    expect(response.status).toBe(404);
    expect(bodyJson(response)).toEqual({ error: 'unknown model nope' });
  });
});
