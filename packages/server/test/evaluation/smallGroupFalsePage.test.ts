/**
 * Regression: the plug-in (Wald) variance paged on fair traffic. In canary-regression with seed
 * 24046 (the seed `fairwatch demo` once drew from the clock), v1 segment s20, 1% of traffic and
 * fair, showed 1 false positive in 100 negatives over a 48-minute window against s01's 257 of
 * 2,151. The plug-in variance of that window was a fifth of its true value, log E "below the
 * band" reached 10.3 and the service paged. Each side's evidence now uses the larger of the
 * plug-in and the variance at the band edge, and the page is gone; the canary's own page on v2
 * s02 still comes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MonitorService } from '../../src/service/monitorService.js';
import { runScenario } from '../service/scenarioRun.js';
import { HOUR, MINUTE, demoConfig } from '../service/serviceFixtures.js';

let running: MonitorService | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('small group false page (canary-regression seed 24046, v1 s20)', () => {
  it('does not page on the fair small segment s20 from a window with 1 false positive in 100 negatives', () => {
    // The detection harness's run (10 predictions/s from 2026-01-05, onset after 2 h), cut
    // short after the hour in which the false page came (3 h 5 min in).
    const run = runScenario(demoConfig(':memory:'), {
      scenario: 'canary-regression',
      seed: 24046,
      ratePerSecond: 10,
      startMs: Date.UTC(2026, 0, 5),
      durationMs: 3 * HOUR + 30 * MINUTE,
      onsetAfterMs: 2 * HOUR,
    });
    running = run.service;
    const firing = run.transitions.filter((t) => t.to === 'firing');
    expect(firing.filter((t) => t.labels.version === 'v1')).toEqual([]);
    expect(firing.some((t) => t.labels.version === 'v2' && t.labels.group === 'segment=s02')).toBe(
      true,
    );
  });
});
