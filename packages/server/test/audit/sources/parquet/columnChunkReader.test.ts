import { describe, expect, it } from 'vitest';
import { CategoryCodes } from '../../../../src/audit/sources/parquet/categoryCodes.js';
import { emptyCells } from '../../../../src/audit/sources/parquet/cellColumn.js';
import {
  ColumnChunkReader,
  unsupportedChunk,
} from '../../../../src/audit/sources/parquet/columnChunkReader.js';
import { PageScratch } from '../../../../src/audit/sources/parquet/pageScratch.js';
import { flatColumn, readChunk, readChunkWithHyparquet } from './chunkReference.js';
import {
  chunkOf,
  dataPageV1,
  dataPageV2,
  dictionaryIndices,
  dictionaryPage,
  ENCODING,
  hybrid,
  indexPage,
  levelsV1,
  plainBooleans,
  plainDouble,
  plainInt32,
  plainInt64,
  plainStrings,
  rleRun,
} from './pageBuilder.js';

/** `values` with null where `present` is false, for the expected cells. */
function withNulls<T>(present: readonly boolean[], values: readonly T[]): (T | null)[] {
  let next = 0;
  return present.map((p) => (p ? values[next++]! : null));
}

describe('ColumnChunkReader on several pages', () => {
  // A dictionary chunk that falls back to PLAIN half way (as parquet-mr does when the
  // dictionary grows too big), with an index page in between and nulls on every page.
  const dictionary = ['red', 'green', 'blue', '', ' 2.5 ', 'x'];
  const present1 = Array.from({ length: 20 }, (_, i) => i % 4 !== 0);
  const indices1 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 1];
  const present2 = Array.from({ length: 13 }, (_, i) => i % 3 !== 1);
  const plain2 = ['red', 'new', '', 'ü', '7', 'red', 'x', '1e2', 'new'];
  const present3 = Array.from({ length: 30 }, () => true);
  const pages = [
    dictionaryPage({ numValues: dictionary.length, values: plainStrings(dictionary) }),
    dataPageV1({
      numValues: 20,
      encoding: ENCODING.PLAIN_DICTIONARY,
      levels: levelsV1(present1),
      values: dictionaryIndices(indices1, 3),
    }),
    dataPageV1({
      numValues: 13,
      encoding: ENCODING.PLAIN,
      levels: levelsV1(present2),
      values: plainStrings(plain2),
      withExtras: true,
    }),
    dataPageV1({
      numValues: 30,
      encoding: ENCODING.RLE_DICTIONARY,
      levels: levelsV1(present3),
      values: [3, ...rleRun(4, 30, 3)],
    }),
  ];
  // hyparquet, the second opinion, does not skip index pages: it reads the chunk without one.
  const chunk = chunkOf([...pages.slice(0, 2), indexPage(), ...pages.slice(2)]);
  const withoutIndexPage = chunkOf(pages);
  const column = flatColumn('BYTE_ARRAY', true);
  const expected = [
    ...withNulls(
      present1,
      indices1.map((index) => dictionary[index]!),
    ),
    ...withNulls(present2, plain2),
    ...withNulls(present3, Array<string>(30).fill(' 2.5 ')),
  ];

  it('reads dictionary, PLAIN and index pages in slices that cross page boundaries', () => {
    const read = readChunk(chunk, column, 'categorical', [5, 20, 1, 37]);
    expect(read.values).toEqual(expected.map((value) => (value === '' ? null : value)));
    expect(read).toEqual(readChunkWithHyparquet(withoutIndexPage, column, 'categorical', 63));
  });

  it('reads the same chunk as numbers, with the text of those that are not numbers', () => {
    const read = readChunk(chunk, column, 'numeric', [63]);
    expect(read).toEqual(readChunkWithHyparquet(withoutIndexPage, column, 'numeric', 63));
    if (read.kind !== 'numeric') throw new Error('numeric cells expected');
    expect(read.values.slice(33)).toEqual(Array<number>(30).fill(2.5));
    expect(read.bad.get(1)).toBe('red');
  });

  it('reports the chunk as supported', () => {
    expect(unsupportedChunk(chunk, column, 63)).toBeUndefined();
  });
});

