import { normalQuantile } from '@fairwatch/core';

/** The decision threshold of the simulated model: prediction = score >= 0.5. */
export const DECISION_THRESHOLD = 0.5;

/** The fraction of predictions whose outcome is positive (label 1), in every group. */
export const PREVALENCE = 0.3;

/** Error rates at the decision threshold. */
export interface ErrorRates {
  /** True positive rate P(prediction = 1 | label = 1). */
  readonly tpr: number;
  /** False positive rate P(prediction = 1 | label = 0). */
  readonly fpr: number;
}

/** The rates of a fair group: TPR 0.80 and FPR 0.10 at the threshold. */
export const FAIR_RATES: ErrorRates = { tpr: 0.8, fpr: 0.1 };

/** The spread sigma of the score's logit around its label's mean. */
export const LOGIT_SPREAD = 1.5;

/**
 * Scores are drawn as a logistic-normal mixture by label:
 *
 *   score = 1 / (1 + exp(-(mu_y + sigma * Z))),  Z ~ N(0, 1),  sigma = LOGIT_SPREAD.
 *
 * The threshold 0.5 is logit 0, so P(prediction = 1 | label = y) = P(mu_y + sigma Z >= 0)
 * = Phi(mu_y / sigma). Choosing mu_1 = sigma * Phi^{-1}(TPR) and mu_0 = sigma * Phi^{-1}(FPR)
 * makes the rates exactly the targets: for TPR 0.80, FPR 0.10 and sigma 1.5, mu_1 = 1.2624 and
 * mu_0 = -1.9223 (a score AUC of Phi((mu_1 - mu_0) / (sigma sqrt 2)) = 0.933).
 */
export function logitMeans(rates: ErrorRates): {
  readonly positive: number;
  readonly negative: number;
} {
  return {
    positive: LOGIT_SPREAD * normalQuantile(rates.tpr),
    negative: LOGIT_SPREAD * normalQuantile(rates.fpr),
  };
}

const meansCache = new WeakMap<ErrorRates, ReturnType<typeof logitMeans>>();

/**
 * A score for an outcome `label` whose group has `rates`, from one uniform draw u in [0, 1),
 * rounded to 4 decimals. The prediction is derived from the rounded score, so the two always
 * agree; the rounding moves the rates by less than 1e-4.
 */
export function drawScore(label: 0 | 1, rates: ErrorRates, u: number): number {
  let means = meansCache.get(rates);
  if (means === undefined) {
    means = logitMeans(rates);
    meansCache.set(rates, means);
  }
  const z = scoreNoise(u);
  const logit = (label === 1 ? means.positive : means.negative) + LOGIT_SPREAD * z;
  return Math.round(10_000 / (1 + Math.exp(-logit))) / 10_000;
}

/** The standard normal noise Z of a score drawn from the uniform `u` by {@link drawScore}. */
export function scoreNoise(u: number): number {
  return normalQuantile(openUnit(u));
}

/** The selection rate P(prediction = 1) = prevalence * TPR + (1 - prevalence) * FPR. */
export function selectionRate(rates: ErrorRates, prevalence = PREVALENCE): number {
  return prevalence * rates.tpr + (1 - prevalence) * rates.fpr;
}

/** Maps a draw in [0, 1) on a 2^-32 grid into (0, 1), so its normal quantile is finite. */
export function openUnit(u: number): number {
  return u + 2 ** -33;
}
