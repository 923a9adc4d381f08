/**
 * CSV (RFC 4180: comma-separated, optional double quotes with "" escapes, LF or CRLF line
 * ends, quoted fields may span lines) read straight from bytes into columnar batches.
 *
 * Only requested fields are decoded: categorical cells are hashed and interned
 * (`ByteDictionary`), numeric cells parsed in place (`parseDecimal`), and other fields are
 * skipped over. The file is read in chunks, so memory is flat in the row count.
 */

import type { FileHandle } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import { ByteDictionary } from './byteDictionary.js';
import { inputFileError, openInputFile } from './inputFile.js';
import { parseDecimal } from './parseDecimal.js';
import {
  MISSING_CODE,
  type ColumnRequest,
  type ReadSink,
  type RowBatch,
  type TableSource,
} from './tableSource.js';

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

const CHUNK_BYTES = 4 << 20;
const BATCH_ROWS = 65_536;
const MAX_HEADER_BYTES = 16 << 20;

/** A part of a CSV file's body: bytes [start, end), starting and ending on a row boundary. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Opens a CSV file, or one byte range of its body. A range's rows are numbered from line 1 at
 * the range's start (the caller knows how many lines come before it); after the read,
 * `linesRead` tells how many lines the range held.
 */
export async function openCsvSource(path: string, range?: ByteRange): Promise<CsvSource> {
  const { handle, size } = await openInputFile(path);
  try {
    const header = await readHeader(handle, path, size);
    const body = range ?? { start: header.bodyStart, end: size };
    const firstLine = range ? 1 : header.bodyLine;
    return new CsvSource(path, handle, body, header.columns, firstLine);
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Splits a CSV body into `count` ranges of about equal size, each starting after a newline,
 * for readers working in parallel. Returns the ranges and the line number of the first data
 * row, or null when the file is too small to split. A newline inside a quoted field can make
 * a split point wrong; a range reader notices (its last row ends inside quotes, see
 * `CsvSource.endedInsideQuotes`) and the caller must then read the file whole.
 */
export async function splitCsv(
  path: string,
  count: number,
): Promise<{ ranges: ByteRange[]; firstLine: number } | null> {
  const { handle, size } = await openInputFile(path);
  try {
    const header = await readHeader(handle, path, size);
    const starts = [header.bodyStart];
    const probe = Buffer.allocUnsafe(1 << 16);
    for (let k = 1; k < count; k++) {
      const nominal = header.bodyStart + Math.floor(((size - header.bodyStart) * k) / count);
      const { bytesRead } = await handle.read(probe, 0, probe.length, nominal);
      const newline = probe.subarray(0, bytesRead).indexOf(LF);
      if (newline < 0) return null;
      const start = nominal + newline + 1;
      if (start <= starts.at(-1)! || start >= size) return null;
      starts.push(start);
    }
    const ranges = starts.map((start, k) => ({ start, end: starts[k + 1] ?? size }));
    return { ranges, firstLine: header.bodyLine };
  } catch (error) {
    throw error instanceof InputError ? error : inputFileError(path, error);
  } finally {
    await handle.close();
  }
}

interface Header {
  readonly columns: string[];
  /** Byte offset where the first data row starts. */
  readonly bodyStart: number;
  /** Line number of the first data row. */
  readonly bodyLine: number;
}

async function readHeader(handle: FileHandle, path: string, size: number): Promise<Header> {
  const length = Math.min(size, MAX_HEADER_BYTES);
  const buf = Buffer.allocUnsafe(length);
  const { bytesRead } = await handle.read(buf, 0, length, 0).catch((error: unknown) => {
    throw inputFileError(path, error);
  });
  let start = 0;
  if (bytesRead >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
  const atEof = bytesRead === size;
  const record = splitRecord(buf, start, bytesRead, atEof);
  if (!record) {
    throw new InputError(
      atEof
        ? `${path}: the header row has an unterminated quoted field`
        : `${path}: the header row is longer than ${MAX_HEADER_BYTES} bytes`,
    );
  }
  const columns = record.fields;
  if (columns.length === 1 && columns[0] === '')
    throw new InputError(`${path}: the file has no header row`);
  if (columns.some((c) => c.includes('\uFFFD'))) {
    throw new InputError(`${path}: the header is not UTF-8 text; is this a CSV file?`);
  }
  return { columns, bodyStart: record.end, bodyLine: 1 + record.lines };
}

/**
 * Splits the record starting at `start` into decoded fields (slow path, for the header).
 * Returns null when a quoted field does not close within the buffer, or when the record does
 * not end within it and more data exists.
 */
function splitRecord(
  buf: Buffer,
  start: number,
  limit: number,
  atEof: boolean,
): { fields: string[]; end: number; lines: number } | null {
  const fields: string[] = [];
  let lines = 1;
  let pos = start;
  for (;;) {
    let value: Buffer;
    if (buf[pos] === QUOTE) {
      const parts: Buffer[] = [];
      let from = ++pos;
      for (;;) {
        if (pos >= limit) return null; // an unterminated quote, or a header past the buffer
        const b = buf[pos]!;
        if (b === QUOTE) {
          parts.push(buf.subarray(from, pos));
          if (buf[pos + 1] === QUOTE) {
            parts.push(Buffer.from([QUOTE]));
            pos += 2;
            from = pos;
            continue;
          }
          pos++;
          break;
        }
        if (b === LF) lines++;
        pos++;
      }
      const tailStart = pos;
      while (pos < limit && buf[pos] !== COMMA && buf[pos] !== LF) pos++;
      parts.push(stripCr(buf, tailStart, pos));
      value = Buffer.concat(parts);
    } else {
      const from = pos;
      while (pos < limit && buf[pos] !== COMMA && buf[pos] !== LF) pos++;
      value = stripCr(buf, from, pos);
    }
    fields.push(value.toString('utf8'));
    if (pos >= limit) {
      if (!atEof) return null;
      return { fields, end: pos, lines };
    }
    if (buf[pos] === LF) return { fields, end: pos + 1, lines };
    pos++; // comma
  }
}

function stripCr(buf: Buffer, from: number, to: number): Buffer {
  return buf.subarray(from, to > from && buf[to - 1] === CR ? to - 1 : to);
}

export class CsvSource implements TableSource {
  readonly positionName = 'line';
  private dictionaries: ByteDictionary[] = [];
  /** Physical lines the read went through, blank ones included. */
  linesRead = 0;
  /** Whether the last row ended inside an unterminated quoted field. */
  endedInsideQuotes = false;

  constructor(
    private readonly path: string,
    private readonly handle: FileHandle,
    private readonly body: ByteRange,
    readonly columns: readonly string[],
    private readonly firstLine: number,
  ) {}

  dictionary(request: number): readonly string[] {
    return this.dictionaries[request]?.values ?? [];
  }

  async read(requests: readonly ColumnRequest[], sink: ReadSink): Promise<void> {
    this.dictionaries = requests.map(() => new ByteDictionary());
    const parser = new CsvRowParser(this.columns.length, requests, this.dictionaries, sink);
    let buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0; // bytes of buf holding data
    let offset = this.body.start; // file offset of buf[filled]
    let line = this.firstLine;
    for (;;) {
      if (filled === buf.length) {
        const grown = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(grown, 0, 0, filled);
        buf = grown;
      }
      const { bytesRead } = await this.handle
        .read(buf, filled, Math.min(buf.length - filled, this.body.end - offset), offset)
        .catch((error: unknown) => {
          throw inputFileError(this.path, error);
        });
      offset += bytesRead;
      filled += bytesRead;
      const atEof = bytesRead === 0 || offset >= this.body.end;
      const consumed = parser.parse(buf, filled, atEof, line);
      line = parser.line;
      sink.progress?.(
        offset - (filled - consumed) - this.body.start,
        this.body.end - this.body.start,
      );
      if (atEof) break;
      buf.copy(buf, 0, consumed, filled);
      filled -= consumed;
    }
    parser.flush();
    this.linesRead = line - this.firstLine;
    this.endedInsideQuotes = parser.endedInsideQuotes;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/**
 * The hot loop. Keeps one reusable batch; `parse` consumes every complete row of a buffer and
 * returns how many bytes it used, leaving an incomplete last row for the next call.
 */
class CsvRowParser {
  /** Line number where the next row starts. */
  line = 0;
  endedInsideQuotes = false;
  /** Request index per field index, or -1. */
  private readonly slotOfField: Int32Array;
  private readonly categorical: boolean[];
  private readonly lastField: number;
  private length = 0;
  private readonly positions = new Float64Array(BATCH_ROWS);
  private readonly codes: (Int32Array | undefined)[];
  private readonly numbers: (Float64Array | undefined)[];
  private readonly badNumbers: (Map<number, string> | undefined)[];
  /** Unescaped bytes of the current quoted field. */
  private scratch = Buffer.allocUnsafe(1024);

  constructor(
    private readonly fieldCount: number,
    requests: readonly ColumnRequest[],
    private readonly dictionaries: readonly ByteDictionary[],
    private readonly sink: ReadSink,
  ) {
    this.slotOfField = new Int32Array(fieldCount).fill(-1);
    requests.forEach((request, slot) => (this.slotOfField[request.index] = slot));
    this.lastField = fieldCount - 1;
    this.categorical = requests.map((r) => r.kind === 'categorical');
    this.codes = requests.map((r) =>
      r.kind === 'categorical' ? new Int32Array(BATCH_ROWS) : undefined,
    );
    this.numbers = requests.map((r) =>
      r.kind === 'numeric' ? new Float64Array(BATCH_ROWS) : undefined,
    );
    this.badNumbers = requests.map((r) =>
      r.kind === 'numeric' ? new Map<number, string>() : undefined,
    );
  }

  parse(buf: Buffer, limit: number, atEof: boolean, line: number): number {
    this.line = line;
    let rowStart = 0;
    // Without EOF, only rows that end before the last newline can be complete.
    const safeEnd = atEof ? limit : buf.lastIndexOf(LF, limit - 1) + 1;
    while (rowStart < safeEnd) {
      const next = this.parseRow(buf, rowStart, atEof ? limit : safeEnd, atEof);
      if (next < 0) break; // the row runs past the data we have
      rowStart = next;
    }
    return rowStart;
  }

  /** Parses one row starting at `start`; returns where the next row starts, or -1 if incomplete. */
  private parseRow(buf: Buffer, start: number, limit: number, atEof: boolean): number {
    const firstLine = this.line;
    // A blank line is no row.
    if (buf[start] === LF || (buf[start] === CR && buf[start + 1] === LF)) {
      this.line++;
      return start + (buf[start] === LF ? 1 : 2);
    }
    if (this.length === BATCH_ROWS) this.flush();
    const row = this.length;
    let lines = 0;
    let pos = start;
    let field = 0;
    for (;;) {
      const slot = field <= this.lastField ? this.slotOfField[field]! : -1;
      let valueBuf: Buffer = buf;
      let valueStart = pos;
      let valueEnd: number;
      if (buf[pos] === QUOTE) {
        const quoted = this.readQuoted(buf, pos, limit);
        if (quoted < 0) {
          if (!atEof) return -1;
          this.line += lines + 1;
          this.endedInsideQuotes = true;
          this.sink.unreadable({ position: firstLine, reason: 'unterminated quoted field' });
          return limit;
        }
        lines += this.quotedLines;
        pos = quoted;
        // Anything between the closing quote and the delimiter is kept, as Python's csv does.
        while (pos < limit && buf[pos] !== COMMA && buf[pos] !== LF) {
          this.appendScratch(buf[pos]!);
          pos++;
        }
        valueBuf = this.scratch;
        valueStart = 0;
        valueEnd = this.scratchLength;
        if (pos < limit && buf[pos] === LF && valueEnd > 0 && this.scratch[valueEnd - 1] === CR)
          valueEnd--;
      } else {
        while (pos < limit) {
          const b = buf[pos]!;
          if (b === COMMA || b === LF) break;
          pos++;
        }
        valueEnd = pos;
        if (pos < limit && buf[pos] === LF && valueEnd > valueStart && buf[valueEnd - 1] === CR)
          valueEnd--;
      }
      if (slot >= 0) this.store(slot, row, valueBuf, valueStart, valueEnd);
      field++;
      if (pos >= limit) {
        if (!atEof) return -1;
        return this.endRow(row, field, firstLine, lines, limit);
      }
      if (buf[pos] === LF) return this.endRow(row, field, firstLine, lines, pos + 1);
      pos++; // comma
    }
  }

  private endRow(
    row: number,
    fields: number,
    firstLine: number,
    lines: number,
    next: number,
  ): number {
    this.line = firstLine + lines + 1;
    if (fields !== this.fieldCount) {
      this.sink.unreadable({
        position: firstLine,
        reason: `has ${fields} field${fields === 1 ? '' : 's'}, the header has ${this.fieldCount}`,
      });
      this.clearRow(row);
      return next;
    }
    this.positions[row] = firstLine;
    this.length = row + 1;
    return next;
  }

  /** A rejected row may have recorded bad numbers; forget them. */
  private clearRow(row: number): void {
    for (const map of this.badNumbers) map?.delete(row);
  }

  private store(slot: number, row: number, buf: Buffer, start: number, end: number): void {
    if (this.categorical[slot]) {
      const codes = this.codes[slot]!;
      if (start === end) {
        codes[row] = MISSING_CODE;
        return;
      }
      const hash = ByteDictionary.hash(buf, start, end);
      codes[row] = this.dictionaries[slot]!.codeOf(buf, start, end, hash);
      return;
    }
    const numbers = this.numbers[slot]!;
    if (start === end) {
      numbers[row] = NaN;
      return;
    }
    const fast = parseDecimal(buf, start, end);
    if (fast !== undefined) {
      numbers[row] = fast;
      return;
    }
    const text = buf.toString('utf8', start, end);
    const value = text.trim() === '' ? NaN : Number(text);
    if (Number.isFinite(value)) numbers[row] = value;
    else {
      numbers[row] = NaN;
      if (text.trim() !== '') this.badNumbers[slot]!.set(row, text);
    }
  }

  private scratchLength = 0;
  private quotedLines = 0;

  /**
   * Reads a quoted field opening at `start` into the scratch buffer, unescaping "". Returns the
   * position after the closing quote, or -1 when the data ends first.
   */
  private readQuoted(buf: Buffer, start: number, limit: number): number {
    this.scratchLength = 0;
    this.quotedLines = 0;
    let pos = start + 1;
    while (pos < limit) {
      const b = buf[pos]!;
      if (b === QUOTE) {
        if (pos + 1 < limit && buf[pos + 1] === QUOTE) {
          this.appendScratch(QUOTE);
          pos += 2;
          continue;
        }
        return pos + 1;
      }
      if (b === LF) this.quotedLines++;
      this.appendScratch(b);
      pos++;
    }
    return -1;
  }

  private appendScratch(b: number): void {
    if (this.scratchLength === this.scratch.length) {
      const grown = Buffer.allocUnsafe(this.scratch.length * 2);
      this.scratch.copy(grown);
      this.scratch = grown;
    }
    this.scratch[this.scratchLength++] = b;
  }

  /** Hands the filled rows to the sink and starts an empty batch. */
  flush(): void {
    if (this.length === 0) return;
    const length = this.length;
    const batch: RowBatch = {
      length,
      positions: this.positions.subarray(0, length),
      codes: this.codes.map((codes) => codes?.subarray(0, length)),
      numbers: this.numbers.map((numbers) => numbers?.subarray(0, length)),
      badNumbers: this.badNumbers,
    };
    this.sink.batch(batch);
    this.length = 0;
    for (const map of this.badNumbers) map?.clear();
  }
}