describe('ColumnChunkReader and the request dictionary', () => {
  function stringChunk(dictionary: string[], indices: number[]): Uint8Array {
    return chunkOf([
      dictionaryPage({ numValues: dictionary.length, values: plainStrings(dictionary) }),
      dataPageV1({
        numValues: indices.length,
        encoding: ENCODING.RLE_DICTIONARY,
        levels: levelsV1(indices.map(() => true)),
        values: dictionaryIndices(indices, 2),
      }),
    ]);
  }

  function readInto(chunk: Uint8Array, rows: number, categories: CategoryCodes): number[] {
    const reader = new ColumnChunkReader(
      chunk,
      flatColumn('BYTE_ARRAY', true),
      'UNCOMPRESSED',
      rows,
      categories,
      new PageScratch('categorical'),
    );
    const cells = emptyCells('categorical', rows);
    reader.read(cells, 0, rows);
    return cells.kind === 'categorical' ? Array.from(cells.codes) : [];
  }

  it('adds entries in row order, and never one no row uses', () => {
    const categories = new CategoryCodes();
    expect(readInto(stringChunk(['a', 'b', 'unused', 'c'], [3, 1, 3, 0]), 4, categories)).toEqual([
      0, 1, 0, 2,
    ]);
    expect(categories.dictionary.values).toEqual(['c', 'b', 'a']);
  });

  it('gives a later chunk the codes earlier rows gave, whatever its dictionary order', () => {
    const categories = new CategoryCodes();
    readInto(stringChunk(['a', 'b'], [0, 1]), 2, categories);
    // All entries known: indices decode straight to codes.
    expect(readInto(stringChunk(['b', 'a'], [0, 0, 1, 0, 1]), 5, categories)).toEqual([
      1, 1, 0, 1, 0,
    ]);
    // One entry new: it gets the next code when its first row comes.
    expect(readInto(stringChunk(['b', 'new', 'a', 'z'], [2, 1, 0, 1]), 4, categories)).toEqual([
      0, 2, 1, 2,
    ]);
    expect(categories.dictionary.values).toEqual(['a', 'b', 'new']);
  });
});

describe('ColumnChunkReader on data pages v2', () => {
  // INT64: a dictionary page, a gzip-compressed RLE_DICTIONARY page, an uncompressed
  // (is_compressed = false) PLAIN page, then a v1 PLAIN page, all with nulls.
  const dictionary = [5n, -7n, 2n ** 60n + 1n];
  const presentA = Array.from({ length: 40 }, (_, i) => i % 5 !== 2);
  const indicesA = Array.from({ length: 32 }, (_, i) => (i < 10 ? 1 : i % 3));
  const presentB = Array.from({ length: 9 }, (_, i) => i !== 4);
  const plainB = [0n, 1n, -1n, 2n ** 53n + 1n, -(2n ** 63n), 42n, 7n, 9007199254740991n];
  const presentC = [true, false, true];
  const plainC = [3n, 4n];
  const levels = (present: boolean[]): number[] =>
    hybrid(
      present.map((p) => (p ? 1 : 0)),
      1,
    );
  const chunk = chunkOf([
    dictionaryPage({ numValues: 3, values: plainInt64(dictionary), codec: 'GZIP' }),
    dataPageV2({
      numValues: 40,
      numNulls: 8,
      encoding: ENCODING.RLE_DICTIONARY,
      definitionLevels: levels(presentA),
      values: dictionaryIndices(indicesA, 2),
      codec: 'GZIP',
      withExtras: true,
    }),
    dataPageV2({
      numValues: 9,
      numNulls: 1,
      encoding: ENCODING.PLAIN,
      definitionLevels: levels(presentB),
      values: plainInt64(plainB),
      compressed: false,
    }),
    dataPageV1({
      numValues: 3,
      encoding: ENCODING.PLAIN,
      levels: levelsV1(presentC),
      values: plainInt64(plainC),
      codec: 'GZIP',
    }),
  ]);
  const column = flatColumn('INT64', true);
  const rows = 52;

  it('reads levels uncompressed and values compressed or not, as categories', () => {
    const read = readChunk(chunk, column, 'categorical', [17, 23, 12], 'GZIP');
    expect(read).toEqual(readChunkWithHyparquet(chunk, column, 'categorical', rows, 'GZIP'));
    const expected = [
      ...withNulls(
        presentA,
        indicesA.map((index) => dictionary[index]!.toString()),
      ),
      ...withNulls(
        presentB,
        plainB.map((value) => value.toString()),
      ),
      ...withNulls(
        presentC,
        plainC.map((value) => value.toString()),
      ),
    ];
    expect(read.values).toEqual(expected);
  });

  it('reads them as numbers rounded as Number(bigint) rounds', () => {
    const read = readChunk(chunk, column, 'numeric', [rows], 'GZIP');
    expect(read).toEqual(readChunkWithHyparquet(chunk, column, 'numeric', rows, 'GZIP'));
    expect(read.values.slice(40, 49)).toEqual(
      withNulls(presentB, plainB.map(Number)).map((value) => value ?? NaN),
    );
  });

  it('reads RLE booleans (v2 and v1) with nulls', () => {
    const bits = (values: boolean[]): number[] => {
      const encoded = hybrid(
        values.map((v) => (v ? 1 : 0)),
        1,
      );
      return [encoded.length, 0, 0, 0, ...encoded];
    };
    const present = Array.from({ length: 30 }, (_, i) => i % 7 !== 3);
    const values = Array.from({ length: 26 }, (_, i) => i > 12 || i % 3 === 0);
    const tail = [true, true, false, true];
    const booleanChunk = chunkOf([
      dataPageV2({
        numValues: 30,
        numNulls: 4,
        encoding: ENCODING.RLE,
        definitionLevels: levels(present),
        values: bits(values),
      }),
      dataPageV1({
        numValues: 4,
        encoding: ENCODING.RLE,
        levels: levelsV1(tail.map(() => true)),
        values: bits(tail),
      }),
    ]);
    const booleans = flatColumn('BOOLEAN', true);
    const categories = readChunk(booleanChunk, booleans, 'categorical', [10, 24]);
    expect(categories.values).toEqual([
      ...withNulls(present, values.map(String)),
      ...tail.map(String),
    ]);
    expect(categories).toEqual(readChunkWithHyparquet(booleanChunk, booleans, 'categorical', 34));
    expect(readChunk(booleanChunk, booleans, 'numeric', [34])).toEqual(
      readChunkWithHyparquet(booleanChunk, booleans, 'numeric', 34),
    );
  });
});

