import { describe, expect, it } from 'vitest';
import type { MonitorService } from '../../src/service/monitorService.js';
import {
  AppClient,
  HOUR,
  MINUTE,
  NOW,
  ingestReply,
  overallCounts,
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

describe('prediction checks', () => {
  it('rejects a prediction older than the coarsest statistics are kept', () => {
    const reply = ingestReply(
      client.postJson('/v1/predictions', [
        prediction('old', NOW - 401 * DAY),
        prediction('kept', NOW - 399 * DAY),
      ]),
    );
    expect(reply.rejected).toEqual([
      { index: 0, reason: 'ts is older than the statistics are kept' },
    ]);
    expect(
      sampleValue(
        client.metrics(),
        'fairwatch_rejected_events_total',
        'kind="predictions",reason="too_old"',
      ),
    ).toBe(1);
  });

  it('decides from the score at the model threshold when no prediction is given', () => {
    ingestReply(
      client.postJson('/v1/predictions', [
        prediction('at', NOW - MINUTE, { score: 0.5 }),
        prediction('below', NOW - MINUTE, { score: 0.4999 }),
        prediction('given', NOW - MINUTE, { score: 0.9, prediction: 0 }),
        prediction('bool', NOW - MINUTE, { score: null, prediction: true }),
      ]),
    );
    expect(overallCounts(client)).toMatchObject({ predictions: 4, decisionRate: 0.5 });
  });

  it('lists each version with when it was first and last seen', () => {
    ingestReply(
      client.postJson('/v1/predictions', [
        prediction('a', NOW - 30 * MINUTE),
        prediction('b', NOW - 10 * MINUTE),
        prediction('c', NOW - 20 * MINUTE, { version: 'v2' }),
      ]),
    );
    expect(client.getJson('/v1/models')).toEqual({
      models: [
        {
          name: 'loans',
          threshold: 0.5,
          attributes: ['segment', 'sex'],
          intersections: ['segment&sex'],
          versions: [
            {
              version: 'v1',
              first_seen: new Date(NOW - 30 * MINUTE).toISOString(),
              last_seen: new Date(NOW - 10 * MINUTE).toISOString(),
            },
            {
              version: 'v2',
              first_seen: new Date(NOW - 20 * MINUTE).toISOString(),
              last_seen: new Date(NOW - 20 * MINUTE).toISOString(),
            },
          ],
        },
      ],
    });
  });
});

describe('deployments', () => {
  it('keeps deployments of known models and rejects the rest with their reasons', () => {
    const reply = ingestReply(
      client.postJson('/v1/deployments', [
        { model: 'loans', version: 'v2', ts: NOW - HOUR, kind: 'canary_start' },
        { model: 'loans', version: 'v2', ts: NOW - HOUR, kind: 'yolo' },
        { model: 'mortgages', version: 'v1', ts: NOW - HOUR, kind: 'deploy' },
        { model: 'loans', version: 'v3', ts: NOW + HOUR, kind: 'deploy' },
        { model: 'loans', version: 'v2', ts: NOW - MINUTE, kind: 'promote' },
      ]),
    );
    expect(reply.accepted).toBe(2);
    expect(reply.rejected).toEqual([
      { index: 1, reason: 'kind must be one of deploy, canary_start, promote, rollback' },
      { index: 2, reason: 'unknown model mortgages' },
      { index: 3, reason: 'ts is too far in the future' },
    ]);
    expect(service.recentDeployments('loans', NOW)).toEqual([
      {
        model: 'loans',
        version: 'v2',
        ts: new Date(NOW - HOUR).toISOString(),
        kind: 'canary_start',
      },
      { model: 'loans', version: 'v2', ts: new Date(NOW - MINUTE).toISOString(), kind: 'promote' },
    ]);
    expect(
      sampleValue(client.metrics(), 'fairwatch_ingested_events_total', 'kind="deployments"'),
    ).toBe(2);
  });
});
