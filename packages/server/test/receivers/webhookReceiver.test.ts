import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryDeliveryLog } from '../../src/receivers/deliveryLog.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../src/receivers/retryPolicy.js';
import { createWebhookReceiver } from '../../src/receivers/webhookReceiver.js';
import { verifyWebhookSignature } from '../../src/receivers/webhookSignature.js';
import {
  constantRandom,
  fakeClock,
  makeNotification,
  refusedUrl,
  startServer,
  type Reply,
  type TestServer,
} from './receiverTestKit.js';

const secret = 'hook-secret';
const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 4, timeoutMs: 2000 };

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function deliverTo(
  replies: (index: number) => Reply,
  overrides: Partial<RetryPolicy> = {},
  url?: string,
): Promise<{
  result: Awaited<ReturnType<ReturnType<typeof createWebhookReceiver>['send']>>;
  log: InMemoryDeliveryLog;
  sleeps: number[];
  startMs: number;
}> {
  if (url === undefined) server = await startServer((_, index) => replies(index));
  const { clock, sleeps } = fakeClock();
  const startMs = clock.now();
  const log = new InMemoryDeliveryLog();
  const receiver = createWebhookReceiver(
    {
      name: 'hooks',
      url: url ?? `${server?.url ?? ''}/fairwatch`,
      secret,
      policy: { ...policy, ...overrides },
    },
    { clock, random: constantRandom(0.5), log },
  );
  const result = await receiver.send(makeNotification());
  return { result, log, sleeps, startMs };
}

