/**
 * Turning the JS values a file format decodes into what a `RowBatch` carries: categorical
 * codes into a per-column dictionary, and float64 numbers with the raw text of the cells that
 * are not numbers.
 *
 * Policy for values, shared by every source built on this module:
 * - A categorical value is identified by its canonical text (`canonicalText`): a number is
 *   `String(n)` (so `1`, `1.0` and `1n` are the same category, "1"), a boolean is "true" or
 *   "false", a bigint its decimal digits, a Date its `toISOString()`, an object or array its
 *   JSON text. `null`, `undefined` and `""` are missing (`MISSING_CODE`).
 * - A numeric value is a finite number, a string holding one decimal number (surrounding
 *   whitespace allowed), a bigint (rounded to the nearest float64) or a boolean (1 or 0).
 *   `null`, `undefined`, `""` and whitespace-only strings are missing: NaN, not a bad number.
 *   Everything else (other strings, hexadecimal/octal/binary literals, NaN, ±Infinity, Dates,
 *   objects) is NaN and its canonical text is recorded as a bad number.
 */

import { MISSING_CODE } from './tableSource.js';

/**
 * The text that identifies a present value as a category, and that quotes it in messages.
 * Not meant for `null`, `undefined` or `""`, which are missing rather than a category.
 */
export function canonicalText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'object':
      if (value === null) return 'null';
      if (value instanceof Date) return dateText(value);
      return jsonText(value);
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return value.toString();
    case 'function':
      return 'function';
  }
}

function dateText(date: Date): string {
  const time = date.getTime();
  return Number.isNaN(time) ? 'Invalid Date' : date.toISOString();
}

function jsonText(value: object): string {
  // Typed as string, but undefined for an object whose toJSON returns undefined.
  const json = JSON.stringify(value, jsonReplacer) as string | undefined;
  return json ?? Object.prototype.toString.call(value);
}

/** JSON.stringify cannot write a bigint; nested bigints (Parquet INT64 in a struct) become their digits. */
function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/**
 * Interns the values of one categorical column: each distinct canonical text gets the next
 * code, starting at 0, and keeps it for the life of the dictionary.
 *
 * Lookups of numbers, bigints and Dates are cached by value, so a column of repeated numbers
 * does not build a string per cell.
 */
export class ValueDictionary {
  /** Canonical text of each category, indexed by code. */
  readonly values: string[] = [];
  readonly #byText = new Map<string, number>();
  readonly #byNumber = new Map<number, number>();
  readonly #byBigint = new Map<bigint, number>();
  readonly #byTime = new Map<number, number>();

  /** The code of `value`, adding it to the dictionary when new; `MISSING_CODE` for a missing value. */
  codeOf(value: unknown): number {
    switch (typeof value) {
      case 'string':
        return value === '' ? MISSING_CODE : this.#codeOfText(value);
      case 'number': {
        let code = this.#byNumber.get(value);
        if (code === undefined) {
          code = this.#codeOfText(String(value));
          this.#byNumber.set(value, code);
        }
        return code;
      }
      case 'bigint': {
        let code = this.#byBigint.get(value);
        if (code === undefined) {
          code = this.#codeOfText(value.toString());
          this.#byBigint.set(value, code);
        }
        return code;
      }
      case 'boolean':
        return this.#codeOfText(value ? 'true' : 'false');
      case 'undefined':
        return MISSING_CODE;
      case 'object': {
        if (value === null) return MISSING_CODE;
        if (value instanceof Date) {
          const time = value.getTime();
          let code = this.#byTime.get(time);
          if (code === undefined) {
            code = this.#codeOfText(dateText(value));
            this.#byTime.set(time, code);
          }
          return code;
        }
        return this.#codeOfText(canonicalText(value));
      }
      default:
        return this.#codeOfText(canonicalText(value));
    }
  }

  #codeOfText(text: string): number {
    let code = this.#byText.get(text);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(text);
      this.#byText.set(text, code);
    }
    return code;
  }
}

/**
 * The float64 value of a numeric cell (see the policy above). When the cell is present but not
 * a finite number, returns NaN and records its canonical text in `badNumbers` under `row`.
 */
export function toFiniteNumber(
  value: unknown,
  row: number,
  badNumbers: Map<number, string>,
): number {
  switch (typeof value) {
    case 'number':
      if (Number.isFinite(value)) return value;
      break;
    case 'string': {
      const parsed = parseDecimal(value);
      if (parsed !== undefined) return parsed;
      break;
    }
    case 'bigint':
      return Number(value);
    case 'boolean':
      return value ? 1 : 0;
    case 'undefined':
      return NaN;
    case 'object':
      if (value === null) return NaN;
      break;
    default:
      break;
  }
  badNumbers.set(row, canonicalText(value));
  return NaN;
}

/** NaN for an empty or blank string (missing), the number for a decimal one, else undefined (bad). */
function parseDecimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return NaN;
  const parsed = Number(trimmed);
  if (!Number.isFinite(parsed)) return undefined;
  // Number() also reads 0x1F, 0o17 and 0b11; a score written that way is more likely a mistake.
  if (
    trimmed.length > 2 &&
    trimmed.charCodeAt(0) === ZERO &&
    isRadixLetter(trimmed.charCodeAt(1))
  ) {
    return undefined;
  }
  return parsed;
}

const ZERO = 48;

/** x, o or b in either case. */
function isRadixLetter(charCode: number): boolean {
  const lower = charCode | 0x20;
  return lower === 120 || lower === 111 || lower === 98;
}
