import type { ConfusionCounts } from './confusionCounts.js';
import {
  CALIBRATION_BINS,
  DENSE_BINS,
  SCORE_BINS_PER_UNIT,
  type ScoreDistribution,
} from './scoreDistribution.js';

/**
 * Rows to fold, one entry per row. `cell` is the row's cohort cell (an id the caller assigns to
 * each distinct combination of sensitive-attribute values); `label` and `prediction` are 0 or 1.
 * `score` must be finite and `weight` finite and non-negative: the caller validates rows.
 */
export interface CellBatch {
  readonly length: number;
  readonly cell: Uint32Array;
  readonly label: Uint8Array;
  readonly prediction: Uint8Array;
  readonly score?: Float64Array | undefined;
  readonly weight?: Float64Array | undefined;
}

export interface CellStatisticsOptions {
  /** Keep score distributions (needs `score` in every batch). */
  readonly scores: boolean;
  /** Keep sums of squared weights (needs `weight` in every batch). */
  readonly weighted: boolean;
}

const MOMENTS = 5;

/** `CellStatistics` as plain data, for `postMessage`. */
export interface CellStatisticsSnapshot {
  readonly options: CellStatisticsOptions;
  readonly cells: number;
  readonly counts: Float64Array;
  readonly squares: Float64Array | null;
  readonly dense: Float64Array | null;
  readonly moments: Float64Array | null;
  readonly calibration: Float64Array | null;
  readonly scoresOnGrid: boolean;
  /** Out-of-[0,1] score bins as [cell * 2 + label, key, weight]. */
  readonly sparse: readonly (readonly [number, number, number])[];
}

/**
 * The sufficient statistics of many cohort cells, stored column-wise in typed arrays so that
 * folding rows is a tight loop: confusion counts per cell, and per cell and label a binned
 * score distribution. Merging two instances equals folding the union of their rows.
 *
 * Layout, with q = label * 2 + prediction (0 tn, 1 fp, 2 fn, 3 tp):
 *   counts[cell * 4 + q], squares[cell * 4 + q]
 *   dense[(cell * 2 + label) * DENSE_BINS + bin], moments[(cell * 2 + label) * 5 + power]
 *   calibration[cell * CALIBRATION_BINS + bin]
 */
export class CellStatistics {
  readonly options: CellStatisticsOptions;
  private cells = 0;
  private capacity: number;
  private counts: Float64Array;
  private squares: Float64Array | null;
  private dense: Float64Array | null;
  private moments: Float64Array | null;
  private calibration: Float64Array | null;
  /** Out-of-[0,1] score bins, keyed by cell * 2 + label. */
  private readonly sparse = new Map<number, Map<number, number>>();
  /**
   * Whether every score seen lies exactly on the bin grid (a multiple of 1/1000, such as a
   * decile or a score with three decimals): then a bin holds one score value and binned AUC is
   * exact.
   */
  private onGrid = true;

  get scoresOnGrid(): boolean {
    return this.onGrid;
  }

  constructor(options: CellStatisticsOptions, initialCells = 16) {
    this.options = { scores: options.scores, weighted: options.weighted };
    this.capacity = Math.max(1, initialCells);
    this.counts = new Float64Array(this.capacity * 4);
    this.squares = options.weighted ? new Float64Array(this.capacity * 4) : null;
    this.dense = options.scores ? new Float64Array(this.capacity * 2 * DENSE_BINS) : null;
    this.moments = options.scores ? new Float64Array(this.capacity * 2 * MOMENTS) : null;
    this.calibration = options.scores ? new Float64Array(this.capacity * CALIBRATION_BINS) : null;
  }

  /** Number of cells: one more than the highest cell id seen or reserved. */
  get cellCount(): number {
    return this.cells;
  }

  /** Makes room for cell ids below `cellCount`. */
  reserveCells(cellCount: number): void {
    if (cellCount <= this.cells) return;
    if (cellCount > this.capacity) {
      let capacity = this.capacity;
      while (capacity < cellCount) capacity *= 2;
      this.counts = grow(this.counts, capacity * 4);
      if (this.squares) this.squares = grow(this.squares, capacity * 4);
      if (this.dense) this.dense = grow(this.dense, capacity * 2 * DENSE_BINS);
      if (this.moments) this.moments = grow(this.moments, capacity * 2 * MOMENTS);
      if (this.calibration) this.calibration = grow(this.calibration, capacity * CALIBRATION_BINS);
      this.capacity = capacity;
    }
    this.cells = cellCount;
  }