describe('webhook receiver', () => {
  it('POSTs the versioned JSON payload with a signature that verifies with the secret', async () => {
    const { result, startMs } = await deliverTo(() => ({ status: 204 }));
    expect(result).toEqual({ outcome: 'delivered', attempts: 1 });
    const request = server?.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/fairwatch');
    expect(request?.headers['content-type']).toBe('application/json');
    const body: unknown = JSON.parse(request?.raw.toString('utf8') ?? '');
    expect(body).toEqual({
      version: '1',
      groupKey: 'credit/fpr-parity-race',
      status: 'firing',
      receiver: 'hooks',
      alerts: [JSON.parse(JSON.stringify(makeNotification().alerts[0]))],
      sentAt: new Date(startMs).toISOString(),
    });
    const timestamp = request?.headers['x-fairwatch-timestamp'];
    const signature = request?.headers['x-fairwatch-signature'];
    expect(timestamp).toBe(String(startMs / 1000));
    expect(typeof signature === 'string' && signature.startsWith('sha256=')).toBe(true);
    const raw = request?.raw ?? Buffer.alloc(0);
    const check = (key: string, nowMs: number): unknown =>
      verifyWebhookSignature(key, String(timestamp), raw, String(signature), nowMs, 300);
    expect(check(secret, startMs + 2000)).toEqual({ ok: true });
    expect(check('wrong-secret', startMs)).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(check(secret, startMs + 10 * 60_000)).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('retries a 503 and logs both attempts: retrying, then delivered', async () => {
    const { result, log, sleeps } = await deliverTo((i) =>
      i === 0 ? { status: 503, body: 'warming up' } : { status: 200 },
    );
    expect(result).toEqual({ outcome: 'delivered', attempts: 2 });
    expect(server?.requests).toHaveLength(2);
    // Full jitter with random() = 0.5 before the first retry: 0.5 × baseDelayMs.
    expect(sleeps).toEqual([DEFAULT_RETRY_POLICY.baseDelayMs / 2]);
    expect(
      log.attempts.map(({ attempt, outcome, status, error, retryInMs }) => ({
        attempt,
        outcome,
        status,
        error,
        retryInMs,
      })),
    ).toEqual([
      {
        attempt: 1,
        outcome: 'retrying',
        status: 503,
        error: 'HTTP 503: warming up',
        retryInMs: 250,
      },
      { attempt: 2, outcome: 'delivered', status: 200, error: null, retryInMs: null },
    ]);
    expect(log.attempts[1]?.fingerprints).toEqual(['9f2c4e1a7b3d5f60']);
    expect(log.attempts[1]?.groupKey).toBe('credit/fpr-parity-race');
  });

  it('stamps and signs every attempt afresh with the time it was sent', async () => {
    const { startMs } = await deliverTo((i) => (i === 0 ? { status: 500 } : { status: 200 }), {
      baseDelayMs: 4000,
    });
    const sent = (server?.requests ?? []).map((request) => {
      const body: unknown = JSON.parse(request.raw.toString('utf8'));
      const timestamp = String(request.headers['x-fairwatch-timestamp']);
      const signature = String(request.headers['x-fairwatch-signature']);
      const nowMs = startMs + 2000;
      expect(verifyWebhookSignature(secret, timestamp, request.raw, signature, nowMs, 300).ok).toBe(
        true,
      );
      return { timestamp, body };
    });
    // The retry waited 0.5 × 4000 ms.
    expect(sent).toMatchObject([
      { timestamp: String(startMs / 1000), body: { sentAt: new Date(startMs).toISOString() } },
      {
        timestamp: String(startMs / 1000 + 2),
        body: { sentAt: new Date(startMs + 2000).toISOString() },
      },
    ]);
  });

  it('does not retry a 400 and records it as failed with the response text', async () => {
    const { result, log, sleeps } = await deliverTo(() => ({ status: 400, body: 'bad alert\n' }));
    expect(result).toEqual({ outcome: 'failed', attempts: 1 });
    expect(server?.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(log.attempts).toMatchObject([
      { attempt: 1, outcome: 'failed', status: 400, error: 'HTTP 400: bad alert' },
    ]);
  });

  it('waits as long as a 429 Retry-After asks instead of its own backoff', async () => {
    const { result, sleeps } = await deliverTo((i) =>
      i === 0 ? { status: 429, headers: { 'Retry-After': '7' } } : { status: 200 },
    );
    expect(result.outcome).toBe('delivered');
    expect(sleeps).toEqual([7000]);
  });

  it('gives up when Retry-After asks for longer than the policy allows', async () => {
    const { result, log } = await deliverTo(() => ({
      status: 503,
      headers: { 'Retry-After': '3600' },
    }));
    expect(result).toEqual({ outcome: 'failed', attempts: 1 });
    expect(log.attempts[0]?.error).toMatch(/Retry-After 3600000 ms exceeds/);
  });

  it('retries until maxAttempts on 5xx, doubling the backoff cap, then fails', async () => {
    const { result, log, sleeps } = await deliverTo(() => ({ status: 502 }));
    expect(result).toEqual({ outcome: 'failed', attempts: 4 });
    expect(sleeps).toEqual([250, 500, 1000]);
    expect(log.attempts.map((a) => a.outcome)).toEqual([
      'retrying',
      'retrying',
      'retrying',
      'failed',
    ]);
    expect(log.attempts[3]?.error).toBe('HTTP 502 (gave up after 4 attempts)');
  });

  it('retries a refused connection, then records failed with the network error', async () => {
    const { result, log } = await deliverTo(
      () => ({ status: 200 }),
      { maxAttempts: 3 },
      await refusedUrl(),
    );
    expect(result).toEqual({ outcome: 'failed', attempts: 3 });
    expect(log.attempts.map((a) => [a.attempt, a.outcome, a.status])).toEqual([
      [1, 'retrying', null],
      [2, 'retrying', null],
      [3, 'failed', null],
    ]);
    expect(log.attempts[2]?.error).toMatch(/ECONNREFUSED/);
  });

  it('times out a request that gets no answer and retries it', async () => {
    const { result, log } = await deliverTo((i) => (i === 0 ? 'hang' : { status: 200 }), {
      timeoutMs: 150,
    });
    expect(result).toEqual({ outcome: 'delivered', attempts: 2 });
    expect(log.attempts[0]).toMatchObject({
      outcome: 'retrying',
      status: null,
      error: 'timed out after 150 ms',
    });
  });

  it('does not follow a redirect with a signed body', async () => {
    const { result, log } = await deliverTo(() => ({
      status: 307,
      headers: { Location: 'http://elsewhere.invalid/' },
    }));
    expect(result.outcome).toBe('failed');
    expect(server?.requests).toHaveLength(1);
    expect(log.attempts[0]?.status).toBe(307);
  });
});
