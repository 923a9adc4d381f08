import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { dueTime } from '../../src/simulate/pacer.js';
import { sendEvents, type SendProgress } from '../../src/simulate/sendEvents.js';
import { simulatedEvents, type SimulationOptions } from '../../src/simulate/simulatedEvents.js';
import { fakeClock, fakeFetch, field, type RecordedRequest } from './fakes.js';

const START = Date.parse('2026-03-01T00:00:00Z');
const TARGET = 'http://fairwatch.test';

function simulation(overrides: Partial<SimulationOptions> = {}): SimulationOptions {
  return {
    scenario: 'fair',
    seed: 3,
    ratePerSecond: 1,
    startMs: START,
    durationMs: 10 * 60_000,
    ...overrides,
  };
}

function kindOf(request: RecordedRequest): string {
  return request.url.slice(TARGET.length);
}

describe('sendEvents pacing (fake clock)', () => {
  it('sends nothing before it is due and nothing later than the linger after it is due', async () => {
    const clock = fakeClock(5000);
    const fetch = fakeFetch(clock);
    const summary = await sendEvents(simulatedEvents(simulation()), {
      target: TARGET,
      simulatedStartMs: START,
      speedup: 60,
      lingerMs: 1000,
      clock,
      fetch,
    });
    const pace = { simulatedStartMs: START, realStartMs: 5000, speedup: 60 };
    for (const request of fetch.requests) {
      const dues = request.lines.map((line) => dueTime(pace, Number(field(line, 'ts'))));
      expect(Math.max(...dues)).toBeLessThanOrEqual(request.at);
      expect(request.at - Math.min(...dues)).toBeLessThanOrEqual(1000 + 1e-6);
    }
    // Ten simulated minutes at 60x take ten real seconds.
    expect(summary.elapsedMs).toBeGreaterThan(9000);
    expect(summary.elapsedMs).toBeLessThanOrEqual(10_000 + 1000);
    expect(summary.sent.prediction).toBeGreaterThan(500);
    expect(summary.accepted).toBe(
      summary.sent.prediction + summary.sent.outcome + summary.sent.deployment,
    );
    // Batches of 1000 never fill at 60 events per real second: the linger sends them.
    expect(fetch.requests.filter((r) => kindOf(r) === '/v1/predictions').length).toBeGreaterThan(8);
  });

  it('paces in real time at speedup 1', async () => {
    const clock = fakeClock();
    const fetch = fakeFetch(clock);
    await sendEvents(simulatedEvents(simulation({ durationMs: 60_000 })), {
      target: TARGET,
      simulatedStartMs: START,
      speedup: 1,
      clock,
      fetch,
    });
    const last = fetch.requests[fetch.requests.length - 1]!;
    expect(clock.now()).toBeGreaterThan(55_000);
    expect(clock.now()).toBeLessThanOrEqual(61_000);
    expect(last.at).toBeLessThanOrEqual(61_000);
  });

  it('never sleeps at speedup Infinity and fills batches up to the batch size', async () => {
    const clock = fakeClock();
    const fetch = fakeFetch(clock);
    const summary = await sendEvents(simulatedEvents(simulation({ ratePerSecond: 20 })), {
      target: TARGET,
      simulatedStartMs: START,
      speedup: Infinity,
      batchSize: 500,
      clock,
      fetch,
    });
    expect(clock.sleeps).toEqual([]);
    expect(Math.max(...fetch.requests.map((r) => r.lines.length))).toBe(500);
    const events = [...simulatedEvents(simulation({ ratePerSecond: 20 }))];
    expect(summary.sent.prediction).toBe(events.filter((e) => e.kind === 'prediction').length);
    expect(summary.sent.outcome).toBe(events.filter((e) => e.kind === 'outcome').length);
    expect(summary.sent.deployment).toBe(1);
  });

  it('reports progress now and then', async () => {
    const clock = fakeClock();
    const progress: SendProgress[] = [];
    await sendEvents(simulatedEvents(simulation()), {
      target: TARGET,
      simulatedStartMs: START,
      speedup: 60,
      progressEveryMs: 2000,
      onProgress: (p) => progress.push(p),
      clock,
      fetch: fakeFetch(clock),
    });
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress.length).toBeLessThanOrEqual(5);
    const sent = progress.map((p) => p.sent.prediction);
    expect([...sent].sort((a, b) => a - b)).toEqual(sent);
    expect(progress.every((p) => p.behindMs === 0)).toBe(true);
  });
});

