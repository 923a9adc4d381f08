import { Worker } from 'node:worker_threads';
import { CellStatistics, type AttributeValue } from '@fairwatch/core';
import { FairwatchError, InputError, UsageError } from '../errors.js';
import type { AuditOptions } from './auditOptions.js';
import type { FoldResult, FoldShard, Progress } from './foldFile.js';
import type { FoldJob, WorkerMessage } from './foldMessages.js';
import { SkippedRows } from './skippedRows.js';

type Done = Extract<WorkerMessage, { type: 'done' }>;

/**
 * Folds a file on worker threads, one shard each (every n-th row group of a Parquet file, or a
 * byte range of a CSV file), and merges their statistics: the cells of each shard are matched
 * by their group values. Statistics are mergeable, so the result equals a single reader's.
 * Returns null when a CSV split point fell inside a quoted field, so the shards are not rows
 * (the caller reads the file whole instead). `firstLine` numbers the rows of CSV shards,
 * which count their lines from 1.
 */
export async function foldInParallel(
  options: AuditOptions,
  shards: readonly FoldShard[],
  firstLine: number,
  progress?: Progress,
): Promise<FoldResult | null> {
  const done = shards.map(() => 0);
  const totals = shards.map(() => 0);
  const results = await Promise.all(
    shards.map((shard, index) =>
      runWorker({ options, shard }, (d, total) => {
        done[index] = d;
        totals[index] = total;
        progress?.(
          done.reduce((a, b) => a + b, 0),
          totals.reduce((a, b) => a + b, 0),
        );
      }),
    ),
  );
  if (results.slice(0, -1).some((result) => result.csv?.endedInsideQuotes)) return null;
  return merge(results, firstLine);
}

function runWorker(job: FoldJob, progress: Progress): Promise<Done> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./foldWorker.js', import.meta.url), { workerData: job });
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') progress(message.done, message.total);
      else if (message.type === 'done') {
        settled = true;
        resolve(message);
      } else {
        settled = true;
        reject(rebuildError(message.code, message.message));
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`fold worker exited with code ${code} before finishing`));
    });
  });
}

function rebuildError(code: FairwatchError['code'] | null, message: string): Error {
  switch (code) {
    case 'usage':
      return new UsageError(message);
    case 'input':
      return new InputError(message);
    case null:
      return new Error(`fold worker failed: ${message}`);
    default:
      return new FairwatchError(code, message);
  }
}

function merge(results: readonly Done[], firstLine: number): FoldResult {
  const first = results[0];
  if (!first) throw new Error('no shard results to merge');
  const statistics = new CellStatistics(first.statistics.options);
  const cellValues: AttributeValue[][] = [];
  const cellByKey = new Map<string, number>();
  const skipped = new SkippedRows(results.some((r) => r.csv) ? 'line' : 'row');
  let rows = 0;
  // A CSV shard's line k is line (firstLine - 1) + (lines of the shards before it) + k.
  let linesBefore = firstLine - 1;
  for (const result of results) {
    const cellMap = result.cellValues.map((values) => {
      const key = JSON.stringify(values);
      let cell = cellByKey.get(key);
      if (cell === undefined) {
        cell = cellValues.length;
        cellValues.push([...values]);
        cellByKey.set(key, cell);
      }
      return cell;
    });
    statistics.mergeMapped(CellStatistics.fromSnapshot(result.statistics), cellMap);
    const offset = result.csv ? linesBefore : 0;
    skipped.absorb({
      ...result.skipped,
      examples: result.skipped.examples.map((example) =>
        example.line !== undefined ? { ...example, line: example.line + offset } : example,
      ),
    });
    if (result.csv) linesBefore += result.csv.linesRead;
    rows += result.rows;
  }
  return { statistics, cellValues, rows, skipped };
}
