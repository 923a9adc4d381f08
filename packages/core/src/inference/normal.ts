/**
 * The standard normal distribution: cdf, survival function, quantile and two-sided critical value.
 */

const SQRT_32 = Math.sqrt(32);
const ONE_OVER_SQRT_2PI = 0.3989422804014327;
const HALF_EPSILON = Number.EPSILON / 2;
const MIN_NORMAL = 2 ** -1022;

// W. J. Cody (1993), ALGORITHM 715 (SPECFUN), routine ANORM: near-minimax rational
// approximations derived from Cody (1969), "Rational Chebyshev approximations for the error
// function", Math. Comp. 23, 631-637. All coefficients in this file are the published values
// written as the nearest doubles.
/** |x| <= 0.66291: Phi(x) = 1/2 + x * A(x^2) / B(x^2). */
const CENTRAL_NUMERATOR = [
  2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356,
  0.06568233791820745,
] as const;
const CENTRAL_DENOMINATOR = [
  47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673,
] as const;
/** 0.66291 < |x| <= sqrt(32): Q(|x|) = exp(-x^2/2) * C(|x|) / D(|x|). */
const MIDDLE_NUMERATOR = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726,
  6848.190450536283, 11602.65143764735, 9842.714838383978, 1.0765576773720192e-8,
] as const;
const MIDDLE_DENOMINATOR = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097,
  34900.95272114598, 38912.00328609327, 19685.429676859992,
] as const;
/** |x| > sqrt(32): Q(|x|) = exp(-x^2/2) / |x| * (1/sqrt(2 pi) - x^-2 P(x^-2) / R(x^-2)). */
const TAIL_NUMERATOR = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934,
  2.9112874951168793e-5, 0.023073441764940174,
] as const;
const TAIL_DENOMINATOR = [
  1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824,
  7.297515550839662e-5,
] as const;

/**
 * exp(-y^2 / 2) without the rounding error of forming y^2: y is split as y = s + r with
 * s = floor(16 y) / 16, so s^2 is exact and exp(-y^2/2) = exp(-s^2/2) * exp(-(y - s)(y + s)/2).
 * Keeps the relative error of the tail near machine precision out to y ~ 38.
 */
function gaussianFactor(y: number): number {
  const s = Math.floor(y * 16) / 16;
  return Math.exp(-s * s * 0.5) * Math.exp(-(y - s) * (y + s) * 0.5);
}

/** Upper tail Q(y) = 1 - Phi(y) for y > 0.66291, computed directly (never as 1 - Phi). */
function upperTail(y: number): number {
  if (y === Infinity) return 0;
  if (y <= SQRT_32) {
    let numerator = MIDDLE_NUMERATOR[8] * y;
    let denominator = y;
    for (let i = 0; i < 7; i++) {
      numerator = (numerator + MIDDLE_NUMERATOR[i]!) * y;
      denominator = (denominator + MIDDLE_DENOMINATOR[i]!) * y;
    }
    return (
      (gaussianFactor(y) * (numerator + MIDDLE_NUMERATOR[7])) /
      (denominator + MIDDLE_DENOMINATOR[7])
    );
  }
  const inverseSquare = 1 / (y * y);
  let numerator = TAIL_NUMERATOR[5] * inverseSquare;
  let denominator = inverseSquare;
  for (let i = 0; i < 4; i++) {
    numerator = (numerator + TAIL_NUMERATOR[i]!) * inverseSquare;
    denominator = (denominator + TAIL_DENOMINATOR[i]!) * inverseSquare;
  }
  const correction =
    (inverseSquare * (numerator + TAIL_NUMERATOR[4])) / (denominator + TAIL_DENOMINATOR[4]);
  return (gaussianFactor(y) * (ONE_OVER_SQRT_2PI - correction)) / y;
}

