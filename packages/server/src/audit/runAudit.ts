import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { auditFindings, UnknownReferenceError } from '@fairwatch/core';
import { InputError, UsageError } from '../errors.js';
import type { AuditOptions, InputFormat } from './auditOptions.js';
import type { AuditReport } from './auditReport.js';
import { checkColumns, foldFile, type FoldResult, type Progress } from './foldFile.js';
import { foldInParallel } from './foldInParallel.js';
import { splitCsv } from './sources/csvSource.js';
import { formatFromExtension } from './sources/openSource.js';

export type AuditProgress = Progress;

/** Reads the file once, folding rows into per-cell statistics, and concludes. */
export async function runAudit(
  options: AuditOptions,
  progress?: AuditProgress,
): Promise<AuditReport> {
  const format = options.inputFormat ?? formatFromExtension(options.file);
  const threads = await chooseThreads(options, format);
  let folded: FoldResult | null = null;
  if (threads > 1) {
    await checkColumns(options);
    folded = await foldShards(options, format, threads, progress);
  }
  folded ??= await foldFile(options, undefined, progress);
  if (folded.rows === 0) {
    const why =
      folded.skipped.count > 0
        ? `all ${folded.skipped.count} rows were skipped, e.g. ${describeFirst(folded)}`
        : 'it has no data rows';
    throw new InputError(`${options.file}: nothing to audit: ${why}`);
  }
  // A group column with no value in any row is most likely misspelt (JSONL keys may appear
  // late, so a missing key is not caught when the file is opened).
  options.groups.forEach((column, a) => {
    if (folded.cellValues.every((values) => values[a] === null)) {
      throw new InputError(`${options.file}: group column '${column}' has no value in any row`);
    }
  });
  const findings = auditWithReferences(folded, options);
  return {
    input: {
      file: options.file,
      format,
      label: options.label,
      prediction: options.prediction ?? null,
      score: options.score ?? null,
      threshold: options.prediction === undefined ? (options.threshold ?? null) : null,
      positive: options.positive.length > 0 ? options.positive : null,
      groups: options.groups,
      weight: options.weight ?? null,
    },
    rows: folded.rows,
    skipped_count: folded.skipped.count,
    skipped_by_reason: folded.skipped.byReason,
    skipped: folded.skipped.examples,
    ...findings,
  };
}

/**
 * Parquet files (by row group) and CSV files (by byte range) of some size are split over the
 * cores; JSONL is read by one thread.
 */
const PARALLEL_MIN_BYTES = 16 << 20;

async function chooseThreads(options: AuditOptions, format: InputFormat): Promise<number> {
  if (format === 'jsonl') return 1;
  if (options.threads !== undefined) return options.threads;
  const size = await stat(options.file).then(
    (s) => s.size,
    () => 0,
  );
  return size >= PARALLEL_MIN_BYTES ? Math.min(availableParallelism(), 4) : 1;
}

/** Folds the file on `threads` workers; null when it must be read whole after all. */
async function foldShards(
  options: AuditOptions,
  format: InputFormat,
  threads: number,
  progress?: Progress,
): Promise<FoldResult | null> {
  if (format === 'parquet') {
    const shards = Array.from({ length: threads }, (_, index) => ({
      rowGroups: { index, count: threads },
    }));
    return foldInParallel(options, shards, 1, progress);
  }
  const split = await splitCsv(options.file, threads);
  if (!split) return null;
  const shards = split.ranges.map((bytes) => ({ bytes }));
  return foldInParallel(options, shards, split.firstLine, progress);
}

function auditWithReferences(
  folder: FoldResult,
  options: AuditOptions,
): ReturnType<typeof auditFindings> {
  try {
    return auditFindings(folder.statistics, folder.cellValues, {
      attributes: options.groups,
      intersections: options.intersect,
      references: options.references,
      minSamples: options.minSamples,
      confidence: options.confidence,
    });
  } catch (error) {
    if (error instanceof UnknownReferenceError) {
      const values = error.available.map((v) => v ?? '(missing)').join(', ');
      throw new UsageError(
        `--reference ${error.attribute}=${error.value}: no such value; ${error.attribute} has: ${values}`,
        { cause: error },
      );
    }
    throw error;
  }
}

function describeFirst(folder: FoldResult): string {
  const first = folder.skipped.examples[0];
  if (!first) return 'no example kept';
  return `${first.line !== undefined ? `line ${first.line}` : `row ${first.row ?? '?'}`}: ${first.reason}`;
}
