/**
 * Parquet's PLAIN encoding of the flat column types, decoded straight into cells:
 * - BOOLEAN: one bit per value, least significant bit first;
 * - INT32, INT64, FLOAT, DOUBLE: 4 or 8 bytes per value, little-endian;
 * - BYTE_ARRAY: per value a 4-byte little-endian length, then that many bytes.
 *
 * A value reads as hyparquet would give it (`flatColumn.ts`), then through the policy of
 * `valueDictionary.ts`: INT64 as a number when it is a safe integer, else a bigint (same text,
 * same rounding to float64 as the bigint hyparquet gives); DECIMAL as the integer / 10^scale;
 * BYTE_ARRAY as UTF-8 text.
 */

import { toFiniteNumber } from '../valueDictionary.js';
import type { CategoryCodes } from './categoryCodes.js';
import type { FlatColumn } from './flatColumn.js';

const TWO_TO_32 = 4294967296;
/** Whether typed arrays are little-endian like PLAIN numbers (everywhere but big-endian s390x). */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
const utf8 = new TextDecoder();

/** A section of a page: bytes[start, end) holding `count` values. */
export interface PlainSection {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
  readonly count: number;
}

/** Random access to the values of a PLAIN section (for dictionary pages, read once per entry). */
export interface PlainValueList {
  readonly length: number;
  at(index: number): unknown;
}

/** Writes the section's values as numbers to out[0, count), recording bad ones in `bad` by index. */
export function plainNumbers(
  column: FlatColumn,
  section: PlainSection,
  out: Float64Array,
  bad: Map<number, string>,
): void {
  const { bytes, start, count } = section;
  checkFixedSize(column, section);
  const view = viewOf(bytes);
  switch (column.type) {
    case 'BOOLEAN':
      for (let i = 0; i < count; i++) out[i] = (bytes[start + (i >> 3)]! >> (i & 7)) & 1;
      return;
    case 'INT32': {
      const divisor = decimalDivisor(column);
      for (let i = 0; i < count; i++) {
        const value = column.unsigned
          ? view.getUint32(start + 4 * i, true)
          : view.getInt32(start + 4 * i, true);
        out[i] = divisor === 1 ? value : value / divisor;
      }
      return;
    }
    case 'INT64': {
      const divisor = decimalDivisor(column);
      for (let i = 0; i < count; i++) {
        const value = int64AsNumber(view, start + 8 * i, column.unsigned);
        out[i] = divisor === 1 ? value : value / divisor;
      }
      return;
    }
    case 'FLOAT':
      for (let i = 0; i < count; i++) {
        const value = view.getFloat32(start + 4 * i, true);
        out[i] = value - value === 0 ? value : badNumber(value, i, bad);
      }
      return;
    case 'DOUBLE':
      if (LITTLE_ENDIAN) {
        // The bytes are the doubles: copy them, then look for the ones that are not finite.
        new Uint8Array(out.buffer, out.byteOffset, count * 8).set(
          bytes.subarray(start, start + count * 8),
        );
        for (let i = 0; i < count; i++) {
          const value = out[i]!;
          if (value - value !== 0) out[i] = badNumber(value, i, bad);
        }
        return;
      }
      for (let i = 0; i < count; i++) {
        const value = view.getFloat64(start + 8 * i, true);
        out[i] = value - value === 0 ? value : badNumber(value, i, bad);
      }
      return;
    case 'BYTE_ARRAY': {
      let position = start;
      for (let i = 0; i < count; i++) {
        const [from, to] = byteArrayAt(section, view, position);
        out[i] = toFiniteNumber(utf8.decode(bytes.subarray(from, to)), i, bad);
        position = to;
      }
      return;
    }
  }
}

/** Writes the codes of the section's values to out[0, count). */
export function plainCodes(
  column: FlatColumn,
  section: PlainSection,
  out: Int32Array,
  categories: CategoryCodes,
): void {
  const { bytes, count } = section;
  checkFixedSize(column, section);
  const view = viewOf(bytes);
  if (column.type === 'BYTE_ARRAY') {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let position = section.start;
    for (let i = 0; i < count; i++) {
      const [from, to] = byteArrayAt(section, view, position);
      out[i] = categories.codeOfBytes(buffer, from, to);
      position = to;
    }
    return;
  }
  for (let i = 0; i < count; i++) out[i] = categories.codeOf(fixedValue(column, section, view, i));
}

