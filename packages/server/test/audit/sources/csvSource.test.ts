import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCsvSource } from '../../../src/audit/sources/csvSource.js';
import { InputError } from '../../../src/errors.js';
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
beforeAll(async () => {
  dir = await makeTempDir();
});
afterAll(async () => {
  await dir.remove();
});

async function csv(name: string, text: string | Buffer): Promise<string> {
  const path = dir.file(name);
  await writeFile(path, text);
  return path;
}

describe('openCsvSource', () => {
  it('reads the header, skipping a byte order mark and a CR', async () => {
    const source = await openCsvSource(
      await csv('bom.csv', '\uFEFFid,"race, self-described",y\r\n1,A,0\r\n'),
    );
    expect(source.columns).toEqual(['id', 'race, self-described', 'y']);
    expect(source.positionName).toBe('line');
    await source.close();
  });

  it('decodes only the requested columns: categories by dictionary, numbers parsed', async () => {
    const path = await csv(
      'basic.csv',
      'id,group,score,label\n1,A,0.25,1\n2,B,-3.5e-1,0\n3,A,,1\n4,,7,0\n',
    );
    const source = await openCsvSource(path);
    const result = await readAll(source, [
      request(source, 'group', 'categorical'),
      request(source, 'score', 'numeric'),
    ]);
    await source.close();
    expect(categories(result, 0)).toEqual(['A', 'B', 'A', null]);
    expect(numbers(result, 1)).toEqual([0.25, -0.35, NaN, 7]);
    expect(positions(result)).toEqual([2, 3, 4, 5]);
    expect(result.unreadable).toEqual([]);
  });

  it('parses decimals exactly as Number() does', async () => {
    const values = [
      '0.1',
      '0.123456',
      '1',
      '-0',
      '12345678901234.5',
      '0.30000000000000004',
      '.5',
      '5.',
      '1e-7',
      '+2.5',
    ];
    const path = await csv('numbers.csv', `x\n${values.join('\n')}\n`);
    const source = await openCsvSource(path);
    const result = await readAll(source, [request(source, 'x', 'numeric')]);
    await source.close();
    expect(numbers(result, 0)).toEqual(values.map(Number));
  });

  it('records the text of cells that are not numbers', async () => {
    const path = await csv('bad.csv', 'x,y\n1,abc\n2,NaN\n3, \n4,Infinity\n');
    const source = await openCsvSource(path);
    const result = await readAll(source, [request(source, 'y', 'numeric')]);
    await source.close();
    expect(numbers(result, 0).every(Number.isNaN)).toBe(true);
    expect([...badNumbers(result, 0)]).toEqual([
      [2, 'abc'],
      [3, 'NaN'],
      [5, 'Infinity'],
    ]);
  });

  it('handles quoted fields with commas, escaped quotes and line breaks, counting lines', async () => {
    const path = await csv(
      'quoted.csv',
      'note,g\n"a, b",X\n"say ""hi""",Y\n"two\nlines",X\n"X",Z\n',
    );
    const source = await openCsvSource(path);
    const result = await readAll(source, [
      request(source, 'note', 'categorical'),
      request(source, 'g', 'categorical'),
    ]);
    await source.close();
    expect(categories(result, 0)).toEqual(['a, b', 'say "hi"', 'two\nlines', 'X']);
    expect(categories(result, 1)).toEqual(['X', 'Y', 'X', 'Z']);
    expect(positions(result)).toEqual([2, 3, 4, 6]);
  });

  it('gives a quoted and an unquoted spelling of one value the same code', async () => {
    const path = await csv('spelling.csv', 'g\nA\n"A"\n');
    const source = await openCsvSource(path);
    const result = await readAll(source, [request(source, 'g', 'categorical')]);
    await source.close();
    expect(result.dictionaries[0]).toEqual(['A']);
    expect(categories(result, 0)).toEqual(['A', 'A']);
  });

  it('reports rows with the wrong number of fields and keeps the others', async () => {
    const path = await csv('ragged.csv', 'a,b,c\n1,2,3\n1,2\n1,2,3,4\n\n4,5,6');
    const source = await openCsvSource(path);
    const result = await readAll(source, [request(source, 'a', 'numeric')]);
    await source.close();
    expect(numbers(result, 0)).toEqual([1, 4]);
    expect(positions(result)).toEqual([2, 6]);
    expect(result.unreadable).toEqual([
      { position: 3, reason: 'has 2 fields, the header has 3' },
      { position: 4, reason: 'has 4 fields, the header has 3' },
    ]);
  });

  it('reports an unterminated quote at the end of the file', async () => {
    const path = await csv('open-quote.csv', 'a,b\n1,2\n"3,4\n5,6\n');
    const source = await openCsvSource(path);
    const result = await readAll(source, [request(source, 'a', 'numeric')]);
    await source.close();
    expect(numbers(result, 0)).toEqual([1]);
    expect(result.unreadable).toEqual([{ position: 3, reason: 'unterminated quoted field' }]);
  });

  it('reads rows that span chunk boundaries, in batches of at most 65,536 rows', async () => {
    const rows = 200_000;
    const lines = ['id,g,s'];
    for (let i = 0; i < rows; i++) lines.push(`${i},"g${i % 7}",${(i % 1000) / 1000}`);
    const path = await csv('large.csv', `${lines.join('\r\n')}\r\n`);
    const source = await openCsvSource(path);
    const result = await readAll(source, [
      request(source, 'g', 'categorical'),
      request(source, 's', 'numeric'),
    ]);
    await source.close();
    expect(result.batches.every((b) => b.length <= 65_536)).toBe(true);
    const groups = categories(result, 0);
    const scores = numbers(result, 1);
    expect(groups).toHaveLength(rows);
    for (const i of [0, 1, 65_535, 65_536, 131_071, 199_999]) {
      expect(groups[i]).toBe(`g${i % 7}`);
      expect(scores[i]).toBe((i % 1000) / 1000);
    }
    expect(positions(result).at(-1)).toBe(rows + 1);
    const last = result.progress.at(-1);
    expect(last?.[0]).toBe(last?.[1]);
  });

  it('rejects a file without a header row', async () => {
    await expect(openCsvSource(await csv('blank.csv', '\n1,2\n'))).rejects.toThrow(InputError);
  });

  it('rejects a binary file whose header is not text', async () => {
    const path = await csv(
      'binary.csv',
      Buffer.from([0x50, 0x41, 0x52, 0x31, 0xff, 0xfe, 0x00, 0x0a]),
    );
    await expect(openCsvSource(path)).rejects.toThrow(/not UTF-8 text/);
  });
});

describe('openCsvSource on a broken header', () => {
  it('names an unterminated quote in the header', async () => {
    const path = await csv('open-header.csv', 'a,"b\n');
    await expect(openCsvSource(path)).rejects.toThrow(
      /the header row has an unterminated quoted field$/,
    );
  });
});
