/**
 * A data page's values turned into cells: PLAIN values decoded directly, dictionary indices
 * mapped through the chunk's dictionary, RLE booleans unpacked; then nulls (definition level
 * below the maximum) spread in as missing codes or NaN.
 */

import { MISSING_CODE } from '../tableSource.js';
import type { CellColumn } from './cellColumn.js';
import type { CategoryCodes } from './categoryCodes.js';
import type { ChunkDictionary } from './chunkDictionary.js';
import type { DataPage } from './dataPage.js';
import type { FlatColumn } from './flatColumn.js';
import { Encoding, encodingName } from './pageHeader.js';
import type { PageScratch } from './pageScratch.js';
import { plainCodes, plainNumbers, type PlainSection } from './plainDecoder.js';
import { decodeRleHybrid } from './rleHybrid.js';

export interface PageCellsContext {
  readonly column: FlatColumn;
  /** The chunk's dictionary, once its dictionary page has been read. */
  readonly dictionary: ChunkDictionary | undefined;
  /** For a categorical request. */
  readonly categories: CategoryCodes | undefined;
  /** Where dictionary indices and a page's bad numbers are kept while it is decoded. */
  readonly scratch: PageScratch;
}

/**
 * Writes the page's cells to cells[at, at + page.numValues), which must exist; a numeric
 * page's bad numbers go to `cells.badNumbers` under their index in `cells`.
 */
export function decodePageCells(
  page: DataPage,
  context: PageCellsContext,
  cells: CellColumn,
  at: number,
): void {
  const levels = page.definitionLevels;
  const max = context.column.maxDefinitionLevel;
  if (cells.kind === 'categorical') {
    const codes = cells.codes.subarray(at, at + page.numValues);
    decodeCodes(page, context, codes);
    if (levels !== null) spreadCodes(levels, max, page.values.count, codes);
    return;
  }
  const numbers = cells.numbers.subarray(at, at + page.numValues);
  const bad = context.scratch.badNumbers;
  bad.clear();
  decodeNumbers(page, context, numbers, bad);
  if (levels !== null) {
    spreadNumbers(levels, max, page.values.count, numbers, bad, cells.badNumbers, at);
  } else {
    for (const [index, text] of bad) cells.badNumbers.set(at + index, text);
  }
}

/** The codes of the page's non-null values, packed at the start of `out`. */
function decodeCodes(page: DataPage, context: PageCellsContext, out: Int32Array): void {
  const { values } = page;
  switch (page.encoding) {
    case Encoding.PLAIN:
      plainCodes(context.column, values, out, requireCategories(context));
      return;
    case Encoding.PLAIN_DICTIONARY:
    case Encoding.RLE_DICTIONARY: {
      const { dictionary } = context;
      if (dictionary?.kind !== 'categorical') throw missingDictionary(dictionary);
      const codes = dictionary.resolvedCodes;
      if (codes !== undefined) {
        // Every entry has its code: indices decode straight to codes.
        decodeIndices(values, dictionary.size, out, codes);
      } else {
        const indices = context.scratch.indices(values.count);
        decodeIndices(values, dictionary.size, indices);
        dictionary.codesOf(indices, values.count, out);
      }
      return;
    }
    case Encoding.RLE: {
      const bits = rleBooleans(values, context);
      const categories = requireCategories(context);
      // Resolved when first seen, so the request's dictionary grows in row order.
      const codes: (number | undefined)[] = [undefined, undefined];
      for (let i = 0; i < values.count; i++) {
        const bit = bits[i]!;
        out[i] = codes[bit] ??= categories.codeOf(bit === 1);
      }
      return;
    }
    default:
      throw new Error(`unsupported encoding ${encodingName(page.encoding)}`);
  }
}

/** The numbers of the page's non-null values, packed at the start of `out`; bad ones in `bad`. */
function decodeNumbers(
  page: DataPage,
  context: PageCellsContext,
  out: Float64Array,
  bad: Map<number, string>,
): void {
  const { values } = page;
  switch (page.encoding) {
    case Encoding.PLAIN:
      plainNumbers(context.column, values, out, bad);
      return;
    case Encoding.PLAIN_DICTIONARY:
    case Encoding.RLE_DICTIONARY: {
      const { dictionary } = context;
      if (dictionary?.kind !== 'numeric') throw missingDictionary(dictionary);
      const indices = context.scratch.indices(values.count);
      decodeIndices(values, dictionary.size, indices);
      dictionary.numbersOf(indices, values.count, out, bad);
      return;
    }
    case Encoding.RLE: {
      const bits = rleBooleans(values, context);
      for (let i = 0; i < values.count; i++) out[i] = bits[i]!;
      return;
    }
    default:
      throw new Error(`unsupported encoding ${encodingName(page.encoding)}`);
  }
}

function missingDictionary(dictionary: ChunkDictionary | undefined): Error {
  return new Error(
    dictionary === undefined
      ? 'dictionary-encoded page without a dictionary page'
      : `${dictionary.kind} dictionary for cells of the other kind`,
  );
}

/**
 * Decodes dictionary indices (a bit width byte, then the hybrid) into `out`, or their entries'
 * codes given `codes`; throws when an index is beyond the dictionary.
 */
function decodeIndices(
  values: PlainSection,
  size: number,
  out: Int32Array,
  codes?: Int32Array,
): void {
  const { bytes, start, end, count } = values;
  if (count === 0) return;
  if (start >= end) throw new Error('dictionary-encoded page without its bit width');
  const max = decodeRleHybrid(bytes, start + 1, end, bytes[start]!, count, out, codes);
  if (max >= size) throw new Error(`dictionary index ${max} out of range (dictionary of ${size})`);
}

/** Booleans in RLE (v2 writers): a 4-byte length, then the hybrid with bit width 1. */
function rleBooleans(values: PlainSection, context: PageCellsContext): Int32Array {
  if (context.column.type !== 'BOOLEAN') throw new Error('RLE values in a non-boolean column');
  const { bytes, start, end, count } = values;
  if (end - start < 4) throw new Error('RLE boolean page ends before its length');
  const length = new DataView(bytes.buffer, bytes.byteOffset + start, 4).getUint32(0, true);
  if (length > end - start - 4) throw new Error('RLE booleans run past the data page');
  const bits = context.scratch.indices(count);
  decodeRleHybrid(bytes, start + 4, start + 4 + length, 1, count, bits);
  return bits;
}

/**
 * Moves the `present` codes packed at the start of `codes` to their rows, filling nulls with
 * MISSING_CODE. Walks backwards, so the packed codes are read before being overwritten.
 */
function spreadCodes(levels: Int32Array, max: number, present: number, codes: Int32Array): void {
  let packed = present - 1;
  for (let row = codes.length - 1; row >= 0; row--) {
    codes[row] = levels[row] === max ? codes[packed--]! : MISSING_CODE;
  }
}

/** As `spreadCodes` for numbers (nulls are NaN), moving the bad ones to `target` at `at` + row. */
function spreadNumbers(
  levels: Int32Array,
  max: number,
  present: number,
  numbers: Float64Array,
  bad: ReadonlyMap<number, string>,
  target: Map<number, string>,
  at: number,
): void {
  let packed = present - 1;
  const anyBad = bad.size > 0;
  for (let row = numbers.length - 1; row >= 0; row--) {
    if (levels[row] === max) {
      if (anyBad) {
        const text = bad.get(packed);
        if (text !== undefined) target.set(at + row, text);
      }
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
