import type { ConfusionCounts } from './confusionCounts.js';
import { BRIER_SUMS, cellTable, type CellTable } from './cellTable.js';
import {
  foldCommonScores,
  foldCommonWeightedScores,
  foldCounts,
  foldWeightedCounts,
} from './foldLoops.js';
import {
  CALIBRATION_BINS,
  DENSE_BINS,
  SCORE_BINS_PER_UNIT,
  calibrationBinOfDense,
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

/** `CellStatistics` as plain data, for `postMessage`. */
export interface CellStatisticsSnapshot {
  readonly options: CellStatisticsOptions;
  readonly cells: number;
  readonly counts: Float64Array;
  readonly squares: Float64Array | null;
  readonly dense: Float64Array | null;
  readonly brier: Float64Array | null;
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
 * The layout is `CellTable`'s.
 */
export class CellStatistics {
  readonly options: CellStatisticsOptions;
  private cells = 0;
  private store: CellTable;
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
    this.store = cellTable(Math.max(1, initialCells), this.options);
  }

  /** Number of cells: one more than the highest cell id seen or reserved. */
  get cellCount(): number {
    return this.cells;
  }

  /** Makes room for cell ids below `cellCount`. */
  reserveCells(cellCount: number): void {
    if (cellCount <= this.cells) return;
    if (cellCount > this.store.capacity) {
      let capacity = this.store.capacity;
      while (capacity < cellCount) capacity *= 2;
      this.store = cellTable(capacity, this.options, this.store);
    }
    this.cells = cellCount;
  }

  /** Folds a batch of validated rows. Every `cell` id must be below `cellCount`. */
  add(batch: CellBatch): void {
    const { length, cell, label, prediction, score, weight } = batch;
    const store = this.store;
    if (store.squares && !weight)
      throw new Error('weighted statistics need a weight for every row');
    if (store.dense) {
      if (!score) throw new Error('score statistics need a score for every row');
      this.addWithScores(batch, score);
    } else if (weight && store.squares) {
      foldWeightedCounts(length, cell, label, prediction, weight, store.table, store.squaresAt);
    } else {
      foldCounts(length, cell, label, prediction, store.table);
    }
  }

  /** Folds the common rows in a tight loop and each other row with `addRow`. */
  private addWithScores(batch: CellBatch, score: Float64Array): void {
    const { length, cell, label, prediction } = batch;
    const { table, squaresAt, denseAt, brierAt, calibrationAt } = this.store;
    const weight = this.store.squares ? batch.weight : undefined;
    let i = 0;
    while (i < length) {
      const checkGrid = this.onGrid ? 1 : 0;
      i = weight
        ? foldCommonWeightedScores(
            i,
            length,
            checkGrid,
            cell,
            label,
            prediction,
            score,
            weight,
            table,
            squaresAt,
            denseAt,
            brierAt,
            calibrationAt,
          )
        : foldCommonScores(
            i,
            length,
            checkGrid,
            cell,
            label,
            prediction,
            score,
            table,
            denseAt,
            brierAt,
            calibrationAt,
          );
      if (i < length) {
        this.addRow(cell[i]!, label[i]!, prediction[i]!, score[i]!, weight ? weight[i]! : 1);
        i++;
      }
    }
  }

  /** Folds one row with a score: any score, on the grid or not, in [0, 1] or not. */
  private addRow(c: number, y: number, prediction: number, s: number, w: number): void {
    const at = (c << 2) | (y << 1) | prediction;
    this.store.counts[at] = this.store.counts[at]! + w;
    if (this.store.squares) this.store.squares[at] = this.store.squares[at]! + w * w;
    const series = c * 2 + y;
    const scaled = s * SCORE_BINS_PER_UNIT;
    const key = Math.floor(scaled);
    if (key !== scaled) this.onGrid = false;
    // Dense bins hold [0, 1] only: a score just above 1 shares key 1000 but is not a probability.
    if (s >= 0 && s <= 1) {
      const dense = this.store.dense!;
      const calibration = this.store.calibration!;
      const denseAt = series * DENSE_BINS + key;
      dense[denseAt] = dense[denseAt]! + w;
      const calibrationAt = c * CALIBRATION_BINS + calibrationBinOfDense(key);
      calibration[calibrationAt] = calibration[calibrationAt]! + w * s;
    } else {
      this.addSparse(series, key, w);
    }
    const brier = this.store.brier!;
    const b = c * BRIER_SUMS;
    const error = s - y;
    const squared = error * error;
    brier[b] = brier[b]! + w * squared;
    brier[b + 1] = brier[b + 1]! + w * squared * squared;
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
    addInto(this.store.counts, other.store.counts, other.cells * 4);
    if (this.store.squares) addInto(this.store.squares, other.store.squares!, other.cells * 4);
    if (this.store.dense) {
      addInto(this.store.dense, other.store.dense!, other.cells * 2 * DENSE_BINS);
      addInto(this.store.brier!, other.store.brier!, other.cells * BRIER_SUMS);
      addInto(this.store.calibration!, other.store.calibration!, other.cells * CALIBRATION_BINS);
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
      addRange(this.store.counts, target * 4, other.store.counts, c * 4, 4);
      if (this.store.squares)
        addRange(this.store.squares, target * 4, other.store.squares!, c * 4, 4);
      if (this.store.dense) {
        addRange(
          this.store.dense,
          target * 2 * DENSE_BINS,
          other.store.dense!,
          c * 2 * DENSE_BINS,
          2 * DENSE_BINS,
        );
        addRange(
          this.store.brier!,
          target * BRIER_SUMS,
          other.store.brier!,
          c * BRIER_SUMS,
          BRIER_SUMS,
        );
        addRange(
          this.store.calibration!,
          target * CALIBRATION_BINS,
          other.store.calibration!,
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
      counts: this.store.counts.slice(0, cells * 4),
      squares: this.store.squares?.slice(0, cells * 4) ?? null,
      dense: this.store.dense?.slice(0, cells * 2 * DENSE_BINS) ?? null,
      brier: this.store.brier?.slice(0, cells * BRIER_SUMS) ?? null,
      calibration: this.store.calibration?.slice(0, cells * CALIBRATION_BINS) ?? null,
      scoresOnGrid: this.onGrid,
      sparse: [...this.sparse].flatMap(([series, map]) =>
        [...map].map(([key, w]): [number, number, number] => [series, key, w]),
      ),
    };
  }

  static fromSnapshot(snapshot: CellStatisticsSnapshot): CellStatistics {
    const statistics = new CellStatistics(snapshot.options, Math.max(1, snapshot.cells));
    statistics.reserveCells(snapshot.cells);
    statistics.store.counts.set(snapshot.counts);
    if (statistics.store.squares && snapshot.squares)
      statistics.store.squares.set(snapshot.squares);
    if (statistics.store.dense && snapshot.dense) statistics.store.dense.set(snapshot.dense);
    if (statistics.store.brier && snapshot.brier) statistics.store.brier.set(snapshot.brier);
    if (statistics.store.calibration && snapshot.calibration) {
      statistics.store.calibration.set(snapshot.calibration);
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
      addRange(total.store.counts, 0, this.store.counts, c * 4, 4);
      if (this.store.squares) addRange(total.store.squares!, 0, this.store.squares, c * 4, 4);
      if (this.store.dense) {
        addRange(total.store.dense!, 0, this.store.dense, c * 2 * DENSE_BINS, 2 * DENSE_BINS);
        addRange(total.store.brier!, 0, this.store.brier!, c * BRIER_SUMS, BRIER_SUMS);
        addRange(
          total.store.calibration!,
          0,
          this.store.calibration!,
          c * CALIBRATION_BINS,
          CALIBRATION_BINS,
        );
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
    const c = this.store.counts;
    const s = this.store.squares;
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
    if (!this.store.dense) return null;
    const series = (label: number): number => cell * 2 + label;
    const denseOf = (label: number): Float64Array =>
      this.store.dense!.slice(series(label) * DENSE_BINS, (series(label) + 1) * DENSE_BINS);
    const sparseOf = (label: number): Map<number, number> =>
      new Map(this.sparse.get(series(label)) ?? []);
    return {
      dense: [denseOf(0), denseOf(1)],
      sparse: [sparseOf(0), sparseOf(1)],
      brierSums: this.store.brier!.slice(cell * BRIER_SUMS, (cell + 1) * BRIER_SUMS),
      calibrationScoreSum: this.store.calibration!.slice(
        cell * CALIBRATION_BINS,
        (cell + 1) * CALIBRATION_BINS,
      ),
    };
  }
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
