import { describe, expect, it } from 'vitest';
import { RATE_METRICS, type RateMetric } from '@fairwatch/core';
import { COMPLEMENT_OF, primaryRate, RATE_DEFINITIONS } from '../../src/metrics/rateDefinitions.js';

// Distinct primes, so that any wrong quadrant changes the value.
const counts = { tp: 2, fp: 3, tn: 5, fn: 7 };
const TEXTBOOK: Readonly<Record<RateMetric, number>> = {
  selection_rate: (2 + 3) / 17,
  prevalence: (2 + 7) / 17,
  tpr: 2 / (2 + 7),
  fnr: 7 / (2 + 7),
  fpr: 3 / (3 + 5),
  tnr: 5 / (3 + 5),
  ppv: 2 / (2 + 3),
  fdr: 3 / (2 + 3),
  npv: 5 / (5 + 7),
  for: 7 / (5 + 7),
  accuracy: (2 + 5) / 17,
};

function rateOf(metric: RateMetric): number {
  const { numerator, denominator } = RATE_DEFINITIONS[metric];
  const sum = (quadrants: readonly ('tp' | 'fp' | 'tn' | 'fn')[]): number =>
    quadrants.reduce((total, q) => total + counts[q], 0);
  return sum(numerator) / sum(denominator);
}

describe('RATE_DEFINITIONS', () => {
  it('defines every rate by its textbook quadrants', () => {
    for (const metric of RATE_METRICS) expect(rateOf(metric), metric).toBe(TEXTBOOK[metric]);
  });

  it('takes each numerator from within its denominator and says why a rate can be undefined', () => {
    for (const metric of RATE_METRICS) {
      const { numerator, denominator, undefinedReason } = RATE_DEFINITIONS[metric];
      expect(
        numerator.every((q) => denominator.includes(q)),
        metric,
      ).toBe(true);
      expect(undefinedReason, metric).toMatch(/^no /);
    }
  });
});

describe('complements', () => {
  it('pairs each complement with a rate over the same rows that adds up to 1', () => {
    for (const complement of RATE_METRICS) {
      const primary = COMPLEMENT_OF[complement];
      if (primary === undefined) continue;
      expect(RATE_DEFINITIONS[complement].denominator).toEqual(
        RATE_DEFINITIONS[primary].denominator,
      );
      expect(rateOf(complement) + rateOf(primary), complement).toBeCloseTo(1, 15);
    }
    expect(Object.keys(COMPLEMENT_OF).sort()).toEqual(['fdr', 'fnr', 'for', 'tnr']);
  });

  it('identifies a test by its primary rate', () => {
    expect(primaryRate('fnr')).toBe('tpr');
    expect(primaryRate('tnr')).toBe('fpr');
    expect(primaryRate('fdr')).toBe('ppv');
    expect(primaryRate('for')).toBe('npv');
    for (const metric of [
      'selection_rate',
      'prevalence',
      'tpr',
      'fpr',
      'ppv',
      'npv',
      'accuracy',
    ] as const) {
      expect(primaryRate(metric)).toBe(metric);
    }
  });
});
