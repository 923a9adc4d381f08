import { describe, expect, it } from 'vitest';
import { describeScenario } from '../../src/simulate/describeScenario.js';
import { SCENARIO_NAMES } from '../../src/simulate/scenarios.js';
import { scenarioText } from '../../src/simulate/scenarioText.js';
import type { SimulationOptions } from '../../src/simulate/simulatedEvents.js';

const START = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;

function options(scenario: SimulationOptions['scenario'], durationMs = HOUR): SimulationOptions {
  return { scenario, seed: 1, ratePerSecond: 10, startMs: START, durationMs };
}

describe('describeScenario', () => {
  it('says the fair scenario has no incident and expects no alert', () => {
    const d = describeScenario(options('fair'));
    expect(d.incident).toBeNull();
    expect(d.expectedAlert).toBe('none');
    expect(d.versions).toEqual(['v1']);
    expect(d.model).toBe('loans');
    expect(d.threshold).toBe(0.5);
    expect(d.baseline).toEqual({ prevalence: 0.3, tpr: 0.8, fpr: 0.1, selectionRate: 0.31 });
    expect(d.attributes.map((a) => [a.name, a.groups.length])).toEqual([
      ['segment', 20],
      ['sex', 2],
    ]);
    expect(d.expectedPredictions).toBe(36_000);
    expect(d.deployments).toEqual([{ model: 'loans', version: 'v1', ts: START, kind: 'deploy' }]);
  });

  it('gives the canary regression: onset, version v2 on canary traffic, s02, FPR 0.10 -> 0.20', () => {
    const d = describeScenario(options('canary-regression'));
    expect(d.versions).toEqual(['v1', 'v2']);
    expect(d.expectedAlert).toBe('fire');
    expect(d.incident).toMatchObject({
      onset: '2026-03-01T00:20:00.000Z',
      version: 'v2',
      traffic: 'canary',
      cohort: { attribute: 'segment', group: 's02' },
      metric: 'fpr',
      before: 0.1,
      after: 0.2,
      magnitude: 0.1,
      effects: [
        { metric: 'fpr', before: 0.1, after: 0.2 },
        { metric: 'selection_rate', before: 0.31, after: 0.38 },
      ],
      // 10/s x 3600 s x 20% share x 50% canary = 3600; 70% of them negative.
      cohortPerHour: { predictions: 3600, labelledNegatives: 2520, labelledPositives: 1080 },
    });
    expect(d.deployments.map((x) => [x.kind, x.version, new Date(x.ts).toISOString()])).toEqual([
      ['deploy', 'v1', '2026-03-01T00:00:00.000Z'],
      ['canary_start', 'v2', '2026-03-01T00:20:00.000Z'],
    ]);
  });

  it('puts the default onset at a third of the run, at most 2h in', () => {
    expect(describeScenario(options('vendor-drift', 30 * 60_000)).incident?.onset).toBe(
      '2026-03-01T00:10:00.000Z',
    );
    expect(describeScenario(options('vendor-drift', 7 * 24 * HOUR)).incident?.onset).toBe(
      '2026-03-01T02:00:00.000Z',
    );
    expect(
      describeScenario({ ...options('vendor-drift'), onsetAfterMs: 5 * 60_000 }).incident?.onset,
    ).toBe('2026-03-01T00:05:00.000Z');
  });

  it('gives the vendor drift of s03 on v1 with its TPR and selection-rate effects', () => {
    const d = describeScenario(options('vendor-drift'));
    expect(d.incident).toMatchObject({
      version: 'v1',
      traffic: null,
      cohort: { attribute: 'segment', group: 's03' },
      metric: 'fpr',
      magnitude: 0.1,
      effects: [
        { metric: 'fpr', before: 0.1, after: 0.2 },
        { metric: 'selection_rate', before: 0.31, after: 0.41 },
        { metric: 'tpr', before: 0.8, after: 0.9 },
      ],
      inputShift: { feature: 'income', factor: 2 },
    });
    expect(d.incident?.cause).toContain('0.95 x ln 2 = 0.66');
  });

  it('names the three features every prediction carries; only vendor drift shifts them', () => {
    const d = describeScenario(options('fair'));
    expect(d.features.map((f) => [f.name, f.kind])).toEqual([
      ['income', 'numeric'],
      ['credit_lines', 'numeric'],
      ['channel', 'categorical'],
    ]);
    expect(d.features[0]?.distribution).toBe(
      "log-normal, median 40000 for label 0 and 51361 for label 1, sigma 0.5, correlation 0.32 with the score's noise",
    );
    expect(describeScenario(options('canary-regression')).incident?.inputShift).toBeNull();
    expect(describeScenario(options('small-cohort')).incident?.inputShift).toBeNull();
  });

  it('says label-lag is fair with 15% of outcomes lost and log-normal delays', () => {
    const d = describeScenario(options('label-lag'));
    expect(d.incident).toBeNull();
    expect(d.expectedAlert).toBe('none');
    expect(d.labels.lostFraction).toBe(0.15);
    expect(d.labels.delay).toBe('log-normal, median 8h, 90% between 1h33m and 1d17h27m');
    expect(d.labels.meanDelayMs).toBe(Math.round(8 * HOUR * Math.exp(0.5)));
  });

  it('says the small cohort must not alert below its minimum samples, with its sample rate', () => {
    const d = describeScenario(options('small-cohort'));
    expect(d.expectedAlert).toBe('none-below-minimum-samples');
    expect(d.incident).toMatchObject({
      cohort: { attribute: 'segment', group: 's20' },
      before: 0.1,
      after: 0.25,
      magnitude: 0.15,
      cohortPerHour: { predictions: 72, labelledNegatives: 50.4 },
    });
    expect(d.expectation).toMatch(/no alert for loans v1, segment=s20 while it has fewer/);
  });

  it('leaves out a canary start that would fall after the end', () => {
    const d = describeScenario({ ...options('canary-regression'), onsetAfterMs: 2 * HOUR });
    expect(d.deployments.map((x) => x.kind)).toEqual(['deploy']);
  });
});

