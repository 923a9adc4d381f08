/**
 * What the service counts per cohort cell and time bucket, as a flat row of numbers so that a
 * bucket is one array of cells x CELL_FIELDS numbers (a BucketArray, which stores only the
 * nonzero ones) and merging buckets is adding arrays.
 *
 * Every prediction adds to PREDICTIONS (and to PREDICTED_POSITIVE when its decision is 1) and
 * stays PENDING until its outcome arrives; then it leaves PENDING, enters one confusion field
 * (TN + label * 2 + decision, the order of core's CellStatistics) and one label-lag bin.
 */

export const PREDICTIONS = 0;
export const PREDICTED_POSITIVE = 1;
export const PENDING = 2;
/** TN, FP, FN, TP follow at TN + label * 2 + decision. */
export const TN = 3;
export const FP = 4;
export const FN = 5;
export const TP = 6;
export const LAG_BINS_START = 7;

/** Upper bounds of the label-lag bins, in seconds: the last bin is everything longer. */
export const LAG_BIN_UPPER_SECONDS = [
  60, 300, 900, 3_600, 21_600, 86_400, 259_200, 604_800, 2_592_000,
] as const;
export const LAG_BINS = LAG_BIN_UPPER_SECONDS.length + 1;
export const CELL_FIELDS = LAG_BINS_START + LAG_BINS;

export function confusionField(label: 0 | 1, decision: 0 | 1): number {
  return TN + label * 2 + decision;
}

export function lagBin(lagMs: number): number {
  const seconds = lagMs / 1000;
  for (let bin = 0; bin < LAG_BIN_UPPER_SECONDS.length; bin++) {
    if (seconds < LAG_BIN_UPPER_SECONDS[bin]!) return bin;
  }
  return LAG_BIN_UPPER_SECONDS.length;
}
