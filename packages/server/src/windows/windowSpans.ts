import type { BucketTier } from './bucketTier.js';

/** Buckets of one tier whose starts lie in [from, to). */
export interface TierSpan {
  readonly tier: BucketTier;
  readonly from: number;
  readonly to: number;
}

/**
 * The buckets of `tiers[at]` that start in [from, to), read as few buckets as possible: every
 * run of them that fills whole buckets of the next coarser tier is read from that tier
 * instead (and so on up), leaving the finer tier the edges. A day of minute buckets becomes
 * at most 2 x 59 minute buckets and 23 hour buckets.
 *
 * The spans count exactly the events of the fine buckets: a coarser bucket holds the events
 * of its finer buckets, since every event goes to each tier that keeps its time
 * (VersionStatistics), as long as neither tier has pruned it. The fine tier's buckets in the
 * window are kept (the metrics API picks the finest tier whose retention covers `from`), and a
 * coarser tier is only read where it keeps the span's start. Counts come out identical; score
 * sums are the same numbers added in another order, so they may differ in the last bits.
 */
export function windowSpans(
  tiers: readonly BucketTier[],
  at: number,
  from: number,
  to: number,
): TierSpan[] {
  const fine = tiers[at];
  if (fine === undefined) return [];
  const width = fine.widthMs;
  // The fine buckets that start in [from, to), as a range of whole buckets.
  const first = Math.ceil(from / width) * width;
  const end = Math.ceil(to / width) * width;
  if (!(first < end)) return [];
  const whole: TierSpan = { tier: fine, from: first, to: end };
  const coarse = tiers[at + 1];
  if (
    coarse === undefined ||
    coarse.widthMs % width !== 0 ||
    !Number.isFinite(first) ||
    !Number.isFinite(end)
  ) {
    return [whole];
  }
  const innerFrom = Math.ceil(first / coarse.widthMs) * coarse.widthMs;
  const innerTo = Math.floor(end / coarse.widthMs) * coarse.widthMs;
  if (!(innerFrom < innerTo) || !coarse.keeps(innerFrom)) return [whole];
  const spans: TierSpan[] = [];
  if (first < innerFrom) spans.push({ tier: fine, from: first, to: innerFrom });
  spans.push(...windowSpans(tiers, at + 1, innerFrom, innerTo));
  if (innerTo < end) spans.push({ tier: fine, from: innerTo, to: end });
  return spans;
}
