/**
 * One bucket's numbers for every cell, as a flat array indexed `cell * rowLength + field`
 * (cellCounts.ts, scoreCounts.ts), stored in whichever form costs least for how full it is.
 *
 * A minute bucket holds about one prediction per cell, so most of its 95 numbers per cell are
 * zero: a dense Float64Array would spend 8 bytes on each. The sparse forms keep only the
 * numbers that were added to, as an index and a value (12 bytes):
 *   hashed  an open-addressing table (linear probing), while the bucket is being written;
 *   packed  exactly the nonzero entries, once a checkpoint has saved it (`pack`); the next
 *           add turns it back into a table.
 * Once a table would take more bytes than the dense array (an hour bucket of a busy model),
 * the bucket turns dense for good.
 *
 * Every form adds each number's deltas in the order they come, so a number holds exactly the
 * float the dense array would hold, and `addInto` gives a window the same sum whatever the
 * forms of its buckets (test/windows/bucketArray.test.ts).
 */
export class BucketArray {
  /** Fields per cell: the dense array holds whole cells. */
  readonly rowLength: number;
  private dense: Float64Array | null = null;
  /** Sparse entries' indices (EMPTY where a table slot is free) and values. */
  private keys: Int32Array;
  private values: Float64Array;
  /** Entries in use. */
  private size = 0;
  /** 32 - log2(table slots): the table's hash keeps the product's top bits. */
  private shift = 32 - Math.log2(MIN_SLOTS);
  private packed = false;
  /** One past the highest index written. */
  private extent = 0;

  constructor(rowLength: number) {
    this.rowLength = rowLength;
    this.keys = new Int32Array(MIN_SLOTS).fill(EMPTY);
    this.values = new Float64Array(MIN_SLOTS);
  }

  /** Adds `delta` to the number at `index`. */
  add(index: number, delta: number): void {
    if (delta === 0) return;
    if (this.packed) this.unpack();
    const dense = this.dense;
    if (dense !== null) {
      if (index < dense.length) dense[index]! += delta;
      else this.growDense(index + 1)[index]! += delta;
      return;
    }
    const keys = this.keys;
    const mask = keys.length - 1;
    let slot = slotOf(index, this.shift);
    for (let key = keys[slot]!; key !== EMPTY; key = keys[slot]!) {
      if (key === index) {
        this.values[slot]! += delta;
        return;
      }
      slot = (slot + 1) & mask;
    }
    if (index >= this.extent) this.extent = index + 1;
    if ((this.size + 1) * 4 > keys.length * 3) {
      this.grow();
      this.add(index, delta);
      return;
    }
    keys[slot] = index;
    // 0 + delta, as the dense array's first add gives (+0, never -0).
    this.values[slot] = 0 + delta;
    this.size += 1;
  }

  /** The number at `index` (0 when nothing was added to it). */
  get(index: number): number {
    if (this.dense !== null) return this.dense[index] ?? 0;
    if (this.packed) {
      let total = 0;
      for (let at = 0; at < this.size; at++) if (this.keys[at] === index) total += this.values[at]!;
      return total;
    }
    const mask = this.keys.length - 1;
    for (
      let slot = slotOf(index, this.shift);
      this.keys[slot] !== EMPTY;
      slot = (slot + 1) & mask
    ) {
      if (this.keys[slot] === index) return this.values[slot]!;
    }
    return 0;
  }

  /** Adds every number into `total` (numbers past its length are left out). */
  addInto(total: Float64Array): void {
    const dense = this.dense;
    if (dense !== null) {
      const n = Math.min(dense.length, total.length);
      for (let i = 0; i < n; i++) total[i]! += dense[i]!;
      return;
    }
    const keys = this.keys;
    const values = this.values;
    const slots = this.packed ? this.size : keys.length;
    const length = total.length;
    for (let slot = 0; slot < slots; slot++) {
      const key = keys[slot]!;
      // EMPTY is negative: `key >= 0` skips free table slots.
      if (key >= 0 && key < length) total[key]! += values[slot]!;
    }
  }

  /** The numbers as a dense array of at least `length` (tests, and a layout's checks). */
  toDense(length = 0): Float64Array {
    const out = new Float64Array(Math.max(length, this.extent));
    this.addInto(out);
    return out;
  }

