/**
 * Apache Parquet input, decoded in pure JavaScript by hyparquet. Codecs: uncompressed, snappy,
 * gzip, zstd, brotli, lz4 and lz4_raw (through hyparquet-compressors); LZO is not supported.
 *
 * `columns` are the top-level columns of the schema. A read decodes only the requested columns,
 * one row group at a time, so memory is bounded by a row group (of the requested columns), not
 * by the file. Writers keep row groups to about a million rows (pyarrow) or fewer (DuckDB:
 * 122,880); a file written with one huge row group costs that much memory.
 * Values are converted by `ValueDictionary` and `toFiniteNumber`: INT64 arrives as bigint,
 * DATE and TIMESTAMP as Date (categories in ISO 8601), null as a missing cell, and a nested
 * value (struct, list, map) as the category of its JSON text or a bad number.
 *
 * Positions are 1-based row numbers.
 */

import type { FileHandle } from 'node:fs/promises';
import {
  parquetMetadataAsync,
  parquetSchema,
  parquetScan,
  type AsyncBuffer,
  type DecodedArray,
  type FileMetaData,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputError } from '../../errors.js';
import { inputFileError, openInputFile } from './inputFile.js';
import { requestedColumnNames, RowBatchBuilder } from './rowBatchBuilder.js';
import type { ColumnRequest, ReadSink, TableSource } from './tableSource.js';
import type { ValueDictionary } from './valueDictionary.js';

/** One of `count` disjoint parts of a file: row groups i with i % count === index. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export async function openParquetSource(path: string, shard?: Shard): Promise<TableSource> {
  const { handle, size } = await openInputFile(path);
  try {
    const file = fileBuffer(handle, path, size);
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(file);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`${path}: not a Parquet file (${hyparquetReason(error)})`, {
        cause: error,
      });
    }
    const columns = parquetSchema(metadata).children.map((child) => child.element.name);
    return new ParquetSource(path, handle, file, metadata, columns, shard);
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
  readonly #file: AsyncBuffer;
  readonly #metadata: FileMetaData;
  #dictionaries: readonly (ValueDictionary | undefined)[] = [];
  #closed = false;
  readonly #shard: Shard | undefined;

  constructor(
    path: string,
    handle: FileHandle,
    file: AsyncBuffer,
    metadata: FileMetaData,
    columns: readonly string[],
    shard: Shard | undefined,
  ) {
    this.#shard = shard;
    this.#path = path;
    this.#handle = handle;
    this.#file = file;
    this.#metadata = metadata;
    this.columns = columns;
  }

  dictionary(request: number): readonly string[] {
    return this.#dictionaries[request]?.values ?? [];
  }

  async read(requests: readonly ColumnRequest[], sink: ReadSink): Promise<void> {
    if (this.#closed) throw new Error(`${this.#path}: read after close`);
    const names = requestedColumnNames(this.columns, requests);
    const builder = new RowBatchBuilder(requests);
    this.#dictionaries = builder.dictionaries;

    const scanColumns = [...new Set(names)];
    // Where each request's values are among the decoded columns.
    const sourceOf = names.map((name) => scanColumns.indexOf(name));
    const scan = await this.#guard('cannot plan the read', () =>
      parquetScan({
        file: this.#file,
        metadata: this.#metadata,
        columns: scanColumns,
        compressors,
      }),
    );

    const shard = this.#shard;
    const ranges = shard
      ? scan.ranges.filter((_, i) => i % shard.count === shard.index)
      : scan.ranges;
    // A shard counts progress against its own rows, so shards' figures add up.
    const shardTotal = ranges.reduce((sum, range) => sum + range.rowEnd - range.rowStart, 0);
    let done = 0;
    for (const range of ranges) {
      const decoded = await this.#guard(
        `cannot decode rows ${range.rowStart + 1}-${range.rowEnd}`,
        () =>
          Promise.all(
            scanColumns.map((column) =>
              scan.readColumn({ column, rowStart: range.rowStart, rowEnd: range.rowEnd }),
            ),
          ),
      );
      const values: DecodedArray[] = sourceOf.map((source) => decoded[source]!);
      const rows = range.rowEnd - range.rowStart;
      for (let offset = 0; offset < rows; offset++) {
        const row = builder.addRow(range.rowStart + offset + 1);
        for (let request = 0; request < values.length; request++) {
          builder.set(request, row, values[request]![offset]);
        }
        if (builder.isFull) {
          sink.batch(builder.take());
          sink.progress?.(done + offset + 1, shardTotal);
        }
      }
      done += rows;
    }
    if (builder.length > 0) sink.batch(builder.take());
    sink.progress?.(done, shardTotal);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#handle.close();
  }

  /** Runs a hyparquet step, turning its failure into an `InputError` naming the file. */
  async #guard<T>(what: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`${this.#path}: ${what} (${hyparquetReason(error)})`, { cause: error });
    }
  }
}

/** The file as hyparquet reads it: byte ranges read on demand through one open handle. */
function fileBuffer(handle: FileHandle, path: string, size: number): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end: number = size): Promise<ArrayBuffer> {
      const bytes = new Uint8Array(Math.max(0, end - start));
      let filled = 0;
      while (filled < bytes.length) {
        let bytesRead: number;
        try {
          ({ bytesRead } = await handle.read(bytes, filled, bytes.length - filled, start + filled));
        } catch (error) {
          throw inputFileError(path, error);
        }
        if (bytesRead === 0) {
          throw new InputError(`${path}: the file ended early; was it truncated while being read?`);
        }
        filled += bytesRead;
      }
      return bytes.buffer;
    },
  };
}

/** hyparquet's message without its "parquet " prefix, e.g. "file invalid (footer != PAR1)". */
function hyparquetReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^parquet /, '');
}
