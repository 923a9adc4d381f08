/**
 * Apache Parquet input, in pure JavaScript. The footer is parsed by hyparquet; column chunks are
 * decoded by our own flat-column decoder (`./parquet/`) straight into category codes and float64
 * numbers, a dictionary-encoded column's entries decoded once per chunk. Chunks outside that
 * decoder's subset (nested or repeated columns, dates and timestamps, FIXED_LEN_BYTE_ARRAY,
 * DELTA_* or BYTE_STREAM_SPLIT pages...) are decoded by hyparquet into JS values instead.
 * Codecs: uncompressed, snappy, gzip, zstd, brotli, lz4 and lz4_raw (through
 * hyparquet-compressors); LZO is not supported.
 *
 * `columns` are the top-level columns of the schema. A read fetches only the requested columns,
 * one row group at a time (the next one read while this one is decoded), and decodes a page at a
 * time, so memory is bounded by two row groups' compressed chunks, not by the file. Writers keep
 * row groups to about a million rows (pyarrow) or fewer (DuckDB: 122,880).
 * Values follow the policy of `ValueDictionary` and `toFiniteNumber`, whichever decoder reads
 * them: INT64 as an integer (exact text as a category, rounded to the nearest float64 as a
 * number), DECIMAL as integer / 10^scale, DATE and TIMESTAMP as Date (categories in ISO 8601),
 * null as a missing cell, and a nested value (struct, list, map) as the category of its JSON text
 * or a bad number.
 *
 * Positions are 1-based row numbers.
 */

import type { FileHandle } from 'node:fs/promises';
import {
  parquetMetadataAsync,
  parquetSchema,
  parquetScan,
  type AsyncBuffer,
  type FileMetaData,
  type ParquetScan,
  type SchemaTree,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputError } from '../../errors.js';
import { inputFileError, openInputFile } from './inputFile.js';
import { CategoryCodes } from './parquet/categoryCodes.js';
import { CellBatch } from './parquet/cellBatch.js';
import type { ReadAt } from './parquet/chunkBytes.js';
import { PageScratch } from './parquet/pageScratch.js';
import {
  RowGroupColumns,
  rowGroupSpans,
  type DecodeWithHyparquet,
  type FetchedRowGroup,
  type RowGroupSpan,
} from './parquet/rowGroupColumns.js';
import { BATCH_ROWS, requestedColumnNames } from './rowBatchBuilder.js';
import type { ColumnRequest, ReadSink, TableSource } from './tableSource.js';
import type { ValueDictionary } from './valueDictionary.js';

/** Rows per batch at most, however large the row groups (pyarrow writes a million rows). */
const MAX_BATCH_ROWS = 1 << 20;

