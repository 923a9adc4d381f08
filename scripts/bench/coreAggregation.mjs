import { performance } from 'node:perf_hooks';
import { CellStatistics } from '../../packages/core/dist/index.js';
import { medianAndRange } from './medianAndRange.mjs';
import { CELL_COUNT } from './syntheticRows.mjs';

/** The auditor's batch size: rows are folded in subarray views of this many rows. */
export const AUDITOR_BATCH_ROWS = 65_536;
export const TIMED_RUNS = 5;

/**
 * Rows per second of `CellStatistics.add` folding in-memory typed columns into the statistics of
 * CELL_COUNT cells: counts only and counts + score distributions, each fed in auditor-sized
 * batches and as one batch. Each case runs once untimed (warm-up), then TIMED_RUNS times; the
 * figure is the median run, with the range.
 */
export function measureCoreAggregation(columns) {
  const cases = [
    { name: 'counts only', scores: false, batchRows: AUDITOR_BATCH_ROWS },
    { name: 'counts only', scores: false, batchRows: columns.length },
    { name: 'counts + score distributions', scores: true, batchRows: AUDITOR_BATCH_ROWS },
    { name: 'counts + score distributions', scores: true, batchRows: columns.length },
  ];
  return cases.map(({ name, scores, batchRows }) => {
    foldOnce(columns, scores, batchRows); // warm-up
    const seconds = [];
    for (let run = 0; run < TIMED_RUNS; run++) {
      const started = performance.now();
      const statistics = foldOnce(columns, scores, batchRows);
      seconds.push((performance.now() - started) / 1000);
      checkTotal(statistics, columns.length);
    }
    const time = medianAndRange(seconds);
    return {
      name,
      scores,
      batchRows,
      rows: columns.length,
      seconds: time,
      rowsPerSecond: {
        median: columns.length / time.median,
        min: columns.length / time.max,
        max: columns.length / time.min,
      },
    };
  });
}

export function foldOnce(columns, scores, batchRows) {
  const statistics = new CellStatistics({ scores, weighted: false });
  statistics.reserveCells(CELL_COUNT);
  const { length, cell, label, prediction, score } = columns;
  for (let start = 0; start < length; start += batchRows) {
    const end = Math.min(length, start + batchRows);
    // The auditor's batch shape: score is undefined when scores are not kept.
    statistics.add({
      length: end - start,
      cell: cell.subarray(start, end),
      label: label.subarray(start, end),
      prediction: prediction.subarray(start, end),
      score: scores ? score.subarray(start, end) : undefined,
    });
  }
  return statistics;
}

/** Not a timing check: a fold that lost rows would make its figure meaningless. */
function checkTotal(statistics, rows) {
  let total = 0;
  for (let c = 0; c < CELL_COUNT; c++) {
    const { tn, fp, fn, tp } = statistics.confusion(c);
    total += tn + fp + fn + tp;
  }
  if (total !== rows) throw new Error(`core aggregation counted ${total} rows, expected ${rows}`);
}
