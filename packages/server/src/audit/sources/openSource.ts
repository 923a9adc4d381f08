/**
 * Opening an input file as a `TableSource`, in the format the user named or, failing that,
 * the one its extension implies.
 */

import { extname } from 'node:path';
import { InputError } from '../../errors.js';
import { openCsvSource } from './csvSource.js';
import { checkInputFile } from './inputFile.js';
import { openJsonlSource, type JsonlSourceOptions } from './jsonlSource.js';
import { openParquetSource, type Shard } from './parquetSource.js';
import type { TableSource } from './tableSource.js';

export type InputFormat = 'csv' | 'jsonl' | 'parquet';

const FORMAT_BY_EXTENSION: ReadonlyMap<string, InputFormat> = new Map([
  ['.csv', 'csv'],
  ['.jsonl', 'jsonl'],
  ['.ndjson', 'jsonl'],
  ['.json', 'jsonl'],
  ['.parquet', 'parquet'],
  ['.pq', 'parquet'],
]);

/**
 * Opens `path` as `format`, or by its extension (case-insensitive) when `format` is undefined.
 * Rejects with an `InputError` when the file is missing, a directory, unreadable or empty, or
 * when its format cannot be told. `expectedColumns` reach the JSONL reader, `shard` the Parquet
 * reader (other formats cannot be split and ignore it).
 */
export async function openTableSource(
  path: string,
  format: InputFormat | undefined,
  options: JsonlSourceOptions & { readonly shard?: Shard } = {},
): Promise<TableSource> {
  await checkInputFile(path);
  switch (format ?? formatFromExtension(path)) {
    case 'csv':
      return openCsvSource(path);
    case 'jsonl':
      return openJsonlSource(path, options);
    case 'parquet':
      return openParquetSource(path, options.shard);
  }
}

/** The format an extension implies; an `InputError` for an extension it does not. */
export function formatFromExtension(path: string): InputFormat {
  const extension = extname(path);
  const format = FORMAT_BY_EXTENSION.get(extension.toLowerCase());
  if (format !== undefined) return format;
  const found = extension === '' ? '(no extension)' : `'${extension}'`;
  throw new InputError(
    `${path}: unknown input format ${found}; use --input-format csv|jsonl|parquet`,
  );
}
