import type { SloConfig } from '@fairwatch/contracts';
import {
  detectGapChange,
  groupsOf,
  type AttributeValue,
  type CohortGroup,
  type GapChange,
} from '@fairwatch/core';
import type { ModelStatistics } from '../windows/modelStatistics.js';
import type { VersionStatistics } from '../windows/versionStatistics.js';
import type { DenseBuckets } from './denseBuckets.js';
import { groupSeries, type GroupSeries } from './groupSeries.js';
import { lookbacks } from './lookbacks.js';
import { METRIC_FIELDS } from './metricCounts.js';

/** One comparison an SLO watches: a group of a model version against its comparison group. */
export interface Comparison {
  /** Stable identity: SLO, version, group and compared group. */
  readonly key: string;
  readonly slo: SloConfig;
  readonly version: string;
  readonly group: Readonly<Record<string, AttributeValue>>;
  readonly comparedWith: Readonly<Record<string, AttributeValue>>;
}

/** What the latest evaluation found for a comparison. */
export interface ComparisonEvidence {
  readonly comparison: Comparison;
  /** The change detector's statistic and the window start it chose. */
  readonly change: GapChange;
  /** Metric values and denominators over the whole SLO window. */
  readonly groupValue: number | null;
  readonly groupTrials: number;
  readonly comparedValue: number | null;
  readonly comparedTrials: number;
  /** Both groups have the SLO's minimum samples over the whole window. */
  readonly sufficient: boolean;
}

export interface EvidenceSettings {
  readonly now: number;
  /** log of the e-value threshold at which intervals are shown. */
  readonly logThreshold: number;
  readonly rho: number;
  /** Groups with fewer members are neither shown nor compared. */
  readonly minCellSize: number;
  /** The evaluation's dense copies of the buckets it reads. */
  readonly dense?: DenseBuckets;
}

/**
 * The evidence for every comparison of one SLO on one model version: each group against the
 * reference group (configured, or the largest), or every pair of groups for between_groups.
 */
export function sloEvidence(
  slo: SloConfig,
  model: ModelStatistics,
  version: VersionStatistics,
  references: Readonly<Record<string, string>>,
  settings: EvidenceSettings,
): ComparisonEvidence[] {
  const tier = version.tiers[0]!;
  const buckets = Math.max(1, Math.round(slo.windowMs / tier.widthMs));
  const end = tier.startOf(settings.now) + tier.widthMs;
  // No prediction of this version in the window (as when event time catches up a gap).
  if (tier.between(end - buckets * tier.widthMs, end).length === 0) return [];
  const groups = groupsOf(
    { name: slo.attribute, attributes: slo.attributes },
    model.cells.attributes,
    model.cells.cellValues(),
  );
  if (groups.length < 2) return [];
  const series = groupSeries(
    tier,
    end,
    buckets,
    groups.map((group) => group.cells),
    METRIC_FIELDS[slo.metric],
    settings.dense,
  );
  const visible = groups
    .map((group, at) => ({ group, series: series[at]! }))
    .filter(({ series: s }) => s.denominator[buckets]! >= settings.minCellSize);
  const pairs = comparisonPairs(slo, visible, references, buckets);
  const starts = Float64Array.from(lookbacks(buckets), (lookback) => buckets - lookback);
  return pairs.map(([a, b]) => {
    const change = detectGapChange(
      {
        x1: a.series.numerator,
        n1: a.series.denominator,
        x2: b.series.numerator,
        n2: b.series.denominator,
      },
      buckets,
      starts,
      {
        kind: slo.kind,
        band: slo.band,
        rho: settings.rho,
        logThreshold: settings.logThreshold,
        minSamples: slo.minSamples,
      },
    );
    const groupTrials = a.series.denominator[buckets]!;
    const comparedTrials = b.series.denominator[buckets]!;
    return {
      comparison: {
        key: `${slo.name}|${version.version}|${keyOf(a.group)}|${keyOf(b.group)}`,
        slo,
        version: version.version,
        group: a.group.attributes,
        comparedWith: b.group.attributes,
      },
      change,
      groupValue: groupTrials > 0 ? a.series.numerator[buckets]! / groupTrials : null,
      groupTrials,
      comparedValue: comparedTrials > 0 ? b.series.numerator[buckets]! / comparedTrials : null,
      comparedTrials,
      sufficient: groupTrials >= slo.minSamples && comparedTrials >= slo.minSamples,
    };
  });
}

interface SeriesGroup {
  readonly group: CohortGroup;
  readonly series: GroupSeries;
}

function comparisonPairs(
  slo: SloConfig,
  groups: readonly SeriesGroup[],
  references: Readonly<Record<string, string>>,
  buckets: number,
): [SeriesGroup, SeriesGroup][] {
  if (slo.compare === 'between_groups') {
    const pairs: [SeriesGroup, SeriesGroup][] = [];
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) pairs.push([groups[i]!, groups[j]!]);
    }
    return pairs;
  }
  const reference = referenceGroup(slo, groups, references, buckets);
  if (reference === undefined) return [];
  return groups.filter((g) => g !== reference).map((g) => [g, reference]);
}

/** The configured reference values of the SLO's attributes, else the largest group. */
function referenceGroup(
  slo: SloConfig,
  groups: readonly SeriesGroup[],
  references: Readonly<Record<string, string>>,
  buckets: number,
): SeriesGroup | undefined {
  const matching = groups.filter(({ group }) =>
    slo.attributes.every(
      (name) => references[name] === undefined || group.attributes[name] === references[name],
    ),
  );
  let best: SeriesGroup | undefined;
  for (const candidate of matching) {
    if (
      best === undefined ||
      candidate.series.denominator[buckets]! > best.series.denominator[buckets]!
    ) {
      best = candidate;
    }
  }
  return best;
}

function keyOf(group: CohortGroup): string {
  return Object.entries(group.attributes)
    .map(([name, value]) => `${name}=${value ?? ''}`)
    .join(',');
}
