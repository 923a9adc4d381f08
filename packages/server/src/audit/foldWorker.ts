/**
 * A worker thread that folds one shard of a file and posts its statistics back
 * (see `foldInParallel`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FairwatchError } from '../errors.js';
import { foldFile } from './foldFile.js';
import { isFoldJob, type WorkerMessage } from './foldMessages.js';

const port = parentPort;
if (!port || !isFoldJob(workerData))
  throw new Error('foldWorker must run as a worker with a fold job');
const job = workerData;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => {
  port.postMessage(message, transfer);
};

try {
  const result = await foldFile(job.options, job.shard, (done, total) => {
    post({ type: 'progress', done, total });
  });
  const snapshot = result.statistics.snapshot();
  post(
    {
      type: 'done',
      rows: result.rows,
      cellValues: result.cellValues,
      statistics: snapshot,
      csv: result.csv,
      skipped: {
        count: result.skipped.count,
        byReason: result.skipped.byReason,
        examples: result.skipped.examples,
      },
    },
    [snapshot.counts, snapshot.squares, snapshot.dense, snapshot.brier, snapshot.calibration]
      .filter((array) => array !== null)
      .map((array) => array.buffer as ArrayBuffer),
  );
} catch (error) {
  post(
    error instanceof FairwatchError
      ? { type: 'error', code: error.code, message: error.message }
      : {
          type: 'error',
          code: null,
          message: error instanceof Error ? (error.stack ?? error.message) : String(error),
        },
  );
}
