import type { Interval } from './interval.js';
import { twoSidedZ } from './normal.js';

/**
 * Wilson score interval for a binomial proportion p = successes / trials, without continuity
 * correction (Wilson 1927, JASA 22:209-212; Newcombe 1998, Stat. Med. 17:857-872, method 3):
 *
 *   (p + z^2 / 2n  +-  z sqrt(p (1 - p) / n + z^2 / 4n^2)) / (1 + z^2 / n),  z = Phi^{-1}(1 - alpha/2).
 *
 * The same arithmetic as `statsmodels.stats.proportion.proportion_confint(method='wilson')`.
 * `successes` and `trials` may be non-integer (weighted counts, Kish effective sample sizes) and
 * are used as given, never rounded. `successes` is expected in [0, trials]; the bounds are clipped
 * to [0, 1] so that floating-point drift in weighted counts cannot push them outside. Returns
 * `null` when `trials <= 0` (the proportion is undefined) or is NaN.
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  confidence: number,
): Interval | null {
  if (!(trials > 0)) return null;
  const z = twoSidedZ(confidence);
  const zSquared = z * z;
  const proportion = successes / trials;
  const denominator = 1 + zSquared / trials;
  const center = (proportion + zSquared / (2 * trials)) / denominator;
  const halfWidth =
    (z * Math.sqrt((proportion * (1 - proportion)) / trials + zSquared / (4 * trials * trials))) /
    denominator;
  return [Math.max(0, center - halfWidth), Math.min(1, center + halfWidth)];
}
