import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { measureCommand } from './measureCommand.mjs';
import { medianAndRange } from './medianAndRange.mjs';
import { THRESHOLD } from './syntheticRows.mjs';

export const COMMAND_RUNS = 3;

const FAIRWATCH_CLI = fileURLToPath(
  new URL('../../packages/server/dist/cli/main.js', import.meta.url),
);
const DUCKDB_GROUP_BY = fileURLToPath(new URL('./duckdbGroupBy.mjs', import.meta.url));

/**
 * `fairwatch audit` against DuckDB's `GROUP BY` of the same file, for the CSV and the Parquet
 * file: each run a fresh child process, COMMAND_RUNS runs of each, the two tools alternating run
 * by run. Each file is read once beforehand so that both tools find it in the page cache.
 * Figures are medians, with the range.
 */
export async function measureAuditVsDuckdb(data, log) {
  const workDirectory = mkdtempSync(join(tmpdir(), 'fairwatch-bench-report-'));
  try {
    const result = { duckdb: null };
    for (const [format, file] of [
      ['csv', data.csv],
      ['parquet', data.parquet],
    ]) {
      await readThrough(file);
      const fairwatchRuns = [];
      const duckdbRuns = [];
      for (let run = 1; run <= COMMAND_RUNS; run++) {
        log(`${format} run ${run}/${COMMAND_RUNS}: fairwatch audit`);
        fairwatchRuns.push(await auditOnce(file, data.rows, workDirectory));
        log(`${format} run ${run}/${COMMAND_RUNS}: DuckDB GROUP BY`);
        duckdbRuns.push(await duckdbOnce(format, file, data.rows));
      }
      const fairwatchWall = medianAndRange(fairwatchRuns.map((r) => r.wallSeconds));
      const duckdbWall = medianAndRange(duckdbRuns.map((r) => r.wallSeconds));
      result.duckdb = { version: duckdbRuns[0].version, threads: duckdbRuns[0].threads };
      result[format] = {
        file,
        fairwatch: {
          wallSeconds: fairwatchWall,
          peakRssBytes: medianAndRange(fairwatchRuns.map((r) => r.peakRssBytes)),
        },
        duckdb: {
          wallSeconds: duckdbWall,
          querySeconds: medianAndRange(duckdbRuns.map((r) => r.querySeconds)),
          peakRssBytes: medianAndRange(duckdbRuns.map((r) => r.peakRssBytes)),
        },
        ratio: fairwatchWall.median / duckdbWall.median,
      };
    }
    return result;
  } finally {
    rmSync(workDirectory, { recursive: true, force: true });
  }
}

function auditArguments(file, output) {
  return [
    FAIRWATCH_CLI,
    'audit',
    file,
    '--label',
    'label',
    '--score',
    'score',
    '--threshold',
    String(THRESHOLD),
    '--group',
    'a,b',
    '--intersect',
    '--report',
    'json',
    '--output',
    output,
  ];
}

async function auditOnce(file, rows, workDirectory) {
  const output = join(workDirectory, 'report.json');
  rmSync(output, { force: true });
  const measured = await measureCommand(
    process.execPath,
    auditArguments(file, output),
    `fairwatch audit ${file}`,
  );
  // Not a timing check: an audit that read other rows would make its figure meaningless.
  const report = JSON.parse(readFileSync(output, 'utf8'));
  if (report.rows !== rows || report.skipped_count !== 0) {
    throw new Error(
      `fairwatch audit ${file} audited ${report.rows} rows and skipped ${report.skipped_count}; expected ${rows} and 0`,
    );
  }
  return measured;
}

async function duckdbOnce(format, file, rows) {
  const measured = await measureCommand(
    process.execPath,
    [DUCKDB_GROUP_BY, format, file],
    `DuckDB GROUP BY ${file}`,
  );
  const { version, threads, querySeconds, total } = JSON.parse(measured.stdout);
  if (total !== rows) throw new Error(`DuckDB counted ${total} rows in ${file}, expected ${rows}`);
  return { ...measured, version, threads, querySeconds };
}

async function readThrough(file) {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) void chunk;
}
