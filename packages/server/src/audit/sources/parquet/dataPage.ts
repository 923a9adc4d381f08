/**
 * The body of a data page of a flat column, v1 or v2: its definition levels and the section
 * holding its non-null values.
 *
 * - v1: the whole body is compressed; once decompressed, an OPTIONAL column's definition levels
 *   come first (RLE/bit-packed hybrid behind a 4-byte length), then the values.
 * - v2: the levels come first and are never compressed (their lengths are in the header, no
 *   length prefix); the values section after them is compressed unless `is_compressed` is false.
 * A flat column has no repetition levels (a v2 header's repetition section is skipped).
 */

import type { CompressionCodec } from 'hyparquet';
import { decompress } from './decompress.js';
import type { FlatColumn } from './flatColumn.js';
import { Encoding, encodingName, PageType, type PageHeader } from './pageHeader.js';
import type { PageScratch } from './pageScratch.js';
import type { PlainSection } from './plainDecoder.js';
import { bitWidthOf, constantRunValue, decodeRleHybrid } from './rleHybrid.js';

export interface DataPage {
  /** Values in the page, nulls included: its rows. */
  readonly numValues: number;
  readonly encoding: number;
  /** Definition level of each value, or null when every value is present. */
  readonly definitionLevels: Int32Array | null;
  /** The non-null values: `values.count` of them. */
  readonly values: PlainSection;
}

/**
 * Why our decoder cannot read a page with this header, or undefined when it can. Supported:
 * data pages v1 (RLE definition levels) and v2 in PLAIN, PLAIN_DICTIONARY or RLE_DICTIONARY,
 * or RLE for booleans; dictionary pages in PLAIN; index pages, which are skipped.
 */
export function unsupportedPage(header: PageHeader, column: FlatColumn): string | undefined {
  switch (header.type) {
    case PageType.DATA_PAGE: {
      const page = header.dataPage;
      if (page === undefined) return 'a data page without its header';
      if (column.maxDefinitionLevel > 0 && page.definitionLevelEncoding !== Encoding.RLE) {
        return `definition levels in ${encodingName(page.definitionLevelEncoding)}`;
      }
      return unsupportedValueEncoding(page.encoding, column);
    }
    case PageType.DATA_PAGE_V2:
      if (header.dataPageV2 === undefined) return 'a data page v2 without its header';
      return unsupportedValueEncoding(header.dataPageV2.encoding, column);
    case PageType.DICTIONARY_PAGE: {
      const page = header.dictionaryPage;
      if (page === undefined) return 'a dictionary page without its header';
      return page.encoding === Encoding.PLAIN || page.encoding === Encoding.PLAIN_DICTIONARY
        ? undefined
        : `a dictionary in ${encodingName(page.encoding)}`;
    }
    case PageType.INDEX_PAGE:
      return undefined;
    default:
      return `page type ${header.type}`;
  }
}

function unsupportedValueEncoding(encoding: number, column: FlatColumn): string | undefined {
  switch (encoding) {
    case Encoding.PLAIN:
    case Encoding.PLAIN_DICTIONARY:
    case Encoding.RLE_DICTIONARY:
      return undefined;
    case Encoding.RLE:
      return column.type === 'BOOLEAN' ? undefined : `${column.type} values in RLE`;
    default:
      return `values in ${encodingName(encoding)}`;
  }
}

/**
 * Reads the data page whose header is `header` and whose body is
 * chunk[header.bodyOffset, + compressedSize). The definition levels are decoded into `scratch`.
 */
export function readDataPage(
  chunk: Uint8Array,
  header: PageHeader,
  column: FlatColumn,
  codec: CompressionCodec,
  scratch: PageScratch,
): DataPage {
  const body = chunk.subarray(header.bodyOffset, header.bodyOffset + header.compressedSize);
  if (header.dataPage !== undefined) {
    const { numValues, encoding } = header.dataPage;
    const page = decompress(codec, body, header.uncompressedSize);
    let start = 0;
    let definitionLevels: Int32Array | null = null;
    let present = numValues;
    if (column.maxDefinitionLevel > 0) {
      if (page.length < 4) throw new Error('data page ends before its definition levels');
      const length = new DataView(page.buffer, page.byteOffset, 4).getUint32(0, true);
      if (length > page.length - 4) throw new Error('definition levels run past the data page');
      definitionLevels = scratch.levels(numValues);
      present = decodeLevels(page, 4, 4 + length, column, numValues, definitionLevels);
      start = 4 + length;
    }
    return {
      numValues,
      encoding,
      definitionLevels: present === numValues ? null : definitionLevels,
      values: { bytes: page, start, end: page.length, count: present },
    };
  }
  const v2 = header.dataPageV2;
  if (v2 === undefined) throw new Error('not a data page');
  const levelsLength = v2.repetitionLevelsByteLength + v2.definitionLevelsByteLength;
  if (levelsLength > body.length || levelsLength > header.uncompressedSize) {
    throw new Error('levels run past the data page');
  }
  let definitionLevels: Int32Array | null = null;
  let present = v2.numValues;
  if (column.maxDefinitionLevel > 0) {
    const start = v2.repetitionLevelsByteLength;
    definitionLevels = scratch.levels(v2.numValues);
    present = decodeLevels(body, start, levelsLength, column, v2.numValues, definitionLevels);
  }
  if (v2.numValues - present !== v2.numNulls) {
    throw new Error(
      `data page v2 says ${v2.numNulls} nulls, its definition levels ${v2.numValues - present}`,
    );
  }
  const valuesSize = header.uncompressedSize - levelsLength;
  const compressed = body.subarray(levelsLength);
  const values =
    v2.isCompressed && valuesSize > 0 ? decompress(codec, compressed, valuesSize) : compressed;
  return {
    numValues: v2.numValues,
    encoding: v2.encoding,
    definitionLevels: present === v2.numValues ? null : definitionLevels,
    values: { bytes: values, start: 0, end: values.length, count: present },
  };
}

/**
 * Decodes `count` definition levels into `out`; returns how many are present (at the maximum).
 * When all are (one RLE run of the maximum), `out` is left untouched.
 */
function decodeLevels(
  bytes: Uint8Array,
  start: number,
  end: number,
  column: FlatColumn,
  count: number,
  out: Int32Array,
): number {
  const max = column.maxDefinitionLevel;
  const bitWidth = bitWidthOf(max);
  if (constantRunValue(bytes, start, end, bitWidth, count) === max) return count;
  // With bit width 1 and a maximum of 1, no level can exceed the maximum.
  decodeRleHybrid(bytes, start, end, bitWidth, count, out);
  let present = 0;
  for (let i = 0; i < count; i++) if (out[i] === max) present++;
  return present;
}
