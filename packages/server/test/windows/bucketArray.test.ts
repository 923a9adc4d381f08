/**
 * A BucketArray holds, in every form (table, packed, dense), exactly the floats a dense array
 * would hold after the same adds, and a window's sum over buckets of any forms equals the sum
 * of the dense arrays, bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { BucketArray } from '../../src/windows/bucketArray.js';
import { seededRandom as random } from '../../src/sample/seededRandom.js';

const ROW = 17;

interface Adds {
  readonly indices: number[];
  readonly deltas: number[];
}

/**
 * `count` adds over `cells` cells: counts (+1, -1 as pending moves) and score-like floats, so
 * sums that round differently in another order would show.
 */
function adds(seed: number, count: number, cells: number): Adds {
  const next = random(seed);
  const indices: number[] = [];
  const deltas: number[] = [];
  for (let i = 0; i < count; i++) {
    indices.push(Math.floor(next() * cells) * ROW + Math.floor(next() * ROW));
    const kind = next();
    deltas.push(kind < 0.4 ? 1 : kind < 0.5 ? -1 : kind < 0.55 ? 0 : next() ** 3);
  }
  return { indices, deltas };
}

function dense(all: Adds, length: number): Float64Array {
  const out = new Float64Array(length);
  all.indices.forEach((index, i) => {
    out[index]! += all.deltas[i]!;
  });
  return out;
}

/** Applies the adds, packing every `packEvery` adds (0: never), as checkpoints would. */
function bucketOf(all: Adds, packEvery = 0): BucketArray {
  const bucket = new BucketArray(ROW);
  all.indices.forEach((index, i) => {
    bucket.add(index, all.deltas[i]!);
    if (packEvery > 0 && i % packEvery === packEvery - 1) bucket.pack();
  });
  return bucket;
}

function roundTrip(bucket: BucketArray): BucketArray {
  const decoded = BucketArray.decode(bucket.encode(), ROW);
  if (typeof decoded === 'string') throw new Error(decoded);
  return decoded;
}

describe('BucketArray', () => {
  // Few adds over many cells stay sparse; many over few cells turn dense.
  const shapes = [
    { name: 'sparse', count: 300, cells: 200 },
    { name: 'middling', count: 3_000, cells: 100 },
    { name: 'dense', count: 20_000, cells: 40 },
  ];

  it.each(shapes)('holds what a dense array holds after the same adds ($name)', (shape) => {
    for (let seed = 1; seed <= 8; seed++) {
      const all = adds(seed, shape.count, shape.cells);
      const length = shape.cells * ROW;
      const expected = dense(all, length);
      for (const packEvery of [0, 1, 7, 500]) {
        const bucket = bucketOf(all, packEvery);
        expect(bucket.toDense(length)).toEqual(expected);
        bucket.pack();
        expect(bucket.toDense(length)).toEqual(expected);
        expect(roundTrip(bucket).toDense(length)).toEqual(expected);
        for (let index = 0; index < length; index += 37) {
          expect(bucket.get(index)).toBe(expected[index]);
        }
      }
    }
  });

  it('sums a window of buckets of mixed forms to the sum of their dense arrays, bit for bit', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const cells = 60;
      const length = cells * ROW;
      const expected = new Float64Array(length);
      const total = new Float64Array(length);
      for (let b = 0; b < 12; b++) {
        const all = adds(seed * 100 + b, [5, 200, 4_000][b % 3]!, cells);
        const bucket = bucketOf(all, b % 2 === 0 ? 0 : 50);
        if (b % 4 === 3) bucket.pack();
        const asDense = dense(all, length);
        for (let i = 0; i < length; i++) expected[i]! += asDense[i]!;
        (b % 5 === 4 ? roundTrip(bucket) : bucket).addInto(total);
      }
      expect(total).toEqual(expected);
    }
  });

  it('keeps a mostly empty bucket small and turns a full one dense', () => {
    const cells = 196;
    const sparse = bucketOf(adds(3, 200, cells));
    sparse.pack();
    expect(sparse.byteLength).toBeLessThan((cells * ROW * 8) / 5);
    const full = bucketOf(adds(4, 50_000, cells));
    full.pack();
    expect(full.byteLength).toBe(cells * ROW * 8);
  });

  it('drops numbers that went back to zero when packed', () => {
    const bucket = new BucketArray(ROW);
    bucket.add(5, 1);
    bucket.add(40, 1);
    bucket.add(5, -1);
    bucket.pack();
    expect(bucket.byteLength).toBe(12);
    expect(bucket.toDense(ROW * 3)).toEqual(
      Float64Array.from({ length: ROW * 3 }, (_, i) => (i === 40 ? 1 : 0)),
    );
  });

  it('grows a dense bucket for a cell beyond its length and keeps what it held', () => {
    const bucket = bucketOf(adds(5, 5_000, 10));
    bucket.pack();
    const before = bucket.toDense(10 * ROW);
    bucket.add(500 * ROW + 3, 2);
    const after = bucket.toDense(501 * ROW);
    expect(after.subarray(0, 10 * ROW)).toEqual(before);
    expect(after[500 * ROW + 3]).toBe(2);
  });

  it('leaves out numbers past the total it adds into', () => {
    const bucket = new BucketArray(ROW);
    bucket.add(3, 1);
    bucket.add(5 * ROW, 1);
    const total = new Float64Array(2 * ROW);
    bucket.addInto(total);
    expect(total[3]).toBe(1);
    expect(total.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('reads a dense array of whole cells in the smaller form, number for number', () => {
    const all = adds(6, 100, 50);
    const array = dense(all, 50 * ROW);
    const bucket = BucketArray.fromDense(array, ROW);
    expect(bucket.byteLength).toBeLessThan(array.byteLength);
    expect(bucket.toDense(50 * ROW)).toEqual(array);
    expect(roundTrip(bucket).toDense(50 * ROW)).toEqual(array);
    bucket.add(7, 1);
    array[7]! += 1;
    expect(bucket.toDense(50 * ROW)).toEqual(array);
  });

  it.each([
    ['no header', new Uint8Array(4)],
    ['an unknown form', Uint8Array.from([9, 0, 0, 0, 0, 0, 0, 0])],
    [
      'a dense array of part of a cell',
      new Uint8Array(new Uint32Array([0, 3, 0, 0, 0, 0, 0, 0]).buffer),
    ],
    ['a sparse bucket cut short', new Uint8Array(new Uint32Array([1, 2, 0, 0, 0]).buffer)],
    ['a negative index', new Uint8Array(new Uint32Array([1, 1, 0, 0, 0xffffffff]).buffer)],
  ])('refuses bytes that are not a bucket: %s', (_name, bytes) => {
    expect(typeof BucketArray.decode(bytes, ROW)).toBe('string');
  });
});
