/**
 * Fetching the bytes of column chunks: where a chunk lies in the file, and reading the chunks of
 * a row group with as few reads as is reasonable (chunks close together in one read), into a
 * buffer that is reused from row group to row group.
 */

import type { ColumnMetaData } from 'hyparquet';

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

/** Fills `target` with the file's bytes from `position` on. */
export type ReadAt = (target: Uint8Array, position: number) => Promise<void>;

/**
 * Reads each range into `buffer`, or a larger one when it is too small; ranges less than
 * MERGE_GAP apart share one read. Returns the ranges' bytes (views into the buffer) and the
 * buffer, for the caller to reuse once it is done with them.
 */
export async function readRanges(
  readAt: ReadAt,
  ranges: readonly ByteRange[],
  buffer: Uint8Array,
): Promise<{ chunks: Uint8Array[]; buffer: Uint8Array }> {
  const order = ranges.map((_, index) => index).sort((a, b) => ranges[a]!.start - ranges[b]!.start);
  // Runs of ranges read together: [start, end) in the file and the ranges they hold.
  const runs: { start: number; end: number; members: number[] }[] = [];
  for (const index of order) {
    const range = ranges[index]!;
    const last = runs.at(-1);
    if (last !== undefined && range.start - last.end <= MERGE_GAP) {
      last.members.push(index);
      last.end = Math.max(last.end, range.end);
    } else {
      runs.push({ start: range.start, end: range.end, members: [index] });
    }
  }
  const total = runs.reduce((sum, run) => sum + run.end - run.start, 0);
  const target = buffer.length >= total ? buffer : new Uint8Array(total);
  const chunks = new Array<Uint8Array>(ranges.length);
  const reads: Promise<void>[] = [];
  let offset = 0;
  for (const run of runs) {
    const bytes = target.subarray(offset, offset + run.end - run.start);
    reads.push(readAt(bytes, run.start));
    for (const index of run.members) {
      const range = ranges[index]!;
      chunks[index] = bytes.subarray(range.start - run.start, range.end - run.start);
    }
    offset += bytes.length;
  }
  await Promise.all(reads);
  return { chunks, buffer: target };
}
