import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHANNELS, INCOME_LOGIT_WEIGHT } from '../../src/simulate/featureModel.js';
import { SCENARIO_NAMES } from '../../src/simulate/scenarios.js';
import {
  simulatedEvents,
  type PredictionBody,
  type SimulationOptions,
} from '../../src/simulate/simulatedEvents.js';

const START = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;

function run(overrides: Partial<SimulationOptions> = {}): SimulationOptions {
  return {
    scenario: 'fair',
    seed: 11,
    ratePerSecond: 2,
    startMs: START,
    durationMs: HOUR,
    ...overrides,
  };
}

function predictions(options: SimulationOptions): PredictionBody[] {
  const out: PredictionBody[] = [];
  for (const event of simulatedEvents(options)) {
    if (event.kind === 'prediction') out.push(event.body);
  }
  return out;
}

/** Mean and the variance of that mean (sample variance / n) of some numbers. */
function meanAndVariance(values: readonly number[]): { mean: number; variance: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sampleVariance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { mean, variance: sampleVariance / n };
}

/**
 * The difference of the means of `mine` and `theirs` in standard errors (Welch's z):
 * (mean_a - mean_b) / sqrt(s_a^2 / n_a + s_b^2 / n_b).
 */
function standardisedDifference(mine: readonly number[], theirs: readonly number[]): number {
  const a = meanAndVariance(mine);
  const b = meanAndVariance(theirs);
  return (a.mean - b.mean) / Math.sqrt(a.variance + b.variance);
}

/** The per-prediction numbers each feature is compared by. */
const MEASURES: Readonly<Record<string, (p: PredictionBody) => number>> = {
  income: (p) => p.features.income,
  'ln income': (p) => Math.log(p.features.income),
  credit_lines: (p) => p.features.credit_lines,
  ...Object.fromEntries(
    CHANNELS.map((c) => [
      `channel=${c}`,
      (p: PredictionBody) => (p.features.channel === c ? 1 : 0),
    ]),
  ),
};

/**
 * Every measure's standardised difference between the predictions `inGroup` picks and the
 * others. Seeded streams make the check deterministic; 4 standard errors keeps an honest
 * stream from failing over the ~100 comparisons a test makes, while a shift of a tenth of a
 * standard deviation in a 1,000-prediction cohort is still caught.
 */
function differences(
  sample: readonly PredictionBody[],
  inGroup: (p: PredictionBody) => boolean,
): Record<string, number> {
  const mine = sample.filter(inGroup);
  const theirs = sample.filter((p) => !inGroup(p));
  return Object.fromEntries(
    Object.entries(MEASURES).map(([name, measure]) => [
      name,
      standardisedDifference(mine.map(measure), theirs.map(measure)),
    ]),
  );
}

describe('simulated features: shape', () => {
  it.each(SCENARIO_NAMES)(
    'gives every prediction of %s income, credit_lines and channel',
    (scenario) => {
      const all = predictions(run({ scenario, ratePerSecond: 5 }));
      expect(all.length).toBeGreaterThan(17_000);
      const malformed = all.filter(
        ({ features }) =>
          Object.keys(features).sort().join() !== 'channel,credit_lines,income' ||
          !Number.isSafeInteger(features.income) ||
          features.income <= 0 ||
          !Number.isSafeInteger(features.credit_lines) ||
          features.credit_lines < 0 ||
          !(CHANNELS as readonly string[]).includes(features.channel),
      );
      expect(malformed).toEqual([]);
      expect(new Set(all.map((p) => p.features.channel)).size).toBe(3);
    },
  );

  it('keeps a prediction small: its JSON stays under 250 bytes', () => {
    const longest = Math.max(...predictions(run()).map((p) => JSON.stringify(p).length));
    expect(longest).toBeLessThan(250);
  });
});

describe('simulated features: determinism', () => {
  it('gives the same features for the same seed and others for another seed', () => {
    const features = (seed: number) => predictions(run({ seed })).map((p) => p.features);
    expect(features(11)).toEqual(features(11));
    expect(features(12).slice(0, 100)).not.toEqual(features(11).slice(0, 100));
  });

  // Digests of seed 1's streams (1 h at 10/s) without `features`, taken before features existed:
  // features draw from a stream of their own, so adding them changed no other draw.
  it.each([
    ['fair', 'aa548f2851a50d6e8aea143edf3dce0d951969db1f167d2aed56c0ee3527472a'],
    ['canary-regression', 'abb8a667349935455f881fd0b2b660578f9f1965de6031a9644c504d7b84b8c8'],
    ['vendor-drift', '3bf09fb3556296e8f701bfc8c2f54c61a43b05273441b4c53c9d4bfdb5786411'],
    ['label-lag', 'be53e7cf5dd09a09cd3d85224eb31185000846a257496fdd724a7b97bae041bb'],
    ['small-cohort', '33c768527a4c66508b304f7864f100106869d3f76411d279d18fb19673d56012'],
  ] as const)('leaves the rest of the %s stream as it was before features', (scenario, digest) => {
    const hash = createHash('sha256');
    const options = { scenario, seed: 1, ratePerSecond: 10, startMs: START, durationMs: HOUR };
    for (const event of simulatedEvents(options)) {
      const body: Record<string, unknown> = { ...event.body };
      delete body.features;
      hash.update(`${JSON.stringify({ ...event, body })}\n`);
    }
    expect(hash.digest('hex')).toBe(digest);
  });
});

