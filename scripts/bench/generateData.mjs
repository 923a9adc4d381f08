import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { CSV_HEADER, DATA_VERSION, csvLine, forEachRow } from './syntheticRows.mjs';

const LINES_PER_WRITE = 65_536;

/**
 * The benchmark's CSV and Parquet files of `rows` synthetic rows under `directory`, written only
 * when missing or not of the size recorded in their manifest (or of another DATA_VERSION).
 * Returns their paths and sizes, and whether each was (re)written.
 */
export async function ensureData(directory, rows, log) {
  mkdirSync(directory, { recursive: true });
  const base = `${directory}/decisions-${rows}`;
  const csv = `${base}.csv`;
  const parquet = `${base}.parquet`;
  const manifestPath = `${base}.json`;
  const manifest = readManifest(manifestPath, rows);

  let csvBytes = manifest?.csvBytes;
  const csvWritten = !(csvBytes !== undefined && sizeOf(csv) === csvBytes);
  if (csvWritten) {
    log(`writing ${csv} (${rows.toLocaleString('en-US')} rows)`);
    csvBytes = writeCsv(csv, rows);
  }
  let parquetBytes = manifest?.parquetBytes;
  const parquetWritten =
    csvWritten || !(parquetBytes !== undefined && sizeOf(parquet) === parquetBytes);
  if (parquetWritten) {
    log(`writing ${parquet} with DuckDB`);
    parquetBytes = await writeParquet(csv, parquet);
  }
  if (csvWritten || parquetWritten) {
    writeFileSync(
      manifestPath,
      `${JSON.stringify({ version: DATA_VERSION, rows, csvBytes, parquetBytes }, null, 2)}\n`,
    );
  }
  return { rows, csv, csvBytes, csvWritten, parquet, parquetBytes, parquetWritten };
}

function readManifest(path, rows) {
  if (!existsSync(path)) return null;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8'));
    const valid =
      parsed.version === DATA_VERSION &&
      parsed.rows === rows &&
      Number.isInteger(parsed.csvBytes) &&
      Number.isInteger(parsed.parquetBytes);
    return valid ? parsed : null;
  } catch {
    return null; // an unreadable manifest only means the data is written again
  }
}

function sizeOf(path) {
  return existsSync(path) ? statSync(path).size : -1;
}

function writeCsv(path, rows) {
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  try {
    let chunk = `${CSV_HEADER}\n`;
    let lines = 0;
    forEachRow(rows, (a, b, label, scoreMicros, idNumber) => {
      chunk += csvLine(a, b, label, scoreMicros, idNumber);
      if (++lines === LINES_PER_WRITE) {
        writeSync(fd, chunk);
        chunk = '';
        lines = 0;
      }
    });
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
  return statSync(path).size;
}

async function writeParquet(csv, parquet) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const partial = `${parquet}.partial`;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(
      `COPY (SELECT * FROM read_csv(${sqlString(csv)})) TO ${sqlString(partial)} (FORMAT parquet)`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  renameSync(partial, parquet);
  return statSync(parquet).size;
}

export function sqlString(text) {
  return `'${text.replaceAll("'", "''")}'`;
}
