import type { Interval } from '../inference/interval.js';
import { logMixtureEValue, mixtureBoundary } from './mixtureEValue.js';
import { nullBoundaryVariance } from './nullBoundaryVariance.js';

/** How two proportions are compared: p1 - p2, or p1 / p2 (analysed on the log scale). */
export type GapKind = 'difference' | 'ratio';

/** The side of the band the evidence points to. */
export type GapDirection = 'above' | 'below';

/**
 * The allowed band [low, high] for a gap, on the natural scale: a difference band such as
 * [-0.05, 0.05], a ratio band such as [0.8, 1.25] (0 <= low <= high). An edge may be infinite
 * (or 0 for a ratio's low edge) for a one-sided band; that side then never has evidence.
 */
export type GapBand = readonly [low: number, high: number];

/** The settings of {@link gapEvidence}; validated where configuration is read. */
export interface GapEvidenceOptions {
  readonly kind: GapKind;
  readonly band: GapBand;
  /**
   * Mixing precision rho of the normal mixture, in units of intrinsic time V = 1 / variance of the
   * estimate on the analysis scale; see {@link mixturePrecisionFor}.
   */
  readonly rho: number;
  /** The log-threshold L, log(1 / alpha), at which the confidence-sequence interval is given. */
  readonly logThreshold: number;
}

/** The result of {@link gapEvidence}. */
export interface GapEvidence {
  readonly kind: GapKind;
  /**
   * The estimated gap: p1 - p2, or p1 / p2 for a ratio. `null` when there is no evidence (see
   * `reason`). A ratio with a zero count is estimated from adjusted proportions (see
   * {@link gapEvidence}); `adjusted` says so.
   */
  readonly estimate: number | null;
  /**
   * sigma-hat^2, the plug-in (Wald) variance of the estimate on the analysis scale (of log(p1/p2)
   * for a ratio), from the observed proportions.
   */
  readonly variance: number | null;
  /** Intrinsic time V = 1 / sigma-hat^2 of the plug-in variance; 0 when there is no evidence. */
  readonly intrinsicTime: number;
  /**
   * The variance E_above is computed with: the larger of the plug-in variance and the variance
   * at the null boundary "gap = high edge" ({@link nullBoundaryVariance}).
   */
  readonly varianceAbove: number | null;
  /** Likewise for E_below, at the boundary "gap = low edge". */
  readonly varianceBelow: number | null;
  /** log E for "the gap is above the band's high edge"; -Infinity when there is no evidence. */
  readonly logEValueAbove: number;
  /** log E for "the gap is below the band's low edge"; -Infinity when there is no evidence. */
  readonly logEValueBelow: number;
  /** The larger of the two. */
  readonly logEValue: number;
  /** The side with the larger log E; `null` when they are equal (including no evidence). */
  readonly direction: GapDirection | null;
  /**
   * The confidence-sequence interval at log-threshold L: the gaps not rejected on either side,
   * coverage at least 1 - 2 exp(-L) uniformly over time (asymptotically). `null` when there is no
   * evidence or when L is too small for the boundary to be positive.
   */
  readonly interval: Interval | null;
  /** True when a proportion of 0 or 1 was replaced by (x + 1/2) / (n + 1) (see gapEvidence). */
  readonly adjusted: boolean;
  /** Why there is no evidence, when there is none. */
  readonly reason?: string;
}

export const NO_TRIALS_IN_GROUP = 'no trials in the group';
export const NO_TRIALS_IN_COMPARISON = 'no trials in the comparison group';
export const COUNTS_OUT_OF_RANGE = 'successes outside 0..trials';

/**
 * Working values of one gap, filled in by {@link measureGap}. The change detector reuses one
 * across all its candidate starts so that it allocates nothing per start.
 */
export interface GapMeasurement {
  /** d-hat on the analysis scale: p1 - p2, or log(p1 / p2). */
  centre: number;
  /** The plug-in variance. */
  variance: number;
  /** max(plug-in, null-boundary variance at the high edge): the variance of E_above. */
  varianceAbove: number;
  /** max(plug-in, null-boundary variance at the low edge): the variance of E_below. */
  varianceBelow: number;
  adjusted: boolean;
  logEValueAbove: number;
  logEValueBelow: number;
}

export function createGapMeasurement(): GapMeasurement {
  return {
    centre: 0,
    variance: 0,
    varianceAbove: 0,
    varianceBelow: 0,
    adjusted: false,
    logEValueAbove: 0,
    logEValueBelow: 0,
  };
}

/** A band edge on the analysis scale: the edge itself for a difference, log(edge) for a ratio. */
export function analysisEdge(kind: GapKind, edge: number): number {
  return kind === 'ratio' ? Math.log(edge) : edge;
}

/**
 * The shared computation behind {@link gapEvidence} and the change detector: fills `into` and
 * returns `null`, or returns the reason there is no evidence (then `into` is untouched).
 * `lowEdge` and `highEdge` are on the analysis scale ({@link analysisEdge}). No allocation.
 */