/**
 * Standard normal cumulative distribution function
 * Phi(x) = (1 / sqrt(2 pi)) * integral_{-inf}^{x} exp(-t^2 / 2) dt = erfc(-x / sqrt 2) / 2.
 *
 * Cody's rational Chebyshev approximations (Cody 1993, ACM TOMS 19:22-32, ALGORITHM 715 ANORM):
 * relative error near machine precision over the whole line, including the lower tail
 * (Phi(-37) ~ 5.7e-300). Results below the normal range of doubles are returned as subnormals or 0.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.66291) {
    const square = y > HALF_EPSILON ? x * x : 0;
    let numerator = CENTRAL_NUMERATOR[4] * square;
    let denominator = square;
    for (let i = 0; i < 3; i++) {
      numerator = (numerator + CENTRAL_NUMERATOR[i]!) * square;
      denominator = (denominator + CENTRAL_DENOMINATOR[i]!) * square;
    }
    return 0.5 + (x * (numerator + CENTRAL_NUMERATOR[3])) / (denominator + CENTRAL_DENOMINATOR[3]);
  }
  const tail = upperTail(y);
  return x < 0 ? tail : 1 - tail;
}

/**
 * Standard normal survival function Q(x) = 1 - Phi(x) = erfc(x / sqrt 2) / 2 = Phi(-x).
 *
 * Evaluated from the complementary-error-function approximation directly, never as 1 - Phi(x),
 * so it keeps full relative precision in the upper tail (Q(37) ~ 5.7e-300). Same algorithm and
 * reference as {@link normalCdf}.
 */
export function normalSurvival(x: number): number {
  return normalCdf(-x);
}

// M. J. Wichura (1988), Algorithm AS 241: The percentage points of the normal distribution,
// Applied Statistics 37(3), 477-484; coefficients of PPND16.
const CENTRAL_QUANTILE_NUMERATOR = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
] as const;
const CENTRAL_QUANTILE_DENOMINATOR = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
] as const;
const NEAR_QUANTILE_NUMERATOR = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 7.745450142783414e-4,
] as const;
const NEAR_QUANTILE_DENOMINATOR = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 5.475938084995345e-4, 1.0507500716444169e-9,
] as const;
const FAR_QUANTILE_NUMERATOR = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
  0.026532189526576124, 0.0012426609473880784, 2.7115555687434876e-5, 2.0103343992922881e-7,
] as const;
const FAR_QUANTILE_DENOMINATOR = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 7.868691311456133e-4,
  1.8463183175100548e-5, 1.421511758316446e-7, 2.0442631033899397e-15,
] as const;

/** Evaluates the polynomial sum_i coefficients[i] * t^i by Horner's rule. */
function polynomial(coefficients: readonly number[], t: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * t + coefficients[i]!;
  return value;
}

/**
 * Standard normal quantile (inverse cdf): the x with Phi(x) = p.
 *
 * Wichura (1988), Algorithm AS 241 (PPND16), Applied Statistics 37:477-484: rational minimax
 * approximations in q = p - 1/2 for 0.075 <= p <= 0.925 and in r = sqrt(-log(min(p, 1 - p)))
 * in the tails. In the tails the AS 241 value (good to a few ulp) is polished with one Newton
 * step x <- x - (Phi(x) - p) / phi(x) on the lower tail, where {@link normalCdf} has full relative
 * precision; the result is then within about one ulp. Returns -Infinity at 0, Infinity at 1 and
 * NaN outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q * polynomial(CENTRAL_QUANTILE_NUMERATOR, r)) / polynomial(CENTRAL_QUANTILE_DENOMINATOR, r)
    );
  }
  // The smaller tail probability; 1 - p is exact for p >= 1/2 (Sterbenz lemma).
  const tail = q < 0 ? p : 1 - p;
  let r = Math.sqrt(-Math.log(tail));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = -polynomial(NEAR_QUANTILE_NUMERATOR, r) / polynomial(NEAR_QUANTILE_DENOMINATOR, r);
  } else {
    r -= 5;
    x = -polynomial(FAR_QUANTILE_NUMERATOR, r) / polynomial(FAR_QUANTILE_DENOMINATOR, r);
  }
  const density = ONE_OVER_SQRT_2PI * gaussianFactor(-x);
  if (density >= MIN_NORMAL) x -= (normalCdf(x) - tail) / density;
  return q < 0 ? x : -x;
}

/**
 * Two-sided standard normal critical value z = Phi^{-1}(1 - alpha / 2) with
 * alpha = 1 - confidence, e.g. 0.95 -> 1.959963984540054.
 *
 * Computed as -Phi^{-1}(alpha / 2) (the same arithmetic as `scipy.stats.norm.isf(alpha / 2)`),
 * which avoids rounding 1 - alpha / 2 near 1. `confidence` must lie in (0, 1); a value outside
 * it gives NaN (confidence levels are validated where configuration is read).
 */
export function twoSidedZ(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) return NaN;
  return -normalQuantile((1 - confidence) / 2);
}
