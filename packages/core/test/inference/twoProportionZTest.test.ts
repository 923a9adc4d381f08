import { describe, expect, it } from 'vitest';
import { twoProportionZTest } from '../../src/inference/twoProportionZTest.js';
import { expectClose, hasNumbers, readCases } from './fixtureCases.js';

const cases = readCases('twoProportionZTest.json', (value) =>
  hasNumbers(value, ['x1', 'n1', 'x2', 'n2', 'statistic', 'pValue']),
);

describe('twoProportionZTest', () => {
  it('matches statsmodels proportions_ztest (pooled, two-sided)', () => {
    for (const { x1, n1, x2, n2, statistic, pValue } of cases) {
      const result = twoProportionZTest(x1, n1, x2, n2);
      const label = `${x1}/${n1} vs ${x2}/${n2}`;
      expect(result, label).not.toBeNull();
      if (result === null) continue;
      // The statistic is a few arithmetic operations: 1e-12 relative (absolute near z = 0).
      expectClose(result.statistic, statistic, { relative: 1e-12, absolute: 1e-14 }, `${label} z`);
      // scipy's norm.sf loses up to ~z^2 eps relative in the tail (see normal.test.ts); the
      // p-value also inherits the statistic's error times |z|, hence 1e-9. Below 1e-300 scipy
      // flushes to 0 what is a subnormal here: absolute agreement only.
      expectClose(result.pValue, pValue, { relative: 1e-9, absolute: 1e-300 }, `${label} p`);
    }
  });

  it('returns null when either sample has no trials', () => {
    expect(twoProportionZTest(0, 0, 1, 2)).toBeNull();
    expect(twoProportionZTest(1, 2, 0, -3)).toBeNull();
  });

  it('reports no evidence when the pooled proportion is 0 or 1', () => {
    expect(twoProportionZTest(0, 10, 0, 20)).toEqual({ statistic: 0, pValue: 1 });
    expect(twoProportionZTest(10, 10, 20, 20)).toEqual({ statistic: 0, pValue: 1 });
  });

  it('gives statistic 0 and p-value 1 for equal proportions', () => {
    const result = twoProportionZTest(5, 10, 50, 100)!;
    expect(result.statistic).toBe(0);
    expect(result.pValue).toBe(1);
  });

  it('keeps tiny p-values instead of rounding them to 0', () => {
    const result = twoProportionZTest(0, 1_000_000, 10_000, 1_000_000)!;
    expect(result.statistic).toBeLessThan(-99);
    expect(result.pValue).toBe(0); // |z| ~ 100: below the smallest double, a true underflow
    const moderate = twoProportionZTest(100, 100_000, 400, 100_000)!;
    expect(moderate.pValue).toBeGreaterThan(0);
    expect(moderate.pValue).toBeLessThan(1e-40);
  });
});
