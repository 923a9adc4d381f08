import { StoreError } from '../errors.js';
import type { SqliteStore, StoredBucket } from '../store/sqliteStore.js';
import { BucketArray } from './bucketArray.js';
import { CELL_FIELDS, PREDICTIONS } from './cellCounts.js';
import { SCORE_FIELDS } from './scoreCounts.js';

/**
 * The layout of the saved bucket arrays, kept in the store's `meta` so that buckets written by
 * another layout are never read as this one's:
 *   1  counts only, as a dense float64 array (before score statistics; migration 005 marks
 *      such stores),
 *   2  counts (CELL_FIELDS per cell) plus an optional score array (SCORE_FIELDS per cell),
 *      both dense float64 arrays,
 *   3  the same numbers, each array as BucketArray.encode writes it: dense, or only the
 *      nonzero numbers with their indices.
 * A store without the key has no buckets from before 005, so it is at the current layout.
 */
export const BUCKET_LAYOUT = 3;
const LAYOUT_KEY = 'bucket_layout';
const COUNTS_ONLY_LAYOUT = 1;
const DENSE_LAYOUT = 2;

/**
 * Brings the store's buckets to the current layout before they are read. Buckets of layout 2
 * hold the same numbers as layout 3 and are rewritten in place, number for number. Buckets of
 * layout 1 are dropped so the restore replays every raw event, which is exact only while every
 * event they counted is still stored. When raw events have been purged (retention.raw_events),
 * the rebuild would lose counts, so the start is refused with what to do. Returns whether the
 * buckets were dropped.
 */
export function upgradeBucketLayout(store: SqliteStore): boolean {
  const text = store.meta(LAYOUT_KEY);
  const layout = text === undefined ? BUCKET_LAYOUT : Number(text);
  if (layout === BUCKET_LAYOUT) {
    if (text === undefined) store.setMeta(LAYOUT_KEY, String(BUCKET_LAYOUT));
    return false;
  }
  if (layout === DENSE_LAYOUT) {
    store.atomically(() => {
      for (const bucket of store.bucketsByKey()) store.saveBucket(reencodeDense(bucket));
      store.setMeta(LAYOUT_KEY, String(BUCKET_LAYOUT));
    });
    return false;
  }
  if (layout !== COUNTS_ONLY_LAYOUT) {
    throw new StoreError(
      `the store's statistics have bucket layout ${text ?? ''}, which this fairwatch (layout ${String(BUCKET_LAYOUT)}) cannot read: it was written by another version`,
    );
  }
  const counted = predictionsInDayBuckets(store);
  const stored = store.storedPredictionsThrough(store.appliedSeq());
  if (stored < counted) {
    throw new StoreError(
      `the store's statistics were saved before score statistics were kept, and ${String(counted - stored)} of the ${String(counted)} predictions they count have been purged from the raw events, so they cannot be rebuilt; keep using the previous fairwatch on this store, or start this one with a new store`,
    );
  }
  store.atomically(() => {
    store.discardBuckets();
    store.setMeta(LAYOUT_KEY, String(BUCKET_LAYOUT));
  });
  return true;
}

/** A saved bucket's counts and score statistics; one not of this layout stops the start. */
export function decodeBucket(bucket: StoredBucket): {
  counts: BucketArray;
  scores: BucketArray | null;
} {
  const counts = BucketArray.decode(bucket.data, CELL_FIELDS);
  if (typeof counts === 'string') throw unreadable(bucket, counts);
  const scores = bucket.scores === null ? null : BucketArray.decode(bucket.scores, SCORE_FIELDS);
  if (typeof scores === 'string') throw unreadable(bucket, scores);
  return { counts, scores };
}

function unreadable(bucket: StoredBucket, problem: string): StoreError {
  return new StoreError(
    `the saved statistics bucket ${bucket.model}/${bucket.version}/${bucket.tier} at ${new Date(bucket.start).toISOString()} is unreadable (${problem}): the store was written by another fairwatch`,
  );
}

/** A layout-2 bucket (dense float64 arrays) in the current layout, its numbers unchanged. */
function reencodeDense(bucket: StoredBucket): StoredBucket {
  const counts = denseNumbers(bucket, bucket.data, CELL_FIELDS);
  const scores = bucket.scores === null ? null : denseNumbers(bucket, bucket.scores, SCORE_FIELDS);
  return {
    ...bucket,
    data: BucketArray.fromDense(counts, CELL_FIELDS).encode(),
    scores: scores === null ? null : BucketArray.fromDense(scores, SCORE_FIELDS).encode(),
  };
}

/** Predictions counted by the saved day buckets of layout 1: every tier counts each kept event once. */
function predictionsInDayBuckets(store: SqliteStore): number {
  let total = 0;
  for (const bucket of store.buckets()) {
    if (bucket.tier !== 'day') continue;
    const data = denseNumbers(bucket, bucket.data, CELL_FIELDS);
    for (let at = PREDICTIONS; at < data.length; at += CELL_FIELDS) total += data[at]!;
  }
  return total;
}

/** The float64 numbers of a dense array of layout 1 or 2, refused unless they are whole cells. */
function denseNumbers(bucket: StoredBucket, bytes: Uint8Array, rowLength: number): Float64Array {
  if (bytes.byteLength % (rowLength * Float64Array.BYTES_PER_ELEMENT) !== 0) {
    throw new StoreError(
      `a saved statistics bucket (${bucket.model}/${bucket.version}/${bucket.tier}) holds ${String(bytes.byteLength)} bytes, not whole cells of ${String(rowLength)} numbers: the store was written by another fairwatch`,
    );
  }
  // A copy: aligned, and owned whatever the driver's buffer pool does.
  return new Float64Array(new Uint8Array(bytes).buffer);
}
