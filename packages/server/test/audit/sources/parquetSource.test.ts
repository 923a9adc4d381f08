import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { openParquetSource } from '../../../src/audit/sources/parquetSource.js';
import { BATCH_ROWS } from '../../../src/audit/sources/rowBatchBuilder.js';
import { MISSING_CODE, type TableSource } from '../../../src/audit/sources/tableSource.js';
import {
  badNumbers,
  categories,
  makeTempDir,
  numbers,
  positions,
  readAll,
  request,
  type TempDir,
  writeParquet,
} from './sourceTestKit.js';
import { bothWays, readWithHyparquet } from './parquet/parquetTestKit.js';

let dir: TempDir;

beforeAll(async () => {
  dir = await makeTempDir();
});

afterAll(async () => {
  await dir.remove();
});

async function withSource<T>(path: string, use: (source: TableSource) => Promise<T>): Promise<T> {
  const source = await openParquetSource(path);
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}

const MIXED_TYPES = `
  SELECT * FROM (VALUES
    ('a', 1::BIGINT, 0.25::DOUBLE, true, DATE '2024-01-02', '0.5', 7::INTEGER, {'k': 1}),
    ('b', 0::BIGINT, NULL, false, NULL, 'high', NULL, {'k': 2}),
    (NULL, 1::BIGINT, 'NaN'::DOUBLE, NULL, DATE '2024-01-02', NULL, 9::INTEGER, NULL),
    ('a', NULL, 1e300::DOUBLE, true, DATE '2023-12-31', ' 2 ', 7::INTEGER, {'k': 1})
  ) AS t(grp, label, score, flag, day, text_score, small, nested)`;

describe('openParquetSource', () => {
  it('lists the top-level columns of the schema and counts positions in rows', async () => {
    const path = dir.file('mixed.parquet');
    await writeParquet(path, MIXED_TYPES);
    await withSource(path, (source) => {
      expect(source.columns).toEqual([
        'grp',
        'label',
        'score',
        'flag',
        'day',
        'text_score',
        'small',
        'nested',
      ]);
      expect(source.positionName).toBe('row');
      return Promise.resolve();
    });
  });

  it('rejects a file that is not Parquet', async () => {
    const path = dir.file('fake.parquet');
    await writeFile(path, 'group,label\na,1\n');
    await expect(openParquetSource(path)).rejects.toThrow(
      new InputError(`${path}: not a Parquet file (file invalid (footer != PAR1))`),
    );
  });

  it('rejects a file too short to be Parquet', async () => {
    const path = dir.file('short.parquet');
    await writeFile(path, 'PAR1');
    const error: unknown = await openParquetSource(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^.*short\.parquet: not a Parquet file \(.+\)$/);
    expect((error as InputError).cause).toBeInstanceOf(Error);
  });

  it('rejects a missing file', async () => {
    const path = dir.file('absent.parquet');
    await expect(openParquetSource(path)).rejects.toThrow(new InputError(`${path}: no such file`));
  });
});

