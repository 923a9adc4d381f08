import { afterEach, describe, expect, it } from 'vitest';
import type { MonitorService, MonitorServiceOptions } from '../../src/service/monitorService.js';
import {
  HOUR,
  MINUTE,
  NOW,
  demoConfig,
  feedSimulation,
  prediction,
  startedService,
} from './serviceFixtures.js';

const SECOND = 1000;
const DAY = 24 * HOUR;

let service: MonitorService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

/** A service in event time on an in-memory store, with the times it evaluated at. */
function eventTimeService(options: MonitorServiceOptions = {}): {
  service: MonitorService;
  evaluations: number[];
} {
  const evaluations: number[] = [];
  service = startedService(demoConfig(':memory:'), {
    clock: 'event',
    onEvaluated: (now) => {
      evaluations.push(now);
    },
    ...options,
  });
  return { service, evaluations };
}

const T0 = NOW - 2 * HOUR;

describe('the event-time clock', () => {
  it('evaluates nothing until a prediction sets the time', () => {
    const { service, evaluations } = eventTimeService();
    expect(service.clock.started).toBe(false);
    service.ingest('outcomes', [{ value: { id: 'x', ts: T0, label: 1 } }]);
    service.ingest('deployments', [
      { value: { model: 'loans', version: 'v1', ts: T0 + HOUR, kind: 'deploy' } },
    ]);
    expect(service.clock.started).toBe(false);
    expect(evaluations).toEqual([]);
  });

  it('evaluates once at every 30 s boundary the newest prediction passes', () => {
    const { service, evaluations } = eventTimeService();
    service.ingest('predictions', [{ value: prediction('a', T0 + 10 * SECOND) }]);
    expect(evaluations).toEqual([]);
    service.ingest('predictions', [{ value: prediction('b', T0 + 95 * SECOND) }]);
    expect(evaluations).toEqual([T0 + 30 * SECOND, T0 + 60 * SECOND, T0 + 90 * SECOND]);
    // An older prediction does not move the time back or evaluate again.
    service.ingest('predictions', [{ value: prediction('c', T0 + 20 * SECOND) }]);
    expect(service.clock.now()).toBe(T0 + 95 * SECOND);
    expect(evaluations).toHaveLength(3);
  });

  it('catches up a week-long gap without deriving evidence for every empty window (the ingest request stalled for seconds)', () => {
    const { service, evaluations } = eventTimeService();
    feedSimulation(service, {
      scenario: 'fair',
      seed: 1,
      ratePerSecond: 2,
      startMs: NOW - 7 * DAY,
      durationMs: 30 * MINUTE,
    });
    const before = evaluations.length;
    const began = performance.now();
    service.ingest('predictions', [{ value: prediction('after-the-gap', NOW - MINUTE) }]);
    const tookMs = performance.now() - began;
    expect(evaluations.length - before).toBeGreaterThan(20_000);
    // About 0.4 s here once empty windows are skipped; it was over 7 s.
    expect(tookMs).toBeLessThan(3_000);
  });
});

describe('the event-time clock and rejected predictions', () => {
  it('is not moved by a prediction that was not committed (an id conflict or a retry)', () => {
    const { service, evaluations } = eventTimeService();
    service.ingest('predictions', [{ value: prediction('p-1', T0) }]);
    const conflict = prediction('p-1', T0 + HOUR, { score: 0.1 });
    expect(service.ingest('predictions', [{ value: conflict }]).rejected).toHaveLength(1);
    expect(service.clock.now()).toBe(T0);
    expect(evaluations).toEqual([]);
  });
});
