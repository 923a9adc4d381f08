/**
 * JSON Lines (NDJSON) input: one JSON object per line, UTF-8, LF or CRLF line endings, an
 * optional byte order mark. Blank lines are skipped. The file is streamed in chunks, so memory
 * stays flat for files of any size.
 *
 * Columns: `columns` lists the keys of the first object in the file, in `Object.keys` order
 * (which puts integer-like keys such as "7" first). Only as much of the file is read as it
 * takes to find that object. Later objects may lack a key (the cell is missing) or carry keys
 * the first one does not have; a caller that needs such a key names it in
 * `JsonlSourceOptions.expectedColumns`, which appends it to `columns`.
 *
 * A line that is not valid JSON, or is JSON but not an object, is reported to
 * `ReadSink.unreadable` with its line number, and the read continues. An object or array
 * value in a categorical column is the category of its JSON text; in a numeric column it is a
 * bad number.
 */

import type { FileHandle } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import { openInputFile } from './inputFile.js';
import { MAX_LINE_LENGTH, readLines } from './lineReader.js';
import { requestedColumnNames, RowBatchBuilder } from './rowBatchBuilder.js';
import type { ColumnRequest, ReadSink, TableSource } from './tableSource.js';
import type { ValueDictionary } from './valueDictionary.js';

export interface JsonlSourceOptions {
  /**
   * Column names the caller will request that may first appear after the first object.
   * Those the first object lacks are appended to `columns`, in this order.
   */
  readonly expectedColumns?: readonly string[];
}

/**
 * How many non-blank lines may precede the first object. A file whose first lines are all
 * something else is taken to be in another format, rather than scanned to its end.
 */
const FIRST_OBJECT_SEARCH_LINES = 100;

const OVERLONG_REASON = `line longer than ${MAX_LINE_LENGTH} characters`;

export async function openJsonlSource(
  path: string,
  options: JsonlSourceOptions = {},
): Promise<TableSource> {
  const { handle, size } = await openInputFile(path);
  try {
    const firstKeys = await readFirstObjectKeys(handle, path);
    const columns = [...firstKeys];
    for (const name of options.expectedColumns ?? []) {
      if (!columns.includes(name)) columns.push(name);
    }
    return new JsonlSource(path, handle, size, columns);
  } catch (error) {
    await handle.close();
    throw error;
  }
}

class JsonlSource implements TableSource {
  readonly columns: readonly string[];
  readonly positionName = 'line';
  readonly #path: string;
  readonly #handle: FileHandle;
  readonly #size: number;
  #dictionaries: readonly (ValueDictionary | undefined)[] = [];
  #closed = false;

  constructor(path: string, handle: FileHandle, size: number, columns: readonly string[]) {
    this.#path = path;
    this.#handle = handle;
    this.#size = size;
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
    const total = this.#size;

    await readLines(this.#handle, this.#path, {
      line(text, lineNumber) {
        if (isBlank(text)) return true;
        const row = parseObject(text);
        if (typeof row === 'string') {
          sink.unreadable({ position: lineNumber, reason: row });
          return true;
        }
        const index = builder.addRow(lineNumber);
        for (let request = 0; request < names.length; request++) {
          const name = names[request]!;
          builder.set(request, index, Object.hasOwn(row, name) ? row[name] : undefined);
        }
        if (builder.isFull) sink.batch(builder.take());
        return true;
      },
      overlong(lineNumber) {
        sink.unreadable({ position: lineNumber, reason: OVERLONG_REASON });
      },
      progress(bytesRead) {
        sink.progress?.(bytesRead, total);
      },
    });
    if (builder.length > 0) sink.batch(builder.take());
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#handle.close();
  }
}

async function readFirstObjectKeys(handle: FileHandle, path: string): Promise<string[]> {
  let keys: string[] | undefined;
  let firstProblem: string | undefined;
  let firstText: string | undefined;
  let nonBlankLines = 0;
  await readLines(handle, path, {
    line(text, lineNumber) {
      if (isBlank(text)) return true;
      nonBlankLines += 1;
      firstText ??= text;
      const row = parseObject(text);
      if (typeof row !== 'string') {
        keys = Object.keys(row);
        return false;
      }
      firstProblem ??= `line ${lineNumber}: ${row}`;
      return nonBlankLines < FIRST_OBJECT_SEARCH_LINES;
    },
    overlong(lineNumber) {
      nonBlankLines += 1;
      firstProblem ??= `line ${lineNumber}: ${OVERLONG_REASON}`;
    },
  });
  if (keys !== undefined) return keys;
  if (firstProblem === undefined) throw new InputError(`${path}: the file has no rows`);
  const arrayHint = firstText?.trimStart().startsWith('[')
    ? '; a JSON array is not JSON Lines: write one object per line'
    : '';
  const what =
    nonBlankLines >= FIRST_OBJECT_SEARCH_LINES
      ? `not JSON Lines (none of the first ${FIRST_OBJECT_SEARCH_LINES} lines is a JSON object`
      : `the file has no rows (no line is a JSON object`;
  throw new InputError(`${path}: ${what}; ${firstProblem}${arrayHint})`);
}

/** The object on a line, or why the line is unreadable. */
function parseObject(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `invalid JSON: ${jsonErrorSummary(error)}`;
  }
  return isJsonObject(value) ? value : 'not a JSON object';
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const MAX_REASON_LENGTH = 120;

/**
 * The parser's message without the copy of the input V8 puts in it (`Unexpected token 'x',
 * "xyz..." is not valid JSON`), kept short.
 */
function jsonErrorSummary(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const summary = message
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ \(line \d+ column \d+\)$/, '');
  return summary.length > MAX_REASON_LENGTH ? `${summary.slice(0, MAX_REASON_LENGTH)}…` : summary;
}

function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  // Only a line that starts with whitespace can be blank; checking first keeps trim() off the hot path.
  return (first === 32 || first === 9 || first === 13) && text.trim() === '';
}
