import { normalCdf, normalSurvival } from '../inference/normal.js';

const HALF_LOG_2PI = 0.9189385332046728;
const ONE_OVER_SQRT_2PI = 0.3989422804014327;

/** Below this argument log Phi comes from the asymptotic series instead of {@link normalCdf}. */
const SERIES_CUTOFF = -20;

/**
 * Coefficients (-1)^k (2k - 1)!! of the asymptotic series of the Mills ratio, k = 0..12:
 * Phi(x) = phi(x) / |x| * sum_k (-1)^k (2k - 1)!! x^(-2k) as x -> -infinity (Abramowitz & Stegun
 * 26.2.12). The series is alternating and its error is below the first omitted term,
 * 25!! / x^26 < 2e-21 for x <= -20.
 */
const MILLS_SERIES = [
  1, -1, 3, -15, 105, -945, 10395, -135135, 2027025, -34459425, 654729075, -13749310575,
  316234143225,
] as const;

/** s(u) = sum_k MILLS_SERIES[k] u^k by Horner's rule. */
function millsSeries(u: number): number {
  let value = 0;
  for (let k = MILLS_SERIES.length - 1; k >= 0; k--) value = value * u + MILLS_SERIES[k]!;
  return value;
}

/** s'(u) = sum_k k MILLS_SERIES[k] u^(k - 1) by Horner's rule. */
function millsSeriesSlope(u: number): number {
  let slope = 0;
  for (let k = MILLS_SERIES.length - 1; k >= 1; k--) slope = slope * u + k * MILLS_SERIES[k]!;
  return slope;
}

/**
 * h(x) = log Phi(x) + x^2 / 2, the log of the standard normal cdf with the Gaussian factor taken
 * out. It is what the normal-mixture e-value needs: log E has the form c + h(S / sqrt(V + rho)),
 * and computing h directly avoids subtracting two huge numbers when S is very negative.
 *
 * - x < -20: h(x) = -log(-x) - log(2 pi) / 2 + log(sum_k (-1)^k (2k - 1)!! x^(-2k)), the
 *   asymptotic series of {@link MILLS_SERIES} (relative error below 1e-20 before rounding).
 * - -20 <= x <= 0: log(normalCdf(x)) + x^2 / 2 (Cody's approximation keeps full relative precision
 *   of Phi there, Phi(-20) ~ 2.8e-89).
 * - x > 0: log1p(-normalSurvival(x)) + x^2 / 2.
 *
 * h is increasing and convex (h'' = 1 - lambda (x + lambda) with lambda = phi / Phi, which lies in
 * (0, 1) because it is the variance of a normal truncated above at x). h(-inf) = -inf,
 * h(+inf) = +inf; NaN gives NaN.
 */
export function logScaledNormalCdf(x: number): number {
  if (x < SERIES_CUTOFF) {
    if (x === -Infinity) return -Infinity;
    return -Math.log(-x) - HALF_LOG_2PI + Math.log(millsSeries(1 / (x * x)));
  }
  if (x <= 0) return Math.log(normalCdf(x)) + 0.5 * x * x;
  if (x === Infinity) return Infinity;
  return Math.log1p(-normalSurvival(x)) + 0.5 * x * x;
}

/**
 * The derivative h'(x) = x + phi(x) / Phi(x) of {@link logScaledNormalCdf}, always positive.
 *
 * For x >= -20 it is x + exp(-h(x)) / sqrt(2 pi) (phi(x) / Phi(x) = exp(-h(x)) / sqrt(2 pi)),
 * given h(x) as `h`; below, the derivative of the series, -1/x - (2u / x) s'(u) / s(u) with
 * u = 1 / x^2, which avoids the cancellation of x against phi / Phi ~ -x.
 */
export function logScaledNormalCdfSlope(x: number, h: number): number {
  if (x < SERIES_CUTOFF) {
    const u = 1 / (x * x);
    return -1 / x - ((2 * u) / x) * (millsSeriesSlope(u) / millsSeries(u));
  }
  return x + ONE_OVER_SQRT_2PI * Math.exp(-h);
}

/**
 * Natural log of the standard normal cdf, log Phi(x), accurate in the far lower tail where Phi(x)
 * itself underflows: log Phi(-1000) = -500007.8267... is returned, not -Infinity.
 *
 * log Phi(x) = h(x) - x^2 / 2 with h = {@link logScaledNormalCdf}, i.e. for x < -20 the asymptotic
 * expansion log Phi(x) = -x^2/2 - log(-x) - log(2 pi)/2 + log(1 - x^-2 + 3 x^-4 - 15 x^-6 + ...)
 * (Abramowitz & Stegun 26.2.12), and log(normalCdf(x)) / log1p(-normalSurvival(x)) above (Cody
 * 1993, ALGORITHM 715). Relative error a few ulp; -Infinity only when x^2 overflows
 * (x < -1.3e154) or x = -Infinity; 0 for large x.
 */
export function logNormalCdf(x: number): number {
  if (x < SERIES_CUTOFF) return logScaledNormalCdf(x) - 0.5 * x * x;
  if (x <= 0) return Math.log(normalCdf(x));
  return Math.log1p(-normalSurvival(x));
}
