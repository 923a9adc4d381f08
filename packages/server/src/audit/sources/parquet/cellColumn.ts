/**
 * A run of cells of one request, in the form a `RowBatch` carries them: codes for a categorical
 * request; numbers, with the text of the cells that are present but not finite numbers, for a
 * numeric one. A decoded page and a batch under construction are both cell columns.
 */

export type CellColumn = CategoricalCells | NumericCells;

export interface CategoricalCells {
  readonly kind: 'categorical';
  codes: Int32Array;
}

export interface NumericCells {
  readonly kind: 'numeric';
  numbers: Float64Array;
  /** Text of the cells that are NaN because they are not finite numbers, by index. */
  readonly badNumbers: Map<number, string>;
}

export function emptyCells(kind: CellColumn['kind'], capacity: number): CellColumn {
  return kind === 'categorical'
    ? { kind, codes: new Int32Array(capacity) }
    : { kind, numbers: new Float64Array(capacity), badNumbers: new Map() };
}

/** Makes room for `length` cells, discarding the current ones (and their bad numbers). */
export function reserveCells(cells: CellColumn, length: number): void {
  if (cells.kind === 'categorical') {
    if (cells.codes.length < length) cells.codes = new Int32Array(growTo(length));
  } else {
    if (cells.numbers.length < length) cells.numbers = new Float64Array(growTo(length));
    cells.badNumbers.clear();
  }
}

/** Copies from[fromIndex, fromIndex + count) to to[toIndex, ...); both of the same kind. */
export function copyCells(
  from: CellColumn,
  fromIndex: number,
  to: CellColumn,
  toIndex: number,
  count: number,
): void {
  if (from.kind === 'categorical') {
    if (to.kind !== 'categorical') throw new Error('copying categorical cells into numeric ones');
    to.codes.set(from.codes.subarray(fromIndex, fromIndex + count), toIndex);
    return;
  }
  if (to.kind !== 'numeric') throw new Error('copying numeric cells into categorical ones');
  to.numbers.set(from.numbers.subarray(fromIndex, fromIndex + count), toIndex);
  if (from.badNumbers.size === 0) return;
  for (const [index, text] of from.badNumbers) {
    if (index >= fromIndex && index < fromIndex + count) {
      to.badNumbers.set(index - fromIndex + toIndex, text);
    }
  }
}

function growTo(length: number): number {
  return Math.max(length, 1024);
}
