import { BucketArray } from './bucketArray.js';
import { CELL_FIELDS } from './cellCounts.js';
import { SCORE_FIELDS } from './scoreCounts.js';

/** A bucket's start and counts. */
export interface TierBucket {
  readonly start: number;
  readonly counts: BucketArray;
}

/**
 * Time buckets of one resolution for one model version: per bucket start (epoch ms, aligned
 * to `widthMs`), the cells' counts (CELL_FIELDS each) and, once a score has landed in the
 * bucket, their score statistics (SCORE_FIELDS each), each a BucketArray. Starts are kept
 * sorted so a window is a contiguous run of buckets.
 */
export class BucketTier {
  readonly name: string;
  readonly widthMs: number;
  private readonly buckets = new Map<number, BucketArray>();
  private readonly scores = new Map<number, BucketArray>();
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
    this.countsAt(this.startOf(ts)).add(cell * CELL_FIELDS + field, delta);
  }

  /** The counts of the bucket starting at `start`, created if new, marked changed. */
  countsAt(start: number): BucketArray {
    let counts = this.buckets.get(start);
    if (counts === undefined) {
      counts = new BucketArray(CELL_FIELDS);
      this.buckets.set(start, counts);
      this.insertStart(start);
    }
    this.dirty.add(start);
    return counts;
  }

  /**
   * The score statistics of the bucket starting at `start`, created if new, marked changed.
   * The bucket's counts must exist (scores come with a count).
   */
  scoresAt(start: number): BucketArray {
    let scores = this.scores.get(start);
    if (scores === undefined) {
      scores = new BucketArray(SCORE_FIELDS);
      this.scores.set(start, scores);
    }
    this.dirty.add(start);
    return scores;
  }

  /** Replaces a bucket, as read back from the store. */
  load(start: number, counts: BucketArray, scores: BucketArray | null): void {
    if (!this.buckets.has(start)) this.insertStart(start);
    this.buckets.set(start, counts);
    if (scores === null) this.scores.delete(start);
    else this.scores.set(start, scores);
  }

  get(start: number): BucketArray | undefined {
    return this.buckets.get(start);
  }

  /** The score statistics of a bucket; undefined when no score has landed in it. */
  scoresOf(start: number): BucketArray | undefined {
    return this.scores.get(start);
  }

  /** Buckets with from <= start < to, in time order. */
  between(from: number, to: number): TierBucket[] {
    const out: TierBucket[] = [];
    for (let i = lowerBound(this.starts, from); i < this.starts.length; i++) {
      const start = this.starts[i]!;
      if (start >= to) break;
      out.push({ start, counts: this.buckets.get(start)! });
    }
    return out;
  }

  /** Adds the counts of the buckets with from <= start < to into `total` (cells x CELL_FIELDS). */
  addCountsInto(from: number, to: number, total: Float64Array): void {
    for (let i = lowerBound(this.starts, from); i < this.starts.length; i++) {
      const start = this.starts[i]!;
      if (start >= to) break;
      this.buckets.get(start)!.addInto(total);
    }
  }

  /**
   * Adds the score statistics of the buckets with from <= start < to into `total` (cells x
   * SCORE_FIELDS). Returns whether any of them had a score.
   */
  addScoresInto(from: number, to: number, total: Float64Array): boolean {
    let any = false;
    for (let i = lowerBound(this.starts, from); i < this.starts.length; i++) {
      const start = this.starts[i]!;
      if (start >= to) break;
      const scores = this.scores.get(start);
      if (scores === undefined) continue;
      scores.addInto(total);
      any = true;
    }
    return any;
  }

  /** The sum of the buckets with from <= start < to, for `cells` cells. */
  sum(from: number, to: number, cells: number): Float64Array {
    const total = new Float64Array(cells * CELL_FIELDS);
    this.addCountsInto(from, to, total);
    return total;
  }

  /**
   * The sum of the score statistics of the buckets with from <= start < to, for `cells`
   * cells; null when no score landed in any of them.
   */
  sumScores(from: number, to: number, cells: number): Float64Array | null {
    const total = new Float64Array(cells * SCORE_FIELDS);
    return this.addScoresInto(from, to, total) ? total : null;
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

  /**
   * Starts changed since the last call, for checkpointing. Their buckets are packed first
   * (BucketArray.pack): saved buckets are seldom written again, and one that is (a late
   * label, or the bucket of now) turns back into a table at its next add.
   */
  takeDirty(): number[] {
    const starts = [...this.dirty];
    this.dirty.clear();
    for (const start of starts) {
      this.buckets.get(start)?.pack();
      this.scores.get(start)?.pack();
    }
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
