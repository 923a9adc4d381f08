import type { CellStatisticsOptions } from './cellStatistics.js';
import { CALIBRATION_BINS, DENSE_BINS } from './scoreDistribution.js';

/**
 * The Brier sums kept per cell: sum of w (s - y)^2 and of w (s - y)^4, the Brier score and the
 * variance of its terms. Summed per cell rather than kept as power sums of s per label, which
 * would need five numbers per label and cancel in (s - 1)^2 = s^2 - 2 s + 1.
 */
export const BRIER_SUMS = 2;

/**
 * Every statistic of `capacity` cells in one Float64Array, in blocks, each block also exposed
 * as a view. One array rather than five because the fold loops then check one array per row
 * instead of five (V8 does not hoist those checks out of a loop).
 *
 * Blocks, in order, with q = label * 2 + prediction (0 tn, 1 fp, 2 fn, 3 tp):
 *   counts[cell * 4 + q]                               at 0
 *   squares[cell * 4 + q]                              at squaresAt (weighted only)
 *   dense[(cell * 2 + label) * DENSE_BINS + bin]       at denseAt (scores only)
 *   brier[cell * BRIER_SUMS + power]                   at brierAt (scores only)
 *   calibration[cell * CALIBRATION_BINS + bin]         at calibrationAt (scores only)
 * Offsets of absent blocks equal the next block's (the block is empty).
 */
export interface CellTable {
  readonly capacity: number;
  readonly table: Float64Array;
  readonly counts: Float64Array;
  readonly squares: Float64Array | null;
  readonly dense: Float64Array | null;
  readonly brier: Float64Array | null;
  readonly calibration: Float64Array | null;
  readonly squaresAt: number;
  readonly denseAt: number;
  readonly brierAt: number;
  readonly calibrationAt: number;
}

/** A zeroed table for `capacity` cells; with `previous`, holding its values for its cells. */
export function cellTable(
  capacity: number,
  options: CellStatisticsOptions,
  previous?: CellTable,
): CellTable {
  const squaresAt = capacity * 4;
  const denseAt = squaresAt + (options.weighted ? capacity * 4 : 0);
  const brierAt = denseAt + (options.scores ? capacity * 2 * DENSE_BINS : 0);
  const calibrationAt = brierAt + (options.scores ? capacity * BRIER_SUMS : 0);
  const end = calibrationAt + (options.scores ? capacity * CALIBRATION_BINS : 0);
  const table = new Float64Array(end);
  const block = (from: number, to: number, keep: boolean): Float64Array | null =>
    keep ? table.subarray(from, to) : null;
  const next: CellTable = {
    capacity,
    table,
    counts: table.subarray(0, squaresAt),
    squares: block(squaresAt, denseAt, options.weighted),
    dense: block(denseAt, brierAt, options.scores),
    brier: block(brierAt, calibrationAt, options.scores),
    calibration: block(calibrationAt, end, options.scores),
    squaresAt,
    denseAt,
    brierAt,
    calibrationAt,
  };
  if (previous) {
    next.counts.set(previous.counts);
    if (previous.squares) next.squares?.set(previous.squares);
    if (previous.dense) next.dense?.set(previous.dense);
    if (previous.brier) next.brier?.set(previous.brier);
    if (previous.calibration) next.calibration?.set(previous.calibration);
  }
  return next;
}