export function measureGap(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  kind: GapKind,
  lowEdge: number,
  highEdge: number,
  rho: number,
  into: GapMeasurement,
): string | null {
  if (!(n1 > 0)) return NO_TRIALS_IN_GROUP;
  if (!(n2 > 0)) return NO_TRIALS_IN_COMPARISON;
  if (!(x1 >= 0 && x1 <= n1 && x2 >= 0 && x2 <= n2)) return COUNTS_OUT_OF_RANGE;
  const adjusted1 = x1 === 0 || x1 === n1;
  const adjusted2 = x2 === 0 || x2 === n2;
  // Proportions for the variance: (x + 1/2) / (n + 1) when the observed one is 0 or 1.
  const a1 = adjusted1 ? (x1 + 0.5) / (n1 + 1) : x1 / n1;
  const a2 = adjusted2 ? (x2 + 0.5) / (n2 + 1) : x2 / n2;
  let centre: number;
  let variance: number;
  if (kind === 'difference') {
    centre = x1 / n1 - x2 / n2;
    variance = (a1 * (1 - a1)) / n1 + (a2 * (1 - a2)) / n2;
  } else {
    // log 0 is not an estimate: a zero count enters the log ratio adjusted too.
    const c1 = x1 === 0 ? a1 : x1 / n1;
    const c2 = x2 === 0 ? a2 : x2 / n2;
    centre = Math.log(c1) - Math.log(c2);
    variance = (1 - a1) / (n1 * a1) + (1 - a2) / (n2 * a2);
  }
  // Math.max would return NaN for an edge outside the parameter space; the plug-in stays then.
  const boundaryAbove = nullBoundaryVariance(x1, n1, x2, n2, kind, highEdge);
  const boundaryBelow = nullBoundaryVariance(x1, n1, x2, n2, kind, lowEdge);
  const varianceAbove = boundaryAbove > variance ? boundaryAbove : variance;
  const varianceBelow = boundaryBelow > variance ? boundaryBelow : variance;
  into.centre = centre;
  into.variance = variance;
  into.varianceAbove = varianceAbove;
  into.varianceBelow = varianceBelow;
  into.adjusted = adjusted1 || adjusted2;
  into.logEValueAbove = sideLogEValue(centre - highEdge, varianceAbove, rho);
  into.logEValueBelow = sideLogEValue(lowEdge - centre, varianceBelow, rho);
  return null;
}

/**
 * log E for one side from the estimate's distance past the edge and that side's variance. An
 * infinite edge (a one-sided band) is never crossed: -Infinity, without forming Infinity * 0.
 */
function sideLogEValue(distance: number, variance: number, rho: number): number {
  if (distance === -Infinity) return -Infinity;
  const v = 1 / variance;
  return logMixtureEValue(distance * v, v, rho);
}

