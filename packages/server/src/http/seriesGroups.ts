import {
  cohortsOf,
  evaluateGroup,
  groupsOf,
  rateMetric,
  totalCount,
  type AttributeValue,
  type CellStatistics,
  type ConfusionCounts,
  type MetricValue,
  type RateMetric,
} from '@fairwatch/core';
import { CELL_FIELDS, FN, FP, TN, TP } from '../windows/cellCounts.js';

export interface SeriesGroup {
  readonly attribute: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly n: number;
  readonly metrics: Readonly<Record<string, MetricValue>>;
}

/** A group a series shows: its cohort's name, its values and its cells. */
export interface SeriesCohortGroup {
  readonly attribute: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly cells: readonly number[];
}

interface SeriesSettings {
  readonly attributes: readonly string[];
  readonly intersections: boolean;
}

/** Each kept cohort's groups, worked out once for every point of a series. */
export function seriesCohortGroups(
  cellValues: readonly (readonly AttributeValue[])[],
  settings: SeriesSettings,
  keep: (attribute: string) => boolean,
): SeriesCohortGroup[] {
  const groups: SeriesCohortGroup[] = [];
  for (const cohort of cohortsOf(settings.attributes, settings.intersections)) {
    if (!keep(cohort.name)) continue;
    for (const group of groupsOf(cohort, settings.attributes, cellValues)) {
      groups.push({ attribute: cohort.name, attributes: group.attributes, cells: group.cells });
    }
  }
  return groups;
}

/**
 * One point of a metrics time series: each group with every metric and interval. Only what a
 * series shows: no disparities, tests or summaries, which the window as a whole already has
 * and which cost most of an audit's time; groups under the privacy minimum cell size are left
 * out.
 */
export function seriesGroups(
  statistics: CellStatistics,
  groups: readonly SeriesCohortGroup[],
  confidence: number,
  minCellSize: number,
): SeriesGroup[] {
  const points: SeriesGroup[] = [];
  for (const group of groups) {
    const summed = statistics.sumOf(group.cells);
    const n = totalCount(summed.confusion(0));
    if (n < minCellSize) continue;
    points.push({
      attribute: group.attribute,
      attributes: group.attributes,
      n,
      metrics: evaluateGroup(summed, confidence).metrics,
    });
  }
  return points;
}

/**
 * One point of a series of chosen rate metrics, from the point's summed counts (cells x
 * CELL_FIELDS) alone: each group's confusion counts and the same rates and intervals
 * `seriesGroups` gives, without building the score statistics or the other metrics.
 */
export function seriesRates(
  counts: Float64Array,
  groups: readonly SeriesCohortGroup[],
  metrics: readonly RateMetric[],
  confidence: number,
  minCellSize: number,
): SeriesGroup[] {
  const points: SeriesGroup[] = [];
  for (const group of groups) {
    let tn = 0;
    let fp = 0;
    let fn = 0;
    let tp = 0;
    for (const cell of group.cells) {
      const offset = cell * CELL_FIELDS;
      tn += counts[offset + TN]!;
      fp += counts[offset + FP]!;
      fn += counts[offset + FN]!;
      tp += counts[offset + TP]!;
    }
    const confusion: ConfusionCounts = { tn, fp, fn, tp, squares: null };
    const n = totalCount(confusion);
    if (n < minCellSize) continue;
    const values: Record<string, MetricValue> = {};
    for (const name of metrics) values[name] = rateMetric(confusion, name, confidence);
    points.push({ attribute: group.attribute, attributes: group.attributes, n, metrics: values });
  }
  return points;
}
