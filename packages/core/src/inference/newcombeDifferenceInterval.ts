import type { Interval } from './interval.js';
import { wilsonInterval } from './wilsonInterval.js';

/**
 * Newcombe's hybrid score interval for the difference p1 - p2 of two independent binomial
 * proportions (Newcombe 1998, "Interval estimation for the difference between independent
 * proportions: comparison of eleven methods", Stat. Med. 17:873-890, method 10). With
 * [l_i, u_i] the Wilson score interval of p_i ({@link wilsonInterval}, no continuity correction):
 *
 *   low  = (p1 - p2) - sqrt((p1 - l1)^2 + (u2 - p2)^2)
 *   high = (p1 - p2) + sqrt((u1 - p1)^2 + (p2 - l2)^2)
 *
 * As `statsmodels.stats.proportion.confint_proportions_2indep(compare='diff', method='newcomb')`.
 * Counts may be non-integer (weighted) and are not rounded. Returns `null` when `n1 <= 0` or
 * `n2 <= 0` (a proportion is undefined).
 */
export function newcombeDifferenceInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence: number,
): Interval | null {
  const first = wilsonInterval(x1, n1, confidence);
  const second = wilsonInterval(x2, n2, confidence);
  if (first === null || second === null) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const difference = p1 - p2;
  const [low1, high1] = first;
  const [low2, high2] = second;
  const low = difference - Math.hypot(p1 - low1, high2 - p2);
  const high = difference + Math.hypot(high1 - p1, p2 - low2);
  return [Math.max(-1, low), Math.min(1, high)];
}
