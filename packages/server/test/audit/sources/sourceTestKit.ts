/** Helpers shared by the source tests: temporary files, Parquet fixtures, and a recording sink. */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type {
  ColumnRequest,
  RowBatch,
  TableSource,
  UnreadableRow,
} from '../../../src/audit/sources/tableSource.js';

export interface TempDir {
  readonly path: string;
  file(name: string): string;
  remove(): Promise<void>;
}

export async function makeTempDir(): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), 'fairwatch-sources-'));
  return {
    path,
    file: (name) => join(path, name),
    remove: () => rm(path, { recursive: true, force: true }),
  };
}

/**
 * Writes the result of `select` to a Parquet file with DuckDB. `options` go into the COPY
 * statement, e.g. `COMPRESSION zstd, ROW_GROUP_SIZE 1000`.
 */
export async function writeParquet(path: string, select: string, options = ''): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const extra = options === '' ? '' : `, ${options}`;
    await connection.run(
      `COPY (${select}) TO '${path.replaceAll("'", "''")}' (FORMAT parquet${extra})`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export interface ReadResult {
  readonly batches: RowBatch[];
  readonly unreadable: UnreadableRow[];
  readonly progress: [number, number][];
  /** The dictionary of each request after the read. */
  readonly dictionaries: (readonly string[])[];
}

/** Reads `source` once with `requests`, recording everything the sink receives. */
export async function readAll(
  source: TableSource,
  requests: readonly ColumnRequest[],
): Promise<ReadResult> {
  const batches: RowBatch[] = [];
  const unreadable: UnreadableRow[] = [];
  const progress: [number, number][] = [];
  await source.read(requests, {
    batch: (batch) => batches.push(copyBatch(batch)),
    unreadable: (row) => unreadable.push(row),
    progress: (done, total) => progress.push([done, total]),
  });
  return {
    batches,
    unreadable,
    progress,
    dictionaries: requests.map((_, index) => [...source.dictionary(index)]),
  };
}

/** A source may reuse a batch's arrays once `batch` returns (see `ReadSink`), so keep a copy. */
function copyBatch(batch: RowBatch): RowBatch {
  return {
    length: batch.length,
    positions: batch.positions.slice(),
    codes: batch.codes.map((codes) => codes?.slice()),
    numbers: batch.numbers.map((values) => values?.slice()),
    badNumbers: batch.badNumbers.map((bad) => (bad === undefined ? undefined : new Map(bad))),
  };
}

/** The categories of request `request` over all batches, decoded through its dictionary; null when missing. */
export function categories(result: ReadResult, request: number): (string | null)[] {
  const dictionary = result.dictionaries[request] ?? [];
  return result.batches.flatMap((batch) => {
    const codes = batch.codes[request];
    if (codes === undefined) throw new Error(`request ${request} has no codes`);
    return Array.from(codes, (code) => (code < 0 ? null : (dictionary[code] ?? `?${code}`)));
  });
}

/** The numbers of request `request` over all batches. */
export function numbers(result: ReadResult, request: number): number[] {
  return result.batches.flatMap((batch) => {
    const values = batch.numbers[request];
    if (values === undefined) throw new Error(`request ${request} has no numbers`);
    return Array.from(values);
  });
}

/** The bad numbers of request `request` over all batches, keyed by position. */
export function badNumbers(result: ReadResult, request: number): Map<number, string> {
  const found = new Map<number, string>();
  for (const batch of result.batches) {
    for (const [row, text] of batch.badNumbers[request] ?? []) {
      found.set(batch.positions[row] ?? -1, text);
    }
  }
  return found;
}

export function positions(result: ReadResult): number[] {
  return result.batches.flatMap((batch) => Array.from(batch.positions));
}

/** A request for the column named `name`, which must be in `source.columns`. */
export function request(
  source: TableSource,
  name: string,
  kind: ColumnRequest['kind'],
): ColumnRequest {
  const index = source.columns.indexOf(name);
  if (index < 0) throw new Error(`no column ${name} in ${source.columns.join(', ')}`);
  return { index, kind };
}
