import { normalSurvival } from './normal.js';

/** A test statistic with its two-sided p-value. */
export interface TestResult {
  readonly statistic: number;
  readonly pValue: number;
}

/**
 * Pooled two-proportion z test of H0: p1 = p2, two-sided (Fleiss, Levin & Paik 2003,
 * Statistical Methods for Rates and Proportions, 3rd ed., 7.1):
 *
 *   z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2)),  p = (x1 + x2) / (n1 + n2),
 *   p-value = 2 Q(|z|),
 *
 * as `statsmodels.stats.proportion.proportions_ztest([x1, x2], [n1, n2])`. The p-value comes from
 * the normal survival function, so it keeps its relative precision down to ~1e-300.
 *
 * Returns `null` when `n1 <= 0` or `n2 <= 0`. When the pooled proportion is 0 or 1 both samples
 * are identical (all failures or all successes) and the statistic is 0/0; that case is defined as
 * no evidence of a difference: `{ statistic: 0, pValue: 1 }`.
 */
export function twoProportionZTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): TestResult | null {
  if (!(n1 > 0) || !(n2 > 0)) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  if (pooled <= 0 || pooled >= 1) return { statistic: 0, pValue: 1 };
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const statistic = (x1 / n1 - x2 / n2) / standardError;
  return { statistic, pValue: Math.min(1, 2 * normalSurvival(Math.abs(statistic))) };
}
