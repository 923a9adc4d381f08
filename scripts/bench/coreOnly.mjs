/**
 * The core aggregation figure alone, for comparing changes to `CellStatistics.add` without the
 * whole bench: node scripts/bench/coreOnly.mjs [rows] [runs]   (needs `npm run build`)
 *
 * Each case: one warm-up fold, then `runs` timed folds; prints the median and range of wall
 * time and of this process's CPU time (user + system). On a shared machine the CPU-time figure
 * is the steadier one: it leaves out time spent waiting for a core, though not the slowdown of
 * sharing caches with other work.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { AUDITOR_BATCH_ROWS, foldOnce } from './coreAggregation.mjs';
import { medianAndRange } from './medianAndRange.mjs';
import { rowColumns } from './syntheticRows.mjs';

const rows = Number(process.argv[2] ?? 10_000_000);
const runs = Number(process.argv[3] ?? 7);
const columns = rowColumns(rows);
const cases = [
  { name: 'counts only', scores: false, batchRows: AUDITOR_BATCH_ROWS },
  { name: 'counts only', scores: false, batchRows: rows },
  { name: 'counts + score distributions', scores: true, batchRows: AUDITOR_BATCH_ROWS },
  { name: 'counts + score distributions', scores: true, batchRows: rows },
];
const millions = ({ median, min, max }) =>
  `${(rows / median / 1e6).toFixed(1)}M (${(rows / max / 1e6).toFixed(1)}-${(rows / min / 1e6).toFixed(1)})`;
process.stdout.write(
  `${rows} rows, ${runs} runs per case, 1-minute load ${loadavg()[0].toFixed(2)}\n`,
);
for (const { name, scores, batchRows } of cases) {
  foldOnce(columns, scores, batchRows);
  const wall = [];
  const cpu = [];
  for (let run = 0; run < runs; run++) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    foldOnce(columns, scores, batchRows);
    wall.push((performance.now() - started) / 1000);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1e6);
  }
  process.stdout.write(
    `${name.padEnd(29)} batch ${String(batchRows).padStart(10)}: rows/s wall ${millions(medianAndRange(wall))}, cpu ${millions(medianAndRange(cpu))}\n`,
  );
}
