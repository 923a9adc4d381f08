import { logNormalCdf, logScaledNormalCdf, logScaledNormalCdfSlope } from './logNormalCdf.js';

const LOG_2 = Math.LN2;
const MAX_NEWTON_STEPS = 200;
/** The optimal rho / vStar is searched for over log(rho / vStar) in [-30, 30]. */
const LOG_PRECISION_RATIO_RANGE = 30;
/** Golden-section search stops when the bracket on log(rho / vStar) is narrower than this. */
const LOG_PRECISION_RATIO_TOLERANCE = 1e-9;
const INVERSE_GOLDEN_RATIO = (Math.sqrt(5) - 1) / 2;

/**
 * Natural log of the one-sided normal-mixture e-value (Robbins 1970; Howard, Ramdas, McAuliffe &
 * Sekhon 2021, "Time-uniform, nonparametric, nonasymptotic confidence sequences", Ann. Statist.
 * 49:1055-1080, the one-sided normal mixture).
 *
 * For a process S_t with intrinsic time V_t (S_t is approximately a Brownian motion with variance
 * V_t under the null, so exp(theta S_t - theta^2 V_t / 2) is a nonnegative (super)martingale for
 * each theta >= 0), mix theta over the half-normal density 2 sqrt(rho / 2 pi) exp(-rho theta^2 / 2)
 * on theta > 0:
 *
 *   E(S, V, rho) = integral_0^inf exp(theta S - theta^2 V / 2) 2 sqrt(rho / 2 pi)
 *                    exp(-rho theta^2 / 2) dtheta
 *                = 2 sqrt(rho / (V + rho)) exp(S^2 / (2 (V + rho))) Phi(S / sqrt(V + rho)),
 *
 *   log E = log 2 + (1/2) log(rho / (V + rho)) + S^2 / (2 (V + rho)) + log Phi(S / sqrt(V + rho)).
 *
 * A mixture of martingales is a martingale, so by Ville's inequality
 * P(sup_t E_t >= 1/alpha) <= alpha under the null: the e-value may be watched continuously.
 *
 * Evaluated as log 2 - (1/2) log1p(V / rho) + h(z) with z = S / sqrt(V + rho) and
 * h(z) = log Phi(z) + z^2 / 2 ({@link logScaledNormalCdf}), so it neither underflows nor cancels
 * for very negative S (z down to -1e3 and far beyond). E(0, 0, rho) = 1, and log E is increasing
 * in S. `rho` is the mixing precision, in the units of V (see {@link mixturePrecisionFor}).
 * Returns NaN when V < 0, rho <= 0 or an argument is NaN.
 */
export function logMixtureEValue(s: number, v: number, rho: number): number {
  if (!(v >= 0) || !(rho > 0) || Number.isNaN(s)) return NaN;
  return LOG_2 - 0.5 * Math.log1p(v / rho) + logScaledNormalCdf(s / Math.sqrt(v + rho));
}

/**
 * The z with h(z) = target, h = {@link logScaledNormalCdf}. h is increasing and convex, so
 * Newton's method started to the right of the root decreases monotonically onto it. Starts:
 * - target > 0: the root z* is positive with z*^2 = 2 (target - log Phi(z*)) >= 2 target, so
 *   log Phi(z*) >= log Phi(sqrt(2 target)) and z0 = sqrt(2 (target - log Phi(sqrt(2 target))))
 *   is to the right of z*, and close to it (one fixed-point step); two or three Newton steps follow.
 * - otherwise z0 = sqrt(2 max(0, target + log 2)), to the right because
 *   h(z) >= z^2/2 - log 2 for z >= 0. For very negative targets (root far in the lower tail,
 *   where h ~ -log(-z)) the first steps grow |z| geometrically, then convergence is quadratic.
 */
function inverseLogScaledNormalCdf(target: number): number {
  if (Number.isNaN(target)) return NaN;
  if (target === Infinity || target === -Infinity) return target;
  let z =
    target > 0
      ? Math.sqrt(2 * (target - logNormalCdf(Math.sqrt(2 * target))))
      : Math.sqrt(2 * Math.max(0, target + LOG_2));
  for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
    const h = logScaledNormalCdf(z);
    const change = (h - target) / logScaledNormalCdfSlope(z, h);
    z -= change;
    // In exact arithmetic every change is positive; a non-positive or tiny one means rounding.
    if (!(change > 4 * Number.EPSILON * Math.abs(z))) break;
  }
  return z;
}

