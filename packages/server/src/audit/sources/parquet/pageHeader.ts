/**
 * Parquet's `PageHeader` (parquet.thrift), read from the compact protocol: the page's type and
 * sizes, and the fields of a data page (v1 or v2) or a dictionary page that decoding needs.
 * Statistics, CRCs and index pages are skipped.
 */

import { CompactReader, CompactType } from './thriftCompact.js';

/** `PageType` in parquet.thrift. */
export const PageType = {
  DATA_PAGE: 0,
  INDEX_PAGE: 1,
  DICTIONARY_PAGE: 2,
  DATA_PAGE_V2: 3,
} as const;

/** `Encoding` in parquet.thrift. */
export const Encoding = {
  PLAIN: 0,
  PLAIN_DICTIONARY: 2,
  RLE: 3,
  BIT_PACKED: 4,
  DELTA_BINARY_PACKED: 5,
  DELTA_LENGTH_BYTE_ARRAY: 6,
  DELTA_BYTE_ARRAY: 7,
  RLE_DICTIONARY: 8,
  BYTE_STREAM_SPLIT: 9,
} as const;

/** The name of an encoding id, for messages. */
export function encodingName(id: number): string {
  const entry = Object.entries(Encoding).find(([, value]) => value === id);
  return entry ? entry[0] : `encoding ${id}`;
}

export interface DataPageHeader {
  /** Values in the page, nulls included (rows, for a flat column). */
  readonly numValues: number;
  readonly encoding: number;
  readonly definitionLevelEncoding: number;
}

export interface DataPageHeaderV2 {
  readonly numValues: number;
  readonly numNulls: number;
  readonly numRows: number;
  readonly encoding: number;
  readonly definitionLevelsByteLength: number;
  readonly repetitionLevelsByteLength: number;
  /** Whether the values section is compressed (the levels never are); true by default. */
  readonly isCompressed: boolean;
}

export interface DictionaryPageHeader {
  readonly numValues: number;
  readonly encoding: number;
}

export interface PageHeader {
  readonly type: number;
  readonly uncompressedSize: number;
  readonly compressedSize: number;
  /** Where the page's body starts, just after the header. */
  readonly bodyOffset: number;
  readonly dataPage: DataPageHeader | undefined;
  readonly dataPageV2: DataPageHeaderV2 | undefined;
  readonly dictionaryPage: DictionaryPageHeader | undefined;
}

/** Reads the page header at `bytes[offset]`, not past `end`. */
export function readPageHeader(bytes: Uint8Array, offset: number, end: number): PageHeader {
  const reader = new CompactReader(bytes, offset, end);
  let type = -1;
  let uncompressedSize = -1;
  let compressedSize = -1;
  let dataPage: DataPageHeader | undefined;
  let dataPageV2: DataPageHeaderV2 | undefined;
  let dictionaryPage: DictionaryPageHeader | undefined;
  forEachField(reader, (id, fieldType) => {
    switch (id) {
      case 1:
        type = expectI32(reader, fieldType, 'page type');
        return true;
      case 2:
        uncompressedSize = expectCount(reader, fieldType, 'uncompressed page size');
        return true;
      case 3:
        compressedSize = expectCount(reader, fieldType, 'compressed page size');
        return true;
      case 5:
        expectStruct(fieldType, 'data page header');
        dataPage = readDataPageHeader(reader);
        return true;
      case 7:
        expectStruct(fieldType, 'dictionary page header');
        dictionaryPage = readDictionaryPageHeader(reader);
        return true;
      case 8:
        expectStruct(fieldType, 'data page header v2');
        dataPageV2 = readDataPageHeaderV2(reader);
        return true;
      default:
        return false;
    }
  });
  if (type < 0 || uncompressedSize < 0 || compressedSize < 0) {
    throw new Error('page header lacks its type or sizes');
  }
  return {
    type,
    uncompressedSize,
    compressedSize,
    bodyOffset: reader.offset,
    dataPage,
    dataPageV2,
    dictionaryPage,
  };
}

