import { describe, expect, it } from 'vitest';
import { fisherExactTest } from '../../src/inference/fisherExactTest.js';
import { expectClose, hasNumbers, readCases } from './fixtureCases.js';

interface FisherCase {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly pValue: number;
  readonly exactPValue?: number;
}

function isFisherCase(value: unknown): value is FisherCase {
  return (
    hasNumbers(value, ['a', 'b', 'c', 'd', 'pValue']) &&
    (!('exactPValue' in value) || Number.isFinite(value.exactPValue))
  );
}

const cases = readCases('fisherExactTest.json', isFisherCase);

/**
 * log P(k) is a sum of four log-gamma values of size up to N log N, each rounded to a double,
 * so the p-value carries a relative error of order eps * N log N: ~1e-13 for N ~ 1e3, ~2e-9
 * for N ~ 2e6 (measured). The tolerance is twice that bound, and never below 1e-12.
 */
function tolerance(total: number): number {
  return Math.max(1e-12, 2 * Number.EPSILON * total * Math.log(total));
}

describe('fisherExactTest', () => {
  it('matches scipy.stats.fisher_exact for tables with totals up to 2e6', () => {
    for (const { a, b, c, d, pValue } of cases) {
      const total = a + b + c + d;
      const relative = tolerance(total);
      expectClose(
        fisherExactTest(a, b, c, d),
        pValue,
        { relative },
        `[[${a}, ${b}], [${c}, ${d}]]`,
      );
    }
  });

  it('matches the exact rational p-value under the 1 + 1e-7 tie rule', () => {
    const exact = cases.filter((item) => item.exactPValue !== undefined);
    expect(exact.length).toBeGreaterThan(40);
    for (const { a, b, c, d, exactPValue } of exact) {
      const relative = tolerance(a + b + c + d);
      expectClose(
        fisherExactTest(a, b, c, d),
        exactPValue!,
        { relative },
        `[[${a}, ${b}], [${c}, ${d}]]`,
      );
    }
  });

  it('counts the mirror table under symmetric margins as a tie', () => {
    // P(2) = P(8) exactly, so both tails are included: p = 2 P(k <= 2) (scipy: 0.023014137565221155).
    expectClose(fisherExactTest(2, 8, 8, 2), 0.023014137565221155, { relative: 1e-13 }, 'mirror');
    expect(fisherExactTest(10, 10, 10, 10)).toBe(1);
  });

  it('returns 1 when a row or column is empty', () => {
    expect(fisherExactTest(0, 0, 3, 4)).toBe(1);
    expect(fisherExactTest(0, 5, 0, 5)).toBe(1);
    expect(fisherExactTest(0, 0, 0, 0)).toBe(1);
  });

  it('returns NaN for negative or non-integer cells', () => {
    expect(fisherExactTest(-1, 2, 3, 4)).toBeNaN();
    expect(fisherExactTest(1.5, 2, 3, 4)).toBeNaN();
    expect(fisherExactTest(1, 2, NaN, 4)).toBeNaN();
  });

  it('keeps p-values near 1e-300 without underflow', () => {
    // p = 2 / C(1000, 500), from Python's math.comb
    const p = fisherExactTest(0, 500, 500, 0);
    expectClose(p, 7.399507995628054e-300, { relative: tolerance(1000) }, 'extreme table');
  });

  it('runs in time proportional to the smallest margin', () => {
    // 1e6 total but only 11 tables in the support.
    const started = performance.now();
    const p = fisherExactTest(1, 999_999, 10, 999_990);
    expect(performance.now() - started).toBeLessThan(50);
    expect(p).toBeGreaterThan(0);
  });
});
