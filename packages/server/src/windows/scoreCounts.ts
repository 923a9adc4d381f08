import type { BucketArray } from './bucketArray.js';

/**
 * What the service keeps about scores per cohort cell and time bucket, as a flat row of numbers
 * beside the cell's counts (cellCounts.ts). The score row lives in a parallel array rather than
 * in the counts row because it is 78 numbers against the counts' 17: a bucket gets a score
 * array only once a prediction with a score lands in it, so a model that sends no scores pays
 * nothing for them, and merging buckets is still adding arrays (BucketArray keeps only the
 * numbers a bucket's predictions touched).
 *
 * Per cell:
 *   ALL_HISTOGRAM     every prediction with a score, labelled or not (score drift shows before
 *                     labels arrive);
 *   LABEL_HISTOGRAM   labelled predictions with a score, per label (negative, then positive):
 *                     score distributions, binned AUC, reliability diagram counts;
 *   POWER_SUMS        per label sum s, s^2, s^3, s^4 of the exact scores (the count is the
 *                     histogram's total): the Brier score and its interval are exact;
 *   CALIBRATION_SUMS  sum s of labelled predictions per reliability-diagram bin (core's ten
 *                     bins), so the diagram's mean predicted score is exact.
 *
 * A prediction's score enters ALL_HISTOGRAM when it is made and its label's histogram, power
 * sums and calibration bin when its outcome arrives, in the bucket of the prediction's time,
 * as its confusion count does. Unlabelled = all - negative - positive.
 */

/** Equal-width histogram bins on [0, 1]; bin k holds [k/20, (k+1)/20), and 1.0 the last. */
export const SCORE_BINS = 20;
/** Reliability-diagram bins, as core's CALIBRATION_BINS: two histogram bins each. */
export const SCORE_CALIBRATION_BINS = 10;
export const POWERS = 4;

export const ALL_HISTOGRAM = 0;
/** Histogram of label `l` starts at LABEL_HISTOGRAM + l * SCORE_BINS. */
export const LABEL_HISTOGRAM = ALL_HISTOGRAM + SCORE_BINS;
/** Power sums of label `l` start at POWER_SUMS + l * POWERS: s, s^2, s^3, s^4. */
export const POWER_SUMS = LABEL_HISTOGRAM + 2 * SCORE_BINS;
export const CALIBRATION_SUMS = POWER_SUMS + 2 * POWERS;
export const SCORE_FIELDS = CALIBRATION_SUMS + SCORE_CALIBRATION_BINS;

/** The histogram bin of a score in [0, 1] (validation refuses any other). */
export function scoreBin(score: number): number {
  return Math.min(SCORE_BINS - 1, Math.floor(score * SCORE_BINS));
}

/** Adds a prediction's score to the all-predictions histogram of the cell row at `base`. */
export function addPredictedScore(scores: BucketArray, base: number, score: number): void {
  scores.add(base + ALL_HISTOGRAM + scoreBin(score), 1);
}

/** Adds a labelled prediction's score to its label's histogram, power sums and calibration bin. */
export function addLabelledScore(
  scores: BucketArray,
  base: number,
  score: number,
  label: 0 | 1,
): void {
  const bin = scoreBin(score);
  scores.add(base + LABEL_HISTOGRAM + label * SCORE_BINS + bin, 1);
  const powers = base + POWER_SUMS + label * POWERS;
  const square = score * score;
  scores.add(powers, score);
  scores.add(powers + 1, square);
  scores.add(powers + 2, square * score);
  scores.add(powers + 3, square * square);
  scores.add(base + CALIBRATION_SUMS + (bin >> 1), score);
}
