/**
 * The score distribution of one cohort, split by label: enough to compute ROC AUC (with its
 * DeLong variance), the Brier score (with its interval) and a reliability diagram, and to
 * merge with another cohort's distribution by addition.
 *
 * Scores are binned at a fixed resolution of 1/SCORE_BINS_PER_UNIT: scores in [0, 1] go to a
 * dense array, any others (raw scores such as COMPAS deciles 1..10, or logits) to a sparse map
 * keyed by the same grid. Binning makes AUC exact up to pairs tied within a bin, and that share
 * is reported. Sums of powers of each row's error s - y are kept exactly, so the Brier score
 * is exact.
 */

export const SCORE_BINS_PER_UNIT = 1000;
/** Dense bins cover [0, 1]: bin k holds [k/1000, (k+1)/1000), and 1.0 itself goes to bin 1000. */
export const DENSE_BINS = SCORE_BINS_PER_UNIT + 1;
/** Reliability-diagram bins: ten equal-width bins on [0, 1], the last closed. */
export const CALIBRATION_BINS = 10;

export interface ScoreDistribution {
  /** Dense bins per label: dense[label][k]. */
  readonly dense: readonly [Float64Array, Float64Array];
  /** Out-of-[0,1] bins per label, keyed by floor(score * SCORE_BINS_PER_UNIT). */
  readonly sparse: readonly [ReadonlyMap<number, number>, ReadonlyMap<number, number>];
  /** Over both labels: [sum w (s - y)^2, sum w (s - y)^4]. */
  readonly brierSums: Float64Array;
  /** Sum of w * s per calibration bin over both labels (scores in [0, 1] only). */
  readonly calibrationScoreSum: Float64Array;
}

/** The grid key of a score: which 1/1000-wide bin it falls in. */
export function scoreBinKey(score: number): number {
  return Math.floor(score * SCORE_BINS_PER_UNIT);
}

/** The total weight of the rows with a score: every bin's, dense and sparse, of both labels. */
export function scoredWeight(distribution: ScoreDistribution): number {
  let total = 0;
  for (const dense of distribution.dense) for (const w of dense) total += w;
  for (const sparse of distribution.sparse) for (const w of sparse.values()) total += w;
  return total;
}

/** True when no score fell outside [0, 1], so scores can be read as probabilities. */
export function isProbabilityDistribution(distribution: ScoreDistribution): boolean {
  return distribution.sparse[0].size === 0 && distribution.sparse[1].size === 0;
}

/**
 * All bins in increasing score order, with the (weighted) count of each label in each.
 * Empty bins are dropped.
 */
export function orderedBins(distribution: ScoreDistribution): {
  negatives: number[];
  positives: number[];
} {
  const keys = new Set<number>();
  for (const map of distribution.sparse) for (const key of map.keys()) keys.add(key);
  const sparseKeys = [...keys].sort((a, b) => a - b);
  const negatives: number[] = [];
  const positives: number[] = [];
  const pushSparse = (key: number): void => {
    const neg = distribution.sparse[0].get(key) ?? 0;
    const pos = distribution.sparse[1].get(key) ?? 0;
    if (neg > 0 || pos > 0) {
      negatives.push(neg);
      positives.push(pos);
    }
  };
  let s = 0;
  while (s < sparseKeys.length && sparseKeys[s]! < 0) pushSparse(sparseKeys[s++]!);
  const [dense0, dense1] = distribution.dense;
  for (let k = 0; k < DENSE_BINS; k++) {
    const neg = dense0[k]!;
    const pos = dense1[k]!;
    if (neg > 0 || pos > 0) {
      negatives.push(neg);
      positives.push(pos);
    }
  }
  while (s < sparseKeys.length) pushSparse(sparseKeys[s++]!);
  return { negatives, positives };
}

/** The calibration bin of a dense bin index. */
export function calibrationBinOfDense(denseBin: number): number {
  return Math.min(
    CALIBRATION_BINS - 1,
    Math.floor((denseBin * CALIBRATION_BINS) / SCORE_BINS_PER_UNIT),
  );
}