  /** Folds a batch of validated rows. Every `cell` id must be below `cellCount`. */
  add(batch: CellBatch): void {
    const { length, cell, label, prediction } = batch;
    const counts = this.counts;
    const weight = batch.weight;
    if (this.squares) {
      if (!weight) throw new Error('weighted statistics need a weight for every row');
      const squares = this.squares;
      for (let i = 0; i < length; i++) {
        const w = weight[i]!;
        const at = (cell[i]! << 2) | (label[i]! << 1) | prediction[i]!;
        counts[at] = counts[at]! + w;
        squares[at] = squares[at]! + w * w;
      }
    } else {
      for (let i = 0; i < length; i++) {
        const at = (cell[i]! << 2) | (label[i]! << 1) | prediction[i]!;
        counts[at] = counts[at]! + 1;
      }
    }
    if (this.dense) {
      if (!batch.score) throw new Error('score statistics need a score for every row');
      this.addScores(batch, batch.score);
    }
  }

  private addScores(batch: CellBatch, score: Float64Array): void {
    const { length, cell, label } = batch;
    const weight = this.squares ? batch.weight : undefined;
    const dense = this.dense!;
    const moments = this.moments!;
    const calibration = this.calibration!;
    let onGrid = this.onGrid;
    for (let i = 0; i < length; i++) {
      const s = score[i]!;
      const w = weight ? weight[i]! : 1;
      const c = cell[i]!;
      const series = c * 2 + label[i]!;
      const scaled = s * SCORE_BINS_PER_UNIT;
      const key = Math.floor(scaled);
      if (key !== scaled) onGrid = false;
      // Dense bins hold [0, 1] only: a score just above 1 shares key 1000 but is not a probability.
      if (s >= 0 && s <= 1) {
        const at = series * DENSE_BINS + key;
        dense[at] = dense[at]! + w;
        const bin = key >= DENSE_BINS - 1 ? CALIBRATION_BINS - 1 : (key / 100) | 0;
        const calAt = c * CALIBRATION_BINS + bin;
        calibration[calAt] = calibration[calAt]! + w * s;
      } else {
        this.addSparse(series, key, w);
      }
      const m = series * MOMENTS;
      const s2 = s * s;
      moments[m] = moments[m]! + w;
      moments[m + 1] = moments[m + 1]! + w * s;
      moments[m + 2] = moments[m + 2]! + w * s2;
      moments[m + 3] = moments[m + 3]! + w * s2 * s;
      moments[m + 4] = moments[m + 4]! + w * s2 * s2;
    }
    this.onGrid = onGrid;
  }

  private addSparse(series: number, key: number, w: number): void {
    let map = this.sparse.get(series);
    if (!map) {
      map = new Map();
      this.sparse.set(series, map);
    }
    map.set(key, (map.get(key) ?? 0) + w);
  }

  /** Adds another instance's statistics into this one, cell by cell (same cell ids). */
  merge(other: CellStatistics): void {
    this.checkCompatible(other);
    this.onGrid &&= other.onGrid;
    this.reserveCells(other.cells);
    addInto(this.counts, other.counts, other.cells * 4);
    if (this.squares) addInto(this.squares, other.squares!, other.cells * 4);
    if (this.dense) {
      addInto(this.dense, other.dense!, other.cells * 2 * DENSE_BINS);
      addInto(this.moments!, other.moments!, other.cells * 2 * MOMENTS);
      addInto(this.calibration!, other.calibration!, other.cells * CALIBRATION_BINS);
      for (const [series, map] of other.sparse) {
        for (const [key, w] of map) this.addSparse(series, key, w);
      }
    }
  }

  /**
   * Adds another instance's cells into this one's, other cell c going to cell `cellMap[c]`:
   * how statistics folded by separate readers (with their own cell ids) are combined.
   */
  mergeMapped(other: CellStatistics, cellMap: ArrayLike<number>): void {
    this.checkCompatible(other);
    this.onGrid &&= other.onGrid;
    for (let c = 0; c < other.cells; c++) {
      const target = cellMap[c]!;
      this.reserveCells(target + 1);
      addRange(this.counts, target * 4, other.counts, c * 4, 4);
      if (this.squares) addRange(this.squares, target * 4, other.squares!, c * 4, 4);
      if (this.dense) {
        addRange(
          this.dense,
          target * 2 * DENSE_BINS,
          other.dense!,
          c * 2 * DENSE_BINS,
          2 * DENSE_BINS,
        );
        addRange(this.moments!, target * 2 * MOMENTS, other.moments!, c * 2 * MOMENTS, 2 * MOMENTS);
        addRange(
          this.calibration!,
          target * CALIBRATION_BINS,
          other.calibration!,
          c * CALIBRATION_BINS,
          CALIBRATION_BINS,
        );
        for (let label = 0; label < 2; label++) {
          const map = other.sparse.get(c * 2 + label);
          if (map) for (const [key, w] of map) this.addSparse(target * 2 + label, key, w);
        }
      }
    }
  }

