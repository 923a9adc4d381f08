import { StoreError } from '../errors.js';
import type { SqliteStore } from '../store/sqliteStore.js';
import { CELL_FIELDS, PREDICTIONS } from './cellCounts.js';
import { SCORE_FIELDS } from './scoreCounts.js';

/**
 * The layout of the saved bucket arrays, kept in the store's `meta` so that buckets written by
 * another layout are never read as this one's:
 *   1  counts only (before score statistics; migration 005 marks such stores),
 *   2  counts (CELL_FIELDS per cell) plus an optional score array (SCORE_FIELDS per cell).
 * A store without the key has no buckets from before 005, so it is at the current layout.
 */
export const BUCKET_LAYOUT = 2;
const LAYOUT_KEY = 'bucket_layout';
const COUNTS_ONLY_LAYOUT = 1;

/**
 * Brings the store's buckets to the current layout before they are read: buckets of layout 1
 * are dropped so the restore replays every raw event, which is exact only while every event
 * they counted is still stored. When raw events have been purged (retention.raw_events), the
 * rebuild would lose counts, so the start is refused with what to do. Returns whether the
 * buckets were dropped.
 */
export function upgradeBucketLayout(store: SqliteStore): boolean {
  const text = store.meta(LAYOUT_KEY);
  const layout = text === undefined ? BUCKET_LAYOUT : Number(text);
  if (layout === BUCKET_LAYOUT) {
    if (text === undefined) store.setMeta(LAYOUT_KEY, String(BUCKET_LAYOUT));
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

/** Predictions counted by the saved day buckets: every tier counts each kept event once. */
function predictionsInDayBuckets(store: SqliteStore): number {
  let total = 0;
  for (const bucket of store.buckets()) {
    if (bucket.tier !== 'day') continue;
    checkBucketShape(bucket.data, bucket.scores);
    for (let at = PREDICTIONS; at < bucket.data.length; at += CELL_FIELDS) {
      total += bucket.data[at]!;
    }
  }
  return total;
}

/** Refuses arrays whose length is not a whole number of cells of the current layout. */
export function checkBucketShape(data: Float64Array, scores: Float64Array | null): void {
  if (data.length % CELL_FIELDS !== 0 || (scores !== null && scores.length % SCORE_FIELDS !== 0)) {
    throw new StoreError(
      `a saved statistics bucket holds ${String(data.length)} counts and ${String(scores?.length ?? 0)} score values, not whole cells of ${String(CELL_FIELDS)} and ${String(SCORE_FIELDS)}: the store was written by another fairwatch`,
    );
  }
}
