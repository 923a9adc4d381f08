import { CELL_FIELDS } from '../windows/cellCounts.js';
import type { BucketTier } from '../windows/bucketTier.js';
import { DenseBuckets } from './denseBuckets.js';
import { sumFields, type MetricFields } from './metricCounts.js';

/**
 * A group's metric over consecutive buckets as prefix sums: `numerator[i]` and
 * `denominator[i]` total the first i buckets of the window, so any run of buckets (s, t] is a
 * difference of two entries.
 */
export interface GroupSeries {
  readonly numerator: Float64Array;
  readonly denominator: Float64Array;
}

/**
 * The prefix sums of each group (a list of cells) over the `buckets` buckets that end at
 * `end` (exclusive), in the given tier; `dense` shares the buckets' dense layout between the
 * SLOs of one evaluation.
 */
export function groupSeries(
  tier: BucketTier,
  end: number,
  buckets: number,
  groups: readonly (readonly number[])[],
  fields: MetricFields,
  dense: DenseBuckets = new DenseBuckets(),
): GroupSeries[] {
  const from = end - buckets * tier.widthMs;
  const series = groups.map(() => ({
    numerator: new Float64Array(buckets + 1),
    denominator: new Float64Array(buckets + 1),
  }));
  let cellCount = 0;
  for (const cells of groups) for (const cell of cells) cellCount = Math.max(cellCount, cell + 1);
  for (const { start, counts } of tier.between(from, end)) {
    const at = Math.round((start - from) / tier.widthMs) + 1;
    const array = dense.of(counts, cellCount * CELL_FIELDS);
    groups.forEach((cells, g) => {
      let numerator = 0;
      let denominator = 0;
      for (const cell of cells) {
        const offset = cell * CELL_FIELDS;
        numerator += sumFields(array, offset, fields.numerator);
        denominator += sumFields(array, offset, fields.denominator);
      }
      series[g]!.numerator[at] = numerator;
      series[g]!.denominator[at] = denominator;
    });
  }
  for (const { numerator, denominator } of series) {
    for (let i = 1; i <= buckets; i++) {
      numerator[i]! += numerator[i - 1]!;
      denominator[i]! += denominator[i - 1]!;
    }
  }
  return series;
}
