import { Worker } from 'node:worker_threads';
import { CellStatistics, type AttributeValue } from '@fairwatch/core';
import { FairwatchError, InputError, UsageError } from '../errors.js';
import type { AuditOptions } from './auditOptions.js';
import type { FoldResult, Progress } from './foldFile.js';
import type { FoldJob, WorkerMessage } from './foldMessages.js';
import { SkippedRows } from './skippedRows.js';

type Done = Extract<WorkerMessage, { type: 'done' }>;

/**
 * Folds a Parquet file on `threads` worker threads, each reading every `threads`-th row group,
 * and merges their statistics: the cells of each shard are matched by their group values.
 * Statistics are mergeable, so the result equals a single reader's.
 */
export async function foldInParallel(
  options: AuditOptions,
  threads: number,
  progress?: Progress,
): Promise<FoldResult> {
  const done = new Array<number>(threads).fill(0);
  const results = await Promise.all(
    Array.from({ length: threads }, (_, index) =>
      runWorker({ options, shard: { index, count: threads } }, (d, total) => {
        done[index] = d;
        progress?.(
          done.reduce((a, b) => a + b, 0),
          total,
        );
      }),
    ),
  );
  return merge(results);
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
    case 'column':
      return new FairwatchError('column', message);
    case null:
      return new Error(`fold worker failed: ${message}`);
  }
}

function merge(results: readonly Done[]): FoldResult {
  const first = results[0];
  if (!first) throw new Error('no shard results to merge');
  const statistics = new CellStatistics(first.statistics.options);
  const cellValues: AttributeValue[][] = [];
  const cellByKey = new Map<string, number>();
  const skipped = new SkippedRows('row');
  let rows = 0;
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
    skipped.absorb(result.skipped);
    rows += result.rows;
  }
  return { statistics, cellValues, rows, skipped };
}