describe('Parquet read', () => {
  it('converts each type into codes or numbers, with nulls missing', async () => {
    const path = dir.file('mixed.parquet');
    await writeParquet(path, MIXED_TYPES);
    const result = await withSource(path, (source) =>
      readAll(source, [
        request(source, 'grp', 'categorical'),
        request(source, 'label', 'categorical'),
        request(source, 'score', 'numeric'),
        request(source, 'flag', 'categorical'),
        request(source, 'day', 'categorical'),
        request(source, 'text_score', 'numeric'),
        request(source, 'small', 'categorical'),
        request(source, 'nested', 'categorical'),
        request(source, 'label', 'numeric'),
      ]),
    );
    expect(result.batches).toHaveLength(1);
    expect(positions(result)).toEqual([1, 2, 3, 4]);
    expect(categories(result, 0)).toEqual(['a', 'b', null, 'a']);
    expect(Array.from(result.batches[0]?.codes[0] ?? [])).toEqual([0, 1, MISSING_CODE, 0]);
    expect(categories(result, 1)).toEqual(['1', '0', '1', null]);
    expect(numbers(result, 2)).toEqual([0.25, NaN, NaN, 1e300]);
    expect(badNumbers(result, 2)).toEqual(new Map([[3, 'NaN']]));
    expect(categories(result, 3)).toEqual(['true', 'false', null, 'true']);
    expect(categories(result, 4)).toEqual([
      '2024-01-02T00:00:00.000Z',
      null,
      '2024-01-02T00:00:00.000Z',
      '2023-12-31T00:00:00.000Z',
    ]);
    expect(numbers(result, 5)).toEqual([0.5, NaN, NaN, 2]);
    expect(badNumbers(result, 5)).toEqual(new Map([[2, 'high']]));
    expect(categories(result, 6)).toEqual(['7', null, '9', '7']);
    expect(categories(result, 7)).toEqual(['{"k":1}', '{"k":2}', null, '{"k":1}']);
    expect(numbers(result, 8)).toEqual([1, 0, 1, NaN]);
    expect(badNumbers(result, 8)).toEqual(new Map());
    expect(result.dictionaries[0]).toEqual(['a', 'b']);
    expect(result.dictionaries[2]).toEqual([]);
    expect(result.unreadable).toEqual([]);
  });

  it('packs 150,000 rows in row groups of 2,048 into batches of 65,536', async () => {
    const rows = 150_000;
    const path = dir.file('large.parquet');
    await writeParquet(
      path,
      `SELECT 'g' || (i % 3) AS grp, i::DOUBLE / ${rows} AS score, i AS id FROM range(${rows}) t(i)`,
      'ROW_GROUP_SIZE 2048',
    );
    const result = await withSource(path, (source) =>
      readAll(source, [request(source, 'score', 'numeric'), request(source, 'grp', 'categorical')]),
    );
    expect(result.batches.map((batch) => batch.length)).toEqual([
      BATCH_ROWS,
      BATCH_ROWS,
      rows - 2 * BATCH_ROWS,
    ]);
    for (const batch of result.batches) {
      expect(batch.positions).toHaveLength(batch.length);
      expect(batch.numbers[0]).toHaveLength(batch.length);
      expect(batch.codes[1]).toHaveLength(batch.length);
    }
    const allPositions = positions(result);
    expect(allPositions[0]).toBe(1);
    expect(allPositions[BATCH_ROWS]).toBe(BATCH_ROWS + 1);
    expect(allPositions[rows - 1]).toBe(rows);
    const scores = numbers(result, 0);
    expect(scores[2047]).toBe(2047 / rows);
    expect(scores[2048]).toBe(2048 / rows);
    expect(scores[rows - 1]).toBe((rows - 1) / rows);
    const groups = categories(result, 1);
    expect(groups.slice(0, 4)).toEqual(['g0', 'g1', 'g2', 'g0']);
    expect(groups[rows - 1]).toBe(`g${(rows - 1) % 3}`);
    expect(result.dictionaries[1]).toEqual(['g0', 'g1', 'g2']);
    expect(result.progress.at(-1)).toEqual([rows, rows]);
    expect(result.progress.map(([done]) => done)).toEqual([BATCH_ROWS, 2 * BATCH_ROWS, rows]);
  });

  it('keeps row groups that fit in a batch whole: 50,000 rows each, one batch each', async () => {
    const rows = 150_000;
    const path = dir.file('row-groups.parquet');
    await writeParquet(
      path,
      `SELECT i::DOUBLE AS score FROM range(${rows}) t(i)`,
      'ROW_GROUP_SIZE 50000',
    );
    const result = await withSource(path, (source) =>
      readAll(source, [request(source, 'score', 'numeric')]),
    );
    const groupRows = result.batches.map((batch) => batch.length);
    expect(groupRows.reduce((a, b) => a + b, 0)).toBe(rows);
    // DuckDB rounds row groups to its vectors of 2,048 rows: 51,200 here.
    expect(groupRows).toEqual([51_200, 51_200, rows - 2 * 51_200]);
    expect(numbers(result, 0)).toEqual(Array.from({ length: rows }, (_, i) => i));
    expect(result.progress.map(([done]) => done)).toEqual([51_200, 102_400, rows]);
  });

  it.each(['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4', 'lz4_raw'])(
    'reads a %s-compressed file',
    async (codec) => {
      const path = dir.file(`${codec}.parquet`);
      await writeParquet(
        path,
        `SELECT 'g' || (i % 4) AS grp, (i % 10) / 10 AS score FROM range(5000) t(i)`,
        `COMPRESSION ${codec}`,
      );
      const result = await withSource(path, (source) =>
        readAll(source, [
          request(source, 'grp', 'categorical'),
          request(source, 'score', 'numeric'),
        ]),
      );
      const groups = categories(result, 0);
      const scores = numbers(result, 1);
      expect(groups).toHaveLength(5000);
      expect(groups[4999]).toBe('g3');
      expect(scores[4999]).toBeCloseTo(0.9, 12);
      expect(result.dictionaries[0]).toEqual(['g0', 'g1', 'g2', 'g3']);
    },
  );

  it('rejects with an InputError naming the rows when a column chunk is corrupt', async () => {
    const path = dir.file('corrupt.parquet');
    await writeParquet(
      path,
      `SELECT 'g' || (i % 4) AS grp, (i % 7) / 7 AS score FROM range(5000) t(i)`,
      'COMPRESSION zstd',
    );
    const bytes = await readFile(path);
    for (let i = 30; i < 200; i++) bytes[i] = ((bytes[i] ?? 0) * 7 + 3) & 255;
    await writeFile(path, bytes);
    const error: unknown = await withSource(path, (source) =>
      readAll(source, [request(source, 'grp', 'categorical')]),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(
      /^.*corrupt\.parquet: cannot decode rows 1-5000 \(.+\)$/,
    );
  });

  it('reads a file with no rows as no batches', async () => {
    const path = dir.file('no-rows.parquet');
    await writeParquet(path, `SELECT 'a' AS grp, 1.0 AS score WHERE false`);
    const result = await withSource(path, (source) =>
      readAll(source, [request(source, 'grp', 'categorical')]),
    );
    expect(result.batches).toEqual([]);
    expect(result.progress).toEqual([[0, 0]]);
  });

  it('reads columns our decoder reads and columns it leaves to hyparquet alike', async () => {
    const path = dir.file('own-and-hyparquet.parquet');
    await writeParquet(
      path,
      `SELECT 'g' || (i % 3) AS grp, CASE WHEN i % 5 = 0 THEN NULL ELSE i / 7 END AS score,
         DATE '2024-01-01' + (i % 4)::INTEGER AS day, (i % 2)::BIGINT AS label,
         {'k': i % 2} AS nested FROM range(10000) t(i)`,
      'ROW_GROUP_SIZE 2048, PARQUET_VERSION v2',
    );
    const requests = bothWays(['grp', 'score', 'day', 'label', 'nested']);
    const result = await withSource(path, (source) =>
      readAll(
        source,
        requests.map(({ name, kind }) => request(source, name, kind)),
      ),
    );
    const expected = await readWithHyparquet(path, requests);
    requests.forEach(({ kind }, r) => {
      if (kind === 'categorical') {
        expect(categories(result, r)).toEqual(expected[r]!.values);
      } else {
        expect(numbers(result, r)).toEqual(expected[r]!.values);
        const bad = badNumbers(result, r);
        const column = expected[r]!;
        const expectedBad = column.kind === 'numeric' ? column.bad : new Map<number, string>();
        // badNumbers keys rows by position, 1-based.
        expect(bad).toEqual(new Map([...expectedBad].map(([row, text]) => [row + 1, text])));
      }
    });
    expect(positions(result)).toEqual(Array.from({ length: 10000 }, (_, i) => i + 1));
  });

  it('reads disjoint shards of row groups that together hold every row once', async () => {
    const path = dir.file('shards.parquet');
    await writeParquet(
      path,
      `SELECT i::DOUBLE AS score FROM range(10000) t(i)`,
      'ROW_GROUP_SIZE 2048',
    );
    const shardRows = await Promise.all(
      [0, 1, 2].map(async (index) => {
        const source = await openParquetSource(path, { index, count: 3 });
        try {
          const result = await readAll(source, [request(source, 'score', 'numeric')]);
          expect(numbers(result, 0)).toEqual(positions(result).map((position) => position - 1));
          expect(result.progress.at(-1)?.[0]).toBe(positions(result).length);
          return positions(result);
        } finally {
          await source.close();
        }
      }),
    );
    expect(shardRows.flat().sort((a, b) => a - b)).toEqual(
      Array.from({ length: 10000 }, (_, i) => i + 1),
    );
    // Row groups of 2048 rows, the last of 1808: shard i holds groups i and i + 3.
    expect(shardRows.map((rows) => rows.length)).toEqual([4096, 2048 + 1808, 2048]);
  });

  it('reads positions only when no column is requested', async () => {
    const path = dir.file('positions.parquet');
    await writeParquet(path, `SELECT i AS id FROM range(3) t(i)`);
    const result = await withSource(path, (source) => readAll(source, []));
    expect(positions(result)).toEqual([1, 2, 3]);
  });
});
