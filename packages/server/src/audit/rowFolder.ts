import { CellStatistics, type AttributeValue, type CellBatch } from '@fairwatch/core';
import { UsageError } from '../errors.js';
import type { AuditOptions } from './auditOptions.js';
import { binaryValue, describeBinaryDomain } from './binaryValue.js';
import { SkippedRows, type SkipReason } from './skippedRows.js';
import {
  MISSING_CODE,
  type ColumnRequest,
  type RowBatch,
  type TableSource,
  type UnreadableRow,
} from './sources/tableSource.js';

/** More distinct values than this in one attribute is a mistake (an id column as a group?). */
export const MAX_GROUP_VALUES = 10_000;
/** Bound on the dense cell lookup table: the product of per-attribute capacities. */
const MAX_CELL_TABLE = 1 << 24;

interface Layout {
  readonly label: number;
  readonly prediction: number;
  readonly score: number;
  readonly weight: number;
  readonly groups: readonly number[];
}

/**
 * Turns a source's row batches into per-cell statistics: decodes labels and predictions (once
 * per distinct value), validates scores and weights, assigns each row its cell (one per
 * combination of group values) and folds the valid rows. Invalid rows are skipped and counted.
 */
export class RowFolder {
  readonly requests: readonly ColumnRequest[];
  readonly statistics: CellStatistics;
  readonly skipped: SkippedRows;
  /** Each cell's value of each group attribute, in option order. */
  readonly cellValues: AttributeValue[][] = [];
  rows = 0;

  private readonly layout: Layout;
  private readonly labelDecoding: number[] = [];
  private readonly predictionDecoding: number[] = [];
  /** Per group attribute: log2 of its capacity in the cell table (values + 1 for missing). */
  private shifts: number[];
  private cellTable: Int32Array;
  private readonly cellCodes: number[][] = [];
  private readonly out: {
    cell: Uint32Array;
    label: Uint8Array;
    prediction: Uint8Array;
    score: Float64Array;
    weight: Float64Array;
  };

  constructor(
    private readonly source: TableSource,
    private readonly options: AuditOptions,
  ) {
    const requests: ColumnRequest[] = [];
    const request = (column: string | undefined, kind: ColumnRequest['kind']): number => {
      if (column === undefined) return -1;
      requests.push({ index: source.columns.indexOf(column), kind });
      return requests.length - 1;
    };
    this.layout = {
      label: request(options.label, 'categorical'),
      prediction: request(options.prediction, 'categorical'),
      score: request(options.score, 'numeric'),
      weight: request(options.weight, 'numeric'),
      groups: options.groups.map((g) => request(g, 'categorical')),
    };
    this.requests = requests;
    this.statistics = new CellStatistics({
      scores: options.score !== undefined,
      weighted: options.weight !== undefined,
    });
    this.skipped = new SkippedRows(source.positionName);
    this.shifts = options.groups.map(() => 1);
    this.cellTable = new Int32Array(1 << this.shifts.reduce((a, b) => a + b, 0)).fill(-1);
    const capacity = 65_536;
    this.out = {
      cell: new Uint32Array(capacity),
      label: new Uint8Array(capacity),
      prediction: new Uint8Array(capacity),
      score: new Float64Array(capacity),
      weight: new Float64Array(capacity),
    };
  }

  unreadable(row: UnreadableRow): void {
    this.skipped.add('unreadable', row.position, () => row.reason);
  }

  fold(batch: RowBatch): void {
    const { layout, options } = this;
    this.prepare();
    if (batch.length > this.out.cell.length) this.growOutput(batch.length);
    const labels = batch.codes[layout.label]!;
    const labelDecoding = this.labelDecoding;
    const predictions = layout.prediction >= 0 ? batch.codes[layout.prediction]! : null;
    const predictionDecoding = this.predictionDecoding;
    const scores = layout.score >= 0 ? batch.numbers[layout.score]! : null;
    const weights = layout.weight >= 0 ? batch.numbers[layout.weight]! : null;
    const groupCodes = layout.groups.map((slot) => batch.codes[slot]!);
    const shifts = this.shifts;
    const threshold = options.threshold ?? 0.5;
    const out = this.out;
    let kept = 0;
    for (let i = 0; i < batch.length; i++) {
      const label = labelDecoding[labels[i]! + 1]!;
      if (label < 0) {
        this.skipCategorical(batch, i, 'label', labels[i]!, layout.label);
        continue;
      }
      let score = 0;
      if (scores) {
        score = scores[i]!;
        if (score !== score) {
          this.skipNumber(batch, i, 'score', layout.score);
          continue;
        }
      }
      let prediction: number;
      if (predictions) {
        prediction = predictionDecoding[predictions[i]! + 1]!;
        if (prediction < 0) {
          this.skipCategorical(batch, i, 'prediction', predictions[i]!, layout.prediction);
          continue;
        }
      } else {
        prediction = score >= threshold ? 1 : 0;
      }
      if (weights) {
        const w = weights[i]!;
        if (!(w >= 0)) {
          this.skipNumber(batch, i, 'weight', layout.weight);
          continue;
        }
        out.weight[kept] = w;
      }
      let key = 0;
      for (let a = 0; a < groupCodes.length; a++)
        key = (key << shifts[a]!) | (groupCodes[a]![i]! + 1);
      let cell = this.cellTable[key]!;
      if (cell < 0)
        cell = this.newCell(
          groupCodes.map((codes) => codes[i]!),
          key,
        );
      out.cell[kept] = cell;
      out.label[kept] = label;
      out.prediction[kept] = prediction;
      out.score[kept] = score;
      kept++;
    }
    this.rows += kept;
    const cellBatch: CellBatch = {
      length: kept,
      cell: out.cell,
      label: out.label,
      prediction: out.prediction,
      score: scores ? out.score : undefined,
      weight: weights ? out.weight : undefined,
    };
    this.statistics.add(cellBatch);
  }

