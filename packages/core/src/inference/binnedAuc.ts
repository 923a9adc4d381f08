import type { Interval } from './interval.js';
import { twoSidedZ } from './normal.js';

/** ROC AUC from score histograms with its DeLong variance. */
export interface AucEstimate {
  /** P(score of a positive > score of a negative) + P(tie) / 2, ties = same bin. */
  readonly auc: number;
  /** DeLong et al. (1988) variance estimate of `auc`; NaN when there is only one positive or one negative. */
  readonly variance: number;
  /**
   * sum_i neg_i pos_i / (N P): the share of positive-negative pairs that fall in the same bin and
   * count 1/2. The AUC of the unbinned scores differs from `auc` by at most `tieFraction / 2`.
   */
  readonly tieFraction: number;
}

/**
 * ROC AUC (the Mann-Whitney probability) and its DeLong variance from per-bin counts.
 *
 * `negatives[i]` and `positives[i]` are the (possibly weighted) counts of label-0 and label-1 rows
 * whose score falls in bin i, bins ordered by increasing score; rows in the same bin are tied.
 * With N = sum neg, P = sum pos, below_i = sum_{j<i} neg_j and above_i = sum_{j>i} pos_j,
 * the structural components (DeLong, DeLong & Clarke-Pearson 1988, Biometrics 44:837-845) are
 *
 *   V10_i = (below_i + neg_i / 2) / N   for each positive in bin i,
 *   V01_i = (above_i + pos_i / 2) / P   for each negative in bin i,
 *
 * and
 *
 *   AUC = sum_i pos_i V10_i / P,
 *   S10 = sum_i pos_i (V10_i - AUC)^2 / (P - 1),   S01 = sum_i neg_i (V01_i - AUC)^2 / (N - 1),
 *   variance = S10 / P + S01 / N.
 *
 * This equals `sklearn.metrics.roc_auc_score` and the midrank "fast DeLong" variance (Sun & Xu
 * 2014, IEEE Signal Process. Lett. 21:1389-1393) on the raw scores when each bin holds one distinct
 * score value. Weighted counts are treated as frequencies. O(bins), two passes.
 *
 * Returns `null` when there are no positives or no negatives (P <= 0 or N <= 0). The variance is
 * NaN when P <= 1 or N <= 1 (a sample variance needs two observations). Counts are expected to be
 * finite and non-negative. Throws a RangeError when the two arrays differ in length (a programming
 * error, not a data condition).
 */
export function binnedAuc(
  negatives: ArrayLike<number>,
  positives: ArrayLike<number>,
): AucEstimate | null {
  if (negatives.length !== positives.length) {
    throw new RangeError(
      `binnedAuc: negatives has ${negatives.length} bins but positives has ${positives.length}`,
    );
  }
  const bins = negatives.length;
  let negativeTotal = 0;
  let positiveTotal = 0;
  let tiedPairs = 0;
  for (let i = 0; i < bins; i++) {
    negativeTotal += negatives[i]!;
    positiveTotal += positives[i]!;
    tiedPairs += negatives[i]! * positives[i]!;
  }
  if (!(negativeTotal > 0) || !(positiveTotal > 0)) return null;

  // Pass 1: AUC = sum over positives of the share of negatives below (ties count 1/2).
  let negativesBelow = 0;
  let pairsWon = 0;
  for (let i = 0; i < bins; i++) {
    const negative = negatives[i]!;
    pairsWon += positives[i]! * (negativesBelow + negative / 2);
    negativesBelow += negative;
  }
  const auc = pairsWon / (negativeTotal * positiveTotal);

  // Pass 2: sums of squared deviations of the structural components from the AUC.
  let positiveDeviations = 0;
  let negativeDeviations = 0;
  negativesBelow = 0;
  let positivesAbove = positiveTotal;
  for (let i = 0; i < bins; i++) {
    const negative = negatives[i]!;
    const positive = positives[i]!;
    positivesAbove -= positive;
    const v10 = (negativesBelow + negative / 2) / negativeTotal - auc;
    const v01 = (positivesAbove + positive / 2) / positiveTotal - auc;
    positiveDeviations += positive * v10 * v10;
    negativeDeviations += negative * v01 * v01;
    negativesBelow += negative;
  }
  const variance =
    positiveTotal > 1 && negativeTotal > 1
      ? positiveDeviations / (positiveTotal - 1) / positiveTotal +
        negativeDeviations / (negativeTotal - 1) / negativeTotal
      : NaN;
  return { auc, variance, tieFraction: tiedPairs / (negativeTotal * positiveTotal) };
}

/**
 * Confidence interval for an AUC by the delta method on the logit scale, so it stays inside
 * (0, 1) (Pepe 2003, The Statistical Evaluation of Medical Tests, 5.2.2):
 *
 *   logit(AUC) +- z sqrt(variance) / (AUC (1 - AUC)),  mapped back with the logistic function.
 *
 * Degenerate estimates: when the AUC is 0 or 1 (the logit is infinite) or the variance is 0 the
 * interval collapses to [auc, auc], clipped to [0, 1]; when the variance is not a finite number
 * (NaN: only one positive or one negative) nothing is known and the interval is [0, 1].
 */
export function aucInterval(estimate: AucEstimate, confidence: number): Interval {
  const { auc, variance } = estimate;
  if (!Number.isFinite(variance)) return [0, 1];
  if (auc <= 0 || auc >= 1 || variance <= 0) {
    const clipped = Math.min(1, Math.max(0, auc));
    return [clipped, clipped];
  }
  const logit = Math.log(auc / (1 - auc));
  const margin = (twoSidedZ(confidence) * Math.sqrt(variance)) / (auc * (1 - auc));
  return [logistic(logit - margin), logistic(logit + margin)];
}

function logistic(t: number): number {
  return 1 / (1 + Math.exp(-t));
}
