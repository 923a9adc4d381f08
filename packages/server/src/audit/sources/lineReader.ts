/**
 * Splitting a UTF-8 text file into lines in fixed-size chunks, so memory stays flat however
 * large the file. Lines end at LF; a CR before the LF is dropped, as is a byte order mark at the
 * start of the file. Line numbers are 1-based and count every physical line, blank or not.
 */

import type { FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { inputFileError } from './inputFile.js';

/** Bytes read from the file at a time. */
const CHUNK_BYTES = 1 << 20;

/** Characters beyond which a line is reported as overlong instead of being built in memory. */
export const MAX_LINE_LENGTH = 1 << 25;

/** Sizes a test may shrink to reach chunk boundaries and overlong lines with small files. */
export interface LineReaderLimits {
  readonly chunkBytes?: number;
  readonly maxLineLength?: number;
}

export interface LineVisitor {
  /** Called for each line, without its line ending; return false to stop reading. */
  line(text: string, lineNumber: number): boolean;
  /** Called instead of `line` for a line longer than `MAX_LINE_LENGTH` characters (not built). */
  overlong(lineNumber: number): void;
  /** Called after each chunk with the bytes read so far. */
  progress?(bytesRead: number): void;
}

const LF = '\n';
const CR = 13;
const BYTE_ORDER_MARK = 0xfeff;

/**
 * Reads the file open as `handle` (named `path` in errors) from its first byte, visiting every
 * line in order. A failed read rejects with an `InputError`; errors thrown by the visitor pass
 * through unchanged.
 */
export async function readLines(
  handle: FileHandle,
  path: string,
  visitor: LineVisitor,
  { chunkBytes = CHUNK_BYTES, maxLineLength = MAX_LINE_LENGTH }: LineReaderLimits = {},
): Promise<void> {
  const decoder = new StringDecoder('utf8');
  const buffer = Buffer.allocUnsafe(chunkBytes);
  let bytesRead = 0;
  let lineNumber = 0;
  let atStart = true;
  // The unfinished line carried over from the previous chunk, unless it is already too long.
  let carry = '';
  let carryOverlong = false;

  for (;;) {
    const count = await readChunk(handle, path, buffer, bytesRead);
    if (count === 0) break;
    bytesRead += count;
    let text = decoder.write(buffer.subarray(0, count));
    if (atStart && text.length > 0) {
      atStart = false;
      if (text.charCodeAt(0) === BYTE_ORDER_MARK) text = text.slice(1);
    }

    let start = 0;
    for (let end = text.indexOf(LF); end !== -1; end = text.indexOf(LF, start)) {
      lineNumber += 1;
      let keepReading = true;
      if (carryOverlong || carry.length + (end - start) > maxLineLength) {
        visitor.overlong(lineNumber);
      } else {
        const line = carry === '' ? text.slice(start, end) : carry + text.slice(start, end);
        keepReading = visitor.line(withoutCr(line), lineNumber);
      }
      carry = '';
      carryOverlong = false;
      start = end + 1;
      if (!keepReading) return;
    }

    if (!carryOverlong) {
      if (carry.length + (text.length - start) > maxLineLength) {
        carry = '';
        carryOverlong = true;
      } else if (start < text.length) {
        carry += text.slice(start);
      }
    }
    visitor.progress?.(bytesRead);
  }

  if (carryOverlong) {
    visitor.overlong(lineNumber + 1);
    return;
  }
  const tail = carry + decoder.end();
  if (tail.length > 0) visitor.line(withoutCr(tail), lineNumber + 1);
}

async function readChunk(
  handle: FileHandle,
  path: string,
  buffer: Buffer,
  position: number,
): Promise<number> {
  try {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    return bytesRead;
  } catch (error) {
    throw inputFileError(path, error);
  }
}

function withoutCr(line: string): string {
  return line.length > 0 && line.charCodeAt(line.length - 1) === CR ? line.slice(0, -1) : line;
}
