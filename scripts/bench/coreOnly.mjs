/**
 * Only the core aggregation figure, for comparing changes to `CellStatistics.add` on a shared
 * machine without waiting for the whole bench: node scripts/bench/coreOnly.mjs [rows] [repeats]
 * Needs `npm run build`. Each repeat is a full measureCoreAggregation (warm-up + median of 5).
 */
import { loadavg } from 'node:os';
import process from 'node:process';
import { measureCoreAggregation } from './coreAggregation.mjs';
import { rowColumns } from './syntheticRows.mjs';

const rows = Number(process.argv[2] ?? 10_000_000);
const repeats = Number(process.argv[3] ?? 3);
const columns = rowColumns(rows);
for (let r = 0; r < repeats; r++) {
  const load = loadavg()[0].toFixed(2);
  for (const c of measureCoreAggregation(columns)) {
    const { median, min, max } = c.rowsPerSecond;
    const m = (x) => (x / 1e6).toFixed(1);
    process.stdout.write(
      `load ${load}  ${c.name.padEnd(29)} batch ${String(c.batchRows).padStart(10)}: ${m(median)}M rows/s (${m(min)}-${m(max)})\n`,
    );
  }
}
