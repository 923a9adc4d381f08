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
 * Per point of a metrics series: max - min of the metric over the attribute's groups with at
 * least the minimum samples; null where fewer than two groups qualify.
 */
export function gapTrend(
  trend: ModelMetrics,
  attribute: string,
  metric: string,
): (number | null)[] {
  return trend.series.map((point) => {
    const values = point.groups
      .filter((group) => group.attribute === attribute && group.n >= trend.min_samples)
      .map((group) => group.metrics[metric]?.value ?? null)
      .filter((value): value is number => value !== null);
    return values.length < 2 ? null : Math.max(...values) - Math.min(...values);
  });
}
