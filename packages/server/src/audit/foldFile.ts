import type { AttributeValue, CellStatistics } from '@fairwatch/core';
import { MissingColumnError } from '../errors.js';
import type { AuditOptions } from './auditOptions.js';
import { RowFolder } from './rowFolder.js';
import type { SkippedRows } from './skippedRows.js';
import { openCsvSource, type ByteRange } from './sources/csvSource.js';
import type { Shard } from './sources/parquetSource.js';
import { openTableSource } from './sources/openSource.js';
import type { TableSource } from './sources/tableSource.js';

/** A part of a file that one reader folds: some row groups of a Parquet file, or a CSV byte range. */
export type FoldShard = { readonly rowGroups: Shard } | { readonly bytes: ByteRange };

/** What reading a file (or a shard of it) leaves: per-cell statistics and what was skipped. */
export interface FoldResult {
  readonly statistics: CellStatistics;
  /** Each cell's value of each group attribute, in option order. */
  readonly cellValues: readonly (readonly AttributeValue[])[];
  readonly rows: number;
  readonly skipped: SkippedRows;
  /** For a CSV byte range: its line count, and whether it ended inside a quoted field. */
  readonly csv?: { readonly linesRead: number; readonly endedInsideQuotes: boolean } | undefined;
}

export type Progress = (done: number, total: number) => void;

/** The columns an audit reads, in a fixed order. */
export function wantedColumns(options: AuditOptions): string[] {
  return [
    options.label,
    options.prediction,
    options.score,
    options.weight,
    ...options.groups,
  ].filter((column) => column !== undefined);
}

/** Opens the file and fails with the column's name if a wanted column is missing. */
export async function checkColumns(options: AuditOptions): Promise<void> {
  const source = await openTableSource(options.file, options.inputFormat, {
    expectedColumns: wantedColumns(options),
  });
  await source.close();
  for (const column of wantedColumns(options)) {
    if (!source.columns.includes(column)) throw new MissingColumnError(column, source.columns);
  }
}

/** Reads the file, or one shard of it, once, folding rows into cell statistics. */
export async function foldFile(
  options: AuditOptions,
  shard?: FoldShard,
  progress?: Progress,
): Promise<FoldResult> {
  const wanted = wantedColumns(options);
  const csvRange =
    shard && 'bytes' in shard ? await openCsvSource(options.file, shard.bytes) : null;
  // JSONL objects may omit keys; naming the wanted ones lets a key first seen later count.
  const source: TableSource =
    csvRange ??
    (await openTableSource(options.file, options.inputFormat, {
      expectedColumns: wanted,
      ...(shard && 'rowGroups' in shard ? { shard: shard.rowGroups } : {}),
    }));
  try {
    for (const column of wanted) {
      if (!source.columns.includes(column)) throw new MissingColumnError(column, source.columns);
    }
    const folder = new RowFolder(source, options);
    await source.read(folder.requests, {
      batch: (batch) => {
        folder.fold(batch);
      },
      unreadable: (row) => {
        folder.unreadable(row);
      },
      ...(progress ? { progress } : {}),
    });
    const csv = csvRange
      ? { linesRead: csvRange.linesRead, endedInsideQuotes: csvRange.endedInsideQuotes }
      : undefined;
    return {
      statistics: folder.statistics,
      cellValues: folder.cellValues,
      rows: folder.rows,
      skipped: folder.skipped,
      csv,
    };
  } finally {
    await source.close();
  }
}
