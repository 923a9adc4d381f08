import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { MonitorService } from '../../src/service/monitorService.js';
import {
  AppClient,
  MINUTE,
  NOW,
  bodyJson,
  demoConfig,
  ingestReply,
  prediction,
  sampleValue,
  startedService,
  type TempDir,
  useFreshService,
} from '../service/serviceFixtures.js';

let dir: TempDir;
let service: MonitorService;
let client: AppClient;

useFreshService((fresh) => {
  ({ dir, service, client } = fresh);
});

/** Predictions of the last hour the statistics hold, over every version. */
function predictionsCounted(): number {
  const body = client.getJson('/v1/models/loans/metrics?window=1h');
  if (typeof body !== 'object' || body === null || !('overall' in body))
    throw new Error('no overall');
  const overall = body.overall;
  if (typeof overall !== 'object' || overall === null || !('predictions' in overall))
    throw new Error('no overall.predictions');
  return Number(overall.predictions);
}

const ts = NOW - 10 * MINUTE;

describe('ingest body formats', () => {
  it('accepts one JSON object', () => {
    const reply = ingestReply(client.postJson('/v1/predictions', prediction('p-1', ts)));
    expect(reply).toEqual({ accepted: 1, duplicates: 0, held: 0, rejected: [] });
    expect(predictionsCounted()).toBe(1);
  });

  it('accepts a JSON array', () => {
    const items = [prediction('p-1', ts), prediction('p-2', ts), prediction('p-3', ts)];
    const reply = ingestReply(client.postJson('/v1/predictions', items));
    expect(reply.accepted).toBe(3);
    expect(predictionsCounted()).toBe(3);
  });

  it('accepts NDJSON, one object per line, with blank lines skipped', () => {
    const lines = [
      JSON.stringify(prediction('p-1', ts)),
      '',
      JSON.stringify(prediction('p-2', ts)),
    ];
    const reply = ingestReply(client.postNdjson('/v1/predictions', lines));
    expect(reply.accepted).toBe(2);
    expect(predictionsCounted()).toBe(2);
  });

  it('accepts gzip-compressed NDJSON', () => {
    const lines = [1, 2, 3, 4].map((i) => JSON.stringify(prediction(`p-${String(i)}`, ts)));
    const reply = ingestReply(client.postNdjson('/v1/predictions', lines, true));
    expect(reply.accepted).toBe(4);
    expect(predictionsCounted()).toBe(4);
  });

  it('accepts a gzip-compressed JSON array', () => {
    const body = gzipSync(JSON.stringify([prediction('p-1', ts), prediction('p-2', ts)]));
    const reply = ingestReply(
      client.request('POST', '/v1/predictions', body, {
        'content-type': 'application/json; charset=utf-8',
        'content-encoding': 'gzip',
      }),
    );
    expect(reply.accepted).toBe(2);
  });

  it('reads a body labelled form-urlencoded, as curl -d sends it, as JSON', () => {
    const response = client.request(
      'POST',
      '/v1/predictions',
      JSON.stringify(prediction('curl-1', ts)),
      {
        'content-type': 'application/x-www-form-urlencoded',
      },
    );
    expect(ingestReply(response).accepted).toBe(1);
  });

  it('refuses an unsupported content-type with 415 and counts nothing', () => {
    const response = client.request('POST', '/v1/predictions', '<p/>', {
      'content-type': 'application/xml',
    });
    expect(response.status).toBe(415);
    expect(bodyJson(response)).toEqual({
      error:
        'content-type application/xml is not read; send application/json or application/x-ndjson',
    });
    expect(predictionsCounted()).toBe(0);
  });

  it('refuses an unsupported content-encoding with 415', () => {
    const response = client.request('POST', '/v1/predictions', 'x', {
      'content-type': 'application/json',
      'content-encoding': 'br',
    });
    expect(response.status).toBe(415);
  });

  it('refuses a body that is not gzip though it says so with 400', () => {
    const response = client.request('POST', '/v1/predictions', '{"id":1}', {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(response.status).toBe(400);
  });

  it('refuses a gzip body that inflates past max_body_bytes with 413', async () => {
    await service.close();
    service = startedService(
      demoConfig(dir.file('small.db'), (config) => ({
        ...config,
        server: { ...config.server, maxBodyBytes: 1000 },
      })),
    );
    client = new AppClient(service);
    const lines = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify(prediction(`p-${String(i)}`, ts)),
    );
    const response = client.postNdjson('/v1/predictions', lines, true);
    expect(response.status).toBe(413);
  });

  it('refuses an empty body and a JSON array that does not parse with 400', () => {
    expect(client.request('POST', '/v1/predictions', '').status).toBe(400);
    expect(client.request('POST', '/v1/predictions', '[{"id": 1},').status).toBe(400);
  });
});

describe('a batch with good and bad items', () => {
  const good = (id: string): string => JSON.stringify(prediction(id, ts));
  const lines = [
    good('g-0'),
    '{"id": "broken", "model": ',
    JSON.stringify(prediction('bad-types', ts, { score: 'high' })),
    good('g-3'),
    JSON.stringify(prediction('bad-model', ts, { model: 'mortgages' })),
    JSON.stringify({ ...prediction('x', ts), id: undefined }),
    JSON.stringify(prediction('bad-future', NOW + 60 * MINUTE)),
    good('g-7'),
  ];

  it('keeps the good items and lists each rejection with its index and reason', () => {
    const reply = ingestReply(client.postNdjson('/v1/predictions', lines));
    expect(reply.accepted).toBe(3);
    expect(reply.rejected.map((rejection) => rejection.index)).toEqual([1, 2, 4, 5, 6]);
    const reasons = reply.rejected.map((rejection) => rejection.reason);
    expect(reasons[0]).toMatch(/^malformed JSON: /);
    expect(reasons.slice(1)).toEqual([
      'score must be a finite number',
      'unknown model mortgages',
      'missing id',
      'ts is more than 300 s in the future',
    ]);
    expect(predictionsCounted()).toBe(3);
  });

  it('counts each rejection by kind and reason in /metrics', () => {
    ingestReply(client.postNdjson('/v1/predictions', lines));
    ingestReply(client.postNdjson('/v1/outcomes', ['not json', '{"id": "g-0", "ts": 1}']));
    const metrics = client.metrics();
    const rejected = (kind: string, reason: string): number =>
      sampleValue(metrics, 'fairwatch_rejected_events_total', `kind="${kind}",reason="${reason}"`);
    expect(rejected('predictions', 'malformed_json')).toBe(1);
    expect(rejected('predictions', 'invalid')).toBe(2);
    expect(rejected('predictions', 'unknown_model')).toBe(1);
    expect(rejected('predictions', 'future_timestamp')).toBe(1);
    expect(rejected('outcomes', 'malformed_json')).toBe(1);
    expect(rejected('outcomes', 'invalid')).toBe(1);
    expect(sampleValue(metrics, 'fairwatch_ingested_events_total', 'kind="predictions"')).toBe(3);
  });

  it('counts a request refused as a whole by reason', () => {
    client.request('POST', '/v1/predictions', 'x', { 'content-type': 'image/png' });
    expect(
      sampleValue(
        client.metrics(),
        'fairwatch_rejected_requests_total',
        'reason="unsupported_media"',
      ),
    ).toBe(1);
  });
});
