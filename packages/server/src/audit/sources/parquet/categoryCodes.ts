/**
 * The codes of one categorical request: a `ValueDictionary` (the one `TableSource.dictionary`
 * exposes) for decoded values, with the code of each value seen remembered by the value itself
 * (so that a chunk's dictionary entries can be matched to codes without adding any); and, for
 * strings read straight from PLAIN pages, a `ByteDictionary` in front of it so that a repeated
 * string is hashed, not decoded, per cell.
 */

import { ByteDictionary } from '../byteDictionary.js';
import { ValueDictionary } from '../valueDictionary.js';

const utf8 = new TextDecoder();

export class CategoryCodes {
  readonly dictionary = new ValueDictionary();
  readonly #bytes = new ByteDictionary();
  /** Code in `dictionary` of each `ByteDictionary` code. */
  readonly #codeOfByteCode: number[] = [];
  /** The code of each value seen but objects, by the value itself. */
  readonly #known = new Map<unknown, number>();

  /** The code of a decoded value (see the policy in `valueDictionary.ts`). */
  codeOf(value: unknown): number {
    // Objects (Dates, structs from hyparquet) are new for every cell: not worth remembering.
    if (typeof value === 'object') return this.dictionary.codeOf(value);
    let code = this.#known.get(value);
    if (code === undefined) {
      code = this.dictionary.codeOf(value);
      this.#known.set(value, code);
    }
    return code;
  }

  /** The code `value` got when it was last seen, without adding it to the dictionary. */
  knownCode(value: unknown): number | undefined {
    return this.#known.get(value);
  }

  /** The code of the UTF-8 text in bytes[start, end); an empty string is missing. */
  codeOfBytes(bytes: Buffer, start: number, end: number): number {
    // TextDecoder, which decodes the dictionary entries (as hyparquet does), drops a leading
    // byte order mark; Buffer#toString, which ByteDictionary uses, keeps it.
    if (
      end - start >= 3 &&
      bytes[start] === 0xef &&
      bytes[start + 1] === 0xbb &&
      bytes[start + 2] === 0xbf
    ) {
      return this.dictionary.codeOf(utf8.decode(bytes.subarray(start, end)));
    }
    const byteCode = this.#bytes.codeOf(bytes, start, end, ByteDictionary.hash(bytes, start, end));
    let code = this.#codeOfByteCode[byteCode];
    if (code === undefined) {
      const text = this.#bytes.values[byteCode]!;
      code = this.dictionary.codeOf(text);
      this.#codeOfByteCode[byteCode] = code;
      this.#known.set(text, code);
    }
    return code;
  }
}
