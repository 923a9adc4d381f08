import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, writeParquet, type TempDir } from '../sourceTestKit.js';
import {
  bothWays,
  categorical,
  numeric,
  readOwn,
  readWithDuckdb,
  readWithHyparquet,
} from './parquetTestKit.js';

let dir: TempDir;

beforeAll(async () => {
  dir = await makeTempDir();
});

afterAll(async () => {
  await dir.remove();
});

const ROWS = 5000;

/**
 * Every type and encoding the decoder reads, as DuckDB writes them: dictionary-encoded columns
 * (few distinct values) and PLAIN ones (many distinct values, or FLOAT/DOUBLE/INT64 that DuckDB
 * does not dictionary-encode), each with and without nulls. Row groups of 2048 rows, so 3 of them.
 */
const ALL_TYPES = `
  SELECT
    'g' || (i % 3) AS low_text,
    'id-' || i || '-ü€😀' AS high_text,
    CASE WHEN i % 4 = 0 THEN NULL ELSE 'n' || (i % 2) END AS low_text_nulls,
    CASE WHEN i % 5 = 0 THEN NULL ELSE 'h' || i END AS high_text_nulls,
    CASE i % 6 WHEN 0 THEN '' WHEN 1 THEN ' 0.5 ' WHEN 2 THEN '1e3' WHEN 3 THEN 'high'
      WHEN 4 THEN '0x1F' ELSE chr(65279) || 'bom' END AS odd_text,
    CASE WHEN i % 2 = 0 THEN chr(65279) || 'b' || i ELSE 'b' || i END AS high_text_bom,
    i % 2 = 0 AS flag,
    CASE WHEN i % 3 = 0 THEN NULL ELSE i % 2 = 0 END AS flag_nulls,
    (i % 5)::INTEGER AS low_int32,
    (i * 7919 - 20000000)::INTEGER AS high_int32,
    CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 3)::BIGINT END AS low_int64_nulls,
    (i * 1234567891011 - 3000000000000000)::BIGINT AS high_int64,
    CASE WHEN i % 2 = 0 THEN 9007199254740993 ELSE -9223372036854775808 END::BIGINT AS huge_int64,
    (i / 7)::FLOAT AS float32,
    (i / 3)::DOUBLE AS float64,
    CASE WHEN i % 9 = 0 THEN NULL ELSE (i % 4) / 4 END::DOUBLE AS low_float64_nulls,
    CASE i % 5 WHEN 0 THEN 'NaN'::DOUBLE WHEN 1 THEN 'Infinity'::DOUBLE
      WHEN 2 THEN '-Infinity'::DOUBLE WHEN 3 THEN -0.0 ELSE i / 1e7 END AS odd_float64,
    ((i % 100) / 100)::DECIMAL(9, 2) AS decimal32,
    (i * 1000003 / 1000)::DECIMAL(18, 3) AS decimal64,
    (i % 200)::UTINYINT AS uint8,
    ((i * 8589937) % 4294967296)::UINTEGER AS uint32,
    (i * 1000000000000 + 18000000000000000000)::UBIGINT AS uint64
  FROM range(${ROWS}) t(i)`;

const ALL_COLUMNS = [
  'low_text',
  'high_text',
  'low_text_nulls',
  'high_text_nulls',
  'odd_text',
  'high_text_bom',
  'flag',
  'flag_nulls',
  'low_int32',
  'high_int32',
  'low_int64_nulls',
  'high_int64',
  'huge_int64',
  'float32',
  'float64',
  'low_float64_nulls',
  'odd_float64',
  'decimal32',
  'decimal64',
  'uint8',
  'uint32',
  'uint64',
];

