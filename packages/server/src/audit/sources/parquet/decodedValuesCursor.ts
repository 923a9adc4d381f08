/**
 * The cells of a column chunk that hyparquet decoded into JS values (the columns and chunks our
 * decoder leaves to it), converted cell by cell under the policy of `valueDictionary.ts`.
 */

import { toFiniteNumber } from '../valueDictionary.js';
import type { CellColumn } from './cellColumn.js';
import type { CategoryCodes } from './categoryCodes.js';
import type { ChunkCursor } from './columnChunkReader.js';

export class DecodedValuesCursor implements ChunkCursor {
  readonly #values: ArrayLike<unknown>;
  readonly #categories: CategoryCodes | undefined;
  #next = 0;

  constructor(values: ArrayLike<unknown>, categories: CategoryCodes | undefined) {
    this.#values = values;
    this.#categories = categories;
  }

  read(into: CellColumn, offset: number, count: number): void {
    const values = this.#values;
    const first = this.#next;
    if (first + count > values.length) {
      throw new Error(
        `hyparquet decoded ${values.length} values, expected at least ${first + count}`,
      );
    }
    if (into.kind === 'categorical') {
      const categories = this.#categories;
      if (categories === undefined) throw new Error('categorical cells without categories');
      for (let i = 0; i < count; i++) into.codes[offset + i] = categories.codeOf(values[first + i]);
    } else {
      for (let i = 0; i < count; i++) {
        into.numbers[offset + i] = toFiniteNumber(values[first + i], offset + i, into.badNumbers);
      }
    }
    this.#next = first + count;
  }
}