/** One of `count` disjoint parts of a file: row groups i with i % count === index. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export async function openParquetSource(path: string, shard?: Shard): Promise<TableSource> {
  const { handle, size } = await openInputFile(path);
  try {
    const readAt = fileReader(handle, path);
    const file = fileBuffer(readAt, size);
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(file);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`${path}: not a Parquet file (${hyparquetReason(error)})`, {
        cause: error,
      });
    }
    return new ParquetSource(path, handle, readAt, file, metadata, parquetSchema(metadata), shard);
  } catch (error) {
    await handle.close();
    throw error;
  }
}

class ParquetSource implements TableSource {
  readonly columns: readonly string[];
  readonly positionName = 'row';
  readonly #path: string;
  readonly #handle: FileHandle;
  readonly #readAt: ReadAt;
  readonly #file: AsyncBuffer;
  readonly #metadata: FileMetaData;
  readonly #schema: SchemaTree;
  #dictionaries: readonly (ValueDictionary | undefined)[] = [];
  #closed = false;
  readonly #shard: Shard | undefined;

  constructor(
    path: string,
    handle: FileHandle,
    readAt: ReadAt,
    file: AsyncBuffer,
    metadata: FileMetaData,
    schema: SchemaTree,
    shard: Shard | undefined,
  ) {
    this.#shard = shard;
    this.#path = path;
    this.#handle = handle;
    this.#readAt = readAt;
    this.#file = file;
    this.#metadata = metadata;
    this.#schema = schema;
    this.columns = schema.children.map((child) => child.element.name);
  }

  dictionary(request: number): readonly string[] {
    return this.#dictionaries[request]?.values ?? [];
  }

  async read(requests: readonly ColumnRequest[], sink: ReadSink): Promise<void> {
    if (this.#closed) throw new Error(`${this.#path}: read after close`);
    const names = requestedColumnNames(this.columns, requests);
    const categories = requests.map((request) =>
      request.kind === 'categorical' ? new CategoryCodes() : undefined,
    );
    this.#dictionaries = categories.map((codes) => codes?.dictionary);

    const scanColumns = [...new Set(names)];
    // Where each request's column is among the decoded columns.
    const columnOf = names.map((name) => scanColumns.indexOf(name));
    const columns = new RowGroupColumns(
      this.#readAt,
      this.#file.byteLength,
      this.#metadata,
      this.#schema,
      scanColumns,
      this.#hyparquetDecoder(scanColumns),
    );

    const shard = this.#shard;
    const spans = rowGroupSpans(this.#metadata).filter(
      (span) => span.rows > 0 && (!shard || span.index % shard.count === shard.index),
    );
    // A shard counts progress against its own rows, so shards' figures add up.
    const shardTotal = spans.reduce((sum, span) => sum + span.rows, 0);
    // A batch holds whole row groups when it can, so that pages decode straight into it.
    const largest = spans.reduce((most, span) => Math.max(most, span.rows), 0);
    const batch = new CellBatch(requests, Math.min(Math.max(BATCH_ROWS, largest), MAX_BATCH_ROWS));
    const scratch = requests.map((request) => new PageScratch(request.kind));
    let delivered = 0;
    /** Hands the batch's rows, if any, to the sink, and reports progress. */
    const deliver = (): void => {
      if (batch.length > 0) {
        delivered += batch.length;
        sink.batch(batch.view());
        batch.clear();
      }
      sink.progress?.(delivered, shardTotal);
    };

    // The next row group's chunks are read while this one is decoded.
    let next = spans[0] ? this.#fetch(columns, spans[0]) : undefined;
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i]!;
      const fetched = await next!;
      next = spans[i + 1] ? this.#fetch(columns, spans[i + 1]!) : undefined;
      const what = `cannot decode rows ${span.rowStart + 1}-${span.rowStart + span.rows}`;
      const cursors = await this.#guard(what, () =>
        columns.cursors(fetched, columnOf, categories, scratch),
      );
      // A row group that fits in a batch is not split over two (its pages decode in place).
      if (span.rows <= batch.capacity && span.rows > batch.capacity - batch.length) deliver();
      let done = 0;
      while (done < span.rows) {
        const count = Math.min(batch.capacity - batch.length, span.rows - done);
        this.#guardSync(what, () => {
          cursors.forEach((cursor, request) => {
            cursor.read(batch.cells[request]!, batch.length, count);
          });
        });
        batch.addRows(span.rowStart + done + 1, count);
        done += count;
        if (batch.isFull) deliver();
      }
    }
    deliver();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#handle.close();
  }

  /**
   * Reads a row group's chunks; the promise is marked handled at once, so that a failure while
   * an earlier row group is still being decoded is reported when this one is awaited.
   */
  #fetch(columns: RowGroupColumns, span: RowGroupSpan): Promise<FetchedRowGroup> {
    const what = `cannot read rows ${span.rowStart + 1}-${span.rowStart + span.rows}`;
    const fetched = this.#guard(what, () => columns.fetch(span));
    fetched.catch(() => undefined);
    return fetched;
  }

  /** Decoding with hyparquet, for the chunks our decoder leaves to it; planned on first use. */
  #hyparquetDecoder(columns: readonly string[]): DecodeWithHyparquet {
    let scan: Promise<ParquetScan> | undefined;
    return async (column, rowStart, rowEnd) => {
      scan ??= parquetScan({
        file: this.#file,
        metadata: this.#metadata,
        columns: [...columns],
        compressors,
      });
      return (await scan).readColumn({ column, rowStart, rowEnd });
    };
  }

  /** Runs a decoding step, turning its failure into an `InputError` naming the file. */
  async #guard<T>(what: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      throw this.#decodeError(what, error);
    }
  }

  #guardSync(what: string, step: () => void): void {
    try {
      step();
    } catch (error) {
      throw this.#decodeError(what, error);
    }
  }

  #decodeError(what: string, error: unknown): InputError {
    if (error instanceof InputError) return error;
    return new InputError(`${this.#path}: ${what} (${hyparquetReason(error)})`, { cause: error });
  }
}

/** Reads the file at a position through its handle, with `InputError`s naming it. */
function fileReader(handle: FileHandle, path: string): ReadAt {
  return async (target, position) => {
    let filled = 0;
    while (filled < target.length) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(
          target,
          filled,
          target.length - filled,
          position + filled,
        ));
      } catch (error) {
        throw inputFileError(path, error);
      }
      if (bytesRead === 0) {
        throw new InputError(`${path}: the file ended early; was it truncated while being read?`);
      }
      filled += bytesRead;
    }
  };
}

/** The file as hyparquet reads it: byte ranges read on demand. */
function fileBuffer(readAt: ReadAt, size: number): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end: number = size): Promise<ArrayBuffer> {
      const bytes = new Uint8Array(Math.max(0, end - start));
      await readAt(bytes, start);
      return bytes.buffer;
    },
  };
}

/** The error's message, without hyparquet's "parquet " prefix, e.g. "file invalid (footer != PAR1)". */
function hyparquetReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^parquet /, '');
}
