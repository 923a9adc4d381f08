/**
 * Parquet's RLE / bit-packing hybrid encoding, used for definition levels, dictionary indices
 * and RLE booleans. A sequence of runs, each starting with a varint header h:
 * - h even: an RLE run of h >> 1 copies of one value, stored little-endian in ceil(w / 8) bytes;
 * - h odd: a bit-packed run of (h >> 1) groups of 8 values, w bits each, least significant bit
 *   first, in (h >> 1) * w bytes.
 * where w is the bit width. The last run may hold more values than the page needs; the extra
 * ones are padding.
 */

/** Bits needed to store values up to `max`: 0 for 0, 1 for 1, 2 for 2-3, ... */
export function bitWidthOf(max: number): number {
  return 32 - Math.clz32(max);
}

/**
 * Decodes `count` values with bit width `bitWidth` (0 to 32) from bytes[start, end) into
 * out[0, count), or, given a `map`, writes map[value] instead of each value (dictionary indices
 * straight to codes). Returns the largest value decoded (0 when `count` is 0), so that a caller
 * can check indices against its dictionary; a value beyond `map` writes garbage that the caller
 * must then discard. Throws when the runs end before `count` values.
 */
export function decodeRleHybrid(
  bytes: Uint8Array,
  start: number,
  end: number,
  bitWidth: number,
  count: number,
  out: Int32Array,
  map?: Int32Array,
): number {
  if (bitWidth < 0 || bitWidth > 32) throw new Error(`invalid bit width ${bitWidth}`);
  if (bitWidth === 0) {
    out.fill(map ? map[0]! : 0, 0, count);
    return 0;
  }
  let position = start;
  let filled = 0;
  let max = 0;
  while (filled < count) {
    // The run header, a varint.
    let header = 0;
    let scale = 1;
    for (;;) {
      if (position >= end) throw new Error('RLE/bit-packed data ends early');
      const byte = bytes[position++]!;
      header += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 128;
      if (scale > 2 ** 35) throw new Error('RLE/bit-packed run header is too long');
    }
    if (header % 2 === 0) {
      const runLength = header / 2;
      const valueBytes = (bitWidth + 7) >> 3;
      if (valueBytes > end - position) throw new Error('RLE/bit-packed data ends early');
      let value = 0;
      for (let i = 0; i < valueBytes; i++) value += bytes[position + i]! * 2 ** (8 * i);
      position += valueBytes;
      const take = Math.min(runLength, count - filled);
      out.fill(map ? map[value]! : value, filled, filled + take);
      if (take > 0 && value > max) max = value;
      filled += take;
    } else {
      const groups = (header - 1) / 2;
      const take = Math.min(groups * 8, count - filled);
      const needed = Math.ceil((take * bitWidth) / 8);
      if (needed > end - position) throw new Error('RLE/bit-packed data ends early');
      let unpacked = 0;
      if (bitWidth <= 8) {
        // Whole groups whose 8-byte window lies inside the data, then the rest value by value.
        const windows = end - position >= 8 ? Math.floor((end - position - 8) / bitWidth) + 1 : 0;
        const groupsFast = Math.min(take >> 3, windows);
        const groupsMax = unpackGroups(
          bytes,
          position,
          bitWidth,
          groupsFast,
          out,
          filled,
          map ?? IDENTITY,
        );
        if (groupsMax > max) max = groupsMax;
        unpacked = groupsFast * 8;
      }
      const from = position + (unpacked / 8) * bitWidth;
      const unpack = bitWidth <= 24 ? unpackNarrow : unpackWide;
      const restMax = unpack(bytes, from, bitWidth, take - unpacked, out, filled + unpacked, map);
      if (restMax > max) max = restMax;
      filled += take;
      position += Math.min(groups * bitWidth, end - position);
    }
  }
  return max;
}

/** map[v] = v for every value of up to 8 bits: unpacking through it writes the values. */
const IDENTITY = Int32Array.from({ length: 256 }, (_, value) => value);

/**
 * Unpacks `groups` whole groups of 8 values of up to 8 bits, writing map[value] for each: a
 * group is `bitWidth` bytes, read as one little-endian word (up to 4 bits) or two (so the caller
 * keeps an 8-byte window inside the data). Returns the largest value.
 */
