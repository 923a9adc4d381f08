/**
 * Reading a hand-built column chunk two ways: with our `ColumnChunkReader`, in slices of given
 * sizes, and with hyparquet's own `readColumn` (a second, independent decoder) through the value
 * policy.
 */

import type { SchemaElement, SchemaTree } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { readColumn } from 'hyparquet/src/column.js';
import { DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { CategoryCodes } from '../../../../src/audit/sources/parquet/categoryCodes.js';
import { emptyCells } from '../../../../src/audit/sources/parquet/cellColumn.js';
import { ColumnChunkReader } from '../../../../src/audit/sources/parquet/columnChunkReader.js';
import type { FlatColumn } from '../../../../src/audit/sources/parquet/flatColumn.js';
import { PageScratch } from '../../../../src/audit/sources/parquet/pageScratch.js';
import type { Codec } from './pageBuilder.js';
import { underPolicy, type ColumnValues } from './parquetTestKit.js';

export function flatColumn(
  type: FlatColumn['type'],
  optional: boolean,
  annotations: Partial<Pick<FlatColumn, 'unsigned' | 'decimalScale'>> = {},
): FlatColumn {
  return {
    name: 'c',
    type,
    maxDefinitionLevel: optional ? 1 : 0,
    unsigned: annotations.unsigned ?? false,
    decimalScale: annotations.decimalScale,
  };
}

/** Our reader over `chunk`, read in `slices` (their sum is the row count). */
export function readChunk(
  chunk: Uint8Array,
  column: FlatColumn,
  kind: 'categorical' | 'numeric',
  slices: readonly number[],
  codec: Codec = 'UNCOMPRESSED',
): ColumnValues {
  const rows = slices.reduce((a, b) => a + b, 0);
  const categories = kind === 'categorical' ? new CategoryCodes() : undefined;
  const reader = new ColumnChunkReader(
    chunk,
    column,
    codec,
    rows,
    categories,
    new PageScratch(kind),
  );
  const cells = emptyCells(kind, rows);
  let offset = 0;
  for (const slice of slices) {
    reader.read(cells, offset, slice);
    offset += slice;
  }
  if (cells.kind === 'categorical') {
    const dictionary = categories!.dictionary.values;
    return {
      kind: 'categorical',
      values: Array.from(cells.codes, (code) => (code < 0 ? null : dictionary[code]!)),
    };
  }
  return { kind: 'numeric', values: Array.from(cells.numbers), bad: cells.badNumbers };
}

/** hyparquet's reading of the same chunk, through the value policy. */
export function readChunkWithHyparquet(
  chunk: Uint8Array,
  column: FlatColumn,
  kind: 'categorical' | 'numeric',
  rows: number,
  codec: Codec = 'UNCOMPRESSED',
): ColumnValues {
  const element: SchemaElement = {
    name: column.name,
    type: column.type,
    repetition_type: column.maxDefinitionLevel > 0 ? 'OPTIONAL' : 'REQUIRED',
    ...(column.type === 'BYTE_ARRAY' ? { converted_type: 'UTF8' as const } : {}),
    ...(column.unsigned ? { converted_type: column.type === 'INT32' ? 'UINT_32' : 'UINT_64' } : {}),
    ...(column.decimalScale !== undefined
      ? { converted_type: 'DECIMAL' as const, scale: column.decimalScale, precision: 18 }
      : {}),
  };
  const leaf: SchemaTree = { element, children: [], count: 1, path: [column.name] };
  const root: SchemaTree = {
    element: { name: 'root', num_children: 1 },
    children: [leaf],
    count: 2,
    path: [],
  };
  const reader = {
    view: new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength),
    offset: 0,
  };
  const { data } = readColumn(
    reader,
    { groupStart: 0, selectStart: 0, selectEnd: rows, groupRows: rows },
    {
      pathInSchema: [column.name],
      type: column.type,
      element,
      schemaPath: [root, leaf],
      codec,
      parsers: DEFAULT_PARSERS,
      compressors,
    },
  );
  const values = data.flatMap((part) => Array.from(part as ArrayLike<unknown>));
  return underPolicy(values.slice(0, rows), kind);
}
