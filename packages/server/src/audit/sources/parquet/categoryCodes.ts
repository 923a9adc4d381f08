/**
 * The codes of one categorical request: a `ValueDictionary` (the one `TableSource.dictionary`
 * exposes) for decoded values, and, for strings read straight from PLAIN pages, a
 * `ByteDictionary` in front of it so that a repeated string is hashed, not decoded, per cell.
 */

import { ByteDictionary } from '../byteDictionary.js';
import { ValueDictionary } from '../valueDictionary.js';

const utf8 = new TextDecoder();

export class CategoryCodes {
  readonly dictionary = new ValueDictionary();
  readonly #bytes = new ByteDictionary();
  /** Code in `dictionary` of each `ByteDictionary` code. */
  readonly #codeOfByteCode: number[] = [];

  /** The code of a decoded value (see the policy in `valueDictionary.ts`). */
  codeOf(value: unknown): number {
    return this.dictionary.codeOf(value);
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
      code = this.dictionary.codeOf(this.#bytes.values[byteCode]!);
      this.#codeOfByteCode[byteCode] = code;
    }
    return code;
  }
}
