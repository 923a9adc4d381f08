/**
 * A reader of Thrift's compact protocol, enough for Parquet page headers: varints, zigzag
 * integers, field headers, and skipping any value a reader does not need (statistics, CRCs,
 * fields added by later versions of the format).
 *
 * Every read checks the end of the buffer: a header cut short or garbled fails with an `Error`
 * instead of reading past the column chunk.
 */

/** Type ids of the compact protocol. */
export const CompactType = {
  STOP: 0,
  BOOLEAN_TRUE: 1,
  BOOLEAN_FALSE: 2,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
} as const;

export interface FieldHeader {
  readonly type: number;
  readonly id: number;
}

/** Deeper nesting than this is not a page header but garbage. */
const MAX_DEPTH = 32;

export class CompactReader {
  offset: number;
  readonly #bytes: Uint8Array;
  readonly #end: number;

  constructor(bytes: Uint8Array, offset: number, end: number = bytes.length) {
    this.#bytes = bytes;
    this.offset = offset;
    this.#end = end;
  }

  byte(): number {
    if (this.offset >= this.#end)
      throw new Error('page header runs past the end of the column chunk');
    return this.#bytes[this.offset++]!;
  }

  /** An unsigned varint of up to 64 bits, exact up to 2^53. */
  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
    throw new Error('page header has a varint longer than 10 bytes');
  }

  /** A zigzag-encoded i16, i32 or i64 (exact up to 2^53 in magnitude). */
  zigzag(): number {
    const n = this.varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  /** A 32-bit integer field that must fit a non-negative int32 (sizes, counts). */
  count(what: string): number {
    const value = this.zigzag();
    if (!Number.isSafeInteger(value) || value < 0 || value > 0x7fffffff) {
      throw new Error(`page header has an invalid ${what} (${value})`);
    }
    return value;
  }

  /** The next field header of a struct whose previous field id was `previousId`; STOP ends it. */
  fieldHeader(previousId: number): FieldHeader {
    const byte = this.byte();
    const type = byte & 0x0f;
    if (type === CompactType.STOP) return { type, id: 0 };
    const delta = byte >> 4;
    const id = delta === 0 ? this.zigzag() : previousId + delta;
    return { type, id };
  }

  /** Skips a value of `type`. */
  skip(type: number, depth = 0): void {
    if (depth > MAX_DEPTH) throw new Error('page header is nested too deeply');
    switch (type) {
      case CompactType.BOOLEAN_TRUE:
      case CompactType.BOOLEAN_FALSE:
        return;
      case CompactType.BYTE:
        this.byte();
        return;
      case CompactType.I16:
      case CompactType.I32:
      case CompactType.I64:
        this.varint();
        return;
      case CompactType.DOUBLE:
        this.#advance(8);
        return;
      case CompactType.BINARY:
        this.#advance(this.varint());
        return;
      case CompactType.LIST:
      case CompactType.SET: {
        const header = this.byte();
        const size = header >> 4 === 15 ? this.varint() : header >> 4;
        const elementType = header & 0x0f;
        for (let i = 0; i < size; i++) this.#skipElement(elementType, depth + 1);
        return;
      }
      case CompactType.MAP: {
        const size = this.varint();
        if (size === 0) return;
        const types = this.byte();
        for (let i = 0; i < size; i++) {
          this.#skipElement(types >> 4, depth + 1);
          this.#skipElement(types & 0x0f, depth + 1);
        }
        return;
      }
      case CompactType.STRUCT:
        this.skipStruct(depth + 1);
        return;
      default:
        throw new Error(`page header has an unknown thrift type ${type}`);
    }
  }

  /** Skips the rest of a struct, up to and including its STOP. */
  skipStruct(depth = 0): void {
    let id = 0;
    for (;;) {
      const field = this.fieldHeader(id);
      if (field.type === CompactType.STOP) return;
      this.skip(field.type, depth);
      id = field.id;
    }
  }

  /** Inside lists, sets and maps a boolean takes a byte. */
  #skipElement(type: number, depth: number): void {
    if (type === CompactType.BOOLEAN_TRUE || type === CompactType.BOOLEAN_FALSE) this.byte();
    else this.skip(type, depth);
  }

  #advance(length: number): void {
    if (length > this.#end - this.offset) {
      throw new Error('page header runs past the end of the column chunk');
    }
    this.offset += length;
  }
}
