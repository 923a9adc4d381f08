/**
 * Fetching the bytes of column chunks: where a chunk lies in the file, and reading the chunks of
 * a row group with as few reads as is reasonable (chunks close together in one read).
 */

import type { AsyncBuffer, ColumnMetaData } from 'hyparquet';

export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** Chunks less than this far apart are read together, the gap read and dropped. */
const MERGE_GAP = 1 << 16;

/**
 * Where a column chunk lies: from its dictionary page if it has one, else its first data page,
 * for `total_compressed_size` bytes (page headers included). A dictionary offset of 0 means
 * none, as some writers put it (hyparquet reads it the same way).
 */
export function columnChunkRange(meta: ColumnMetaData, fileSize: number): ByteRange {
  const offset = meta.dictionary_page_offset || meta.data_page_offset;
  const start = Number(offset);
  const end = Number(offset + meta.total_compressed_size);
  if (!Number.isSafeInteger(end) || start < 0 || end < start || end > fileSize) {
    throw new Error(
      `column chunk ${meta.path_in_schema.join('.')} lies outside the file (bytes ${start}-${end} of ${fileSize})`,
    );
  }
  return { start, end };
}

/** Reads each range; ranges less than MERGE_GAP apart share one read. */
export async function readRanges(
  file: AsyncBuffer,
  ranges: readonly ByteRange[],
): Promise<Uint8Array[]> {
  const order = ranges.map((_, index) => index).sort((a, b) => ranges[a]!.start - ranges[b]!.start);
  const result: Uint8Array[] = new Array<Uint8Array>(ranges.length);
  const reads: Promise<void>[] = [];
  let group: number[] = [];
  let groupStart = 0;
  let groupEnd = 0;
  const flush = (): void => {
    if (group.length === 0) return;
    const members = group;
    const start = groupStart;
    reads.push(
      Promise.resolve(file.slice(start, groupEnd)).then((buffer) => {
        const bytes = new Uint8Array(buffer);
        for (const index of members) {
          const range = ranges[index]!;
          result[index] = bytes.subarray(range.start - start, range.end - start);
        }
      }),
    );
    group = [];
  };
  for (const index of order) {
    const range = ranges[index]!;
    if (group.length > 0 && range.start - groupEnd <= MERGE_GAP) {
      group.push(index);
      groupEnd = Math.max(groupEnd, range.end);
    } else {
      flush();
      group = [index];
      groupStart = range.start;
      groupEnd = range.end;
    }
  }
  flush();
  await Promise.all(reads);
  return result;
}
