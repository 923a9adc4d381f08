import { afterEach, describe, expect, it } from 'vitest';
import { sendEvents } from '../../src/simulate/sendEvents.js';
import { simulatedEvents, type SimulationOptions } from '../../src/simulate/simulatedEvents.js';
import { field } from './fakes.js';
import { recordingServer } from './recordingServer.js';

const START = Date.parse('2026-03-01T00:00:00Z');

const options: SimulationOptions = {
  scenario: 'canary-regression',
  seed: 9,
  ratePerSecond: 20,
  startMs: START,
  durationMs: 15 * 60_000,
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('sendEvents against a real HTTP server', () => {
  it('delivers every event once in NDJSON over a few kept-alive connections, retrying a 503', async () => {
    const known = new Set<string>();
    const orphans: string[] = [];
    let failedOnce = false;
    const server = await recordingServer(async (request) => {
      if (request.path === '/v1/predictions' && !failedOnce) {
        failedOnce = true;
        return { status: 503, body: { error: 'warming up' } };
      }
      if (request.path === '/v1/predictions') {
        await new Promise((resolve) => setTimeout(resolve, 5));
        for (const line of request.lines) known.add(field(line, 'id'));
      }
      const rejected: { index: number; reason: string }[] = [];
      if (request.path === '/v1/outcomes') {
        request.lines.forEach((line, index) => {
          const id = field(line, 'id');
          if (!known.has(id)) orphans.push(id);
          if (id.endsWith('7')) rejected.push({ index, reason: 'label withheld' });
        });
      }
      return { status: 200, body: { accepted: request.lines.length - rejected.length, rejected } };
    });
    close = server.close;

    const summary = await sendEvents(simulatedEvents(options), {
      target: `${server.url}/`,
      simulatedStartMs: START,
      speedup: Infinity,
      batchSize: 250,
      maxInFlight: 3,
      retry: { attempts: 5, firstDelayMs: 10, maxDelayMs: 50 },
    });

    const events = [...simulatedEvents(options)];
    const count = (kind: string) => events.filter((e) => e.kind === kind).length;
    const delivered = (path: string) =>
      server.received.filter((r) => r.path === path && r.status === 200).flatMap((r) => r.lines);

    expect(orphans).toEqual([]);
    expect(server.received.every((r) => r.contentType === 'application/x-ndjson')).toBe(true);
    expect(server.received.filter((r) => r.status === 503)).toHaveLength(1);
    const predictionIds = delivered('/v1/predictions').map((l) => field(l, 'id'));
    expect(new Set(predictionIds).size).toBe(predictionIds.length);
    expect(predictionIds.length).toBe(count('prediction'));
    expect(delivered('/v1/outcomes')).toHaveLength(count('outcome'));
    expect(delivered('/v1/deployments').map((l) => field(l, 'kind'))).toEqual([
      'deploy',
      'canary_start',
    ]);

    const withheld = delivered('/v1/outcomes').filter((l) => field(l, 'id').endsWith('7')).length;
    expect(summary).toMatchObject({
      sent: { prediction: count('prediction'), outcome: count('outcome'), deployment: 2 },
      accepted: events.length - withheld,
      rejected: withheld,
      rejectedByReason: { 'label withheld': withheld },
      retries: 1,
      requests: server.received.length,
    });
    expect(summary.firstRejections).toHaveLength(5);
    // Keep-alive: some 140 requests over a handful of connections (3 in flight at most).
    expect(server.received.length).toBeGreaterThan(100);
    expect(server.connections()).toBeLessThan(10);
  });

  it('gives up on a target that keeps failing, with the status and error', async () => {
    const server = await recordingServer(() => ({ status: 500, body: { error: 'disk full' } }));
    close = server.close;
    await expect(
      sendEvents(simulatedEvents(options), {
        target: server.url,
        simulatedStartMs: START,
        speedup: Infinity,
        retry: { attempts: 3, firstDelayMs: 1, maxDelayMs: 1 },
      }),
    ).rejects.toThrow(`${server.url}/v1/deployments answered 500 3 times, the last: disk full`);
    expect(server.received).toHaveLength(3);
  });
});