describe('our Parquet decoder on files DuckDB wrote', () => {
  it.each(['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4', 'lz4_raw'])(
    'reads every supported type %s-compressed as DuckDB reads it, with no chunk left to hyparquet',
    async (codec) => {
      const path = dir.file(`all-types-${codec}.parquet`);
      await writeParquet(path, ALL_TYPES, `COMPRESSION ${codec}, ROW_GROUP_SIZE 2048`);
      const requests = bothWays(ALL_COLUMNS);
      const own = await readOwn(path, requests);
      const expected = await readWithDuckdb(path, requests);
      requests.forEach((request, r) => {
        expect({ request, ...own.values[r] }).toEqual({ request, ...expected[r] });
      });
      expect(own.hyparquetChunks).toEqual([]);
    },
  );

  it('agrees with hyparquet on every supported type', async () => {
    const path = dir.file('all-types-hyparquet.parquet');
    await writeParquet(path, ALL_TYPES, 'ROW_GROUP_SIZE 2048');
    const requests = bothWays(ALL_COLUMNS);
    const own = await readOwn(path, requests);
    const expected = await readWithHyparquet(path, requests);
    requests.forEach((request, r) => {
      expect({ request, ...own.values[r] }).toEqual({ request, ...expected[r] });
    });
  });

  it('reads a column of nulls only, and a chunk whose dictionary holds one value (bit width 0)', async () => {
    const path = dir.file('degenerate.parquet');
    await writeParquet(
      path,
      `SELECT NULL::VARCHAR AS nothing, NULL::DOUBLE AS no_number, 'same' AS one_value,
         1.5::DOUBLE AS one_number FROM range(3000)`,
      'ROW_GROUP_SIZE 2048',
    );
    const requests = [
      categorical('nothing'),
      numeric('no_number'),
      categorical('one_value'),
      numeric('one_number'),
    ];
    const own = await readOwn(path, requests);
    expect(own.values).toEqual(await readWithDuckdb(path, requests));
  });

  it('grows the dictionary in row order, and only with values rows have', async () => {
    const path = dir.file('order.parquet');
    await writeParquet(
      path,
      `SELECT CASE WHEN i < 3000 THEN 'late' ELSE 'early' END AS grp FROM range(4096) t(i)`,
      'ROW_GROUP_SIZE 2048',
    );
    const own = await readOwn(path, [categorical('grp')]);
    const values = own.values[0]!.values;
    expect(values.slice(0, 1)).toEqual(['late']);
    expect(values.slice(-1)).toEqual(['early']);
  });
});

describe('chunks our decoder leaves to hyparquet', () => {
  it('DuckDB PARQUET_VERSION v2: reads the dictionary chunks itself and leaves DELTA_* and BYTE_STREAM_SPLIT ones', async () => {
    const path = dir.file('v2-encodings.parquet');
    await writeParquet(
      path,
      `SELECT 'g' || (i % 3) AS low_text, 'x' || i AS high_text, i::BIGINT AS high_int64,
         (i * 3)::INTEGER AS high_int32, (i / 3)::DOUBLE AS float64, (i / 7)::FLOAT AS float32,
         i % 2 = 0 AS flag FROM range(${ROWS}) t(i)`,
      'PARQUET_VERSION v2, ROW_GROUP_SIZE 2048',
    );
    const requests = bothWays([
      'low_text',
      'high_text',
      'high_int64',
      'high_int32',
      'float64',
      'float32',
      'flag',
    ]);
    const own = await readOwn(path, requests, true);
    expect(own.values).toEqual(await readWithDuckdb(path, requests));
    const leftTo = new Set(own.hyparquetChunks.map((chunk) => chunk.split('@')[0]));
    expect([...leftTo].sort()).toEqual([
      'float32',
      'float64',
      'high_int32',
      'high_int64',
      'high_text',
    ]);
  });

  it('leaves dates, timestamps, nested and fixed-length columns to hyparquet, read as before', async () => {
    const path = dir.file('other-types.parquet');
    await writeParquet(
      path,
      `SELECT DATE '2024-01-01' + (i % 3)::INTEGER AS day,
         TIMESTAMP '2024-01-01 10:00:00' + to_seconds(i) AS moment,
         {'k': i % 2} AS nested, [i % 2, 1] AS list, uuid() IS NOT NULL AS present,
         gen_random_uuid() AS id, 'g' || (i % 2) AS grp
       FROM range(3000) t(i)`,
      'ROW_GROUP_SIZE 2048',
    );
    const requests = bothWays(['day', 'moment', 'nested', 'list', 'grp']);
    const own = await readOwn(path, requests, true);
    expect(own.values).toEqual(await readWithHyparquet(path, requests));
    const leftTo = new Set(own.hyparquetChunks.map((chunk) => chunk.split('@')[0]));
    expect([...leftTo].sort()).toEqual(['day', 'list', 'moment', 'nested']);
  });
});
