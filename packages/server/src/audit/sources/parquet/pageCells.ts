/**
 * A data page's values turned into cells: PLAIN values decoded directly, dictionary indices
 * mapped through the chunk's dictionary, RLE booleans unpacked; then nulls (definition level
 * below the maximum) spread in as missing codes or NaN.
 */

import { MISSING_CODE } from '../tableSource.js';
import { reserveCells, type CellColumn } from './cellColumn.js';
import type { CategoryCodes } from './categoryCodes.js';
import type { ChunkDictionary } from './chunkDictionary.js';
import type { DataPage } from './dataPage.js';
import type { FlatColumn } from './flatColumn.js';
import { Encoding, encodingName } from './pageHeader.js';
import { plainCodes, plainNumbers } from './plainDecoder.js';
import type { PageScratch } from './pageScratch.js';
import { decodeRleHybrid } from './rleHybrid.js';

export interface PageCellsContext {
  readonly column: FlatColumn;
  /** The chunk's dictionary, once its dictionary page has been read. */
  readonly dictionary: ChunkDictionary | undefined;
  /** For a categorical request. */
  readonly categories: CategoryCodes | undefined;
  /** Where dictionary indices are decoded. */
  readonly scratch: PageScratch;
}

/** Fills cells[0, page.numValues) with the page's cells (the cells' old content is discarded). */
export function decodePageCells(
  page: DataPage,
  context: PageCellsContext,
  cells: CellColumn,
): void {
  reserveCells(cells, page.numValues);
  const { values } = page;
  switch (page.encoding) {
    case Encoding.PLAIN:
      if (cells.kind === 'categorical') {
        plainCodes(context.column, values, cells.codes, requireCategories(context));
      } else {
        plainNumbers(context.column, values, cells.numbers, cells.badNumbers);
      }
      break;
    case Encoding.PLAIN_DICTIONARY:
    case Encoding.RLE_DICTIONARY:
      dictionaryCells(page, context, cells);
      break;
    case Encoding.RLE:
      if (context.column.type !== 'BOOLEAN') throw new Error('RLE values in a non-boolean column');
      rleBooleanCells(page, context, cells);
      break;
    default:
      throw new Error(`unsupported encoding ${encodingName(page.encoding)}`);
  }
  if (page.definitionLevels !== null) spreadNulls(page, context.column, cells);
}

function dictionaryCells(page: DataPage, context: PageCellsContext, cells: CellColumn): void {
  const { dictionary } = context;
  if (dictionary === undefined)
    throw new Error('dictionary-encoded page without a dictionary page');
  const { bytes, start, end, count } = page.values;
  if (count === 0) return;
  if (start >= end) throw new Error('dictionary-encoded page without its bit width');
  const bitWidth = bytes[start]!;
  const indices = context.scratch.indices(count);
  const or = decodeRleHybrid(bytes, start + 1, end, bitWidth, count, indices);
  if (or < 0 || or >= dictionary.size) checkIndices(indices, count, dictionary.size);
  if (dictionary.kind === 'categorical') {
    if (cells.kind !== 'categorical') throw new Error('categorical dictionary for numeric cells');
    dictionary.codesOf(indices, count, cells.codes);
  } else {
    if (cells.kind !== 'numeric') throw new Error('numeric dictionary for categorical cells');
    dictionary.numbersOf(indices, count, cells.numbers, cells.badNumbers);
  }
}

/** The OR of the indices was only an upper bound: look at each. */
function checkIndices(indices: Int32Array, count: number, size: number): void {
  for (let i = 0; i < count; i++) {
    const index = indices[i]!;
    if (index < 0 || index >= size) {
      throw new Error(`dictionary index ${index >>> 0} out of range (dictionary of ${size})`);
    }
  }
}

/** Booleans in RLE (v2 writers): a 4-byte length, then the hybrid with bit width 1. */
function rleBooleanCells(page: DataPage, context: PageCellsContext, cells: CellColumn): void {
  const { bytes, start, end, count } = page.values;
  if (end - start < 4) throw new Error('RLE boolean page ends before its length');
  const length = new DataView(bytes.buffer, bytes.byteOffset + start, 4).getUint32(0, true);
  if (length > end - start - 4) throw new Error('RLE booleans run past the data page');
  const bits = context.scratch.indices(count);
  const or = decodeRleHybrid(bytes, start + 4, start + 4 + length, 1, count, bits);
  if ((or & ~1) !== 0) throw new Error('RLE boolean value above 1');
  if (cells.kind === 'numeric') {
    for (let i = 0; i < count; i++) cells.numbers[i] = bits[i]!;
    return;
  }
  const categories = requireCategories(context);
  // Resolved when first seen, so the request's dictionary grows in row order.
  const codes: (number | undefined)[] = [undefined, undefined];
  for (let i = 0; i < count; i++) {
    const bit = bits[i]!;
    cells.codes[i] = codes[bit] ??= categories.codeOf(bit === 1);
  }
}

/**
 * Moves the non-null cells, packed at [0, present), to their rows, filling nulls with
 * MISSING_CODE or NaN. Walks backwards, so the packed cells are read before being overwritten.
 */
function spreadNulls(page: DataPage, column: FlatColumn, cells: CellColumn): void {
  const levels = page.definitionLevels!;
  const max = column.maxDefinitionLevel;
  let packed = page.values.count - 1;
  if (cells.kind === 'categorical') {
    const codes = cells.codes;
    for (let row = page.numValues - 1; row >= 0; row--) {
      codes[row] = levels[row] === max ? codes[packed--]! : MISSING_CODE;
    }
    return;
  }
  const numbers = cells.numbers;
  const bad = cells.badNumbers;
  const packedBad = bad.size > 0 ? new Map(bad) : undefined;
  bad.clear();
  for (let row = page.numValues - 1; row >= 0; row--) {
    if (levels[row] === max) {
      const text = packedBad?.get(packed);
      if (text !== undefined) bad.set(row, text);
      numbers[row] = numbers[packed--]!;
    } else {
      numbers[row] = NaN;
    }
  }
}

function requireCategories(context: PageCellsContext): CategoryCodes {
  if (context.categories === undefined) throw new Error('categorical cells without categories');
  return context.categories;
}
