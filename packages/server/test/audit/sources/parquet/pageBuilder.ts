/**
 * Hand-built Parquet pages, for what no local writer produces (DuckDB writes one data page v1
 * per chunk): several pages per chunk, data page v2, RLE booleans, a dictionary chunk that
 * falls back to PLAIN, index pages, header fields a reader must skip, and broken input.
 *
 * Written from the format's specification (parquet.thrift, Encodings.md), independently of the
 * decoder under test; hyparquet's own `readColumn` reads the same chunks as a second opinion.
 */

import { gzipSync } from 'node:zlib';

/** Thrift compact protocol writer: only what page headers need. */
class CompactWriter {
  readonly bytes: number[] = [];
  #lastId: number[] = [0];

  varint(value: number): this {
    let rest = value;
    while (rest >= 0x80) {
      this.bytes.push((rest % 128) | 0x80);
      rest = Math.floor(rest / 128);
    }
    this.bytes.push(rest);
    return this;
  }

  zigzag(value: number): this {
    return this.varint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  field(id: number, type: number): this {
    const last = this.#lastId[this.#lastId.length - 1]!;
    const delta = id - last;
    if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type);
    else {
      this.bytes.push(type);
      this.zigzag(id);
    }
    this.#lastId[this.#lastId.length - 1] = id;
    return this;
  }

  i32(id: number, value: number): this {
    return this.field(id, 5).zigzag(value);
  }

  i64(id: number, value: number): this {
    return this.field(id, 6).zigzag(value);
  }

  bool(id: number, value: boolean): this {
    return this.field(id, value ? 1 : 2);
  }

  binary(id: number, value: readonly number[]): this {
    this.field(id, 8).varint(value.length);
    this.bytes.push(...value);
    return this;
  }

  double(id: number): this {
    this.field(id, 7);
    this.bytes.push(0, 0, 0, 0, 0, 0, 0xf0, 0x3f);
    return this;
  }

  struct(id: number, write: (writer: this) => void): this {
    this.field(id, 12);
    this.#lastId.push(0);
    write(this);
    this.bytes.push(0);
    this.#lastId.pop();
    return this;
  }

  /** A list of i32 elements. */
  i32List(id: number, values: readonly number[]): this {
    this.field(id, 9);
    if (values.length < 15) this.bytes.push((values.length << 4) | 5);
    else {
      this.bytes.push(0xf5);
      this.varint(values.length);
    }
    for (const value of values) this.zigzag(value);
    return this;
  }

  stop(): number[] {
    this.bytes.push(0);
    return this.bytes;
  }
}

export const PAGE = { DATA: 0, INDEX: 1, DICTIONARY: 2, DATA_V2: 3 } as const;
export const ENCODING = {
  PLAIN: 0,
  PLAIN_DICTIONARY: 2,
  RLE: 3,
  BIT_PACKED: 4,
  DELTA_BINARY_PACKED: 5,
  RLE_DICTIONARY: 8,
} as const;

// Encoders -------------------------------------------------------------------------------------

/** One RLE run of `count` copies of `value`. */
export function rleRun(value: number, count: number, bitWidth: number): number[] {
  const out = varint(count * 2);
  for (let i = 0; i < Math.ceil(bitWidth / 8); i++)
    out.push(Math.floor(value / 2 ** (8 * i)) & 255);
  return out;
}

/** One bit-packed run of `values`, padded with zeros to a multiple of 8 values. */
export function bitPackedRun(values: readonly number[], bitWidth: number): number[] {
  const groups = Math.ceil(values.length / 8);
  const out = varint(groups * 2 + 1);
  const bits: number[] = [];
  for (let i = 0; i < groups * 8; i++) {
    const value = values[i] ?? 0;
    for (let b = 0; b < bitWidth; b++) bits.push(Math.floor(value / 2 ** b) % 2);
  }
  for (let i = 0; i < bits.length; i += 8) {
    let byte = 0;
    for (let b = 0; b < 8; b++) byte |= (bits[i + b] ?? 0) << b;
    out.push(byte);
  }
  return out;
}

/** `values` in the hybrid encoding: runs of 8+ equal values as RLE, the rest bit-packed. */
export function hybrid(values: readonly number[], bitWidth: number): number[] {
  const out: number[] = [];
  let packed: number[] = [];
  const flushPacked = (): void => {
    if (packed.length > 0) out.push(...bitPackedRun(packed, bitWidth));
    packed = [];
  };
  let i = 0;
  while (i < values.length) {
    let run = 1;
    while (i + run < values.length && values[i + run] === values[i]) run++;
    // A bit-packed run must be a whole number of groups unless it is the last.
    if (run >= 8 && packed.length % 8 === 0) {
      flushPacked();
      out.push(...rleRun(values[i]!, run, bitWidth));
      i += run;
    } else {
      packed.push(values[i]!);
      i++;
    }
  }
  flushPacked();
  return out;
}

/** Definition levels of a data page v1: a 4-byte length, then the hybrid (bit width 1). */
export function levelsV1(present: readonly boolean[]): number[] {
  const encoded = hybrid(
    present.map((p) => (p ? 1 : 0)),
    1,
  );
  return [...uint32(encoded.length), ...encoded];
}

export function plainInt32(values: readonly number[]): number[] {
  return values.flatMap((value) => uint32(value >>> 0));
}

export function plainInt64(values: readonly bigint[]): number[] {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((value, i) => {
    view.setBigInt64(i * 8, value, true);
  });
  return [...out];
}

