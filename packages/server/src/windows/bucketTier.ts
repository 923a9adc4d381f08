import { CELL_FIELDS } from './cellCounts.js';
import { SCORE_FIELDS } from './scoreCounts.js';

/**
 * Time buckets of one resolution for one model version: per bucket start (epoch ms, aligned
 * to `widthMs`), a Float64Array of cells x CELL_FIELDS counts and, once a score has landed in
 * the bucket, a parallel Float64Array of cells x SCORE_FIELDS score statistics. Starts are
 * kept sorted so a window is a contiguous run of buckets.
 */
export class BucketTier {
  readonly name: string;
  readonly widthMs: number;
  private readonly buckets = new Map<number, Float64Array>();
  private readonly scores = new Map<number, Float64Array>();
  private starts: number[] = [];
  private readonly dirty = new Set<number>();
  /** Buckets before this were pruned; counts for them are no longer kept in this tier. */
  private keptFrom = Number.NEGATIVE_INFINITY;

  constructor(name: string, widthMs: number) {
    this.name = name;
    this.widthMs = widthMs;
  }

  startOf(ts: number): number {
    return Math.floor(ts / this.widthMs) * this.widthMs;
  }

  /**
   * Whether the bucket of `ts` is still kept. A count for a pruned bucket (a label that comes
   * after its prediction's minute bucket aged out) is left to the coarser tiers: recreating
   * the bucket would hold the label without its prediction, a negative pending count.
   */
  keeps(ts: number): boolean {
    return this.startOf(ts) >= this.keptFrom;
  }

  /** Adds `delta` to one field of one cell in the bucket holding `ts`. */
  add(ts: number, cell: number, field: number, delta: number): void {
    const row = this.row(this.startOf(ts), cell);
    row.array[row.offset + field]! += delta;
  }

  /** The bucket array holding `ts`, grown to hold `cell`, and the cell's offset in it. */
  row(start: number, cell: number): { array: Float64Array; offset: number } {
    let array = this.buckets.get(start);
    const needed = (cell + 1) * CELL_FIELDS;
    if (array === undefined) {
      array = new Float64Array(Math.max(needed, 8 * CELL_FIELDS));
      this.buckets.set(start, array);
      this.insertStart(start);
    } else if (array.length < needed) {
      const grown = new Float64Array(Math.max(needed, array.length * 2));
      grown.set(array);
      array = grown;
      this.buckets.set(start, array);
    }
    this.dirty.add(start);
    return { array, offset: cell * CELL_FIELDS };
  }

  /**
   * The score array of the bucket starting at `start`, created or grown to hold `cell`, and
   * the cell's offset in it. The bucket's counts row must exist (scores come with a count).
   */
  scoreRow(start: number, cell: number): { array: Float64Array; offset: number } {
    let array = this.scores.get(start);
    const needed = (cell + 1) * SCORE_FIELDS;
    if (array === undefined || array.length < needed) {
      // Sized as the counts array, which already holds `cell`.
      const cells = Math.max(cell + 1, (this.buckets.get(start)?.length ?? 0) / CELL_FIELDS);
      const grown = new Float64Array(Math.max(needed, cells * SCORE_FIELDS));
      if (array !== undefined) grown.set(array);
      array = grown;
      this.scores.set(start, array);
    }
    this.dirty.add(start);
    return { array, offset: cell * SCORE_FIELDS };
  }

  /** Replaces a bucket, as read back from the store. */
  load(start: number, array: Float64Array, scores: Float64Array | null): void {
    if (!this.buckets.has(start)) this.insertStart(start);
    this.buckets.set(start, array);
    if (scores === null) this.scores.delete(start);
    else this.scores.set(start, scores);
  }

  get(start: number): Float64Array | undefined {
    return this.buckets.get(start);
  }

  /** The score array of a bucket; undefined when no score has landed in it. */
  scoresOf(start: number): Float64Array | undefined {
    return this.scores.get(start);
  }

  /** Buckets with from <= start < to, in time order. */
  between(from: number, to: number): { start: number; array: Float64Array }[] {
    const out: { start: number; array: Float64Array }[] = [];
    for (let i = lowerBound(this.starts, from); i < this.starts.length; i++) {
      const start = this.starts[i]!;
      if (start >= to) break;
      out.push({ start, array: this.buckets.get(start)! });
    }
    return out;
  }

  /** The sum of the buckets with from <= start < to, for `cells` cells. */
  sum(from: number, to: number, cells: number): Float64Array {
    const total = new Float64Array(cells * CELL_FIELDS);
    for (const { array } of this.between(from, to)) {
      const n = Math.min(array.length, total.length);
      for (let i = 0; i < n; i++) total[i]! += array[i]!;
    }
    return total;
  }

  /**
   * The sum of the score arrays of the buckets with from <= start < to, for `cells` cells;
   * null when no score landed in any of them.
   */
  sumScores(from: number, to: number, cells: number): Float64Array | null {
    let total: Float64Array | null = null;
    for (const { start } of this.between(from, to)) {
      const array = this.scores.get(start);
      if (array === undefined) continue;
      total ??= new Float64Array(cells * SCORE_FIELDS);
      const n = Math.min(array.length, total.length);
      for (let i = 0; i < n; i++) total[i]! += array[i]!;
    }
    return total;
  }

  get earliest(): number | undefined {
    return this.starts[0];
  }

  get size(): number {
    return this.starts.length;
  }

  /** Drops buckets that start before `cutoff`. */
  prune(cutoff: number): void {
    if (cutoff > this.keptFrom) this.keptFrom = cutoff;
    const keep = lowerBound(this.starts, cutoff);
    if (keep === 0) return;
    for (const start of this.starts.slice(0, keep)) {
      this.buckets.delete(start);
      this.scores.delete(start);
      this.dirty.delete(start);
    }
    this.starts = this.starts.slice(keep);
  }

  /** Starts changed since the last call, for checkpointing. */
  takeDirty(): number[] {
    const starts = [...this.dirty];
    this.dirty.clear();
    return starts;
  }

  private insertStart(start: number): void {
    const at = lowerBound(this.starts, start);
    this.starts.splice(at, 0, start);
  }
}

/** The first index whose value is >= target. */
function lowerBound(sorted: readonly number[], target: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < target) low = mid + 1;
    else high = mid;
  }
  return low;
}