describe('ColumnChunkReader on REQUIRED columns', () => {
  it('reads pages without definition levels, v1 and v2, skipping unknown header fields', () => {
    const first = [0.5, NaN, Infinity, -0, 1e300];
    const second = [-Infinity, 2.25, 3];
    const chunk = chunkOf([
      dataPageV1({
        numValues: 5,
        encoding: ENCODING.PLAIN,
        values: plainDouble(first),
        codec: 'GZIP',
        withExtras: true,
      }),
      dataPageV2({
        numValues: 3,
        numNulls: 0,
        encoding: ENCODING.PLAIN,
        values: plainDouble(second),
        codec: 'GZIP',
        withExtras: true,
      }),
    ]);
    const column = flatColumn('DOUBLE', false);
    const read = readChunk(chunk, column, 'numeric', [2, 6], 'GZIP');
    expect(read).toEqual({
      kind: 'numeric',
      values: [0.5, NaN, NaN, -0, 1e300, NaN, 2.25, 3],
      bad: new Map([
        [1, 'NaN'],
        [2, 'Infinity'],
        [5, '-Infinity'],
      ]),
    });
    expect(read).toEqual(readChunkWithHyparquet(chunk, column, 'numeric', 8, 'GZIP'));
    expect(readChunk(chunk, column, 'categorical', [8], 'GZIP')).toEqual(
      readChunkWithHyparquet(chunk, column, 'categorical', 8, 'GZIP'),
    );
  });

  it('reads unsigned and decimal INT32 as hyparquet converts them', () => {
    const values = [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 12345];
    const chunk = chunkOf([
      dataPageV1({ numValues: 6, encoding: ENCODING.PLAIN, values: plainInt32(values) }),
    ]);
    for (const column of [
      flatColumn('INT32', false, { unsigned: true }),
      flatColumn('INT32', false, { decimalScale: 3 }),
    ]) {
      for (const kind of ['categorical', 'numeric'] as const) {
        expect(readChunk(chunk, column, kind, [6])).toEqual(
          readChunkWithHyparquet(chunk, column, kind, 6),
        );
      }
    }
    expect(
      readChunk(chunk, flatColumn('INT32', false, { unsigned: true }), 'numeric', [6]).values,
    ).toEqual([0, 1, 2 ** 32 - 1, 2 ** 31 - 1, 2 ** 31, 12345]);
  });

  it('reads PLAIN booleans across a byte boundary', () => {
    const values = [true, false, false, true, true, true, false, true, true, false, true];
    const chunk = chunkOf([
      dataPageV1({ numValues: 11, encoding: ENCODING.PLAIN, values: plainBooleans(values) }),
    ]);
    const read = readChunk(chunk, flatColumn('BOOLEAN', false), 'categorical', [3, 8]);
    expect(read.values).toEqual(values.map(String));
  });
});

