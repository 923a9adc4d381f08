import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { openJsonlSource } from '../../../src/audit/sources/jsonlSource.js';
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
} from './sourceTestKit.js';

let dir: TempDir;
const opened: TableSource[] = [];

beforeEach(async () => {
  dir = await makeTempDir();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((source) => source.close()));
  await dir.remove();
});

async function open(
  text: string | Buffer,
  options?: Parameters<typeof openJsonlSource>[1],
): Promise<TableSource> {
  const path = dir.file('rows.jsonl');
  await writeFile(path, text);
  const source = await openJsonlSource(path, options);
  opened.push(source);
  return source;
}

describe('openJsonlSource', () => {
  it('takes the columns from the keys of the first object', async () => {
    const source = await open('{"group":"a","label":1,"score":0.5}\n{"group":"b"}\n');
    expect(source.columns).toEqual(['group', 'label', 'score']);
    expect(source.positionName).toBe('line');
  });

  it('skips leading blank and malformed lines to find the first object', async () => {
    const source = await open('\n  \nnot json\n{"x":1}\n');
    expect(source.columns).toEqual(['x']);
  });

  it('appends expected columns that the first object lacks', async () => {
    const source = await open('{"a":1}\n{"a":2,"late":"x"}\n', {
      expectedColumns: ['late', 'a'],
    });
    expect(source.columns).toEqual(['a', 'late']);
    const result = await readAll(source, [request(source, 'late', 'categorical')]);
    expect(categories(result, 0)).toEqual([null, 'x']);
  });

  it('rejects a file with only blank lines as having no rows', async () => {
    const path = dir.file('blank.jsonl');
    await writeFile(path, '\n\r\n   \n');
    await expect(openJsonlSource(path)).rejects.toThrow(
      new InputError(`${path}: the file has no rows`),
    );
  });

  it('rejects a file with no object, quoting the first bad line', async () => {
    const path = dir.file('numbers.jsonl');
    await writeFile(path, '\n1\n2\n');
    await expect(openJsonlSource(path)).rejects.toThrow(
      `${path}: the file has no rows (no line is a JSON object; line 2: not a JSON object)`,
    );
  });

  it('suggests one object per line for a JSON array', async () => {
    const path = dir.file('array.json');
    await writeFile(path, '[{"a":1},\n{"a":2}]\n');
    await expect(openJsonlSource(path)).rejects.toThrow(
      /^.*array\.json: the file has no rows \(no line is a JSON object; line 1: invalid JSON: .*; a JSON array is not JSON Lines: write one object per line\)$/,
    );
  });

  it('gives up on a file whose first 100 lines hold no object', async () => {
    const path = dir.file('data.json');
    await writeFile(path, 'a,b\n'.repeat(200) + '{"a":1}\n');
    const error: unknown = await openJsonlSource(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(
      /^.*data\.json: not JSON Lines \(none of the first 100 lines is a JSON object; line 1: invalid JSON: /,
    );
  });

  it('rejects an empty file', async () => {
    const path = dir.file('empty.jsonl');
    await writeFile(path, '');
    await expect(openJsonlSource(path)).rejects.toThrow(`${path}: the file is empty`);
  });
});

describe('JSONL read', () => {
  it('delivers categorical codes, numbers and line positions', async () => {
    const source = await open(
      [
        '{"group":"a","label":1,"score":0.25}',
        '{"group":"b","label":0,"score":"0.5"}',
        '{"group":"a","label":true,"score":1}',
      ].join('\n'),
    );
    const result = await readAll(source, [
      request(source, 'group', 'categorical'),
      request(source, 'label', 'categorical'),
      request(source, 'score', 'numeric'),
    ]);
    expect(result.batches).toHaveLength(1);
    const [batch] = result.batches;
    expect(batch?.length).toBe(3);
    expect(Array.from(batch?.codes[0] ?? [])).toEqual([0, 1, 0]);
    expect(batch?.codes[2]).toBeUndefined();
    expect(batch?.numbers[0]).toBeUndefined();
    expect(result.dictionaries).toEqual([['a', 'b'], ['1', '0', 'true'], []]);
    expect(numbers(result, 2)).toEqual([0.25, 0.5, 1]);
    expect(positions(result)).toEqual([1, 2, 3]);
    expect(result.unreadable).toEqual([]);
  });

  it('reports malformed lines with their physical line numbers and keeps reading', async () => {
    const source = await open(
      ['{"g":"a"}', '', '{"g":', '[1,2]', '"text"', 'null', '{"g":"b"}', '{"g":"c"} trailing'].join(
        '\n',
      ) + '\n',
    );
    const result = await readAll(source, [request(source, 'g', 'categorical')]);
    expect(categories(result, 0)).toEqual(['a', 'b']);
    expect(positions(result)).toEqual([1, 7]);
    expect(result.unreadable.map((row) => row.position)).toEqual([3, 4, 5, 6, 8]);
    expect(result.unreadable[1]).toEqual({ position: 4, reason: 'not a JSON object' });
    expect(result.unreadable[0]?.reason).toMatch(/^invalid JSON: \S/);
    expect(result.unreadable[4]?.reason).toMatch(/^invalid JSON: \S/);
    // V8 copies the input into its message; the reason leaves it out.
    expect(result.unreadable[4]?.reason).not.toContain('trailing');
  });

  it('treats absent keys, null and "" as missing', async () => {
    const source = await open(
      '{"g":"a","s":1}\n{"s":null}\n{"g":null,"s":""}\n{"g":"","s":"  "}\n',
    );
    const result = await readAll(source, [
      request(source, 'g', 'categorical'),
      request(source, 's', 'numeric'),
    ]);
    expect(Array.from(result.batches[0]?.codes[0] ?? [])).toEqual([
      0,
      MISSING_CODE,
      MISSING_CODE,
      MISSING_CODE,
    ]);
    expect(numbers(result, 1)).toEqual([1, NaN, NaN, NaN]);
    expect(badNumbers(result, 1)).toEqual(new Map());
  });

  it('does not mistake inherited properties such as "constructor" for cells', async () => {
    const source = await open('{"constructor":"x","toString":2}\n{}\n');
    const result = await readAll(source, [
      request(source, 'constructor', 'categorical'),
      request(source, 'toString', 'numeric'),
    ]);
    expect(categories(result, 0)).toEqual(['x', null]);
    expect(numbers(result, 1)).toEqual([2, NaN]);
    expect(badNumbers(result, 1)).toEqual(new Map());
  });

  it('uses the JSON text of nested values as categories and reports them as bad numbers', async () => {
    const source = await open('{"g":{"b":1,"a":[2]},"s":[0.5]}\n{"g":[1],"s":{"v":1}}\n');
    const result = await readAll(source, [
      request(source, 'g', 'categorical'),
      request(source, 's', 'numeric'),
    ]);
    expect(categories(result, 0)).toEqual(['{"b":1,"a":[2]}', '[1]']);
    expect(numbers(result, 1)).toEqual([NaN, NaN]);
    expect(badNumbers(result, 1)).toEqual(
      new Map([
        [1, '[0.5]'],
        [2, '{"v":1}'],
      ]),
    );
  });

  it('records the raw text of non-numeric scores under their row in the batch', async () => {
    const source = await open('{"s":"0.5"}\n{"s":"high"}\n{"s":true}\n{"s":"1e400"}\n');
    const result = await readAll(source, [request(source, 's', 'numeric')]);
    expect(numbers(result, 0)).toEqual([0.5, NaN, 1, NaN]);
    expect(result.batches[0]?.badNumbers[0]).toEqual(
      new Map([
        [1, 'high'],
        [3, '1e400'],
      ]),
    );
  });

  it('reads CRLF line endings and a byte order mark', async () => {
    const text = '\uFEFF{"g":"a","s":1}\r\n\r\n{"g":"b","s":2}\r\n';
    const source = await open(Buffer.from(text, 'utf8'));
    expect(source.columns).toEqual(['g', 's']);
    const result = await readAll(source, [
      request(source, 'g', 'categorical'),
      request(source, 's', 'numeric'),
    ]);
    expect(categories(result, 0)).toEqual(['a', 'b']);
    expect(numbers(result, 1)).toEqual([1, 2]);
    expect(positions(result)).toEqual([1, 3]);
    expect(result.unreadable).toEqual([]);
  });

  it('reads a last line without a line ending and multi-byte characters', async () => {
    const source = await open('{"g":"é"}\n{"g":"日本"}');
    const result = await readAll(source, [request(source, 'g', 'categorical')]);
    expect(categories(result, 0)).toEqual(['é', '日本']);
    expect(positions(result)).toEqual([1, 2]);
  });

  it('splits 150,000 rows into batches of 65,536 and reports progress up to the file size', async () => {
    const rows = 150_000;
    const lines: string[] = [];
    for (let i = 0; i < rows; i++) lines.push(`{"g":"g${i % 3}","s":${i}}`);
    const text = lines.join('\n') + '\n';
    const source = await open(text);
    const result = await readAll(source, [
      request(source, 's', 'numeric'),
      request(source, 'g', 'categorical'),
    ]);
    expect(result.batches.map((batch) => batch.length)).toEqual([
      BATCH_ROWS,
      BATCH_ROWS,
      rows - 2 * BATCH_ROWS,
    ]);
    for (const batch of result.batches) {
      expect(batch.positions).toHaveLength(batch.length);
      expect(batch.codes[1]).toHaveLength(batch.length);
      expect(batch.numbers[0]).toHaveLength(batch.length);
    }
    const values = numbers(result, 0);
    expect(values[0]).toBe(0);
    expect(values[BATCH_ROWS]).toBe(BATCH_ROWS);
    expect(values[rows - 1]).toBe(rows - 1);
    expect(positions(result)[rows - 1]).toBe(rows);
    expect(result.batches[2]?.positions[0]).toBe(2 * BATCH_ROWS + 1);
    expect(result.dictionaries[1]).toEqual(['g0', 'g1', 'g2']);
    expect(categories(result, 1)[rows - 1]).toBe(`g${(rows - 1) % 3}`);
    const size = Buffer.byteLength(text);
    expect(result.progress.at(-1)).toEqual([size, size]);
    expect(result.progress.every(([done, total]) => total === size && done <= size)).toBe(true);
  });

  it('starts fresh dictionaries on a second read', async () => {
    const source = await open('{"g":"x"}\n{"g":"y"}\n');
    await readAll(source, [request(source, 'g', 'categorical')]);
    const again = await readAll(source, [request(source, 'g', 'categorical')]);
    expect(again.dictionaries[0]).toEqual(['x', 'y']);
    expect(categories(again, 0)).toEqual(['x', 'y']);
  });

  it('rejects a request for a column index it does not have', async () => {
    const source = await open('{"g":"x"}\n');
    await expect(readAll(source, [{ index: 3, kind: 'categorical' }])).rejects.toThrow(RangeError);
  });
});
