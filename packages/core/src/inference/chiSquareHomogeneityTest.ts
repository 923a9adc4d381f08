import { chiSquareSurvival } from './chiSquare.js';

/** Pearson's chi-square statistic, its degrees of freedom and p-value, and the smallest expected cell count. */
export interface HomogeneityResult {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  /** The smallest expected cell count of the k x 2 table (Cochran's rule wants >= 5). */
  readonly minExpected: number;
}

/**
 * Pearson chi-square test that k independent binomial proportions are equal, on the k x 2 table
 * of successes and failures, without continuity correction (Agresti 2002, Categorical Data
 * Analysis, 3.2; as `scipy.stats.chi2_contingency(table, correction=False)`):
 *
 *   p = sum x_i / sum n_i,   X^2 = sum_i (x_i - n_i p)^2 / (n_i p (1 - p)),   df = k - 1,
 *
 * which equals the usual sum over both columns of (observed - expected)^2 / expected. The p-value
 * is the chi-square survival function of X^2 on k - 1 degrees of freedom.
 *
 * Groups with `trials <= 0` are ignored (their proportion is undefined); `null` when fewer than
 * two groups remain. When the pooled proportion is 0 or 1 every group agrees and the statistic
 * is 0/0; that case is defined as `statistic: 0, pValue: 1` (with `minExpected: 0`). Counts may be
 * non-integer (weighted). `successes` and `trials` are paired by index; extra entries of the
 * longer array are ignored.
 */
export function chiSquareHomogeneityTest(
  successes: readonly number[],
  trials: readonly number[],
): HomogeneityResult | null {
  const groups: { readonly successes: number; readonly trials: number }[] = [];
  const length = Math.min(successes.length, trials.length);
  for (let i = 0; i < length; i++) {
    const groupTrials = trials[i]!;
    if (groupTrials > 0) groups.push({ successes: successes[i]!, trials: groupTrials });
  }
  if (groups.length < 2) return null;
  const df = groups.length - 1;
  let totalSuccesses = 0;
  let totalTrials = 0;
  let smallestTrials = Infinity;
  for (const group of groups) {
    totalSuccesses += group.successes;
    totalTrials += group.trials;
    smallestTrials = Math.min(smallestTrials, group.trials);
  }
  const pooled = totalSuccesses / totalTrials;
  if (pooled <= 0 || pooled >= 1) return { statistic: 0, df, pValue: 1, minExpected: 0 };
  const minExpected = smallestTrials * Math.min(pooled, 1 - pooled);
  let statistic = 0;
  for (const group of groups) {
    const deviation = group.successes - group.trials * pooled;
    statistic += (deviation * deviation) / (group.trials * pooled * (1 - pooled));
  }
  return { statistic, df, pValue: chiSquareSurvival(statistic, df), minExpected };
}
