/**
 * Scenarios a correct monitor stays quiet on, through the service in event time with the
 * demo configuration: fair traffic, and a regression in a cohort too small to judge.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MonitorService } from '../../src/service/monitorService.js';
import { runScenario, type ScenarioRun } from '../service/scenarioRun.js';
import { HOUR, MINUTE, NOW, demoConfig } from '../service/serviceFixtures.js';

let running: MonitorService | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

function run(...args: Parameters<typeof runScenario>): ScenarioRun {
  const result = runScenario(...args);
  running = result.service;
  return result;
}

describe('quiet scenarios', () => {
  it('raises no alert, not even pending, on a few hours of fair traffic', () => {
    const fair = run(demoConfig(':memory:'), {
      scenario: 'fair',
      seed: 3,
      ratePerSecond: 3,
      startMs: NOW - 150 * MINUTE,
      durationMs: 150 * MINUTE,
    });
    expect(fair.evaluations.length).toBeGreaterThan(290);
    expect(fair.transitions).toEqual([]);
    expect(fair.service.alerts()).toEqual([]);
    const statuses = fair.service.evaluator.sloStatuses(fair.service.clock.now());
    expect(statuses.map((status) => status.status)).toEqual(['ok', 'ok']);
  });

  it('never alerts on segment s20 of small-cohort before it has the SLO minimum samples', () => {
    const minSamples = 100;
    const s20Trials: number[] = [];
    const small = run(
      demoConfig(':memory:'),
      {
        scenario: 'small-cohort',
        seed: 5,
        ratePerSecond: 3,
        startMs: NOW - 2 * HOUR,
        durationMs: 2 * HOUR,
        onsetAfterMs: 30 * MINUTE,
      },
      (service, now) => {
        for (const status of service.evaluator.sloStatuses(now)) {
          if (status.slo !== 'loans-fpr-parity') continue;
          for (const comparison of status.comparisons) {
            if (comparison.group.segment !== 's20') continue;
            s20Trials.push(comparison.groupTrials);
            if (comparison.groupTrials < minSamples) expect(comparison.breached).toBe(false);
          }
        }
      },
    );
    // s20 was compared (it has enough members to be shown) but never had the samples to judge.
    expect(s20Trials.length).toBeGreaterThan(0);
    expect(Math.max(...s20Trials)).toBeLessThan(minSamples);
    for (const transition of small.transitions) {
      expect(transition.labels.group).not.toBe('segment=s20');
      expect(transition.groupTrials).toBeGreaterThanOrEqual(minSamples);
    }
  });
});