/**
 * The mixture boundary: the smallest S with log E(S, V, rho) >= logThreshold, i.e. the root of
 * log E(S, V, rho) = L ({@link logMixtureEValue} is continuous and increasing in S).
 *
 * With z = S / sqrt(V + rho) this is h(z) = L - log 2 + (1/2) log1p(V / rho), solved for z by
 * Newton's method on the convex increasing h (monotone convergence from the right; 2-4 steps),
 * then S = z sqrt(V + rho). The result satisfies log E(S) = L to a few ulp of the larger of the
 * terms. Under the null the crossing event {S_t >= boundary(V_t)} for some t has probability at
 * most exp(-L) (Ville's inequality). Returns NaN when V < 0, rho <= 0 or an argument is NaN;
 * +-Infinity for L = +-Infinity.
 */
export function mixtureBoundary(v: number, rho: number, logThreshold: number): number {
  if (!(v >= 0) || !(rho > 0)) return NaN;
  const target = logThreshold - LOG_2 + 0.5 * Math.log1p(v / rho);
  return inverseLogScaledNormalCdf(target) * Math.sqrt(v + rho);
}

/**
 * The mixing precision rho that makes the boundary {@link mixtureBoundary} (equivalently the
 * boundary per unit of intrinsic time, boundary / V) smallest at the intrinsic time vStar, for the
 * log-threshold L: rho* = argmin_rho mixtureBoundary(vStar, rho, L).
 *
 * The boundary depends on rho and V only through rho / (V + rho) and a factor sqrt(V + rho), so
 * mixtureBoundary(vStar, r vStar, L) = sqrt(vStar) mixtureBoundary(1, r, L) and the optimal
 * ratio r* = rho* / vStar depends on L alone. r* is found by golden-section search over
 * log r in [-30, 30] (the boundary is unimodal in log r for L > 0, checked numerically with scipy
 * for L from 0.01 to 30) down to a bracket of width 1e-9; the boundary is flat at its minimum, so
 * this pins the boundary to ~1e-16 relative and rho to ~1e-8 relative (where boundary differences
 * sink below rounding). For comparison, Howard et al. (2021) give the approximate optimum of the
 * two-sided normal mixture in closed form, r = 1 / (2L + log(1 + 2L)); the one-sided optimum
 * found here is close to it for large L
 * (r* = 0.149 vs 0.126 at L = log 20, 0.0657 vs 0.0606 at L = log 1000). Costs about a hundred
 * boundary evaluations: call it once per configuration, not per evaluation.
 *
 * Intended use: pick vStar as the intrinsic time (1 / variance of the estimate) at which the
 * boundary should be tightest, e.g. the expected V after the SLO's typical window. Returns NaN
 * when vStar <= 0, vStar is not finite or L <= 0 (for L <= 0 the boundary has no minimum).
 */
export function mixturePrecisionFor(vStar: number, logThreshold: number): number {
  if (!(vStar > 0) || vStar === Infinity || !(logThreshold > 0) || logThreshold === Infinity) {
    return NaN;
  }
  const boundaryAt = (logRatio: number): number =>
    mixtureBoundary(1, Math.exp(logRatio), logThreshold);
  let low = -LOG_PRECISION_RATIO_RANGE;
  let high = LOG_PRECISION_RATIO_RANGE;
  let left = high - INVERSE_GOLDEN_RATIO * (high - low);
  let right = low + INVERSE_GOLDEN_RATIO * (high - low);
  let leftValue = boundaryAt(left);
  let rightValue = boundaryAt(right);
  while (high - low > LOG_PRECISION_RATIO_TOLERANCE) {
    if (leftValue <= rightValue) {
      high = right;
      right = left;
      rightValue = leftValue;
      left = high - INVERSE_GOLDEN_RATIO * (high - low);
      leftValue = boundaryAt(left);
    } else {
      low = left;
      left = right;
      leftValue = rightValue;
      right = low + INVERSE_GOLDEN_RATIO * (high - low);
      rightValue = boundaryAt(right);
    }
  }
  return vStar * Math.exp((low + high) / 2);
}
