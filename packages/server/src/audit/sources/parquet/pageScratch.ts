import { emptyCells, type CellColumn } from './cellColumn.js';

/**
 * The arrays a request's chunk readers decode pages with, kept from one row group to the next
 * (a page is often a whole row group: DuckDB writes one page of 122,880 values per chunk).
 */
export class PageScratch {
  /** The cells of a page that does not fit where it is read to. */
  readonly cells: CellColumn;
  /** The bad numbers of the page being decoded, by index among its non-null values. */
  readonly badNumbers = new Map<number, string>();
  #indices: Int32Array = new Int32Array(0);
  #levels: Int32Array = new Int32Array(0);

  constructor(kind: CellColumn['kind']) {
    this.cells = emptyCells(kind, 0);
  }

  /** An array of at least `length` int32s for dictionary indices (its content is garbage). */
  indices(length: number): Int32Array {
    return (this.#indices = atLeast(this.#indices, length));
  }

  /** An array of at least `length` int32s for definition levels (its content is garbage). */
  levels(length: number): Int32Array {
    return (this.#levels = atLeast(this.#levels, length));
  }
}

function atLeast(array: Int32Array, length: number): Int32Array {
  return array.length >= length ? array : new Int32Array(Math.max(length, 1024));
}
