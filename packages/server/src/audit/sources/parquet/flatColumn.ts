/**
 * Which top-level columns our own decoder reads, and how a stored value becomes the JS value
 * hyparquet would have given (so that both paths categorise and parse a cell alike, under the
 * policy of `valueDictionary.ts`).
 *
 * Supported: a leaf column directly under the root, REQUIRED or OPTIONAL, of physical type
 * BOOLEAN, INT32, INT64, FLOAT, DOUBLE or BYTE_ARRAY, with no annotation or one of
 * - INT_8 ... INT_64, UINT_8 ... UINT_64 and INTEGER(bits, signed): integers (UINT_32 and
 *   UINT_64 read unsigned, as hyparquet does; the narrower ones are stored sign-extended);
 * - DECIMAL(p, s) on INT32 or INT64: the integer divided by 10^s;
 * - UTF8 / STRING / ENUM on BYTE_ARRAY, and BYTE_ARRAY with no annotation: UTF-8 text.
 * Everything else (nested and repeated columns, a column without a repetition type,
 * FIXED_LEN_BYTE_ARRAY, INT96, dates, times, timestamps, JSON, UUID, FLOAT16, decimals stored
 * as bytes...) is left to hyparquet.
 */

import type { SchemaTree } from 'hyparquet';

export type PhysicalType = 'BOOLEAN' | 'INT32' | 'INT64' | 'FLOAT' | 'DOUBLE' | 'BYTE_ARRAY';

export interface FlatColumn {
  readonly name: string;
  readonly type: PhysicalType;
  /** 1 for an OPTIONAL column (a definition level of 0 is a null), 0 for a REQUIRED one. */
  readonly maxDefinitionLevel: 0 | 1;
  /** Integers read as unsigned (UINT_32, UINT_64); false for every other type. */
  readonly unsigned: boolean;
  /** For DECIMAL: the value is the stored integer divided by 10 ** decimalScale. */
  readonly decimalScale: number | undefined;
}

const INTEGER_ANNOTATIONS = new Set([
  'INT_8',
  'INT_16',
  'INT_32',
  'INT_64',
  'UINT_8',
  'UINT_16',
  'UINT_32',
  'UINT_64',
]);
const TEXT_ANNOTATIONS = new Set(['UTF8', 'ENUM']);

/** The column as our decoder reads it, or undefined when hyparquet must read it. */
export function flatColumnOf(tree: SchemaTree): FlatColumn | undefined {
  const { element } = tree;
  if (tree.children.length > 0) return undefined;
  const repetition = element.repetition_type;
  if (repetition !== 'REQUIRED' && repetition !== 'OPTIONAL') return undefined;
  const type = element.type;
  if (
    type !== 'BOOLEAN' &&
    type !== 'INT32' &&
    type !== 'INT64' &&
    type !== 'FLOAT' &&
    type !== 'DOUBLE' &&
    type !== 'BYTE_ARRAY'
  ) {
    return undefined;
  }
  const converted = element.converted_type;
  const logical = element.logical_type;
  const integer = type === 'INT32' || type === 'INT64';
  let unsigned = false;
  let decimalScale: number | undefined;

  if (converted === 'DECIMAL') {
    if (!integer || (logical !== undefined && logical.type !== 'DECIMAL')) return undefined;
    decimalScale = element.scale ?? 0;
  } else if (type === 'BYTE_ARRAY') {
    const textual =
      (converted === undefined || TEXT_ANNOTATIONS.has(converted)) &&
      (logical === undefined || logical.type === 'STRING' || logical.type === 'ENUM');
    if (!textual) return undefined;
  } else if (integer) {
    if (converted !== undefined && !INTEGER_ANNOTATIONS.has(converted)) return undefined;
    if (logical !== undefined && logical.type !== 'INTEGER') return undefined;
    // hyparquet reads a column as unsigned when either annotation says UINT_32 / UINT_64; one
    // that claims the other width is contradictory, and left to hyparquet to report.
    const bits = type === 'INT32' ? 32 : 64;
    const claimed = [
      converted === 'UINT_32' ? 32 : converted === 'UINT_64' ? 64 : 0,
      logical?.type === 'INTEGER' && !logical.isSigned && logical.bitWidth >= 32
        ? logical.bitWidth
        : 0,
    ].filter((width) => width > 0);
    if (claimed.some((width) => width !== bits)) return undefined;
    unsigned = claimed.length > 0;
  } else if (converted !== undefined || logical !== undefined) {
    return undefined;
  }
  return {
    name: element.name,
    type,
    maxDefinitionLevel: repetition === 'OPTIONAL' ? 1 : 0,
    unsigned,
    decimalScale,
  };
}
