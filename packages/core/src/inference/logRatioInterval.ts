import type { Interval } from './interval.js';
import { twoSidedZ } from './normal.js';

/**
 * Confidence interval for the ratio of two independent binomial proportions
 * r = p1 / p2 = (x1 / n1) / (x2 / n2) by the log (Katz) method (Katz, Baptista, Azen & Pike 1978,
 * Biometrics 34:469-474):
 *
 *   exp(log r  +-  z sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2)),  z = Phi^{-1}(1 - alpha/2).
 *
 * Zero-count policy:
 * - both counts positive: the plain log method, as
 *   `statsmodels.stats.proportion.confint_proportions_2indep(compare='ratio', method='log')`;
 * - exactly one count is 0 (the ratio is 0 or infinite and the plain variance is infinite): the
 *   0.5-adjusted log method, exactly as statsmodels' `method='log-adjusted'` does it (Fagerland,
 *   Lydersen & Laake 2015, Stat. Methods Med. Res. 24:224-254): 0.5 is added to both counts and to
 *   both sample sizes, x_i' = x_i + 0.5 and n_i' = n_i + 0.5, and the formula above is applied to
 *   the adjusted values. Both bounds are then finite and positive;
 * - both counts 0: `null`, the ratio 0/0 is undefined.
 * Also `null` when `n1 <= 0` or `n2 <= 0`. Counts may be non-integer (weighted) and are not
 * rounded.
 */
export function logRatioInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence: number,
): Interval | null {
  if (!(n1 > 0) || !(n2 > 0)) return null;
  if (x1 === 0 && x2 === 0) return null;
  const adjustment = x1 === 0 || x2 === 0 ? 0.5 : 0;
  const count1 = x1 + adjustment;
  const count2 = x2 + adjustment;
  const size1 = n1 + adjustment;
  const size2 = n2 + adjustment;
  const logRatio = Math.log(count1 / size1 / (count2 / size2));
  const variance = 1 / count1 - 1 / size1 + 1 / count2 - 1 / size2;
  const margin = twoSidedZ(confidence) * Math.sqrt(Math.max(0, variance));
  return [Math.exp(logRatio - margin), Math.exp(logRatio + margin)];
}
