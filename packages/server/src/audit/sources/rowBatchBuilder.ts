/**
 * Fills `RowBatch`es cell by cell for the sources that decode JS values (JSONL, Parquet):
 * categorical cells through each request's `ValueDictionary`, numeric cells through
 * `toFiniteNumber`. Every batch handed out owns fresh arrays, so a sink may keep it (the
 * contract would allow reusing them; the allocation is small next to decoding the values).
 */

import type { ColumnRequest, RowBatch } from './tableSource.js';
import { toFiniteNumber, ValueDictionary } from './valueDictionary.js';

/** Rows per batch; the last batch of a read is usually shorter. */
export const BATCH_ROWS = 65_536;

export class RowBatchBuilder {
  /** One dictionary per request: a `ValueDictionary` for categorical requests, else undefined. */
  readonly dictionaries: readonly (ValueDictionary | undefined)[];
  /** Rows filled so far in the current batch. */
  length = 0;
  readonly #requests: readonly ColumnRequest[];
  readonly #capacity: number;
  #positions: Float64Array;
  #codes: (Int32Array | undefined)[];
  #numbers: (Float64Array | undefined)[];
  #badNumbers: (Map<number, string> | undefined)[];

  constructor(requests: readonly ColumnRequest[], capacity: number = BATCH_ROWS) {
    this.#requests = requests;
    this.#capacity = capacity;
    this.dictionaries = requests.map((request) =>
      request.kind === 'categorical' ? new ValueDictionary() : undefined,
    );
    this.#positions = new Float64Array(capacity);
    this.#codes = [];
    this.#numbers = [];
    this.#badNumbers = [];
    this.#allocate();
  }

  get isFull(): boolean {
    return this.length === this.#capacity;
  }

  /** Starts the next row at `position` and returns its index in the batch; call only when not full. */
  addRow(position: number): number {
    const row = this.length;
    this.#positions[row] = position;
    this.length = row + 1;
    return row;
  }

  /** Stores `value` as the cell of `request` (its index in the request list) in `row`. */
  set(request: number, row: number, value: unknown): void {
    const codes = this.#codes[request];
    if (codes !== undefined) {
      codes[row] = this.dictionaries[request]!.codeOf(value);
      return;
    }
    this.#numbers[request]![row] = toFiniteNumber(value, row, this.#badNumbers[request]!);
  }

  /** The rows filled so far as a batch (arrays trimmed to its length); the builder starts a new one. */
  take(): RowBatch {
    const length = this.length;
    const whole = length === this.#capacity;
    const batch: RowBatch = {
      length,
      positions: whole ? this.#positions : this.#positions.subarray(0, length),
      codes: this.#codes.map((codes) => (whole ? codes : codes?.subarray(0, length))),
      numbers: this.#numbers.map((numbers) => (whole ? numbers : numbers?.subarray(0, length))),
      badNumbers: this.#badNumbers,
    };
    this.#positions = new Float64Array(this.#capacity);
    this.#allocate();
    this.length = 0;
    return batch;
  }

  #allocate(): void {
    const capacity = this.#capacity;
    this.#codes = this.#requests.map((request) =>
      request.kind === 'categorical' ? new Int32Array(capacity) : undefined,
    );
    this.#numbers = this.#requests.map((request) =>
      request.kind === 'numeric' ? new Float64Array(capacity) : undefined,
    );
    this.#badNumbers = this.#requests.map((request) =>
      request.kind === 'numeric' ? new Map<number, string>() : undefined,
    );
  }
}

/** The column name of each request, checking that its index is one of `columns`. */
export function requestedColumnNames(
  columns: readonly string[],
  requests: readonly ColumnRequest[],
): string[] {
  return requests.map((request, position) => {
    const name = columns[request.index];
    if (name === undefined) {
      throw new RangeError(
        `request ${position}: column index ${request.index} is not one of the ${columns.length} columns`,
      );
    }
    return name;
  });
}
