import type { BucketArray } from '../windows/bucketArray.js';

/**
 * Buckets laid out dense for one evaluation: every SLO over a model reads the same recent
 * minute buckets, so each is expanded once per evaluation rather than once per SLO. Dropped
 * with the evaluation, so it costs memory only while one runs.
 */
export class DenseBuckets {
  private readonly arrays = new Map<BucketArray, Float64Array>();

  /** `counts` as a dense array of at least `length` numbers. */
  of(counts: BucketArray, length: number): Float64Array {
    let array = this.arrays.get(counts);
    if (array === undefined || array.length < length) {
      array = counts.toDense(length);
      this.arrays.set(counts, array);
    }
    return array;
  }
}
