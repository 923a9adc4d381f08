import { regularizedGammaQ } from './gamma.js';

/**
 * Survival function of the chi-square distribution with `df` degrees of freedom,
 * P(X > x) = Q(df / 2, x / 2), the upper regularized incomplete gamma function
 * (Abramowitz & Stegun 26.4.19; `scipy.stats.chi2.sf`).
 *
 * Keeps its relative precision far into the tail (p-values down to ~1e-300). Returns 1 for
 * x <= 0 and NaN when df <= 0 or an argument is NaN.
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}
