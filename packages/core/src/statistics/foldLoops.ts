import { CALIBRATION_BINS, DENSE_BINS, SCORE_BINS_PER_UNIT } from './scoreDistribution.js';
import { MOMENTS } from './cellTable.js';

/**
 * The hot loops of `CellStatistics.add`: each folds rows of typed columns into a `CellTable`'s
 * one array (`table`, counts at offset 0, other blocks at the offsets given).
 *
 * They are written for V8 (Node 20's optimising compiler), which is why they look as they do:
 * - Free functions taking every array as an argument, with nothing after the loop but a
 *   `return`. A long loop is compiled while it runs (on-stack replacement), before code after
 *   it has type feedback; when such code followed the loop (a property read, a store into
 *   `this`), the compiled loop bailed out on reaching it, once per call (`--trace-deopt`).
 * - One output array: V8 checks each typed array's map, length and base on every iteration,
 *   once per array however many elements are touched.
 * - Constants copied into locals before the loop: an imported or module-level constant is
 *   otherwise re-read, with a check that it is initialised, on every iteration.
 * Together these made the unweighted score fold 1.7-2x faster in CPU time (bench data,
 * `scripts/bench/coreOnly.mjs`); the one array and the locals gave most of it.
 *
 * The score loops fold only the common rows: a score in [0, 1] that keeps `onGrid` true (any
 * in-range score once `checkGrid` is 0). They return the index of the first other row, or
 * `end`; the caller folds that row the general way and resumes after it. Every sum adds the
 * same terms in the same row order as folding row by row, so results are identical to the bit.
 */

export function foldCounts(
  end: number,
  cell: Uint32Array,
  label: Uint8Array,
  prediction: Uint8Array,
  table: Float64Array,
): void {
  for (let i = 0; i < end; i++) {
    const at = (cell[i]! << 2) | (label[i]! << 1) | prediction[i]!;
    table[at] = table[at]! + 1;
  }
}

export function foldWeightedCounts(
  end: number,
  cell: Uint32Array,
  label: Uint8Array,
  prediction: Uint8Array,
  weight: Float64Array,
  table: Float64Array,
  squaresAt: number,
): void {
  for (let i = 0; i < end; i++) {
    const w = weight[i]!;
    const at = (cell[i]! << 2) | (label[i]! << 1) | prediction[i]!;
    table[at] = table[at]! + w;
    table[squaresAt + at] = table[squaresAt + at]! + w * w;
  }
}

/** Counts, dense bin, calibration sum and moments of unweighted rows from `start`. */
export function foldCommonScores(
  start: number,
  end: number,
  checkGrid: number,
  cell: Uint32Array,
  label: Uint8Array,
  prediction: Uint8Array,
  score: Float64Array,
  table: Float64Array,
  denseAt: number,
  momentsAt: number,
  calibrationAt: number,
): number {
  const perUnit = SCORE_BINS_PER_UNIT;
  const denseBins = DENSE_BINS;
  const moments = MOMENTS;
  const calibrationBins = CALIBRATION_BINS;
  const lastCalibrationBin = CALIBRATION_BINS - 1;
  for (let i = start; i < end; i++) {
    const s = score[i]!;
    const scaled = s * perUnit;
    const key = Math.floor(scaled);
    if (!(s >= 0 && s <= 1) || (key !== scaled && checkGrid !== 0)) return i;
    const c = cell[i]!;
    const series = (c << 1) | label[i]!;
    const at = (series << 1) | prediction[i]!;
    table[at] = table[at]! + 1;
    const bin = denseAt + series * denseBins + key;
    table[bin] = table[bin]! + 1;
    // floor(key / 100) as a multiply and shift: exact for every key in 0..1000 (tested).
    const calibration =
      calibrationAt + c * calibrationBins + Math.min(lastCalibrationBin, (key * 41) >> 12);
    table[calibration] = table[calibration]! + s;
    const m = momentsAt + series * moments;
    const s2 = s * s;
    table[m] = table[m]! + 1;
    table[m + 1] = table[m + 1]! + s;
    table[m + 2] = table[m + 2]! + s2;
    table[m + 3] = table[m + 3]! + s2 * s;
    table[m + 4] = table[m + 4]! + s2 * s2;
  }
  return end;
}

/** As `foldCommonScores`, each row counted with its weight, and the squares of weights kept. */
export function foldCommonWeightedScores(
  start: number,
  end: number,
  checkGrid: number,
  cell: Uint32Array,
  label: Uint8Array,
  prediction: Uint8Array,
  score: Float64Array,
  weight: Float64Array,
  table: Float64Array,
  squaresAt: number,
  denseAt: number,
  momentsAt: number,
  calibrationAt: number,
): number {
  const perUnit = SCORE_BINS_PER_UNIT;
  const denseBins = DENSE_BINS;
  const moments = MOMENTS;
  const calibrationBins = CALIBRATION_BINS;
  const lastCalibrationBin = CALIBRATION_BINS - 1;
  for (let i = start; i < end; i++) {
    const s = score[i]!;
    const scaled = s * perUnit;
    const key = Math.floor(scaled);
    if (!(s >= 0 && s <= 1) || (key !== scaled && checkGrid !== 0)) return i;
    const w = weight[i]!;
    const c = cell[i]!;
    const series = (c << 1) | label[i]!;
    const at = (series << 1) | prediction[i]!;
    table[at] = table[at]! + w;
    table[squaresAt + at] = table[squaresAt + at]! + w * w;
    const bin = denseAt + series * denseBins + key;
    table[bin] = table[bin]! + w;
    // floor(key / 100) as a multiply and shift: exact for every key in 0..1000 (tested).
    const calibration =
      calibrationAt + c * calibrationBins + Math.min(lastCalibrationBin, (key * 41) >> 12);
    table[calibration] = table[calibration]! + w * s;
    const m = momentsAt + series * moments;
    const s2 = s * s;
    table[m] = table[m]! + w;
    table[m + 1] = table[m + 1]! + w * s;
    table[m + 2] = table[m + 2]! + w * s2;
    table[m + 3] = table[m + 3]! + w * s2 * s;
    table[m + 4] = table[m + 4]! + w * s2 * s2;
  }
  return end;
}