export function plainDouble(values: readonly number[]): number[] {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((value, i) => {
    view.setFloat64(i * 8, value, true);
  });
  return [...out];
}

export function plainStrings(values: readonly string[]): number[] {
  return values.flatMap((value) => {
    const bytes = [...Buffer.from(value, 'utf8')];
    return [...uint32(bytes.length), ...bytes];
  });
}

export function plainBooleans(values: readonly boolean[]): number[] {
  const out = new Array<number>(Math.ceil(values.length / 8)).fill(0);
  values.forEach((value, i) => {
    if (value) out[i >> 3]! |= 1 << (i & 7);
  });
  return out;
}

/** Dictionary indices in a data page: the bit width byte, then the hybrid. */
export function dictionaryIndices(indices: readonly number[], bitWidth: number): number[] {
  return [bitWidth, ...hybrid(indices, bitWidth)];
}

// Pages ----------------------------------------------------------------------------------------

export interface Page {
  readonly header: number[];
  readonly body: number[];
}

export type Codec = 'UNCOMPRESSED' | 'GZIP';

function compress(codec: Codec, bytes: readonly number[]): number[] {
  return codec === 'GZIP' ? [...gzipSync(Uint8Array.from(bytes))] : [...bytes];
}

/** Header fields a reader must skip: a CRC, statistics, and a field from a later format. */
function extraFields(writer: CompactWriter): void {
  writer.i32(4, 12345);
}

function statistics(writer: CompactWriter, id: number): void {
  writer.struct(id, (s) => {
    s.binary(1, [1, 2, 3]).binary(2, [0]).i64(3, 7).i64(4, 2).binary(5, [9]).binary(6, [8]);
    s.bool(7, true).double(9).i32List(10, [1, 2, 3]);
  });
}

/** A data page v1: body = [levels] values, compressed as a whole. */
export function dataPageV1(options: {
  readonly numValues: number;
  readonly encoding: number;
  readonly levels?: readonly number[];
  readonly values: readonly number[];
  readonly codec?: Codec;
  readonly definitionLevelEncoding?: number;
  readonly withExtras?: boolean;
}): Page {
  const raw = [...(options.levels ?? []), ...options.values];
  const body = compress(options.codec ?? 'UNCOMPRESSED', raw);
  const writer = new CompactWriter().i32(1, PAGE.DATA).i32(2, raw.length).i32(3, body.length);
  if (options.withExtras) extraFields(writer);
  writer.struct(5, (page) => {
    page
      .i32(1, options.numValues)
      .i32(2, options.encoding)
      .i32(3, options.definitionLevelEncoding ?? ENCODING.RLE)
      .i32(4, ENCODING.RLE);
    if (options.withExtras) statistics(page, 5);
  });
  if (options.withExtras) writer.i32(20, 1).binary(21, [1, 2]);
  return { header: writer.stop(), body };
}

/**
 * A data page v2: definition levels (hybrid, no length prefix) uncompressed, then the values,
 * compressed unless `compressed` is false.
 */
export function dataPageV2(options: {
  readonly numValues: number;
  readonly numNulls: number;
  readonly encoding: number;
  readonly definitionLevels?: readonly number[];
  readonly values: readonly number[];
  readonly codec?: Codec;
  readonly compressed?: boolean;
  readonly withExtras?: boolean;
}): Page {
  const levels = options.definitionLevels ?? [];
  const values =
    options.compressed === false
      ? [...options.values]
      : compress(options.codec ?? 'UNCOMPRESSED', options.values);
  const writer = new CompactWriter()
    .i32(1, PAGE.DATA_V2)
    .i32(2, levels.length + options.values.length)
    .i32(3, levels.length + values.length);
  if (options.withExtras) extraFields(writer);
  writer.struct(8, (page) => {
    page
      .i32(1, options.numValues)
      .i32(2, options.numNulls)
      .i32(3, options.numValues)
      .i32(4, options.encoding)
      .i32(5, levels.length)
      .i32(6, 0);
    if (options.compressed !== undefined) page.bool(7, options.compressed);
    if (options.withExtras) statistics(page, 8);
  });
  return { header: writer.stop(), body: [...levels, ...values] };
}

export function dictionaryPage(options: {
  readonly numValues: number;
  readonly values: readonly number[];
  readonly codec?: Codec;
  readonly encoding?: number;
}): Page {
  const body = compress(options.codec ?? 'UNCOMPRESSED', options.values);
  const header = new CompactWriter()
    .i32(1, PAGE.DICTIONARY)
    .i32(2, options.values.length)
    .i32(3, body.length)
    .struct(7, (page) => {
      page
        .i32(1, options.numValues)
        .i32(2, options.encoding ?? ENCODING.PLAIN)
        .bool(3, false);
    })
    .stop();
  return { header, body };
}

/** An index page (the format reserves it; readers skip it). */
export function indexPage(): Page {
  const body = [1, 2, 3, 4];
  const header = new CompactWriter()
    .i32(1, PAGE.INDEX)
    .i32(2, body.length)
    .i32(3, body.length)
    .struct(6, () => undefined)
    .stop();
  return { header, body };
}

export function chunkOf(pages: readonly Page[]): Uint8Array {
  return Uint8Array.from(pages.flatMap((page) => [...page.header, ...page.body]));
}

function varint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

function uint32(value: number): number[] {
  return [value & 255, (value >>> 8) & 255, (value >>> 16) & 255, (value >>> 24) & 255];
}
