/**
 * Reading one column chunk (one column of one row group) page by page into cells: an optional
 * dictionary page first, then data pages; index pages are skipped. One page is decoded at a
 * time, and handed out in whatever slices the batches need.
 */

import type { CompressionCodec } from 'hyparquet';
import { copyCells, reserveCells, type CellColumn } from './cellColumn.js';
import type { CategoryCodes } from './categoryCodes.js';
import {
  CategoricalDictionary,
  NumericDictionary,
  type ChunkDictionary,
} from './chunkDictionary.js';
import { readDataPage, unsupportedPage, type DataPage } from './dataPage.js';
import { decompress } from './decompress.js';
import type { FlatColumn } from './flatColumn.js';
import { PageType, readPageHeader, type PageHeader } from './pageHeader.js';
import { decodePageCells } from './pageCells.js';
import type { PageScratch } from './pageScratch.js';

/** Something that hands out the cells of a column chunk in order. */
export interface ChunkCursor {
  /** Writes the next `count` cells to into[offset, offset + count). */
  read(into: CellColumn, offset: number, count: number): void;
}

/**
 * Why our decoder cannot read this chunk, from its page headers, or undefined when it can.
 * Throws when the headers themselves are broken.
 */
export function unsupportedChunk(
  chunk: Uint8Array,
  column: FlatColumn,
  rows: number,
): string | undefined {
  let position = 0;
  let seen = 0;
  while (seen < rows && position < chunk.length) {
    const header = readPageHeader(chunk, position, chunk.length);
    const reason = unsupportedPage(header, column);
    if (reason !== undefined) return reason;
    position = bodyEnd(header, chunk);
    seen += header.dataPage?.numValues ?? header.dataPageV2?.numValues ?? 0;
  }
  return undefined;
}

export class ColumnChunkReader implements ChunkCursor {
  readonly #chunk: Uint8Array;
  readonly #column: FlatColumn;
  readonly #codec: CompressionCodec;
  readonly #categories: CategoryCodes | undefined;
  readonly #scratch: PageScratch;
  #pageLength = 0;
  #pageRead = 0;
  #position = 0;
  #rowsLeft: number;
  #dictionary: ChunkDictionary | undefined;

  /**
   * `chunk` holds the chunk's bytes, `rows` its row count; `categories` is given for a
   * categorical request and absent for a numeric one, and `scratch` is of the same kind.
   */
  constructor(
    chunk: Uint8Array,
    column: FlatColumn,
    codec: CompressionCodec,
    rows: number,
    categories: CategoryCodes | undefined,
    scratch: PageScratch,
  ) {
    if (scratch.cells.kind !== (categories ? 'categorical' : 'numeric')) {
      throw new Error('page scratch of the wrong kind');
    }
    this.#chunk = chunk;
    this.#column = column;
    this.#codec = codec;
    this.#rowsLeft = rows;
    this.#categories = categories;
    this.#scratch = scratch;
  }

  read(into: CellColumn, offset: number, count: number): void {
    let done = 0;
    while (done < count) {
      if (this.#pageRead === this.#pageLength) {
        const page = this.#nextDataPage();
        if (page.numValues <= count - done) {
          // The whole page fits: decode it in place, with no copy.
          this.#decode(page, into, offset + done);
          done += page.numValues;
          continue;
        }
        const cells = this.#scratch.cells;
        reserveCells(cells, page.numValues);
        this.#decode(page, cells, 0);
        this.#pageLength = page.numValues;
        this.#pageRead = 0;
      }
      const take = Math.min(count - done, this.#pageLength - this.#pageRead);
      copyCells(this.#scratch.cells, this.#pageRead, into, offset + done, take);
      this.#pageRead += take;
      done += take;
    }
  }

  #decode(page: DataPage, cells: CellColumn, at: number): void {
    const context = {
      column: this.#column,
      dictionary: this.#dictionary,
      categories: this.#categories,
      scratch: this.#scratch,
    };
    decodePageCells(page, context, cells, at);
  }

  /**
   * The next data page with values, decompressed and its levels decoded (reading the dictionary
   * page and skipping index pages on the way).
   */
  #nextDataPage(): DataPage {
    const chunk = this.#chunk;
    for (;;) {
      if (this.#rowsLeft === 0 || this.#position >= chunk.length) {
        throw new Error('column chunk has fewer values than its row group has rows');
      }
      const header = readPageHeader(chunk, this.#position, chunk.length);
      this.#position = bodyEnd(header, chunk);
      switch (header.type) {
        case PageType.DICTIONARY_PAGE:
          this.#readDictionary(header);
          break;
        case PageType.DATA_PAGE:
        case PageType.DATA_PAGE_V2: {
          const page = readDataPage(chunk, header, this.#column, this.#codec, this.#scratch);
          if (page.numValues > this.#rowsLeft) {
            throw new Error('column chunk has more values than its row group has rows');
          }
          this.#rowsLeft -= page.numValues;
          if (page.numValues > 0) return page;
          break;
        }
        case PageType.INDEX_PAGE:
          break;
        default:
          throw new Error(`unsupported page type ${header.type}`);
      }
    }
  }

  #readDictionary(header: PageHeader): void {
    if (this.#dictionary !== undefined) throw new Error('column chunk has two dictionary pages');
    const count = header.dictionaryPage?.numValues ?? 0;
    const body = this.#chunk.subarray(header.bodyOffset, header.bodyOffset + header.compressedSize);
    const bytes = decompress(this.#codec, body, header.uncompressedSize);
    const section = { bytes, start: 0, end: bytes.length, count };
    this.#dictionary = this.#categories
      ? new CategoricalDictionary(this.#column, section, this.#categories)
      : new NumericDictionary(this.#column, section);
  }
}

/** Where the page's body ends; throws when that is past the chunk. */
function bodyEnd(header: PageHeader, chunk: Uint8Array): number {
  const end = header.bodyOffset + header.compressedSize;
  if (end > chunk.length) throw new Error('page runs past the end of the column chunk');
  return end;
}
