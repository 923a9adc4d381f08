import { CALIBRATION_BINS, CellStatistics, SCORE_BINS_PER_UNIT } from '@fairwatch/core';
import { CELL_FIELDS, TN } from './cellCounts.js';
import {
  CALIBRATION_SUMS,
  LABEL_HISTOGRAM,
  POWERS,
  POWER_SUMS,
  SCORE_BINS,
  SCORE_FIELDS,
} from './scoreCounts.js';

/** Core's fine score grid: DENSE_BINS bins of 1/SCORE_BINS_PER_UNIT, 1.0 in the last. */
const DENSE_BINS = SCORE_BINS_PER_UNIT + 1;
/**
 * How many of core's fine bins one service histogram bin spans; a whole number, and two service
 * bins make one of core's calibration bins (test/windows/scoreCounts.test.ts checks both).
 */
const DENSE_PER_BIN = SCORE_BINS_PER_UNIT / SCORE_BINS;

/**
 * Core's statistics of the labelled predictions summed over a window (`totals`: cells x
 * CELL_FIELDS, `scoreTotals`: cells x SCORE_FIELDS or null when no prediction in the window
 * had a score), so the service reports every metric with core's code: rates from the
 * confusion counts; AUC (DeLong), Brier and calibration from the score statistics.
 *
 * Each service histogram bin [k/20, (k+1)/20) becomes one of core's fine bins, its first:
 * ranks within a service bin are unknown, so its positive-negative pairs count as ties and
 * `scoresOnGrid` is false, which makes core report the AUC's binning error as half the share
 * of pairs tied in a service bin. The fine bin lies in the same calibration bin as the
 * service bin (two service bins per calibration bin), so the reliability diagram is exact,
 * and the exact power sums make the Brier sums, and so the Brier score, exact. Only labelled predictions with a score
 * enter the score metrics; a labelled prediction without one counts in the rates only.
 */
export function coreStatisticsOf(
  totals: Float64Array,
  scoreTotals: Float64Array | null,
  cells: number,
): CellStatistics {
  const counts = new Float64Array(cells * 4);
  for (let cell = 0; cell < cells; cell++) {
    for (let q = 0; q < 4; q++) counts[cell * 4 + q] = totals[cell * CELL_FIELDS + TN + q]!;
  }
  if (scoreTotals === null) {
    return CellStatistics.fromSnapshot({
      options: { scores: false, weighted: false },
      cells,
      counts,
      squares: null,
      dense: null,
      brier: null,
      calibration: null,
      scoresOnGrid: true,
      sparse: [],
    });
  }
  const dense = new Float64Array(cells * 2 * DENSE_BINS);
  const brier = new Float64Array(cells * 2);
  const calibration = new Float64Array(cells * CALIBRATION_BINS);
  for (let cell = 0; cell < cells; cell++) {
    const row = cell * SCORE_FIELDS;
    for (let label = 0; label < 2; label++) {
      const series = cell * 2 + label;
      for (let bin = 0; bin < SCORE_BINS; bin++) {
        dense[series * DENSE_BINS + bin * DENSE_PER_BIN] =
          scoreTotals[row + LABEL_HISTOGRAM + label * SCORE_BINS + bin]!;
      }
    }
    const [squares, fourths] = brierSumsOf(scoreTotals, row);
    brier[cell * 2] = squares;
    brier[cell * 2 + 1] = fourths;
    for (let bin = 0; bin < CALIBRATION_BINS; bin++) {
      calibration[cell * CALIBRATION_BINS + bin] = scoreTotals[row + CALIBRATION_SUMS + bin]!;
    }
  }
  return CellStatistics.fromSnapshot({
    options: { scores: true, weighted: false },
    cells,
    counts,
    squares: null,
    dense,
    brier,
    calibration,
    scoresOnGrid: false,
    sparse: [],
  });
}

/**
 * Sum of (s - y)^2 and of (s - y)^4 over a cell's labelled scores, from its power sums per
 * label: label 0 gives S2 and S4; label 1, with n its count, sum (s - 1)^2 = S2 - 2 S1 + n and
 * sum (s - 1)^4 = S4 - 4 S3 + 6 S2 - 4 S1 + n.
 */
function brierSumsOf(scoreTotals: Float64Array, row: number): [number, number] {
  const negative = row + POWER_SUMS;
  const positive = row + POWER_SUMS + POWERS;
  let n = 0;
  for (let bin = 0; bin < SCORE_BINS; bin++) {
    n += scoreTotals[row + LABEL_HISTOGRAM + SCORE_BINS + bin]!;
  }
  const s1 = scoreTotals[positive]!;
  const s2 = scoreTotals[positive + 1]!;
  const s3 = scoreTotals[positive + 2]!;
  const s4 = scoreTotals[positive + 3]!;
  return [
    scoreTotals[negative + 1]! + (s2 - 2 * s1 + n),
    scoreTotals[negative + 3]! + (s4 - 4 * s3 + 6 * s2 - 4 * s1 + n),
  ];
}