describe('scenarioText', () => {
  it('prints the ground truth lines of every scenario', () => {
    for (const name of SCENARIO_NAMES) {
      const text = scenarioText(describeScenario(options(name)));
      expect(text).toMatch(new RegExp(`^scenario ${name} \\(seed 1\\)`));
      expect(text).toMatch(/^ground truth: /m);
      expect(text).toMatch(/^expected: /m);
    }
    const canary = scenarioText(describeScenario(options('canary-regression')));
    expect(canary).toContain('  onset 2026-03-01T00:20:00.000Z\n');
    expect(canary).toContain('  version v2 (traffic=canary), cohort segment=s02\n');
    expect(canary).toContain('  fpr 0.1 -> 0.2, selection_rate 0.31 -> 0.38 (headline fpr +0.1)\n');
    expect(canary).toContain('  features: unchanged (the scores moved, not the inputs)\n');
    const fair = scenarioText(describeScenario(options('fair')));
    expect(fair).toContain('ground truth: no incident\n');
    expect(fair).toContain(
      '  features, alike in every group:\n' +
        "    income: log-normal, median 40000 for label 0 and 51361 for label 1, sigma 0.5, correlation 0.32 with the score's noise\n" +
        '    credit_lines: Poisson, mean 3 for label 0 and 4 for label 1\n' +
        '    channel: web 45%, branch 25%, partner 30% for label 0; web 55%, branch 30%, partner 15% for label 1\n',
    );
    const drift = scenarioText(describeScenario(options('vendor-drift')));
    expect(drift).toContain('  features, alike in every group until the onset:\n');
    expect(drift).toContain(
      '  features: income x2 in segment=s03 from the onset; credit_lines and channel unchanged\n',
    );
  });
});
