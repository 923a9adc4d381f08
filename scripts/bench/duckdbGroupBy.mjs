/**
 * Child process of the benchmark: DuckDB's own aggregation of the benchmark file, the baseline
 * for `fairwatch audit`. Usage: node duckdbGroupBy.mjs csv|parquet <file>
 * Runs with DuckDB's default settings (threads = cores), materialises the grouped rows and prints
 * one JSON line: DuckDB's version and threads, the query's own time, the groups and their total.
 */
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { DuckDBInstance, version } from '@duckdb/node-api';

const READERS = { csv: 'read_csv', parquet: 'read_parquet' };

const [format, file] = process.argv.slice(2);
const reader = READERS[format];
if (reader === undefined || file === undefined) {
  process.stderr.write('usage: node duckdbGroupBy.mjs csv|parquet <file>\n');
  process.exit(2);
}

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const threads = (
  await connection.runAndReadAll("SELECT current_setting('threads')")
).getRowsJS()[0][0];

const sql = `SELECT a, b, label, score >= 0.5 AS pred, count(*) AS n FROM ${reader}('${file.replaceAll("'", "''")}') GROUP BY ALL`;
const started = performance.now();
const rows = (await connection.runAndReadAll(sql)).getRowsJS();
const querySeconds = (performance.now() - started) / 1000;

const total = rows.reduce((sum, row) => sum + Number(row[4]), 0);
connection.closeSync();
instance.closeSync();
process.stdout.write(
  `${JSON.stringify({ version: version(), threads: Number(threads), querySeconds, groups: rows.length, total })}\n`,
);
