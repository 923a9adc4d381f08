import { CALIBRATION_BINS, DENSE_BINS, SCORE_BINS_PER_UNIT } from './scoreDistribution.js';
import { BRIER_SUMS } from './cellTable.js';

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

/**
 * Counts, dense bin, calibration sum and Brier sums of unweighted rows from `start`. Two rows
 * per iteration while both are common: V8 checks each typed array once per iteration however
 * many elements it touches, so pairs halve those checks (1.3x in wall time on bench data). The
 * index arithmetic is int32 (`| 0`, `Math.imul`), which V8 compiles without overflow checks;
 * every index is far below 2^31 because the table holds it.
 */
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
  brierAt: number,
  calibrationAt: number,
): number {
  const perUnit = SCORE_BINS_PER_UNIT;
  const denseBins = DENSE_BINS;
  const brierSums = BRIER_SUMS;
  const calibrationBins = CALIBRATION_BINS;
  const lastCalibrationBin = CALIBRATION_BINS - 1;
  let i = start;
  for (; i + 1 < end; i += 2) {
    const s0 = score[i]!;
    const s1 = score[i + 1]!;
    const scaled0 = s0 * perUnit;
    const scaled1 = s1 * perUnit;
    const key0 = Math.floor(scaled0);
    const key1 = Math.floor(scaled1);
    if (
      !(s0 >= 0 && s0 <= 1 && s1 >= 0 && s1 <= 1) ||
      (checkGrid !== 0 && (key0 !== scaled0 || key1 !== scaled1))
    ) {
      break;
    }
    const c0 = cell[i]! | 0;
    const c1 = cell[i + 1]! | 0;
    const y0 = label[i]!;
    const y1 = label[i + 1]!;
    const series0 = (c0 << 1) | y0;
    const series1 = (c1 << 1) | y1;
    const at0 = (series0 << 1) | prediction[i]!;
    const at1 = (series1 << 1) | prediction[i + 1]!;
    table[at0] = table[at0]! + 1;
    table[at1] = table[at1]! + 1;
    const bin0 = (denseAt + Math.imul(series0, denseBins) + key0) | 0;
    table[bin0] = table[bin0]! + 1;
    const bin1 = (denseAt + Math.imul(series1, denseBins) + key1) | 0;
    table[bin1] = table[bin1]! + 1;
    // floor(key / 100) as a multiply and shift: exact for every key in 0..1000 (tested).
    const calibration0 =
      (calibrationAt +
        Math.imul(c0, calibrationBins) +
        Math.min(lastCalibrationBin, Math.imul(key0, 41) >> 12)) |
      0;
    table[calibration0] = table[calibration0]! + s0;
    const calibration1 =
      (calibrationAt +
        Math.imul(c1, calibrationBins) +
        Math.min(lastCalibrationBin, Math.imul(key1, 41) >> 12)) |
      0;
    table[calibration1] = table[calibration1]! + s1;
    const error0 = s0 - y0;
    const squared0 = error0 * error0;
    const b0 = (brierAt + Math.imul(c0, brierSums)) | 0;
    table[b0] = table[b0]! + squared0;
    table[b0 + 1] = table[b0 + 1]! + squared0 * squared0;
    const error1 = s1 - y1;
    const squared1 = error1 * error1;
    const b1 = (brierAt + Math.imul(c1, brierSums)) | 0;
    table[b1] = table[b1]! + squared1;
    table[b1 + 1] = table[b1 + 1]! + squared1 * squared1;
  }
  // The last row, or the pair that stopped the loop: fold the first if it is common. Leaving
  // these rows to the caller's general path instead looks simpler, but the pair loop then ran
  // about 10% slower (coreOnly.mjs, 114M against 104M rows/s), so the single-row loop stays.
  for (; i < end; i++) {
    const s = score[i]!;
    const scaled = s * perUnit;
    const key = Math.floor(scaled);
    if (!(s >= 0 && s <= 1) || (checkGrid !== 0 && key !== scaled)) return i;
    const c = cell[i]!;
    const y = label[i]!;
    const series = (c << 1) | y;
    const at = (series << 1) | prediction[i]!;
    table[at] = table[at]! + 1;
    const bin = denseAt + series * denseBins + key;
    table[bin] = table[bin]! + 1;
    const calibration =
      calibrationAt + c * calibrationBins + Math.min(lastCalibrationBin, (key * 41) >> 12);
    table[calibration] = table[calibration]! + s;
    const error = s - y;
    const squared = error * error;
    const b = brierAt + c * brierSums;
    table[b] = table[b]! + squared;
    table[b + 1] = table[b + 1]! + squared * squared;
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
  brierAt: number,
  calibrationAt: number,
): number {
  const perUnit = SCORE_BINS_PER_UNIT;
  const denseBins = DENSE_BINS;
  const brierSums = BRIER_SUMS;
  const calibrationBins = CALIBRATION_BINS;
  const lastCalibrationBin = CALIBRATION_BINS - 1;
  for (let i = start; i < end; i++) {
    const s = score[i]!;
    const scaled = s * perUnit;
    const key = Math.floor(scaled);
    if (!(s >= 0 && s <= 1) || (key !== scaled && checkGrid !== 0)) return i;
    const w = weight[i]!;
    const c = cell[i]!;
    const y = label[i]!;
    const series = (c << 1) | y;
    const at = (series << 1) | prediction[i]!;
    table[at] = table[at]! + w;
    table[squaresAt + at] = table[squaresAt + at]! + w * w;
    const bin = denseAt + series * denseBins + key;
    table[bin] = table[bin]! + w;
    // floor(key / 100) as a multiply and shift: exact for every key in 0..1000 (tested).
    const calibration =
      calibrationAt + c * calibrationBins + Math.min(lastCalibrationBin, (key * 41) >> 12);
    table[calibration] = table[calibration]! + w * s;
    const error = s - y;
    const squared = error * error;
    const b = brierAt + c * brierSums;
    table[b] = table[b]! + w * squared;
    table[b + 1] = table[b + 1]! + w * squared * squared;
  }
  return end;
}