/** The section's values, decoded one at a time on demand. */
export function plainValueList(column: FlatColumn, section: PlainSection): PlainValueList {
  checkFixedSize(column, section);
  const view = viewOf(section.bytes);
  if (column.type !== 'BYTE_ARRAY') {
    return { length: section.count, at: (index) => fixedValue(column, section, view, index) };
  }
  const starts = new Int32Array(section.count);
  const ends = new Int32Array(section.count);
  let position = section.start;
  for (let i = 0; i < section.count; i++) {
    const [from, to] = byteArrayAt(section, view, position);
    starts[i] = from;
    ends[i] = to;
    position = to;
  }
  return {
    length: section.count,
    at: (index) => utf8.decode(section.bytes.subarray(starts[index], ends[index])),
  };
}

/** The value at `index` of a fixed-width section, as hyparquet would give it (or equivalent). */
function fixedValue(
  column: FlatColumn,
  section: PlainSection,
  view: DataView,
  index: number,
): number | bigint | boolean {
  const { start } = section;
  switch (column.type) {
    case 'BOOLEAN':
      return ((section.bytes[start + (index >> 3)]! >> (index & 7)) & 1) === 1;
    case 'INT32': {
      const value = column.unsigned
        ? view.getUint32(start + 4 * index, true)
        : view.getInt32(start + 4 * index, true);
      return column.decimalScale === undefined ? value : value / decimalDivisor(column);
    }
    case 'INT64': {
      const offset = start + 8 * index;
      const value = int64AsNumber(view, offset, column.unsigned);
      if (column.decimalScale !== undefined) return value / decimalDivisor(column);
      if (Number.isSafeInteger(value)) return value;
      return column.unsigned ? view.getBigUint64(offset, true) : view.getBigInt64(offset, true);
    }
    case 'FLOAT':
      return view.getFloat32(start + 4 * index, true);
    case 'DOUBLE':
      return view.getFloat64(start + 8 * index, true);
    case 'BYTE_ARRAY':
      throw new Error('fixedValue called on a BYTE_ARRAY column');
  }
}

/**
 * The 64-bit integer at `offset` rounded to the nearest float64, as Number(bigint) rounds it:
 * hi * 2^32 is exact, so adding lo rounds once.
 */
function int64AsNumber(view: DataView, offset: number, unsigned: boolean): number {
  const low = view.getUint32(offset, true);
  const high = unsigned ? view.getUint32(offset + 4, true) : view.getInt32(offset + 4, true);
  return high * TWO_TO_32 + low;
}

/** 10 ** scale, as hyparquet divides a DECIMAL by it; 1 when the column is not a decimal. */
function decimalDivisor(column: FlatColumn): number {
  return column.decimalScale === undefined ? 1 : 10 ** column.decimalScale;
}

/** NaN, recording the text of a float that is NaN or infinite (as `toFiniteNumber` would). */
function badNumber(value: number, index: number, bad: Map<number, string>): number {
  bad.set(index, String(value));
  return NaN;
}

/** Where the BYTE_ARRAY value starting at `position` has its bytes: [from, to). */
function byteArrayAt(section: PlainSection, view: DataView, position: number): [number, number] {
  if (section.end - position < 4) throw new Error('page has fewer values than its header says');
  const from = position + 4;
  const to = from + view.getUint32(position, true);
  if (to > section.end) throw new Error('page has fewer values than its header says');
  return [from, to];
}

const FIXED_WIDTH: Readonly<Record<FlatColumn['type'], number>> = {
  BOOLEAN: 0,
  INT32: 4,
  INT64: 8,
  FLOAT: 4,
  DOUBLE: 8,
  BYTE_ARRAY: 0,
};

function checkFixedSize(column: FlatColumn, section: PlainSection): void {
  const needed =
    column.type === 'BOOLEAN'
      ? Math.ceil(section.count / 8)
      : section.count * FIXED_WIDTH[column.type];
  if (needed > section.end - section.start) {
    throw new Error('page has fewer values than its header says');
  }
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
