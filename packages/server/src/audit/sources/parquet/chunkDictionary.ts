/**
 * The dictionary page of a column chunk, turned into what its dictionary-encoded data pages
 * index: category codes for a categorical request, numbers for a numeric one.
 *
 * Codes are resolved lazily, the first time a row uses an entry, so the request's dictionary
 * grows in row order and never holds a value no row has (as when hyparquet decodes the values);
 * once every entry has its code, data pages decode indices straight to codes. Numbers are
 * converted eagerly: that touches no shared state.
 */

import { MISSING_CODE } from '../tableSource.js';
import type { CategoryCodes } from './categoryCodes.js';
import type { FlatColumn } from './flatColumn.js';
import {
  plainNumbers,
  plainValueList,
  type PlainSection,
  type PlainValueList,
} from './plainDecoder.js';

/** Marks an entry whose code is not known yet (MISSING_CODE is a valid code). */
const UNRESOLVED = MISSING_CODE - 1;

export type ChunkDictionary = CategoricalDictionary | NumericDictionary;

export class CategoricalDictionary {
  readonly kind = 'categorical';
  readonly size: number;
  readonly #entries: PlainValueList;
  readonly #codes: Int32Array;
  readonly #categories: CategoryCodes;
  #unresolved = 0;

  /**
   * Entries whose value an earlier row already had get its code now (the request's dictionary
   * does not change); the others wait for their first row.
   */
  constructor(column: FlatColumn, section: PlainSection, categories: CategoryCodes) {
    this.#entries = plainValueList(column, section);
    this.size = section.count;
    this.#codes = new Int32Array(section.count);
    this.#categories = categories;
    for (let index = 0; index < this.size; index++) {
      const code = categories.knownCode(this.#entries.at(index));
      if (code === undefined) this.#unresolved++;
      this.#codes[index] = code ?? UNRESOLVED;
    }
  }

  /** The code of every entry, by index, once all are known; undefined before. */
  get resolvedCodes(): Int32Array | undefined {
    return this.#unresolved === 0 ? this.#codes : undefined;
  }

  /** out[i] = code of entry indices[i], for i < count; indices must be below `size`. */
  codesOf(indices: Int32Array, count: number, out: Int32Array): void {
    const codes = this.#codes;
    for (let i = 0; i < count; i++) {
      const index = indices[i]!;
      let code = codes[index]!;
      if (code === UNRESOLVED) {
        code = this.#categories.codeOf(this.#entries.at(index));
        codes[index] = code;
        this.#unresolved--;
      }
      out[i] = code;
    }
  }
}

export class NumericDictionary {
  readonly kind = 'numeric';
  readonly size: number;
  readonly #numbers: Float64Array;
  readonly #badNumbers = new Map<number, string>();

  constructor(column: FlatColumn, section: PlainSection) {
    this.size = section.count;
    this.#numbers = new Float64Array(section.count);
    plainNumbers(column, section, this.#numbers, this.#badNumbers);
  }

  /**
   * out[i] = number of entry indices[i], for i < count, recording bad entries' text in `bad`
   * by i; indices must be below `size`.
   */
  numbersOf(indices: Int32Array, count: number, out: Float64Array, bad: Map<number, string>): void {
    const numbers = this.#numbers;
    for (let i = 0; i < count; i++) out[i] = numbers[indices[i]!]!;
    if (this.#badNumbers.size === 0) return;
    for (let i = 0; i < count; i++) {
      const text = this.#badNumbers.get(indices[i]!);
      if (text !== undefined) bad.set(i, text);
    }
  }
}
