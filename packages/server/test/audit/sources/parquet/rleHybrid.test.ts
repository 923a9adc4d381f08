import { describe, expect, it } from 'vitest';
import {
  bitWidthOf,
  constantRunValue,
  decodeRleHybrid,
} from '../../../../src/audit/sources/parquet/rleHybrid.js';
import { bitPackedRun, hybrid, rleRun } from './pageBuilder.js';

/** A deterministic stream of values below 2^bitWidth, with runs long enough for RLE. */
function values(count: number, bitWidth: number): number[] {
  const max = 2 ** bitWidth;
  let state = 12345 + bitWidth;
  const out: number[] = [];
  while (out.length < count) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const value = Math.floor((state / 2147483648) * max);
    const repeat = state % 7 === 0 ? 1 + (state % 40) : 1;
    for (let i = 0; i < repeat && out.length < count; i++) out.push(value);
  }
  return out;
}

function decode(bytes: readonly number[], bitWidth: number, count: number): number[] {
  const out = new Int32Array(count);
  decodeRleHybrid(Uint8Array.from(bytes), 0, bytes.length, bitWidth, count, out);
  return Array.from(out, (value) => value >>> 0);
}

describe('decodeRleHybrid', () => {
  it.each(Array.from({ length: 33 }, (_, width) => width))(
    'decodes mixed RLE and bit-packed runs of bit width %i',
    (bitWidth) => {
      const expected = values(1000, bitWidth);
      expect(decode(hybrid(expected, bitWidth), bitWidth, expected.length)).toEqual(expected);
    },
  );

  it('returns the largest value, to check dictionary indices against', () => {
    const bytes = Uint8Array.from([
      ...rleRun(4, 10, 3),
      ...bitPackedRun([1, 2, 0, 0, 0, 0, 0, 0], 3),
    ]);
    const out = new Int32Array(18);
    expect(decodeRleHybrid(bytes, 0, bytes.length, 3, 18, out)).toBe(4);
  });

  it('stops at the values asked for, ignoring the padding of the last run', () => {
    const bytes = bitPackedRun([5, 6, 7], 3);
    expect(decode(bytes, 3, 3)).toEqual([5, 6, 7]);
    expect(decode(rleRun(9, 100, 4), 4, 5)).toEqual([9, 9, 9, 9, 9]);
  });

  it('reads nothing for bit width 0: every value is 0', () => {
    expect(decode([], 0, 4)).toEqual([0, 0, 0, 0]);
  });

  it('throws when the runs end before the values do', () => {
    expect(() => decode(rleRun(1, 3, 1), 1, 4)).toThrow('RLE/bit-packed data ends early');
    const packed = bitPackedRun([1, 2, 3, 4, 5, 6, 7, 8, 9], 4);
    expect(() => decode(packed.slice(0, 4), 4, 9)).toThrow('RLE/bit-packed data ends early');
    expect(() => decode([0x80, 0x80], 1, 1)).toThrow('RLE/bit-packed data ends early');
  });
});

describe('constantRunValue', () => {
  it('gives the value of an RLE run covering every value', () => {
    const bytes = Uint8Array.from(rleRun(1, 300, 1));
    expect(constantRunValue(bytes, 0, bytes.length, 1, 300)).toBe(1);
  });

  it('gives -1 for a shorter run, a bit-packed run or no data', () => {
    const short = Uint8Array.from(rleRun(1, 200, 1));
    expect(constantRunValue(short, 0, short.length, 1, 300)).toBe(-1);
    const packed = Uint8Array.from(bitPackedRun([1, 1, 1, 1, 1, 1, 1, 1], 1));
    expect(constantRunValue(packed, 0, packed.length, 1, 8)).toBe(-1);
    expect(constantRunValue(new Uint8Array(0), 0, 0, 1, 1)).toBe(-1);
  });
});

describe('bitWidthOf', () => {
  it('is the bits needed for the maximum', () => {
    expect([0, 1, 2, 3, 4, 255, 256, 2 ** 31].map(bitWidthOf)).toEqual([0, 1, 2, 2, 3, 8, 9, 32]);
  });
});
