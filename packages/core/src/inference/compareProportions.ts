import { fisherExactTest } from './fisherExactTest.js';
import { twoProportionZTest } from './twoProportionZTest.js';

/** The result of {@link compareProportions}: which test ran, its statistic and p-value. */
export interface ProportionComparison {
  readonly test: 'z' | 'fisher';
  /** The z statistic, or `null` for Fisher's exact test, which has none. */
  readonly statistic: number | null;
  /** Two-sided p-value. */
  readonly pValue: number;
}

/** Cochran's rule: the normal approximation needs every expected cell count to be at least 5. */
const MIN_EXPECTED_COUNT = 5;

/**
 * The audit's two-sided test of H0: p1 = p2 for two independent samples x1/n1 and x2/n2.
 *
 * The 2x2 table [[x1, n1 - x1], [x2, n2 - x2]] has expected cell counts
 * E_ij = n_i * column_j / (n1 + n2), the smallest being
 *   min(n1, n2) * min(x1 + x2, (n1 + n2) - (x1 + x2)) / (n1 + n2).
 * When it is below 5 (Cochran 1954, Biometrics 10:417-451) the test is Fisher's exact test
 * ({@link fisherExactTest}), otherwise the pooled two-proportion z test
 * ({@link twoProportionZTest}).
 *
 * Non-integer (weighted) counts: the choice of test uses the counts as given; for Fisher's test
 * each cell is rounded to the nearest integer (halves up), a = round(x1), b = round(n1 - x1),
 * c = round(x2), d = round(n2 - x2), clamped at 0. The z test uses the counts unrounded.
 * Returns `null` when `n1 <= 0` or `n2 <= 0`.
 */
export function compareProportions(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): ProportionComparison | null {
  if (!(n1 > 0) || !(n2 > 0)) return null;
  const total = n1 + n2;
  const successes = x1 + x2;
  const minExpected = (Math.min(n1, n2) * Math.min(successes, total - successes)) / total;
  if (minExpected < MIN_EXPECTED_COUNT) {
    const pValue = fisherExactTest(
      roundCount(x1),
      roundCount(n1 - x1),
      roundCount(x2),
      roundCount(n2 - x2),
    );
    return { test: 'fisher', statistic: null, pValue };
  }
  const result = twoProportionZTest(x1, n1, x2, n2);
  if (result === null) return null;
  return { test: 'z', statistic: result.statistic, pValue: result.pValue };
}

function roundCount(count: number): number {
  return Math.max(0, Math.round(count));
}
