/**
 * The `RowBatch` a Parquet read fills: positions and one cell column per request. Its arrays are
 * reused from batch to batch, as `ReadSink` allows (a sink copies what must outlive the call).
 */

import type { ColumnRequest, RowBatch } from '../tableSource.js';
import { emptyCells, type CellColumn } from './cellColumn.js';

export class CellBatch {
  readonly capacity: number;
  /** One cell column per request, in request order. */
  readonly cells: readonly CellColumn[];
  length = 0;
  readonly #positions: Float64Array;

  constructor(requests: readonly ColumnRequest[], capacity: number) {
    this.capacity = capacity;
    this.cells = requests.map((request) => emptyCells(request.kind, capacity));
    this.#positions = new Float64Array(capacity);
  }

  get isFull(): boolean {
    return this.length === this.capacity;
  }

  /** Records that `count` rows were written at [length, length + count), the first at `position`. */
  addRows(position: number, count: number): void {
    const positions = this.#positions;
    for (let i = 0; i < count; i++) positions[this.length + i] = position + i;
    this.length += count;
  }

  /** The rows written so far, as a batch valid until `clear`. */
  view(): RowBatch {
    const length = this.length;
    const whole = length === this.capacity;
    const codes = (array: Int32Array): Int32Array => (whole ? array : array.subarray(0, length));
    const numbers = (array: Float64Array): Float64Array =>
      whole ? array : array.subarray(0, length);
    return {
      length,
      positions: numbers(this.#positions),
      codes: this.cells.map((cells) =>
        cells.kind === 'categorical' ? codes(cells.codes) : undefined,
      ),
      numbers: this.cells.map((cells) =>
        cells.kind === 'numeric' ? numbers(cells.numbers) : undefined,
      ),
      badNumbers: this.cells.map((cells) =>
        cells.kind === 'numeric' ? cells.badNumbers : undefined,
      ),
    };
  }

  /** Starts the next batch in the same arrays. */
  clear(): void {
    this.length = 0;
    for (const cells of this.cells) if (cells.kind === 'numeric') cells.badNumbers.clear();
  }
}