  /**
   * Shrinks a table to exactly its nonzero entries (numbers that went back to zero, such as
   * a cell's pending count once its labels came, are dropped), or to the dense array when
   * that is smaller. A bucket no longer written costs 12 bytes per nonzero number.
   */
  pack(): void {
    if (this.dense !== null || this.packed) return;
    let nonzero = 0;
    for (let slot = 0; slot < this.keys.length; slot++) {
      if (this.keys[slot] !== EMPTY && this.values[slot] !== 0) nonzero += 1;
    }
    if (nonzero * ENTRY_BYTES >= this.denseLength(this.extent) * VALUE_BYTES) {
      this.toDenseForm();
      return;
    }
    const { keys, values } = entryArrays(nonzero);
    let at = 0;
    for (let slot = 0; slot < this.keys.length; slot++) {
      const key = this.keys[slot]!;
      if (key === EMPTY || this.values[slot] === 0) continue;
      keys[at] = key;
      values[at] = this.values[slot]!;
      at += 1;
    }
    this.keys = keys;
    this.values = values;
    this.size = nonzero;
    this.packed = true;
  }

  /** Bytes of the typed arrays this bucket holds (what its numbers cost, without headers). */
  get byteLength(): number {
    return this.dense !== null
      ? this.dense.byteLength
      : this.keys.byteLength + this.values.byteLength;
  }

  /**
   * The saved form: an 8-byte header (form, count) and then, dense, `count` float64 numbers,
   * or, sparse, `count` float64 values followed by their `count` int32 indices.
   */
  encode(): Uint8Array {
    const dense = this.dense;
    if (dense !== null) {
      const bytes = new Uint8Array(HEADER_BYTES + dense.byteLength);
      new Uint32Array(bytes.buffer, 0, 2).set([DENSE_FORM, dense.length]);
      new Float64Array(bytes.buffer, HEADER_BYTES, dense.length).set(dense);
      return bytes;
    }
    this.pack();
    if (this.dense !== null) return this.encode();
    const count = this.size;
    const bytes = new Uint8Array(HEADER_BYTES + count * ENTRY_BYTES);
    new Uint32Array(bytes.buffer, 0, 2).set([SPARSE_FORM, count]);
    new Float64Array(bytes.buffer, HEADER_BYTES, count).set(this.values.subarray(0, count));
    new Int32Array(bytes.buffer, HEADER_BYTES + count * VALUE_BYTES, count).set(
      this.keys.subarray(0, count),
    );
    return bytes;
  }

  /** Reads back `encode`'s bytes; returns what is wrong when they are not such a bucket. */
  static decode(bytes: Uint8Array, rowLength: number): BucketArray | string {
    if (bytes.byteLength < HEADER_BYTES) return `${String(bytes.byteLength)} bytes, no header`;
    // A copy, aligned, owned by the bucket whatever the driver's buffer pool does.
    const buffer = new Uint8Array(bytes).buffer;
    const header = new Uint32Array(buffer, 0, 2);
    const form = header[0]!;
    const count = header[1]!;
    const bucket = new BucketArray(rowLength);
    if (form === DENSE_FORM) {
      if (bytes.byteLength !== HEADER_BYTES + count * VALUE_BYTES || count % rowLength !== 0) {
        return `a dense bucket of ${String(bytes.byteLength)} bytes does not hold whole cells of ${String(rowLength)} numbers`;
      }
      bucket.dense = new Float64Array(buffer, HEADER_BYTES, count);
      bucket.extent = count;
      return bucket;
    }
    if (form !== SPARSE_FORM || bytes.byteLength !== HEADER_BYTES + count * ENTRY_BYTES) {
      return `${String(bytes.byteLength)} bytes are not a dense or sparse bucket`;
    }
    const values = new Float64Array(buffer, HEADER_BYTES, count);
    const keys = new Int32Array(buffer, HEADER_BYTES + count * VALUE_BYTES, count);
    let extent = 0;
    for (const key of keys) {
      if (key < 0) return `a sparse bucket holds the negative index ${String(key)}`;
      if (key >= extent) extent = key + 1;
    }
    bucket.keys = keys;
    bucket.values = values;
    bucket.size = count;
    bucket.packed = true;
    bucket.extent = extent;
    return bucket;
  }

