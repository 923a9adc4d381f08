import {
  cohortsOf,
  evaluateGroup,
  groupsOf,
  totalCount,
  type AttributeValue,
  type CellStatistics,
  type MetricValue,
} from '@fairwatch/core';

export interface SeriesGroup {
  readonly attribute: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly n: number;
  readonly metrics: Readonly<Record<string, MetricValue>>;
}

interface SeriesSettings {
  readonly attributes: readonly string[];
  readonly intersections: boolean;
  readonly confidence: number;
}

/**
 * One point of a metrics time series: each kept cohort's groups with their metrics and
 * intervals. Only what a series shows: no disparities, tests or summaries, which the window as
 * a whole already has and which cost most of an audit's time; groups under the privacy minimum
 * cell size are left out.
 */
export function seriesGroups(
  statistics: CellStatistics,
  cellValues: readonly (readonly AttributeValue[])[],
  settings: SeriesSettings,
  keep: (attribute: string) => boolean,
  minCellSize: number,
): SeriesGroup[] {
  const groups: SeriesGroup[] = [];
  for (const cohort of cohortsOf(settings.attributes, settings.intersections)) {
    if (!keep(cohort.name)) continue;
    for (const group of groupsOf(cohort, settings.attributes, cellValues)) {
      const summed = statistics.sumOf(group.cells);
      const n = totalCount(summed.confusion(0));
      if (n < minCellSize) continue;
      groups.push({
        attribute: cohort.name,
        attributes: group.attributes,
        n,
        metrics: evaluateGroup(summed, settings.confidence).metrics,
      });
    }
  }
  return groups;
}
