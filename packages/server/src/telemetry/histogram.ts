import { formatValue } from './exposition.js';
import type { FamilyDefinition } from './familyDefinition.js';
import type { FamilySnapshot, LabelPair, LabelValues, Sample } from './metricSnapshot.js';
import { SeriesTable } from './seriesTable.js';

/** client_golang's default buckets, in seconds: they suit request latencies. */
export const DEFAULT_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

interface HistogramSeries {
  /** Observations per bucket, not cumulative; the last slot is the +Inf bucket. */
  readonly counts: number[];
  sum: number;
  count: number;
}

/**
 * Observations counted into buckets with upper bounds `buckets` (strictly increasing, finite;
 * a `+Inf` bucket is implied). A value lands in the first bucket whose bound is >= it. Rendered
 * as cumulative `_bucket{le=...}` counts, `_sum` and `_count` (= the `+Inf` bucket). A NaN
 * observation is ignored, so one bad value cannot turn `_sum` into NaN for good.
 */
export class Histogram<L extends string> {
  private readonly table: SeriesTable<HistogramSeries>;

  constructor(
    private readonly definition: FamilyDefinition,
    private readonly buckets: readonly number[],
  ) {
    this.table = new SeriesTable(
      definition.labelNames,
      definition.maxSeries,
      () => ({ counts: new Array<number>(buckets.length + 1).fill(0), sum: 0, count: 0 }),
      definition.onDrop,
    );
    if (definition.labelNames.length === 0) this.table.getOrCreate({});
  }

  get name(): string {
    return this.definition.name;
  }

  observe(labels: LabelValues<L>, value: number): void {
    if (Number.isNaN(value)) return;
    const series = this.table.getOrCreate(labels);
    if (series === undefined) return;
    const index = firstBucketAtLeast(this.buckets, value);
    series.counts[index] = (series.counts[index] ?? 0) + 1;
    series.sum += value;
    series.count += 1;
  }

  snapshot(): FamilySnapshot {
    const { name, help } = this.definition;
    const samples: Sample[] = [];
    for (const { labels, state } of this.table.entries()) {
      let cumulative = 0;
      state.counts.forEach((count, i) => {
        cumulative += count;
        const bound = this.buckets[i] ?? Infinity;
        const le: LabelPair = ['le', formatValue(bound)];
        samples.push({ name: `${name}_bucket`, labels: [...labels, le], value: cumulative });
      });
      samples.push({ name: `${name}_sum`, labels, value: state.sum });
      samples.push({ name: `${name}_count`, labels, value: state.count });
    }
    return { name, help, type: 'histogram', samples };
  }
}

/** The index of the first bound >= value, or `bounds.length` (the +Inf bucket); binary search. */
function firstBucketAtLeast(bounds: readonly number[], value: number): number {
  let low = 0;
  let high = bounds.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((bounds[mid] ?? Infinity) >= value) high = mid;
    else low = mid + 1;
  }
  return low;
}