describe('sendEvents order', () => {
  it('sends each kind in stream order, an outcome only after its prediction was answered, a deployment alone between the rest', async () => {
    const clock = fakeClock();
    const answered = new Set<string>();
    const log: string[] = [];
    let outstanding = 0;
    const violations: string[] = [];
    const fetch = fakeFetch(clock, async (request) => {
      const kind = kindOf(request);
      if (kind === '/v1/outcomes') {
        for (const line of request.lines) {
          const id = field(line, 'id');
          if (!answered.has(id)) violations.push(`outcome ${id} before its prediction`);
        }
      }
      if (kind === '/v1/deployments' && outstanding > 0) violations.push('deployment overlaps');
      log.push(kind);
      outstanding++;
      // Answer predictions late, so requests overlap.
      await new Promise((resolve) => setTimeout(resolve, kind === '/v1/predictions' ? 3 : 0));
      if (kind === '/v1/predictions')
        for (const line of request.lines) answered.add(field(line, 'id'));
      outstanding--;
      return Response.json({ accepted: request.lines.length, rejected: [] });
    });
    const options = simulation({ scenario: 'canary-regression', ratePerSecond: 5 });
    await sendEvents(simulatedEvents(options), {
      target: TARGET,
      simulatedStartMs: START,
      speedup: Infinity,
      batchSize: 100,
      maxInFlight: 3,
      clock,
      fetch,
    });
    expect(violations).toEqual([]);
    expect(log.filter((k) => k === '/v1/deployments')).toHaveLength(2);

    const sentIds = (kind: string) =>
      fetch.requests
        .filter((r) => kindOf(r) === kind)
        .flatMap((r) => r.lines.map((l) => field(l, 'id')));
    const streamIds = (kind: string) =>
      [...simulatedEvents(options)].flatMap((e) =>
        e.kind === kind && 'id' in e.body ? [e.body.id] : [],
      );
    expect(sentIds('/v1/predictions')).toEqual(streamIds('prediction'));
    expect(sentIds('/v1/outcomes')).toEqual(streamIds('outcome'));
  });
});

describe('sendEvents answers', () => {
  it('counts rejections by reason and keeps the first five with the item', async () => {
    const clock = fakeClock();
    const fetch = fakeFetch(clock, (request) => {
      const rejected = request.lines.flatMap((line, index) =>
        line.includes('"sex":"F"') ? [{ index, reason: 'sex not allowed' }] : [],
      );
      return Response.json({ accepted: request.lines.length - rejected.length, rejected });
    });
    const summary = await sendEvents(simulatedEvents(simulation()), {
      target: TARGET,
      simulatedStartMs: START,
      speedup: Infinity,
      clock,
      fetch,
    });
    expect(summary.rejected).toBeGreaterThan(200);
    expect(summary.rejectedByReason).toEqual({ 'sex not allowed': summary.rejected });
    expect(summary.accepted + summary.rejected).toBe(
      summary.sent.prediction + summary.sent.outcome + summary.sent.deployment,
    );
    expect(summary.firstRejections).toHaveLength(5);
    expect(summary.firstRejections[0]).toMatch(
      /^prediction \{"id":"fair-3-\d+",.*"sex":"F"\},"features":\{.*: sex not allowed$/,
    );
  });

  it('stops the run with the error when the target refuses for good', async () => {
    const clock = fakeClock();
    const fetch = fakeFetch(clock, () => new Response('no such path', { status: 404 }));
    await expect(
      sendEvents(simulatedEvents(simulation()), {
        target: TARGET,
        simulatedStartMs: START,
        speedup: Infinity,
        clock,
        fetch,
      }),
    ).rejects.toThrow(new InputError(`${TARGET}/v1/deployments answered 404: no such path`));
    expect(fetch.requests).toHaveLength(1);
  });
});