describe('simulated features: the fair scenario', () => {
  const sample = predictions(run({ ratePerSecond: 2, durationMs: HOUR }));

  it('draws each feature alike in every segment and sex (within 4 standard errors)', () => {
    expect(sample.length).toBeGreaterThan(6_500);
    const segments = [...new Set(sample.map((p) => p.groups.segment))].sort();
    expect(segments).toHaveLength(20);
    const far: string[] = [];
    for (const [attribute, group] of [
      ...segments.map((s) => ['segment', s] as const),
      ['sex', 'F'] as const,
    ]) {
      const inGroup = (p: PredictionBody): boolean =>
        attribute === 'segment' ? p.groups.segment === group : p.groups.sex === group;
      for (const [measure, z] of Object.entries(differences(sample, inGroup))) {
        if (Math.abs(z) > 4) far.push(`${attribute}=${group} ${measure}: z ${z.toFixed(2)}`);
      }
    }
    expect(far).toEqual([]);
  });

  it('ties the features to the outcome: higher income, more credit lines, fewer partners for label 1', () => {
    const labels = new Map<string, 0 | 1>();
    for (const event of simulatedEvents(run())) {
      if (event.kind === 'outcome') labels.set(event.body.id, event.body.label);
    }
    const z = differences(
      sample.filter((p) => labels.has(p.id)),
      (p) => labels.get(p.id) === 1,
    );
    expect(z['ln income']).toBeGreaterThan(10);
    expect(z.credit_lines).toBeGreaterThan(10);
    expect(z['channel=partner']).toBeLessThan(-10);
  });

  it(`weighs ln(income) by about ${INCOME_LOGIT_WEIGHT} in the score's logit within a label`, () => {
    // The within-label slope of the logit on ln(income) is what makes vendor-drift's doubled
    // income worth +0.66 of logit; least squares over the label-0 predictions of a big run.
    const events = [...simulatedEvents(run({ ratePerSecond: 20 }))];
    const negativeIds = new Set(
      events.flatMap((e) => (e.kind === 'outcome' && e.body.label === 0 ? [e.body.id] : [])),
    );
    const negatives: { x: number; y: number }[] = [];
    for (const event of events) {
      if (event.kind !== 'prediction' || !negativeIds.has(event.body.id)) continue;
      const { score, features } = event.body;
      // Scores rounded to 0 or 1 have no finite logit; they are a handful in 50,000.
      if (score <= 0 || score >= 1) continue;
      negatives.push({ x: Math.log(features.income), y: Math.log(score / (1 - score)) });
    }
    const n = negatives.length;
    const mx = negatives.reduce((s, v) => s + v.x, 0) / n;
    const my = negatives.reduce((s, v) => s + v.y, 0) / n;
    const sxy = negatives.reduce((s, v) => s + (v.x - mx) * (v.y - my), 0);
    const sxx = negatives.reduce((s, v) => s + (v.x - mx) ** 2, 0);
    const slope = sxy / sxx;
    const residual = negatives.reduce((s, v) => s + (v.y - my - slope * (v.x - mx)) ** 2, 0);
    const standardError = Math.sqrt(residual / (n - 2) / sxx);
    expect(n).toBeGreaterThan(45_000);
    expect(Math.abs(slope - INCOME_LOGIT_WEIGHT)).toBeLessThan(4 * standardError);
  });
});

describe('simulated features: vendor drift', () => {
  const onsetAfterMs = 30 * 60_000;
  const onset = START + onsetAfterMs;
  const options = run({ scenario: 'vendor-drift', ratePerSecond: 4, onsetAfterMs });
  const drift = predictions(options);
  const fair = predictions({ ...options, scenario: 'fair' });
  const isS03 = (p: PredictionBody): boolean => p.groups.segment === 's03';

  it("doubles segment s03's income from the onset on, and changes nothing else", () => {
    expect(drift).toHaveLength(fair.length);
    const changed = drift.filter((p, i) => p.features.income !== fair[i]?.features.income);
    expect(changed.length).toBeGreaterThan(500);
    expect(changed.every((p) => isS03(p) && p.ts >= onset)).toBe(true);
    const notDoubled = drift.filter((p, i) => {
      const before = fair[i]?.features;
      return (
        isS03(p) &&
        p.ts >= onset &&
        (Math.abs(p.features.income - 2 * (before?.income ?? NaN)) > 1 ||
          p.features.credit_lines !== before?.credit_lines ||
          p.features.channel !== before.channel)
      );
    });
    expect(notDoubled).toEqual([]);
  });

  it("shows in s03's feature distribution after the onset and not before", () => {
    const before = differences(
      drift.filter((p) => p.ts < onset),
      isS03,
    );
    const after = differences(
      drift.filter((p) => p.ts >= onset),
      isS03,
    );
    for (const z of Object.values(before)) expect(Math.abs(z)).toBeLessThan(4);
    expect(after['ln income']).toBeGreaterThan(20);
    expect(Math.abs(after.credit_lines ?? NaN)).toBeLessThan(4);
    expect(Math.abs(after['channel=partner'] ?? NaN)).toBeLessThan(4);
    // The shift is ln 2 in ln(income): 0.69, against a within-cohort spread of about 0.51.
    const lnIncome = (p: PredictionBody): number => Math.log(p.features.income);
    const shift =
      meanAndVariance(drift.filter((p) => p.ts >= onset && isS03(p)).map(lnIncome)).mean -
      meanAndVariance(drift.filter((p) => p.ts >= onset && !isS03(p)).map(lnIncome)).mean;
    expect(shift).toBeGreaterThan(Math.log(2) - 0.1);
    expect(shift).toBeLessThan(Math.log(2) + 0.1);
  });
});
