import type { ModelInfo, ModelMetrics, Slo } from '../api/types.js';

/** The metric a trend follows: the first SLO's on this attribute, else the selection rate. */
export function trendMetric(slos: readonly Slo[], model: string, attribute: string): string {
  const slo = slos.find(
    (candidate) =>
      candidate.model === model &&
      (candidate.attribute === null || candidate.attribute === attribute),
  );
  return slo?.metric ?? 'selection_rate';
}

/** The metrics the trends of a model follow, one per attribute, comma separated, no repeats. */
export function trendMetrics(slos: readonly Slo[], model: ModelInfo): string {
  const attributes = [...model.attributes, ...model.intersections];
  return [...new Set(attributes.map((attribute) => trendMetric(slos, model.name, attribute)))].join(
    ',',
  );
}

/**
 * One point of a gap trend: the largest gap between groups, and the range that gap can take
 * when each group's rate may lie anywhere in its 95% interval: from (largest lower bound -
 * smallest upper bound, at least 0) to (largest upper bound - smallest lower bound). The range
 * is wider than any one group's interval, but it is not a simultaneous 95% interval: it covers
 * the true gap whenever every group's interval covers its rate.
 */
export interface GapPoint {
  readonly gap: number;
  readonly low: number | null;
  readonly high: number | null;
}

/**
 * Per point of a metrics series, the gap (max - min of the metric over the attribute's groups
 * with at least the minimum samples) and its range; null where fewer than two groups qualify.
 * The range is null when a qualifying group has no interval.
 */
export function gapTrend(
  trend: ModelMetrics,
  attribute: string,
  metric: string,
): (GapPoint | null)[] {
  return trend.series.map((point) => {
    const values = point.groups
      .filter((group) => group.attribute === attribute && group.n >= trend.min_samples)
      .flatMap((group) => {
        const value = group.metrics[metric];
        return value?.value == null ? [] : [{ rate: value.value, ci: value.ci }];
      });
    if (values.length < 2) return null;
    const rates = values.map((value) => value.rate);
    const gap = Math.max(...rates) - Math.min(...rates);
    const intervals = values.map((value) => value.ci);
    if (intervals.some((ci) => ci === null)) return { gap, low: null, high: null };
    const lows = intervals.map((ci) => ci![0]);
    const highs = intervals.map((ci) => ci![1]);
    return {
      gap,
      low: Math.max(0, Math.max(...lows) - Math.min(...highs)),
      high: Math.max(...highs) - Math.min(...lows),
    };
  });
}