  /** Extends the decoding tables and the cell table to the dictionaries' current sizes. */
  private prepare(): void {
    const { layout, options } = this;
    extendDecoding(this.labelDecoding, this.source.dictionary(layout.label), options.positive);
    if (layout.prediction >= 0) {
      extendDecoding(
        this.predictionDecoding,
        this.source.dictionary(layout.prediction),
        options.positive,
      );
    }
    const shifts: number[] = [];
    layout.groups.forEach((slot, a) => {
      const values = this.source.dictionary(slot).length;
      if (values > MAX_GROUP_VALUES) {
        throw new UsageError(
          `group column '${options.groups[a]!}' has more than ${MAX_GROUP_VALUES} distinct values; is it really a sensitive attribute?`,
        );
      }
      let shift = this.shifts[a]!;
      while (1 << shift < values + 1) shift++;
      shifts.push(shift);
    });
    if (shifts.every((shift, a) => shift === this.shifts[a])) return;
    const bits = shifts.reduce((a, b) => a + b, 0);
    if (1 << bits > MAX_CELL_TABLE || bits > 30) {
      throw new UsageError(
        `the group columns ${options.groups.join(', ')} have too many combinations of values to audit`,
      );
    }
    this.shifts = shifts;
    this.cellTable = new Int32Array(1 << bits).fill(-1);
    this.cellCodes.forEach((codes, cell) => (this.cellTable[this.keyOf(codes)] = cell));
  }

  private keyOf(codes: readonly number[]): number {
    let key = 0;
    codes.forEach((code, a) => (key = (key << this.shifts[a]!) | (code + 1)));
    return key;
  }

  private newCell(codes: number[], key: number): number {
    const cell = this.cellCodes.length;
    this.cellCodes.push(codes);
    this.cellValues.push(
      codes.map((code, a) =>
        code === MISSING_CODE ? null : this.source.dictionary(this.layout.groups[a]!)[code]!,
      ),
    );
    this.cellTable[key] = cell;
    this.statistics.reserveCells(cell + 1);
    return cell;
  }

  private skipCategorical(
    batch: RowBatch,
    row: number,
    what: 'label' | 'prediction',
    code: number,
    slot: number,
  ): void {
    const missing = code === MISSING_CODE;
    const reason: SkipReason = missing ? `${what}_missing` : `${what}_invalid`;
    this.skipped.add(reason, batch.positions[row]!, () =>
      missing
        ? `${what} is empty`
        : `${what} '${this.source.dictionary(slot)[code]!}' is not binary (${describeBinaryDomain(this.options.positive)})`,
    );
  }

  private skipNumber(batch: RowBatch, row: number, what: 'score' | 'weight', slot: number): void {
    const raw = batch.badNumbers[slot]?.get(row);
    const value = batch.numbers[slot]![row]!;
    const missing = raw === undefined && Number.isNaN(value);
    const reason: SkipReason = missing ? `${what}_missing` : `${what}_invalid`;
    this.skipped.add(reason, batch.positions[row]!, () =>
      missing
        ? `${what} is empty`
        : raw !== undefined
          ? `${what} '${raw}' is not a number`
          : `${what} ${value} is negative`,
    );
  }

  private growOutput(length: number): void {
    this.out.cell = new Uint32Array(length);
    this.out.label = new Uint8Array(length);
    this.out.prediction = new Uint8Array(length);
    this.out.score = new Float64Array(length);
    this.out.weight = new Float64Array(length);
  }
}

/** decoding[code + 1] = 0, 1, or -1 (missing or not binary). */
function extendDecoding(
  decoding: number[],
  dictionary: readonly string[],
  positive: readonly string[],
): void {
  if (decoding.length === 0) decoding.push(-1);
  for (let code = decoding.length - 1; code < dictionary.length; code++) {
    decoding.push(binaryValue(dictionary[code]!, positive) ?? -1);
  }
}