function readDataPageHeader(reader: CompactReader): DataPageHeader {
  let numValues = -1;
  let encoding = -1;
  let definitionLevelEncoding = -1;
  forEachField(reader, (id, type) => {
    switch (id) {
      case 1:
        numValues = expectCount(reader, type, 'value count');
        return true;
      case 2:
        encoding = expectI32(reader, type, 'encoding');
        return true;
      case 3:
        definitionLevelEncoding = expectI32(reader, type, 'definition level encoding');
        return true;
      default:
        return false;
    }
  });
  if (numValues < 0 || encoding < 0 || definitionLevelEncoding < 0) {
    throw new Error('data page header lacks a required field');
  }
  return { numValues, encoding, definitionLevelEncoding };
}

function readDataPageHeaderV2(reader: CompactReader): DataPageHeaderV2 {
  const fields = { numValues: -1, numNulls: -1, numRows: -1, encoding: -1, def: -1, rep: -1 };
  let isCompressed = true;
  forEachField(reader, (id, type) => {
    switch (id) {
      case 1:
        fields.numValues = expectCount(reader, type, 'value count');
        return true;
      case 2:
        fields.numNulls = expectCount(reader, type, 'null count');
        return true;
      case 3:
        fields.numRows = expectCount(reader, type, 'row count');
        return true;
      case 4:
        fields.encoding = expectI32(reader, type, 'encoding');
        return true;
      case 5:
        fields.def = expectCount(reader, type, 'definition levels length');
        return true;
      case 6:
        fields.rep = expectCount(reader, type, 'repetition levels length');
        return true;
      case 7:
        if (type !== CompactType.BOOLEAN_TRUE && type !== CompactType.BOOLEAN_FALSE) {
          throw new Error('data page header v2 has a non-boolean is_compressed');
        }
        isCompressed = type === CompactType.BOOLEAN_TRUE;
        return true;
      default:
        return false;
    }
  });
  if (Object.values(fields).some((value) => value < 0)) {
    throw new Error('data page header v2 lacks a required field');
  }
  return {
    numValues: fields.numValues,
    numNulls: fields.numNulls,
    numRows: fields.numRows,
    encoding: fields.encoding,
    definitionLevelsByteLength: fields.def,
    repetitionLevelsByteLength: fields.rep,
    isCompressed,
  };
}

function readDictionaryPageHeader(reader: CompactReader): DictionaryPageHeader {
  let numValues = -1;
  let encoding = -1;
  forEachField(reader, (id, type) => {
    switch (id) {
      case 1:
        numValues = expectCount(reader, type, 'dictionary size');
        return true;
      case 2:
        encoding = expectI32(reader, type, 'dictionary encoding');
        return true;
      default:
        return false;
    }
  });
  if (numValues < 0 || encoding < 0)
    throw new Error('dictionary page header lacks a required field');
  return { numValues, encoding };
}

/**
 * Reads the fields of a struct up to its STOP: `read` consumes the fields it knows and returns
 * true, or returns false to have the field skipped.
 */
function forEachField(reader: CompactReader, read: (id: number, type: number) => boolean): void {
  let id = 0;
  for (;;) {
    const field = reader.fieldHeader(id);
    if (field.type === CompactType.STOP) return;
    if (!read(field.id, field.type)) reader.skip(field.type);
    id = field.id;
  }
}

function expectI32(reader: CompactReader, type: number, what: string): number {
  if (type !== CompactType.I32) throw new Error(`page header has a non-integer ${what}`);
  return reader.zigzag();
}

function expectCount(reader: CompactReader, type: number, what: string): number {
  if (type !== CompactType.I32) throw new Error(`page header has a non-integer ${what}`);
  return reader.count(what);
}

function expectStruct(type: number, what: string): void {
  if (type !== CompactType.STRUCT) throw new Error(`page header has a malformed ${what}`);
}