  /** Plain data (typed arrays and numbers) that can cross a worker boundary. */
  snapshot(): CellStatisticsSnapshot {
    const cells = this.cells;
    return {
      options: this.options,
      cells,
      counts: this.counts.slice(0, cells * 4),
      squares: this.squares?.slice(0, cells * 4) ?? null,
      dense: this.dense?.slice(0, cells * 2 * DENSE_BINS) ?? null,
      moments: this.moments?.slice(0, cells * 2 * MOMENTS) ?? null,
      calibration: this.calibration?.slice(0, cells * CALIBRATION_BINS) ?? null,
      scoresOnGrid: this.onGrid,
      sparse: [...this.sparse].flatMap(([series, map]) =>
        [...map].map(([key, w]): [number, number, number] => [series, key, w]),
      ),
    };
  }

  static fromSnapshot(snapshot: CellStatisticsSnapshot): CellStatistics {
    const statistics = new CellStatistics(snapshot.options, Math.max(1, snapshot.cells));
    statistics.reserveCells(snapshot.cells);
    statistics.counts.set(snapshot.counts);
    if (statistics.squares && snapshot.squares) statistics.squares.set(snapshot.squares);
    if (statistics.dense && snapshot.dense) statistics.dense.set(snapshot.dense);
    if (statistics.moments && snapshot.moments) statistics.moments.set(snapshot.moments);
    if (statistics.calibration && snapshot.calibration) {
      statistics.calibration.set(snapshot.calibration);
    }
    for (const [series, key, w] of snapshot.sparse) statistics.addSparse(series, key, w);
    statistics.onGrid = snapshot.scoresOnGrid;
    return statistics;
  }

  private checkCompatible(other: CellStatistics): void {
    if (
      other.options.scores !== this.options.scores ||
      other.options.weighted !== this.options.weighted
    ) {
      throw new Error('cannot merge statistics kept with different options');
    }
  }

  /** The statistics of the union of some cells, as a new one-cell instance. */
  sumOf(cells: Iterable<number>): CellStatistics {
    const total = new CellStatistics(this.options, 1);
    total.reserveCells(1);
    total.onGrid = this.onGrid;
    for (const c of cells) {
      if (c < 0 || c >= this.cells) throw new RangeError(`cell ${c} out of range`);
      addRange(total.counts, 0, this.counts, c * 4, 4);
      if (this.squares) addRange(total.squares!, 0, this.squares, c * 4, 4);
      if (this.dense) {
        addRange(total.dense!, 0, this.dense, c * 2 * DENSE_BINS, 2 * DENSE_BINS);
        addRange(total.moments!, 0, this.moments!, c * 2 * MOMENTS, 2 * MOMENTS);
        addRange(total.calibration!, 0, this.calibration!, c * CALIBRATION_BINS, CALIBRATION_BINS);
        for (let label = 0; label < 2; label++) {
          const map = this.sparse.get(c * 2 + label);
          if (map) for (const [key, w] of map) total.addSparse(label, key, w);
        }
      }
    }
    return total;
  }

  confusion(cell: number): ConfusionCounts {
    const at = cell * 4;
    const c = this.counts;
    const s = this.squares;
    return {
      tn: c[at]!,
      fp: c[at + 1]!,
      fn: c[at + 2]!,
      tp: c[at + 3]!,
      squares: s ? { tn: s[at]!, fp: s[at + 1]!, fn: s[at + 2]!, tp: s[at + 3]! } : null,
    };
  }

  /** The score distribution of a cell, or null when scores are not kept. Copies. */
  scores(cell: number): ScoreDistribution | null {
    if (!this.dense) return null;
    const series = (label: number): number => cell * 2 + label;
    const denseOf = (label: number): Float64Array =>
      this.dense!.slice(series(label) * DENSE_BINS, (series(label) + 1) * DENSE_BINS);
    const momentsOf = (label: number): Float64Array =>
      this.moments!.slice(series(label) * MOMENTS, (series(label) + 1) * MOMENTS);
    const sparseOf = (label: number): Map<number, number> =>
      new Map(this.sparse.get(series(label)) ?? []);
    return {
      dense: [denseOf(0), denseOf(1)],
      sparse: [sparseOf(0), sparseOf(1)],
      moments: [momentsOf(0), momentsOf(1)],
      calibrationScoreSum: this.calibration!.slice(
        cell * CALIBRATION_BINS,
        (cell + 1) * CALIBRATION_BINS,
      ),
    };
  }
}

function grow(array: Float64Array, length: number): Float64Array {
  const grown = new Float64Array(length);
  grown.set(array);
  return grown;
}

function addInto(target: Float64Array, source: Float64Array, length: number): void {
  for (let i = 0; i < length; i++) target[i] = target[i]! + source[i]!;
}

function addRange(
  target: Float64Array,
  targetStart: number,
  source: Float64Array,
  sourceStart: number,
  length: number,
): void {
  for (let i = 0; i < length; i++) {
    target[targetStart + i] = target[targetStart + i]! + source[sourceStart + i]!;
  }
}