function unpackGroups(
  bytes: Uint8Array,
  start: number,
  bitWidth: number,
  groups: number,
  out: Int32Array,
  at: number,
  map: Int32Array,
): number {
  const mask = (1 << bitWidth) - 1;
  const w = bitWidth;
  let position = start;
  let o = at;
  let max = 0;
  if (w <= 4) {
    for (let g = 0; g < groups; g++) {
      const p = position;
      const word = bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24);
      const v0 = word & mask;
      const v1 = (word >>> w) & mask;
      const v2 = (word >>> (2 * w)) & mask;
      const v3 = (word >>> (3 * w)) & mask;
      const v4 = (word >>> (4 * w)) & mask;
      const v5 = (word >>> (5 * w)) & mask;
      const v6 = (word >>> (6 * w)) & mask;
      const v7 = (word >>> (7 * w)) & mask;
      out[o] = map[v0]!;
      out[o + 1] = map[v1]!;
      out[o + 2] = map[v2]!;
      out[o + 3] = map[v3]!;
      out[o + 4] = map[v4]!;
      out[o + 5] = map[v5]!;
      out[o + 6] = map[v6]!;
      out[o + 7] = map[v7]!;
      max = Math.max(max, v0, v1, v2, v3, v4, v5, v6, v7);
      o += 8;
      position += w;
    }
    return max;
  }
  for (let g = 0; g < groups; g++) {
    const p = position;
    const low = bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24);
    const high =
      bytes[p + 4]! | (bytes[p + 5]! << 8) | (bytes[p + 6]! << 16) | (bytes[p + 7]! << 24);
    const v0 = low & mask;
    const v1 = bitsAt(low, high, w, mask);
    const v2 = bitsAt(low, high, 2 * w, mask);
    const v3 = bitsAt(low, high, 3 * w, mask);
    const v4 = bitsAt(low, high, 4 * w, mask);
    const v5 = bitsAt(low, high, 5 * w, mask);
    const v6 = bitsAt(low, high, 6 * w, mask);
    const v7 = bitsAt(low, high, 7 * w, mask);
    out[o] = map[v0]!;
    out[o + 1] = map[v1]!;
    out[o + 2] = map[v2]!;
    out[o + 3] = map[v3]!;
    out[o + 4] = map[v4]!;
    out[o + 5] = map[v5]!;
    out[o + 6] = map[v6]!;
    out[o + 7] = map[v7]!;
    max = Math.max(max, v0, v1, v2, v3, v4, v5, v6, v7);
    o += 8;
    position += w;
  }
  return max;
}

/** The bits [shift, shift + width) of the 64-bit value high:low, masked, for shift < 57. */
function bitsAt(low: number, high: number, shift: number, mask: number): number {
  if (shift >= 32) return (high >>> (shift - 32)) & mask;
  if (shift === 0) return low & mask;
  return ((low >>> shift) | (high << (32 - shift))) & mask;
}

/**
 * Unpacks `count` values of up to 24 bits one at a time, least significant bit first, with int32
 * arithmetic (never more than 31 bits held). Returns the largest value.
 */
function unpackNarrow(
  bytes: Uint8Array,
  start: number,
  bitWidth: number,
  count: number,
  out: Int32Array,
  at: number,
  map: Int32Array | undefined,
): number {
  const mask = (1 << bitWidth) - 1;
  let position = start;
  let buffer = 0;
  let bits = 0;
  let max = 0;
  for (let i = 0; i < count; i++) {
    while (bits < bitWidth) {
      buffer |= bytes[position++]! << bits;
      bits += 8;
    }
    const value = buffer & mask;
    out[at + i] = map ? map[value]! : value;
    if (value > max) max = value;
    buffer >>>= bitWidth;
    bits -= bitWidth;
  }
  return max;
}

/** As `unpackNarrow` for 25 to 32 bits, with float arithmetic (exact: at most 39 bits held). */
function unpackWide(
  bytes: Uint8Array,
  start: number,
  bitWidth: number,
  count: number,
  out: Int32Array,
  at: number,
  map: Int32Array | undefined,
): number {
  const modulus = 2 ** bitWidth;
  let position = start;
  let buffer = 0;
  let bits = 0;
  let max = 0;
  for (let i = 0; i < count; i++) {
    while (bits < bitWidth) {
      buffer += bytes[position++]! * 2 ** bits;
      bits += 8;
    }
    const value = buffer % modulus;
    out[at + i] = map ? map[value]! : value;
    if (value > max) max = value;
    buffer = (buffer - value) / modulus;
    bits -= bitWidth;
  }
  return max;
}

/**
 * The value of the first run when it is an RLE run of at least `count` values (as the levels of
 * a page without nulls usually are), else -1: lets a caller skip decoding a constant.
 */
export function constantRunValue(
  bytes: Uint8Array,
  start: number,
  end: number,
  bitWidth: number,
  count: number,
): number {
  let header = 0;
  let scale = 1;
  let position = start;
  for (;;) {
    if (position >= end || scale > 2 ** 35) return -1;
    const byte = bytes[position++]!;
    header += (byte & 0x7f) * scale;
    if (byte < 0x80) break;
    scale *= 128;
  }
  const valueBytes = (bitWidth + 7) >> 3;
  if (header % 2 !== 0 || header / 2 < count || valueBytes > end - position) return -1;
  let value = 0;
  for (let i = 0; i < valueBytes; i++) value += bytes[position + i]! * 2 ** (8 * i);
  return value;
}
