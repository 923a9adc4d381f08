import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { listen, type RunningServer } from '../../src/http/nodeServer.js';
import type { MonitorService } from '../../src/service/monitorService.js';
import {
  MINUTE,
  NOW,
  demoConfig,
  prediction,
  sampleValue,
  startedService,
  tempDir,
  type TempDir,
} from '../service/serviceFixtures.js';

const LIMIT = 4096;

let dir: TempDir;
let service: MonitorService;
let server: RunningServer;

beforeEach(async () => {
  dir = await tempDir();
  service = startedService(
    demoConfig(dir.file('store.db'), (config) => ({
      ...config,
      server: { ...config.server, maxBodyBytes: LIMIT },
    })),
  );
  server = await listen(createApp(service), '127.0.0.1', 0, LIMIT);
});

afterEach(async () => {
  await server.close();
  await service.close();
  await dir.remove();
});

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** POSTs `body`, with a content-length header or chunked, and reads the answer. */
function post(path: string, body: Buffer, chunked: boolean): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${server.url}${path}`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-ndjson',
          ...(chunked ? {} : { 'content-length': String(body.length) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    // The server may answer 413 and close before the whole body is written.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (chunked) {
      for (let at = 0; at < body.length; at += 1024) req.write(body.subarray(at, at + 1024));
      req.end();
    } else {
      req.end(body);
    }
  });
}

function ndjson(count: number): Buffer {
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify(prediction(`p-${String(i)}`, NOW - MINUTE)),
  );
  return Buffer.from(`${lines.join('\n')}\n`);
}

describe('the node server in front of the app', () => {
  it('passes a body within max_body_bytes to the app', async () => {
    const body = ndjson(5);
    expect(body.length).toBeLessThan(LIMIT);
    const answer = await post('/v1/predictions', body, false);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ accepted: 5 });
  });

  it('refuses a body whose content-length is over max_body_bytes with 413, ingesting nothing', async () => {
    const body = ndjson(100);
    expect(body.length).toBeGreaterThan(LIMIT);
    const answer = await post('/v1/predictions', body, false);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      error: `the body is larger than ${String(LIMIT)} bytes`,
    });
    expect(service.store.storedPredictions()).toBe(0);
  });

  it('refuses a chunked body that grows over max_body_bytes with 413, ingesting nothing', async () => {
    const answer = await post('/v1/predictions', ndjson(100), true);
    expect(answer.status).toBe(413);
    expect(service.store.storedPredictions()).toBe(0);
  });

  it('counts the 413s of oversize bodies in /metrics (regression: the socket layer did not)', async () => {
    await post('/v1/predictions', ndjson(100), false);
    await post('/v1/predictions', ndjson(100), true);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(sampleValue(metrics, 'fairwatch_rejected_requests_total', 'reason="too_large"')).toBe(2);
  });

  it('serves the health and readiness probes', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});
