import { describe, expect, it } from 'vitest';
import { chiSquareHomogeneityTest } from '../../src/inference/chiSquareHomogeneityTest.js';
import { twoProportionZTest } from '../../src/inference/twoProportionZTest.js';
import { expectClose, hasNumbers, isNumberArray, isRecord, readCases } from './fixtureCases.js';

interface HomogeneityCase {
  readonly successes: number[];
  readonly trials: number[];
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  readonly minExpected: number;
}

function isHomogeneityCase(value: unknown): value is HomogeneityCase {
  return (
    isRecord(value) &&
    isNumberArray(value.successes) &&
    isNumberArray(value.trials) &&
    hasNumbers(value, ['statistic', 'df', 'pValue', 'minExpected'])
  );
}

const cases = readCases('chiSquareHomogeneityTest.json', isHomogeneityCase);

describe('chiSquareHomogeneityTest', () => {
  it('matches scipy.stats.chi2_contingency(correction=False) on the k x 2 table', () => {
    for (const { successes, trials, statistic, df, pValue, minExpected } of cases) {
      const label = `${successes.length} groups`;
      const result = chiSquareHomogeneityTest(successes, trials);
      expect(result, label).not.toBeNull();
      if (result === null) continue;
      // scipy sums (O - E)^2 / E over 2k cells; here one term per group: rounding differs at ~1e-13.
      expectClose(result.statistic, statistic, { relative: 1e-12 }, `${label} statistic`);
      expect(result.df, label).toBe(df);
      // scipy's chi2.sf is good to ~1e-13 here; the statistic's error is amplified by about
      // X^2 / 2 in the p-value's relative error (X^2 up to ~3000 in these cases).
      const relative = Math.max(1e-9, 1e-12 * statistic);
      expectClose(result.pValue, pValue, { relative, absolute: 1e-300 }, `${label} p`);
      expectClose(result.minExpected, minExpected, { relative: 1e-12 }, `${label} minExpected`);
    }
  });

  it('ignores groups without trials and returns null with fewer than two groups left', () => {
    expect(chiSquareHomogeneityTest([3, 4], [10, 0])).toBeNull();
    expect(chiSquareHomogeneityTest([3], [10])).toBeNull();
    expect(chiSquareHomogeneityTest([], [])).toBeNull();
    const withEmpty = chiSquareHomogeneityTest([3, 0, 7], [10, 0, 12]);
    expect(withEmpty).toEqual(chiSquareHomogeneityTest([3, 7], [10, 12]));
    expect(withEmpty?.df).toBe(1);
  });

  it('reports statistic 0 and p-value 1 when the pooled proportion is 0 or 1', () => {
    expect(chiSquareHomogeneityTest([0, 0, 0], [5, 6, 7])).toEqual({
      statistic: 0,
      df: 2,
      pValue: 1,
      minExpected: 0,
    });
    expect(chiSquareHomogeneityTest([5, 6], [5, 6])).toEqual({
      statistic: 0,
      df: 1,
      pValue: 1,
      minExpected: 0,
    });
  });

  it('equals the square of the pooled z test for two groups', () => {
    const result = chiSquareHomogeneityTest([30, 45], [100, 110])!;
    const z = twoProportionZTest(30, 100, 45, 110)!;
    expectClose(result.statistic, z.statistic ** 2, { relative: 1e-13 }, 'X^2 = z^2');
    expectClose(result.pValue, z.pValue, { relative: 1e-12 }, 'same p-value');
  });
});