/**
 * Anytime-valid evidence that the gap between two proportions p1 = x1/n1 (the group) and
 * p2 = x2/n2 (the comparison group) lies outside the band [low, high], as two one-sided
 * normal-mixture e-values ({@link logMixtureEValue}).
 *
 * Construction (the asymptotic confidence sequences of Waudby-Smith, Arbour, Sinha, Kennedy &
 * Ramdas 2021, "Time-uniform central limit theory and asymptotic confidence sequences",
 * arXiv:2103.06476, with the one-sided Robbins normal mixture of Howard et al. 2021):
 *
 * - difference: d-hat = p1 - p2, sigma-hat^2 = p1 q1 / n1 + p2 q2 / n2 (q = 1 - p);
 * - ratio, on the log scale: d-hat = log(p1 / p2), sigma-hat^2 = q1 / (n1 p1) + q2 / (n2 p2)
 *   (delta method; the band edges become log(low), log(high));
 * - each side's variance is the larger of sigma-hat^2 and the variance at that side's null
 *   boundary (the score-test variance, {@link nullBoundaryVariance}): sigma_above^2 at
 *   "d = high", sigma_below^2 at "d = low";
 * - V_above = 1 / sigma_above^2, S_high = (d-hat - high) V_above, and likewise V_below, S_low =
 *   (low - d-hat) V_below;
 * - log E_above = log E(S_high, V_above, rho), log E_below = log E(S_low, V_below, rho).
 *
 * By the CLT, (d-hat - d) V is asymptotically a Brownian motion in intrinsic time V, so under the
 * null "d <= high" E_above is asymptotically an e-process and P(E_above ever >= 1/alpha) <= alpha
 * however often it is looked at (Ville's inequality); likewise E_below under "d >= low".
 * Assumptions: independent Bernoulli outcomes within each group with stationary proportions, and
 * the two groups' sample sizes growing in a stable proportion (the traffic share of a group does
 * not drift), which makes S a sum of i.i.d. increments up to the variance estimate; the guarantee
 * is asymptotic in the sample sizes, not exact at n = 20.
 *
 * Why not the plug-in alone: in a short window a small group's observed proportion can be far
 * from its true one, and the plug-in variance then understates the noise exactly when the
 * estimate looks most extreme (1 false positive in 100 negatives of a group whose rate is 0.10
 * gives p q / n = 1e-4 where the truth is 9e-4). The change detector maximises over many window
 * starts and finds such windows, so plug-in evidence paged on fair traffic (the canary-regression
 * simulation with seed 24046 paged on v1 segment s20 from x1 = 1 of n1 = 100). Under the boundary
 * null the boundary variance and the plug-in agree asymptotically, so the guarantee keeps its form;
 * taking the larger only removes evidence, where the plug-in would overstate it.
 *
 * The interval is the confidence sequence at L: [d-hat - b_above / V_above,
 * d-hat + b_below / V_below] with b = mixtureBoundary(V, rho, L), so "the interval lies above the
 * band" is exactly "log E_above >= L" and "below" exactly "log E_below >= L". Each side's variance
 * is at least the plug-in, so the interval contains the plug-in confidence sequence (it covers at
 * least as often); it depends on the band through the boundary variances. A difference interval is
 * intersected with [-1, 1]; a ratio interval is exponentiated.
 *
 * Degenerate input (one policy):
 * - n1 <= 0 or n2 <= 0 (or NaN), or a count outside 0..n: no evidence; both log e-values are
 *   -Infinity, estimate, variance and interval `null`, `reason` says which.
 * - an observed proportion of 0 or 1 would give that group zero variance and hence infinite
 *   evidence from a handful of trials. Such a group enters the variance with the adjusted
 *   proportion p-tilde = (x + 1/2) / (n + 1) (half a success and half a failure added; symmetric in
 *   x <-> n - x) in place of p, with n unchanged: p-tilde q-tilde / n for a difference,
 *   q-tilde / (n p-tilde) for a ratio. The estimate keeps the observed proportions, except that a
 *   ratio's zero count also uses p-tilde in the estimate (log 0 is not finite). So 0/n never yields
 *   infinite evidence, and `adjusted` is true.
 * Counts may be non-integer (weighted). rho and the band are validated where configuration is
 * read; NaN in them gives NaN e-values.
 */
export function gapEvidence(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  options: GapEvidenceOptions,
): GapEvidence {
  const { kind, band, rho, logThreshold } = options;
  const measurement = createGapMeasurement();
  const reason = measureGap(
    x1,
    n1,
    x2,
    n2,
    kind,
    analysisEdge(kind, band[0]),
    analysisEdge(kind, band[1]),
    rho,
    measurement,
  );
  if (reason !== null) return noGapEvidence(kind, reason);
  const { centre, variance, varianceAbove, varianceBelow, adjusted } = measurement;
  const { logEValueAbove, logEValueBelow } = measurement;
  // Each end of the interval is the boundary of the side whose test it decides: the low end with
  // E_above's variance, the high end with E_below's, so "above the band" <=> log E_above >= L.
  const lowHalfWidth = halfWidthAt(varianceAbove, rho, logThreshold);
  const highHalfWidth = halfWidthAt(varianceBelow, rho, logThreshold);
  let interval: Interval | null = null;
  if (lowHalfWidth >= 0 && highHalfWidth >= 0) {
    interval =
      kind === 'ratio'
        ? [Math.exp(centre - lowHalfWidth), Math.exp(centre + highHalfWidth)]
        : [Math.max(-1, centre - lowHalfWidth), Math.min(1, centre + highHalfWidth)];
  }
  return {
    kind,
    estimate: kind === 'ratio' ? Math.exp(centre) : centre,
    variance,
    intrinsicTime: 1 / variance,
    varianceAbove,
    varianceBelow,
    logEValueAbove,
    logEValueBelow,
    logEValue: Math.max(logEValueAbove, logEValueBelow),
    direction: directionOf(logEValueAbove, logEValueBelow),
    interval,
    adjusted,
  };
}

/** The confidence-sequence half-width b / V at variance 1 / V; NaN-free for V = 0 (Infinity). */
function halfWidthAt(variance: number, rho: number, logThreshold: number): number {
  const v = 1 / variance;
  return v === 0 ? Infinity : mixtureBoundary(v, rho, logThreshold) / v;
}

/** The side with the larger log e-value, `null` on a tie. */
export function directionOf(logEValueAbove: number, logEValueBelow: number): GapDirection | null {
  if (logEValueAbove > logEValueBelow) return 'above';
  if (logEValueBelow > logEValueAbove) return 'below';
  return null;
}

function noGapEvidence(kind: GapKind, reason: string): GapEvidence {
  return {
    kind,
    estimate: null,
    variance: null,
    intrinsicTime: 0,
    varianceAbove: null,
    varianceBelow: null,
    logEValueAbove: -Infinity,
    logEValueBelow: -Infinity,
    logEValue: -Infinity,
    direction: null,
    interval: null,
    adjusted: false,
    reason,
  };
}
