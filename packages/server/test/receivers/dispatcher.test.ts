import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiverConfig, WebhookReceiverConfig } from '@fairwatch/contracts';
import { InMemoryDeliveryLog, type DeliveryLog } from '../../src/receivers/deliveryLog.js';
import { createDispatcher } from '../../src/receivers/dispatcher.js';
import {
  constantRandom,
  fakeClock,
  makeAlert,
  makeNotification,
  refusedUrl,
  startServer,
  type Reply,
  type TestServer,
} from './receiverTestKit.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(reply: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const server = await startServer(reply);
  servers.push(server);
  return server;
}

/** A reply that waits until `release` is called, to hold requests in flight. */
function gate(): { reply: () => Promise<Reply>; release: () => void; waiting: () => number } {
  const pending: (() => void)[] = [];
  let open = false;
  return {
    reply: () =>
      open
        ? Promise.resolve({ status: 200 })
        : new Promise((resolve) => {
            pending.push(() => {
              resolve({ status: 200 });
            });
          }),
    release: () => {
      open = true;
      for (const resolve of pending.splice(0)) resolve();
    },
    waiting: () => pending.length,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}

/** A webhook receiver as a validated fairwatch.yaml gives it. */
function webhook(
  name: string,
  url: string,
  overrides: { maxAttempts?: number; timeoutMs?: number } = {},
): WebhookReceiverConfig {
  return {
    name,
    type: 'webhook',
    url,
    secret: 'k',
    secretEnv: null,
    maxAttempts: overrides.maxAttempts ?? 4,
    timeoutMs: overrides.timeoutMs ?? 2000,
  };
}

function dispatcherFor(
  receivers: readonly ReceiverConfig[],
  log: DeliveryLog = new InMemoryDeliveryLog(),
) {
  return createDispatcher({
    receivers,
    log,
    clock: fakeClock(Date.UTC(2026, 10, 26, 12, 0, 0)).clock,
    random: constantRandom(0.5),
    evaluationIntervalMs: 30_000,
  });
}

describe('dispatcher', () => {
  it('delivers to each receiver type and counts the outcomes', async () => {
    const hooks = await serve(() => ({ status: 200 }));
    const am = await serve(() => ({ status: 400 }));
    const log = new InMemoryDeliveryLog();
    const dispatcher = dispatcherFor(
      [
        webhook('hooks', hooks.url),
        {
          name: 'am',
          type: 'alertmanager',
          url: am.url,
          maxAttempts: 3,
          timeoutMs: 2000,
        },
      ],
      log,
    );
    await dispatcher.deliver(makeNotification({ receiver: 'hooks' }));
    await dispatcher.deliver(makeNotification({ receiver: 'am' }));
    expect(hooks.requests[0]?.headers['x-fairwatch-signature']).toMatch(/^sha256=/);
    expect(am.requests[0]?.path).toBe('/api/v2/alerts');
    // The service's evaluation interval reaches Alertmanager as a firing alert's endsAt.
    expect(JSON.parse(am.requests[0]?.raw.toString('utf8') ?? '')).toMatchObject([
      { endsAt: '2026-11-26T12:02:00.000Z' },
    ]);
    expect(dispatcher.stats()).toEqual({
      receivers: {
        hooks: { delivered: 1, failed: 0, pending: 0 },
        am: { delivered: 0, failed: 1, pending: 0 },
      },
      refused: 0,
      logErrors: 0,
    });
    expect(log.attempts.map((a) => [a.receiver, a.outcome])).toEqual([
      ['hooks', 'delivered'],
      ['am', 'failed'],
    ]);
  });

  it('runs receivers concurrently but one receiver and group key in order', async () => {
    const held = gate();
    const slow = await serve(held.reply);
    const fast = await serve(() => ({ status: 200 }));
    const dispatcher = dispatcherFor([webhook('slow', slow.url), webhook('fast', fast.url)]);
    const firing = dispatcher.deliver(makeNotification({ receiver: 'slow', status: 'firing' }));
    const resolved = dispatcher.deliver(makeNotification({ receiver: 'slow', status: 'resolved' }));
    const otherGroup = dispatcher.deliver(
      makeNotification({ receiver: 'slow', groupKey: 'other' }),
    );
    // Another receiver is not held up by the slow one.
    await dispatcher.deliver(makeNotification({ receiver: 'fast' }));
    expect(fast.requests).toHaveLength(1);
    // The slow receiver has two groups in flight; the resolved one waits behind its firing.
    await until(() => held.waiting() === 2);
    expect(slow.requests).toHaveLength(2);
    expect(dispatcher.stats().receivers['slow']?.pending).toBe(3);
    held.release();
    await Promise.all([firing, resolved, otherGroup]);
    const sent = slow.requests.map((r) => {
      const body: unknown = JSON.parse(r.raw.toString('utf8'));
      return body;
    });
    const statuses = sent
      .filter((body) => isObject(body) && body['groupKey'] !== 'other')
      .map((body) => (isObject(body) ? body['status'] : null));
    expect(statuses).toEqual(['firing', 'resolved']);
  });

  it('logs 503 then 200 as two attempts', async () => {
    const server = await serve((_, i) => (i === 0 ? { status: 503 } : { status: 200 }));
    const log = new InMemoryDeliveryLog();
    const dispatcher = dispatcherFor([webhook('hooks', server.url)], log);
    await dispatcher.deliver(makeNotification());
    expect(log.attempts.map((a) => [a.attempt, a.outcome, a.status])).toEqual([
      [1, 'retrying', 503],
      [2, 'delivered', 200],
    ]);
  });

  it('retries a refused connection up to the receiver’s maxAttempts, then counts a failure', async () => {
    const log = new InMemoryDeliveryLog();
    const dispatcher = dispatcherFor(
      [webhook('hooks', await refusedUrl(), { maxAttempts: 2 })],
      log,
    );
    await expect(dispatcher.deliver(makeNotification())).resolves.toBeUndefined();
    expect(log.attempts.map((a) => a.outcome)).toEqual(['retrying', 'failed']);
    expect(dispatcher.stats().receivers['hooks']).toEqual({ delivered: 0, failed: 1, pending: 0 });
  });

  it('refuses a notification for an unknown receiver without throwing, and logs it', async () => {
    const log = new InMemoryDeliveryLog();
    const dispatcher = dispatcherFor([], log);
    await dispatcher.deliver(
      makeNotification({ receiver: 'nobody', alerts: [makeAlert({ fingerprint: 'ab' })] }),
    );
    expect(dispatcher.stats().refused).toBe(1);
    expect(log.attempts).toMatchObject([
      {
        receiver: 'nobody',
        attempt: 0,
        outcome: 'failed',
        fingerprints: ['ab'],
        error: "no receiver named 'nobody' is configured",
      },
    ]);
  });

  it('keeps delivering when the log throws, and counts the log’s failures', async () => {
    const server = await serve(() => ({ status: 200 }));
    const dispatcher = dispatcherFor([webhook('hooks', server.url)], {
      record: () => {
        throw new Error('disk full');
      },
    });
    await dispatcher.deliver(makeNotification());
    expect(server.requests).toHaveLength(1);
    expect(dispatcher.stats()).toMatchObject({
      logErrors: 1,
      receivers: { hooks: { delivered: 1 } },
    });
  });

  it('close waits for deliveries in flight, then refuses new ones', async () => {
    const held = gate();
    const server = await serve(held.reply);
    const log = new InMemoryDeliveryLog();
    const dispatcher = dispatcherFor([webhook('hooks', server.url)], log);
    const delivery = dispatcher.deliver(makeNotification());
    await until(() => held.waiting() === 1);
    const closing = dispatcher.close(5000);
    held.release();
    expect(await closing).toEqual({ drained: true });
    await delivery;
    expect(log.attempts.map((a) => a.outcome)).toEqual(['delivered']);
    await dispatcher.deliver(makeNotification());
    expect(log.attempts.at(-1)).toMatchObject({ outcome: 'failed', error: 'dispatcher is closed' });
    expect(server.requests).toHaveLength(1);
  });

  it('close abandons what is still in flight at the deadline and records it as failed', async () => {
    const server = await serve(() => 'hang');
    const log = new InMemoryDeliveryLog();
    const dispatcher = dispatcherFor([webhook('hooks', server.url, { timeoutMs: 60_000 })], log);
    const first = dispatcher.deliver(makeNotification());
    const queued = dispatcher.deliver(makeNotification({ status: 'resolved' }));
    await until(() => server.requests.length === 1);
    expect(await dispatcher.close(100)).toEqual({ drained: false });
    await Promise.all([first, queued]);
    expect(log.attempts.map((a) => [a.attempt, a.outcome, a.error])).toEqual([
      [1, 'failed', 'abandoned: shutdown deadline of 100 ms passed'],
      [1, 'failed', 'abandoned: shutdown deadline of 100 ms passed'],
    ]);
    expect(server.requests).toHaveLength(1);
    expect(dispatcher.stats().receivers['hooks']).toEqual({ delivered: 0, failed: 2, pending: 0 });
  });
});
