/**
 * The columns a read decodes, row group by row group: each distinct requested column is read by
 * our decoder when it is flat and of a supported type (`flatColumn.ts`), its chunk's codec is
 * supported and its pages use supported encodings (checked per chunk from the page headers);
 * otherwise hyparquet decodes that chunk into JS values. Either way a request gets a
 * `ChunkCursor` over the row group's cells.
 */

import type {
  ColumnMetaData,
  CompressionCodec,
  DecodedArray,
  FileMetaData,
  RowGroup,
  SchemaTree,
} from 'hyparquet';
import type { CategoryCodes } from './categoryCodes.js';
import { columnChunkRange, readRanges, type ReadAt } from './chunkBytes.js';
import { ColumnChunkReader, unsupportedChunk, type ChunkCursor } from './columnChunkReader.js';
import type { PageScratch } from './pageScratch.js';
import { DecodedValuesCursor } from './decodedValuesCursor.js';
import { isSupportedCodec } from './decompress.js';
import { flatColumnOf, type FlatColumn } from './flatColumn.js';

/** A row group of the file: its index, its first row (0-based) and its row count. */
export interface RowGroupSpan {
  readonly index: number;
  readonly rowStart: number;
  readonly rows: number;
}

/** Decodes the chunk of `column` for rows [rowStart, rowEnd) with hyparquet. */
export type DecodeWithHyparquet = (
  column: string,
  rowStart: number,
  rowEnd: number,
) => Promise<DecodedArray>;

/** The row groups of the file with their first rows. */
export function rowGroupSpans(metadata: FileMetaData): RowGroupSpan[] {
  let rowStart = 0;
  return metadata.row_groups.map((group, index) => {
    const rows = Number(group.num_rows);
    const span = { index, rowStart, rows };
    rowStart += rows;
    return span;
  });
}

/** The bytes of a chunk our decoder may read, and how its pages are compressed. */
export interface FetchedChunk {
  readonly bytes: Uint8Array;
  readonly codec: CompressionCodec;
}

/** The fetched chunks of one row group, before they are checked and decoded. */
export interface FetchedRowGroup {
  readonly span: RowGroupSpan;
  /** Per column: its chunk, or undefined when hyparquet reads it. */
  readonly chunks: readonly (FetchedChunk | undefined)[];
}

export class RowGroupColumns {
  readonly #readAt: ReadAt;
  readonly #fileSize: number;
  readonly #metadata: FileMetaData;
  readonly #names: readonly string[];
  readonly #flat: readonly (FlatColumn | undefined)[];
  readonly #hyparquet: DecodeWithHyparquet;
  /** Two buffers, used in turn: one row group is decoded while the next is read. */
  readonly #buffers: Uint8Array[] = [new Uint8Array(0), new Uint8Array(0)];
  #turn = 0;

  /**
   * `names`: the distinct columns to read, top-level columns of `schema`; `readAt` reads the
   * file, of `fileSize` bytes.
   */
  constructor(
    readAt: ReadAt,
    fileSize: number,
    metadata: FileMetaData,
    schema: SchemaTree,
    names: readonly string[],
    hyparquet: DecodeWithHyparquet,
  ) {
    this.#readAt = readAt;
    this.#fileSize = fileSize;
    this.#metadata = metadata;
    this.#names = names;
    this.#flat = names.map((name) => {
      const tree = schema.children.find((child) => child.element.name === name);
      return tree === undefined ? undefined : flatColumnOf(tree);
    });
    this.#hyparquet = hyparquet;
  }

  /**
   * Reads the bytes of the chunks our decoder may read. They stay valid until the fetch after
   * next, which reuses their buffer.
   */
  async fetch(span: RowGroupSpan): Promise<FetchedRowGroup> {
    const group = this.#group(span);
    const metas = this.#names.map((name, column) => ourChunkMeta(group, name, this.#flat[column]));
    const wanted = metas.flatMap((meta, column) => (meta ? [{ meta, column }] : []));
    const ranges = wanted.map(({ meta }) => columnChunkRange(meta, this.#fileSize));
    const turn = this.#turn;
    this.#turn = 1 - turn;
    const { chunks: read, buffer } = await readRanges(this.#readAt, ranges, this.#buffers[turn]!);
    this.#buffers[turn] = buffer;
    const chunks: (FetchedChunk | undefined)[] = this.#names.map(() => undefined);
    wanted.forEach(
      ({ meta, column }, i) => (chunks[column] = { bytes: read[i]!, codec: meta.codec }),
    );
    return { span, chunks };
  }

  /**
   * One cursor per request over the row group's cells. `columnOf[r]` is request r's index in
   * `names`, `categories[r]` its codes when it is categorical, `scratch[r]` the arrays its
   * pages are decoded into.
   */
  async cursors(
    fetched: FetchedRowGroup,
    columnOf: readonly number[],
    categories: readonly (CategoryCodes | undefined)[],
    scratch: readonly PageScratch[],
  ): Promise<ChunkCursor[]> {
    const { span, chunks } = fetched;
    // The chunks our decoder reads; hyparquet decodes the others into values.
    const ours = this.#names.map((_, column) => {
      const chunk = chunks[column];
      const flat = this.#flat[column];
      if (chunk === undefined || flat === undefined) return undefined;
      return unsupportedChunk(chunk.bytes, flat, span.rows) === undefined
        ? { chunk, flat }
        : undefined;
    });
    const decoded = await Promise.all(
      this.#names.map((name, column) =>
        ours[column] === undefined
          ? this.#hyparquet(name, span.rowStart, span.rowStart + span.rows)
          : Promise.resolve(undefined),
      ),
    );
    return columnOf.map((column, request) => {
      const values = decoded[column];
      const own = ours[column];
      if (own === undefined) {
        if (values === undefined) throw new Error(`column ${this.#names[column]!} was not decoded`);
        return new DecodedValuesCursor(values, categories[request]);
      }
      const { chunk, flat } = own;
      return new ColumnChunkReader(
        chunk.bytes,
        flat,
        chunk.codec,
        span.rows,
        categories[request],
        scratch[request]!,
      );
    });
  }

  #group(span: RowGroupSpan): RowGroup {
    const group = this.#metadata.row_groups[span.index];
    if (group === undefined) throw new Error(`no row group ${span.index}`);
    return group;
  }
}

/** The metadata of a flat column's chunk when our decoder may read it, else undefined. */
function ourChunkMeta(
  group: RowGroup,
  name: string,
  flat: FlatColumn | undefined,
): ColumnMetaData | undefined {
  if (flat === undefined) return undefined;
  const chunk = group.columns.find(
    (candidate) =>
      candidate.meta_data?.path_in_schema.length === 1 &&
      candidate.meta_data.path_in_schema[0] === name,
  );
  const meta = chunk?.meta_data;
  if (meta === undefined || chunk?.file_path !== undefined) return undefined;
  if (meta.type !== flat.type || !isSupportedCodec(meta.codec)) return undefined;
  return meta;
}
