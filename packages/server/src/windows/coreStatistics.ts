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
/** Core keeps the count and four power sums per label; the service keeps the four sums. */
const CORE_MOMENTS = 5;

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
 * and the exact power sums make the Brier score exact. Only labelled predictions with a score
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
      moments: null,
      calibration: null,
      scoresOnGrid: true,
      sparse: [],
    });
  }
  const dense = new Float64Array(cells * 2 * DENSE_BINS);
  const moments = new Float64Array(cells * 2 * CORE_MOMENTS);
  const calibration = new Float64Array(cells * CALIBRATION_BINS);
  for (let cell = 0; cell < cells; cell++) {
    const row = cell * SCORE_FIELDS;
    for (let label = 0; label < 2; label++) {
      const series = cell * 2 + label;
      let count = 0;
      for (let bin = 0; bin < SCORE_BINS; bin++) {
        const n = scoreTotals[row + LABEL_HISTOGRAM + label * SCORE_BINS + bin]!;
        dense[series * DENSE_BINS + bin * DENSE_PER_BIN] = n;
        count += n;
      }
      moments[series * CORE_MOMENTS] = count;
      for (let power = 0; power < POWERS; power++) {
        moments[series * CORE_MOMENTS + 1 + power] =
          scoreTotals[row + POWER_SUMS + label * POWERS + power]!;
      }
    }
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
    moments,
    calibration,
    scoresOnGrid: false,
    sparse: [],
  });
}
