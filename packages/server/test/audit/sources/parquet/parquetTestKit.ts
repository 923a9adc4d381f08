/**
 * Reading a Parquet file three ways, each ending in the same comparable form (category texts,
 * or numbers with the text of bad ones):
 * - `readOwn`: our decoder alone, row group by row group, failing if any chunk would be left
 *   to hyparquet (unless allowed, then reporting which were);
 * - `readWithDuckdb`: DuckDB's reading of the file, through the value policy of
 *   `valueDictionary.ts` (the independent reference);
 * - `readWithHyparquet`: hyparquet's `parquetReadObjects`, through the same policy (the
 *   reference for what the source did before our decoder, and for hyparquet's own conversions).
 */

import { DuckDBDecimalValue, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetReadObjects,
  parquetScan,
  parquetSchema,
  type ParquetScan,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { CategoryCodes } from '../../../../src/audit/sources/parquet/categoryCodes.js';
import { emptyCells } from '../../../../src/audit/sources/parquet/cellColumn.js';
import { PageScratch } from '../../../../src/audit/sources/parquet/pageScratch.js';
import {
  RowGroupColumns,
  rowGroupSpans,
  type DecodeWithHyparquet,
} from '../../../../src/audit/sources/parquet/rowGroupColumns.js';
import { toFiniteNumber, ValueDictionary } from '../../../../src/audit/sources/valueDictionary.js';

export interface NamedRequest {
  readonly name: string;
  readonly kind: 'categorical' | 'numeric';
}

export type ColumnValues =
  | { readonly kind: 'categorical'; readonly values: (string | null)[] }
  | { readonly kind: 'numeric'; readonly values: number[]; readonly bad: Map<number, string> };

export function categorical(name: string): NamedRequest {
  return { name, kind: 'categorical' };
}

export function numeric(name: string): NamedRequest {
  return { name, kind: 'numeric' };
}

/** Every column of `names` requested both ways. */
export function bothWays(names: readonly string[]): NamedRequest[] {
  return names.flatMap((name) => [categorical(name), numeric(name)]);
}

export interface OwnRead {
  readonly values: ColumnValues[];
  /** The chunks hyparquet was asked for, as "column@firstRow". */
  readonly hyparquetChunks: string[];
}

/**
 * Reads the requested columns with our decoder, handing out each row group in uneven slices
 * (so that pages are split across batches). Unless `allowHyparquet`, a chunk left to hyparquet
 * fails the read.
 */
export async function readOwn(
  path: string,
  requests: readonly NamedRequest[],
  allowHyparquet = false,
): Promise<OwnRead> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const names = [...new Set(requests.map((request) => request.name))];
  const hyparquetChunks: string[] = [];
  let scan: Promise<ParquetScan> | undefined;
  const hyparquet: DecodeWithHyparquet = async (column, rowStart, rowEnd) => {
    hyparquetChunks.push(`${column}@${rowStart}`);
    if (!allowHyparquet) throw new Error(`our decoder left ${column}@${rowStart} to hyparquet`);
    scan ??= parquetScan({ file, metadata, columns: names, compressors });
    return (await scan).readColumn({ column, rowStart, rowEnd });
  };
  const readAt = async (target: Uint8Array, position: number): Promise<void> => {
    target.set(new Uint8Array(await file.slice(position, position + target.length)));
  };
  const columns = new RowGroupColumns(
    readAt,
    file.byteLength,
    metadata,
    parquetSchema(metadata),
    names,
    hyparquet,
  );
  const categories = requests.map((request) =>
    request.kind === 'categorical' ? new CategoryCodes() : undefined,
  );
  const scratch = requests.map((request) => new PageScratch(request.kind));
  const columnOf = requests.map((request) => names.indexOf(request.name));
  const values: ColumnValues[] = requests.map((request) =>
    request.kind === 'categorical'
      ? { kind: 'categorical', values: [] }
      : { kind: 'numeric', values: [], bad: new Map() },
  );
  for (const span of rowGroupSpans(metadata)) {
    const fetched = await columns.fetch(span);
    const cursors = await columns.cursors(fetched, columnOf, categories, scratch);
    cursors.forEach((cursor, r) => {
      const out = values[r]!;
      const slices = [Math.min(1000, span.rows), Math.min(7, Math.max(0, span.rows - 1000))];
      slices.push(span.rows - slices[0]! - slices[1]!);
      let rowStart = span.rowStart;
      for (const slice of slices) {
        const cells = emptyCells(requests[r]!.kind, slice + 3);
        cursor.read(cells, 3, slice);
        if (cells.kind === 'categorical' && out.kind === 'categorical') {
          const dictionary = categories[r]!.dictionary.values;
          for (const code of cells.codes.subarray(3)) {
            out.values.push(code < 0 ? null : dictionary[code]!);
          }
        } else if (cells.kind === 'numeric' && out.kind === 'numeric') {
          out.values.push(...cells.numbers.subarray(3));
          for (const [index, text] of cells.badNumbers) out.bad.set(rowStart + index - 3, text);
        }
        rowStart += slice;
      }
    });
  }
  return { values, hyparquetChunks };
}

/** Converts values as the sources do: categories by canonical text, numbers by `toFiniteNumber`. */
export function underPolicy(values: readonly unknown[], kind: NamedRequest['kind']): ColumnValues {
  if (kind === 'categorical') {
    const dictionary = new ValueDictionary();
    return {
      kind,
      values: values.map((value) => {
        const code = dictionary.codeOf(value);
        return code < 0 ? null : dictionary.values[code]!;
      }),
    };
  }
  const bad = new Map<number, string>();
  return { kind, values: values.map((value, i) => toFiniteNumber(value, i, bad)), bad };
}

/**
 * The requested columns as DuckDB reads them, in file order, as the JS values hyparquet gives:
 * BIGINT as bigint, DECIMAL as integer / 10^scale, the rest as numbers, strings, booleans, null.
 */
export async function readWithDuckdb(
  path: string,
  requests: readonly NamedRequest[],
): Promise<ColumnValues[]> {
  const names = [...new Set(requests.map((request) => request.name))];
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const list = names.map((name) => `"${name}"`).join(', ');
    const reader = await connection.runAndReadAll(
      `SELECT ${list} FROM read_parquet('${path.replaceAll("'", "''")}', file_row_number = true) ORDER BY file_row_number`,
    );
    const rows = reader.getRows();
    return requests.map((request) => {
      const column = names.indexOf(request.name);
      return underPolicy(
        rows.map((row) => asHyparquetValue(row[column] ?? null)),
        request.kind,
      );
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function asHyparquetValue(value: DuckDBValue): unknown {
  if (value instanceof DuckDBDecimalValue) return Number(value.value) / 10 ** value.scale;
  return value;
}

/** The requested columns as hyparquet reads them, through the value policy. */
export async function readWithHyparquet(
  path: string,
  requests: readonly NamedRequest[],
): Promise<ColumnValues[]> {
  const file = await asyncBufferFromFile(path);
  const columns = [...new Set(requests.map((request) => request.name))];
  const rows = await parquetReadObjects({ file, columns, compressors });
  return requests.map((request) =>
    underPolicy(
      rows.map((row): unknown => row[request.name]),
      request.kind,
    ),
  );
}
