import type { CellStatisticsOptions } from './cellStatistics.js';
import { CALIBRATION_BINS, DENSE_BINS } from './scoreDistribution.js';

/** The moments kept per cell and label: sum of w * s^k for k = 0..4. */
export const MOMENTS = 5;

/**
 * Every statistic of `capacity` cells in one Float64Array, in blocks, each block also exposed
 * as a view. One array rather than five because the fold loops then check one array per row
 * instead of five (V8 does not hoist those checks out of a loop).
 *
 * Blocks, in order, with q = label * 2 + prediction (0 tn, 1 fp, 2 fn, 3 tp):
 *   counts[cell * 4 + q]                               at 0
 *   squares[cell * 4 + q]                              at squaresAt (weighted only)
 *   dense[(cell * 2 + label) * DENSE_BINS + bin]       at denseAt (scores only)
 *   moments[(cell * 2 + label) * MOMENTS + power]      at momentsAt (scores only)
 *   calibration[cell * CALIBRATION_BINS + bin]         at calibrationAt (scores only)
 * Offsets of absent blocks equal the next block's (the block is empty).
 */
export interface CellTable {
  readonly capacity: number;
  readonly table: Float64Array;
  readonly counts: Float64Array;
  readonly squares: Float64Array | null;
  readonly dense: Float64Array | null;
  readonly moments: Float64Array | null;
  readonly calibration: Float64Array | null;
  readonly squaresAt: number;
  readonly denseAt: number;
  readonly momentsAt: number;
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
  const momentsAt = denseAt + (options.scores ? capacity * 2 * DENSE_BINS : 0);
  const calibrationAt = momentsAt + (options.scores ? capacity * 2 * MOMENTS : 0);
  const end = calibrationAt + (options.scores ? capacity * CALIBRATION_BINS : 0);
  const table = new Float64Array(end);
  const block = (from: number, to: number, keep: boolean): Float64Array | null =>
    keep ? table.subarray(from, to) : null;
  const next: CellTable = {
    capacity,
    table,
    counts: table.subarray(0, squaresAt),
    squares: block(squaresAt, denseAt, options.weighted),
    dense: block(denseAt, momentsAt, options.scores),
    moments: block(momentsAt, calibrationAt, options.scores),
    calibration: block(calibrationAt, end, options.scores),
    squaresAt,
    denseAt,
    momentsAt,
    calibrationAt,
  };
  if (previous) {
    next.counts.set(previous.counts);
    if (previous.squares) next.squares?.set(previous.squares);
    if (previous.dense) next.dense?.set(previous.dense);
    if (previous.moments) next.moments?.set(previous.moments);
    if (previous.calibration) next.calibration?.set(previous.calibration);
  }
  return next;
}
