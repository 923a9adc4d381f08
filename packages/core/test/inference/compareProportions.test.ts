import { describe, expect, it } from 'vitest';
import { compareProportions } from '../../src/inference/compareProportions.js';
import { fisherExactTest } from '../../src/inference/fisherExactTest.js';
import { twoProportionZTest } from '../../src/inference/twoProportionZTest.js';
import { expectClose, hasNumbers, isRecord, readCases } from './fixtureCases.js';

interface ComparisonCase {
  readonly x1: number;
  readonly n1: number;
  readonly x2: number;
  readonly n2: number;
  readonly test: 'z' | 'fisher';
  readonly minExpected: number;
  readonly statistic?: number;
  readonly pValue: number;
}

function isComparisonCase(value: unknown): value is ComparisonCase {
  return (
    isRecord(value) &&
    (value.test === 'z' || value.test === 'fisher') &&
    (!('statistic' in value) || Number.isFinite(value.statistic)) &&
    hasNumbers(value, ['x1', 'n1', 'x2', 'n2', 'minExpected', 'pValue'])
  );
}

const cases = readCases('compareProportions.json', isComparisonCase);

describe('compareProportions', () => {
  it('chooses the test by the smallest expected count and matches scipy/statsmodels', () => {
    expect(cases.some((item) => item.test === 'z')).toBe(true);
    expect(cases.some((item) => item.test === 'fisher')).toBe(true);
    for (const { x1, n1, x2, n2, test, statistic, pValue } of cases) {
      const label = `${x1}/${n1} vs ${x2}/${n2}`;
      const result = compareProportions(x1, n1, x2, n2);
      expect(result?.test, label).toBe(test);
      if (result === null) continue;
      // Totals here are below 2e5: Fisher p-values agree to ~1e-10 (see fisherExactTest.test.ts);
      // z p-values to 1e-9 (see twoProportionZTest.test.ts).
      expectClose(result.pValue, pValue, { relative: 1e-9 }, `${label} p`);
      if (statistic === undefined) {
        expect(result.statistic, label).toBeNull();
      } else {
        expectClose(result.statistic ?? NaN, statistic, { relative: 1e-12 }, `${label} z`);
      }
    }
  });

  it('returns null when either sample has no trials', () => {
    expect(compareProportions(0, 0, 1, 10)).toBeNull();
    expect(compareProportions(1, 10, 0, -1)).toBeNull();
  });

  it('uses Fisher when an expected count is just below 5 and z at exactly 5', () => {
    // min expected = min(n1, n2) * min(successes, failures) / total
    expect(compareProportions(4, 50, 5, 50)?.test).toBe('fisher'); // 50 * 9 / 100 = 4.5
    expect(compareProportions(5, 50, 5, 50)?.test).toBe('z'); // 50 * 10 / 100 = 5
  });

  it('rounds weighted counts to the nearest integer for Fisher', () => {
    const result = compareProportions(2.4, 9.6, 7.75, 10.25)!;
    expect(result.test).toBe('fisher');
    // cells: round(2.4) = 2, round(9.6 - 2.4) = 7, round(7.75) = 8, round(2.5) = 3 (halves up)
    expect(result.pValue).toBe(fisherExactTest(2, 7, 8, 3));
  });

  it('passes the z test result through unchanged', () => {
    const result = compareProportions(100, 1000, 130, 1000)!;
    const direct = twoProportionZTest(100, 1000, 130, 1000)!;
    expect(result).toEqual({ test: 'z', statistic: direct.statistic, pValue: direct.pValue });
  });

  it('uses Fisher, with p = 1, when the pooled proportion is 0 or 1', () => {
    expect(compareProportions(0, 100, 0, 200)).toEqual({
      test: 'fisher',
      statistic: null,
      pValue: 1,
    });
    expect(compareProportions(100, 100, 200, 200)).toEqual({
      test: 'fisher',
      statistic: null,
      pValue: 1,
    });
  });
});