describe('ColumnChunkReader on broken chunks', () => {
  const strings = flatColumn('BYTE_ARRAY', true);

  it('rejects a dictionary index beyond the dictionary', () => {
    const chunk = chunkOf([
      dictionaryPage({ numValues: 2, values: plainStrings(['a', 'b']) }),
      dataPageV1({
        numValues: 3,
        encoding: ENCODING.RLE_DICTIONARY,
        levels: levelsV1([true, true, true]),
        values: dictionaryIndices([0, 1, 2], 2),
      }),
    ]);
    expect(() => readChunk(chunk, strings, 'categorical', [3])).toThrow(
      'dictionary index 2 out of range (dictionary of 2)',
    );
  });

  it('rejects a dictionary-encoded page with no dictionary page', () => {
    const chunk = chunkOf([
      dataPageV1({
        numValues: 2,
        encoding: ENCODING.RLE_DICTIONARY,
        levels: levelsV1([true, true]),
        values: dictionaryIndices([0, 0], 1),
      }),
    ]);
    expect(() => readChunk(chunk, strings, 'categorical', [2])).toThrow(
      'dictionary-encoded page without a dictionary page',
    );
  });

  it('rejects a chunk with fewer values than the row group has rows', () => {
    const chunk = chunkOf([
      dataPageV1({
        numValues: 2,
        encoding: ENCODING.PLAIN,
        levels: levelsV1([true, true]),
        values: plainStrings(['a', 'b']),
      }),
    ]);
    expect(() => readChunk(chunk, strings, 'categorical', [3])).toThrow(
      'column chunk has fewer values than its row group has rows',
    );
  });

  it('rejects a page cut short, at its header or in its values', () => {
    const chunk = chunkOf([
      dataPageV1({
        numValues: 4,
        encoding: ENCODING.PLAIN,
        levels: levelsV1([true, true, true, true]),
        values: plainStrings(['a', 'b', 'c', 'd']),
      }),
    ]);
    expect(() => readChunk(chunk.subarray(0, 5), strings, 'categorical', [4])).toThrow(
      /runs past the end of the column chunk/,
    );
    expect(() =>
      readChunk(chunk.subarray(0, chunk.length - 3), strings, 'categorical', [4]),
    ).toThrow('page runs past the end of the column chunk');
    const lying = chunkOf([
      dataPageV1({
        numValues: 5,
        encoding: ENCODING.PLAIN,
        levels: levelsV1([true, true, true, true, true]),
        values: plainStrings(['a', 'b', 'c', 'd']),
      }),
    ]);
    expect(() => readChunk(lying, strings, 'categorical', [5])).toThrow(
      'page has fewer values than its header says',
    );
  });

  it('names what it does not support: BIT_PACKED levels, DELTA values', () => {
    const bitPacked = chunkOf([
      dataPageV1({
        numValues: 1,
        encoding: ENCODING.PLAIN,
        levels: [1],
        values: plainStrings(['a']),
        definitionLevelEncoding: ENCODING.BIT_PACKED,
      }),
    ]);
    expect(unsupportedChunk(bitPacked, strings, 1)).toBe('definition levels in BIT_PACKED');
    const delta = chunkOf([
      dataPageV1({
        numValues: 1,
        encoding: ENCODING.DELTA_BINARY_PACKED,
        levels: levelsV1([true]),
        values: [0],
      }),
    ]);
    expect(unsupportedChunk(delta, flatColumn('INT64', true), 1)).toBe(
      'values in DELTA_BINARY_PACKED',
    );
    const rleInts = chunkOf([
      dataPageV1({ numValues: 1, encoding: ENCODING.RLE, values: [1, 0, 0, 0, 2] }),
    ]);
    expect(unsupportedChunk(rleInts, flatColumn('INT32', false), 1)).toBe('INT32 values in RLE');
  });
});
