import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnChunkRange } from '../../../../src/audit/sources/parquet/chunkBytes.js';
import {
  encodingName,
  readPageHeader,
  type PageHeader,
} from '../../../../src/audit/sources/parquet/pageHeader.js';
import { makeTempDir, writeParquet, type TempDir } from '../sourceTestKit.js';
import {
  chunkOf,
  dataPageV1,
  dataPageV2,
  dictionaryPage,
  ENCODING,
  indexPage,
  levelsV1,
  plainStrings,
} from './pageBuilder.js';

let dir: TempDir;

beforeAll(async () => {
  dir = await makeTempDir();
});

afterAll(async () => {
  await dir.remove();
});

const PAGE_TYPES = ['DATA_PAGE', 'INDEX_PAGE', 'DICTIONARY_PAGE', 'DATA_PAGE_V2'];

/** The fields both readers give, in hyparquet's vocabulary. */
function asHyparquetWould(header: PageHeader): unknown {
  return {
    type: PAGE_TYPES[header.type],
    uncompressed_page_size: header.uncompressedSize,
    compressed_page_size: header.compressedSize,
    data_page: header.dataPage && {
      num_values: header.dataPage.numValues,
      encoding: encodingName(header.dataPage.encoding),
      definition_level_encoding: encodingName(header.dataPage.definitionLevelEncoding),
    },
    dictionary_page: header.dictionaryPage && {
      num_values: header.dictionaryPage.numValues,
      encoding: encodingName(header.dictionaryPage.encoding),
    },
    data_page_v2: header.dataPageV2 && {
      num_values: header.dataPageV2.numValues,
      num_nulls: header.dataPageV2.numNulls,
      num_rows: header.dataPageV2.numRows,
      encoding: encodingName(header.dataPageV2.encoding),
      definition_levels_byte_length: header.dataPageV2.definitionLevelsByteLength,
      repetition_levels_byte_length: header.dataPageV2.repetitionLevelsByteLength,
      is_compressed: header.dataPageV2.isCompressed,
    },
  };
}

function hyparquetHeaderAt(bytes: Uint8Array, offset: number): { header: unknown; end: number } {
  const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset };
  const header = parquetHeader(reader);
  return {
    header: {
      type: header.type,
      uncompressed_page_size: header.uncompressed_page_size,
      compressed_page_size: header.compressed_page_size,
      data_page: header.data_page_header && {
        num_values: header.data_page_header.num_values,
        encoding: header.data_page_header.encoding,
        definition_level_encoding: header.data_page_header.definition_level_encoding,
      },
      dictionary_page: header.dictionary_page_header && {
        num_values: header.dictionary_page_header.num_values,
        encoding: header.dictionary_page_header.encoding,
      },
      data_page_v2: header.data_page_header_v2 && {
        num_values: header.data_page_header_v2.num_values,
        num_nulls: header.data_page_header_v2.num_nulls,
        num_rows: header.data_page_header_v2.num_rows,
        encoding: header.data_page_header_v2.encoding,
        definition_levels_byte_length: header.data_page_header_v2.definition_levels_byte_length,
        repetition_levels_byte_length: header.data_page_header_v2.repetition_levels_byte_length,
        is_compressed: header.data_page_header_v2.is_compressed,
      },
    },
    end: reader.offset,
  };
}

/** Walks the pages of `bytes`, checking each header against hyparquet's reading of it. */
function checkEveryHeader(bytes: Uint8Array): number {
  let position = 0;
  let pages = 0;
  while (position < bytes.length) {
    const ours = readPageHeader(bytes, position, bytes.length);
    const theirs = hyparquetHeaderAt(bytes, position);
    expect(asHyparquetWould(ours)).toEqual(theirs.header);
    expect(ours.bodyOffset).toBe(theirs.end);
    position = ours.bodyOffset + ours.compressedSize;
    pages++;
  }
  return pages;
}

describe('readPageHeader', () => {
  it('reads every page header of DuckDB files (v1 and v2 encodings) as hyparquet does', async () => {
    for (const version of ['v1', 'v2']) {
      const path = dir.file(`headers-${version}.parquet`);
      await writeParquet(
        path,
        `SELECT 'g' || (i % 3) AS low, 'x' || i AS high, CASE WHEN i % 3 = 0 THEN NULL ELSE i END AS n,
           i / 3 AS d, i % 2 = 0 AS flag FROM range(5000) t(i)`,
        `PARQUET_VERSION ${version}, ROW_GROUP_SIZE 2048, COMPRESSION zstd`,
      );
      const file = await asyncBufferFromFile(path);
      const metadata = await parquetMetadataAsync(file);
      let pages = 0;
      for (const group of metadata.row_groups) {
        for (const chunk of group.columns) {
          const range = columnChunkRange(chunk.meta_data!, file.byteLength);
          pages += checkEveryHeader(new Uint8Array(await file.slice(range.start, range.end)));
        }
      }
      expect(pages).toBeGreaterThan(15);
    }
  });

  it('reads hand-built headers, skipping statistics, CRCs and fields it does not know', () => {
    const chunk = chunkOf([
      dictionaryPage({ numValues: 1, values: plainStrings(['a']) }),
      dataPageV1({
        numValues: 2,
        encoding: ENCODING.PLAIN,
        levels: levelsV1([true, false]),
        values: plainStrings(['b']),
        withExtras: true,
      }),
      dataPageV2({
        numValues: 1,
        numNulls: 0,
        encoding: ENCODING.PLAIN,
        values: plainStrings(['c']),
        compressed: false,
        withExtras: true,
      }),
    ]);
    expect(checkEveryHeader(chunk)).toBe(3);
    const index = chunkOf([indexPage()]);
    expect(readPageHeader(index, 0, index.length).type).toBe(1);
  });

  it('throws on a header cut short', () => {
    const chunk = chunkOf([
      dataPageV1({
        numValues: 2,
        encoding: ENCODING.PLAIN,
        values: plainStrings(['b']),
        withExtras: true,
      }),
    ]);
    for (const end of [0, 1, 5, 12]) {
      expect(() => readPageHeader(chunk, 0, end)).toThrow(/page header/);
    }
  });
});