  /**
   * A bucket holding the numbers of a dense array (as buckets were saved before sparse ones),
   * in the smaller form: its nonzero numbers, or the array itself.
   */
  static fromDense(array: Float64Array, rowLength: number): BucketArray {
    const bucket = new BucketArray(rowLength);
    let nonzero = 0;
    for (const value of array) if (value !== 0) nonzero += 1;
    if (nonzero * ENTRY_BYTES >= array.length * VALUE_BYTES) {
      bucket.dense = array;
      bucket.extent = array.length;
      return bucket;
    }
    const { keys, values } = entryArrays(nonzero);
    let at = 0;
    array.forEach((value, index) => {
      if (value === 0) return;
      keys[at] = index;
      values[at] = value;
      at += 1;
      bucket.extent = index + 1;
    });
    bucket.keys = keys;
    bucket.values = values;
    bucket.size = nonzero;
    bucket.packed = true;
    return bucket;
  }

  /** Doubles the table, or turns dense when the doubled table would be the larger. */
  private grow(): void {
    const slots = this.keys.length * 2;
    if (slots * ENTRY_BYTES >= this.denseLength(this.extent) * VALUE_BYTES) {
      this.toDenseForm();
      return;
    }
    this.rehash(slots);
  }

  /** A packed bucket being written again: back to a table (or dense, if that is smaller). */
  private unpack(): void {
    let slots = MIN_SLOTS;
    while (slots * 3 < (this.size + 1) * 4) slots *= 2;
    if (slots * ENTRY_BYTES >= this.denseLength(this.extent) * VALUE_BYTES) this.toDenseForm();
    else this.rehash(slots);
  }

  private rehash(slots: number): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const oldSlots = this.packed ? this.size : oldKeys.length;
    const keys = new Int32Array(slots).fill(EMPTY);
    const values = new Float64Array(slots);
    const mask = slots - 1;
    const shift = 32 - Math.log2(slots);
    for (let old = 0; old < oldSlots; old++) {
      const key = oldKeys[old]!;
      if (key === EMPTY) continue;
      let slot = slotOf(key, shift);
      while (keys[slot] !== EMPTY) slot = (slot + 1) & mask;
      keys[slot] = key;
      values[slot] = oldValues[old]!;
    }
    this.keys = keys;
    this.values = values;
    this.shift = shift;
    this.packed = false;
  }

  private toDenseForm(): void {
    const dense = new Float64Array(this.denseLength(this.extent));
    this.addInto(dense);
    this.dense = dense;
    this.keys = NO_KEYS;
    this.values = NO_VALUES;
    this.size = 0;
    this.packed = false;
  }

  /** Grows the dense array to whole cells up to `needed` (new cells come rarely: no slack). */
  private growDense(needed: number): Float64Array {
    const grown = new Float64Array(this.denseLength(needed));
    grown.set(this.dense!);
    this.dense = grown;
    this.extent = grown.length;
    return grown;
  }

  /** `length` rounded up to whole cells. */
  private denseLength(length: number): number {
    return Math.ceil(length / this.rowLength) * this.rowLength;
  }
}

const EMPTY = -1;
const MIN_SLOTS = 16;
const VALUE_BYTES = 8;
/** A sparse entry: an int32 index and a float64 value. */
const ENTRY_BYTES = 12;
const HEADER_BYTES = 8;
const DENSE_FORM = 0;
const SPARSE_FORM = 1;
const NO_KEYS = new Int32Array(0);
const NO_VALUES = new Float64Array(0);

/** Fibonacci hashing: indices of neighbouring cells and fields spread over the table. */
function slotOf(index: number, shift: number): number {
  return Math.imul(index, 0x9e3779b1) >>> shift;
}

/** Index and value arrays of `count` entries sharing one allocation. */
function entryArrays(count: number): { keys: Int32Array; values: Float64Array } {
  const buffer = new ArrayBuffer(count * ENTRY_BYTES);
  return {
    values: new Float64Array(buffer, 0, count),
    keys: new Int32Array(buffer, count * VALUE_BYTES, count),
  };
}
