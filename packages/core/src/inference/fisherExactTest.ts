import { logGamma } from './gamma.js';

/**
 * Relative tolerance for "as or less likely than the observed table", as R's `fisher.test`
 * (relErr = 1 + 1e-7). It makes tables that tie with the observed one mathematically (mirror
 * tables under symmetric margins) count as ties although their log-gamma sums differ by rounding,
 * about 1e-16 * N log N, i.e. ~1e-9 at N = 1e6.
 */
const RELATIVE_TOLERANCE = 1e-7;

/**
 * Two-sided Fisher exact test of independence on the 2x2 table [[a, b], [c, d]]
 * (Fisher 1935, J. R. Stat. Soc. 98:39-82; Agresti 2002, Categorical Data Analysis, 3.5.1).
 *
 * Conditional on the margins, the top-left cell k follows the hypergeometric distribution
 *   P(k) = C(a+b, k) C(c+d, a+c-k) / C(n, a+c),  max(0, (a+c)-(c+d)) <= k <= min(a+b, a+c),
 * and the p-value is the total probability of the tables no more likely than the observed one:
 *   p = sum over k with P(k) <= P(a) (1 + 1e-7) of P(k).
 * This is the definition of `scipy.stats.fisher_exact` and R's `fisher.test` (scipy 1.10 uses a
 * relative tolerance of 1e-14; 1e-7 is used here, see {@link RELATIVE_TOLERANCE}).
 *
 * log P(k) is evaluated with {@link logGamma}, so totals up to ~1e6 and beyond neither overflow
 * nor lose more than ~1e-9 relative precision; the loop visits every table of the support once,
 * O(min margin) time. The sum is normalised by the total mass of the support rather than by the
 * binomial coefficient C(n, a+c), which cancels its rounding; the result is formed in log space,
 * so p-values down to the smallest doubles are returned rather than flushed to 0.
 *
 * The inputs must be non-negative integers (callers round weighted counts); otherwise NaN.
 * A table with an empty row or column has p = 1, as in scipy.
 */
export function fisherExactTest(a: number, b: number, c: number, d: number): number {
  for (const cell of [a, b, c, d]) {
    if (!Number.isSafeInteger(cell) || cell < 0) return NaN;
  }
  const row1 = a + b;
  const row2 = c + d;
  const column1 = a + c;
  const total = row1 + row2;
  if (row1 === 0 || row2 === 0 || column1 === 0 || column1 === total) return 1;

  // log P(k) + log C(n, a+c) - log(row1! row2!) = -log(k! (row1-k)! (column1-k)! (row2-column1+k)!)
  const logWeight = (k: number): number =>
    -(
      logGamma(k + 1) +
      logGamma(row1 - k + 1) +
      logGamma(column1 - k + 1) +
      logGamma(row2 - column1 + k + 1)
    );
  const lowest = Math.max(0, column1 - row2);
  const highest = Math.min(row1, column1);
  const mode = Math.floor(((row1 + 1) * (column1 + 1)) / (total + 2));
  const logPeak = logWeight(mode);
  const logObserved = logWeight(a);
  const threshold = logObserved + Math.log1p(RELATIVE_TOLERANCE);

  // Both sums are scaled so that neither overflows nor underflows where it matters:
  // support mass relative to the mode (>= 1), included mass relative to the observed (>= 1).
  let supportMass = 0;
  let includedMass = 0;
  for (let k = lowest; k <= highest; k++) {
    const logK = logWeight(k);
    supportMass += Math.exp(logK - logPeak);
    if (logK <= threshold) includedMass += Math.exp(logK - logObserved);
  }
  const logP = logObserved - logPeak + Math.log(includedMass) - Math.log(supportMass);
  return Math.min(1, Math.exp(logP));
}
