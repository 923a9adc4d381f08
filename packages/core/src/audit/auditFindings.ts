import type { CellStatistics } from '../statistics/cellStatistics.js';
import { totalCount } from '../statistics/confusionCounts.js';
import { evaluateGroup, type CalibrationBin, type GroupMetrics } from '../metrics/groupMetrics.js';
import { cohortsOf, groupsOf, type AttributeValue, type CohortGroup } from '../fairness/cohorts.js';
import {
  cohortDisparities,
  type Disparity,
  type DisparityGroup,
  type Exclusion,
} from '../fairness/disparities.js';
import { adjustForMultipleTests } from '../fairness/multipleTesting.js';
import { summarize, type Summary } from '../fairness/summaries.js';

export interface AuditSettings {
  /** Sensitive attributes, in the order given. */
  readonly attributes: readonly string[];
  /** Also evaluate every intersection of two or more attributes. */
  readonly intersections: boolean;
  /** Reference value per attribute, where the user chose one; else the largest group is used. */
  readonly references: Readonly<Record<string, string>>;
  /** Groups with fewer rows are reported but left out of comparisons. */
  readonly minSamples: number;
  readonly confidence: number;
}

export interface GroupReport {
  /** The cohort: an attribute, or an intersection such as "race&sex"; "" for overall. */
  readonly attribute: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly n: number;
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  readonly insufficient: boolean;
  readonly metrics: GroupMetrics;
  readonly calibration: readonly CalibrationBin[] | null;
  readonly auc_binning_error: number | null;
}

export interface AuditFindings {
  readonly confidence: number;
  readonly min_samples: number;
  readonly overall: GroupReport;
  readonly groups: readonly GroupReport[];
  /** The reference group of each cohort, or null when none could be used. */
  readonly references: Readonly<Record<string, Readonly<Record<string, AttributeValue>> | null>>;
  readonly disparities: readonly Disparity[];
  readonly summary: Readonly<Record<string, Summary>>;
  readonly summary_to_overall: Readonly<Record<string, Summary>>;
  readonly excluded: readonly Exclusion[];
}

/** A --reference value that matched no group. */
export class UnknownReferenceError extends Error {
  readonly attribute: string;
  readonly value: string;
  readonly available: readonly AttributeValue[];

  constructor(attribute: string, value: string, available: readonly AttributeValue[]) {
    super(`reference ${attribute}=${value} matches no group`);
    this.name = 'UnknownReferenceError';
    this.attribute = attribute;
    this.value = value;
    this.available = available;
  }
}

/**
 * Everything an audit concludes from per-cell statistics: per-group metrics, disparities with
 * intervals and multiplicity-adjusted tests, and Fairlearn's summaries. `cellValues[c]` holds
 * cell c's value of each attribute, in `settings.attributes` order.
 */
export function auditFindings(
  statistics: CellStatistics,
  cellValues: readonly (readonly AttributeValue[])[],
  settings: AuditSettings,
): AuditFindings {
  const allCells = cellValues.map((_, cell) => cell);
  const overallStatistics = statistics.sumOf(allCells);
  const overall = groupReport('', {}, overallStatistics, settings, false);
  const overallCounts = overallStatistics.confusion(0);
  checkReferences(cellValues, settings);

  const groups: GroupReport[] = [];
  const references: Record<string, Readonly<Record<string, AttributeValue>> | null> = {};
  let disparities: Disparity[] = [];
  const excluded: Exclusion[] = [];
  for (const cohort of cohortsOf(settings.attributes, settings.intersections)) {
    const cohortGroups = groupsOf(cohort, settings.attributes, cellValues);
    const entries = cohortGroups.map((group) => {
      const summed = statistics.sumOf(group.cells);
      const counts = summed.confusion(0);
      const insufficient = totalCount(counts) < settings.minSamples;
      const report = groupReport(cohort.name, group.attributes, summed, settings, insufficient);
      const forDisparity: DisparityGroup = { attributes: group.attributes, counts, insufficient };
      return { group, report, forDisparity };
    });
    entries.sort((a, b) => b.report.n - a.report.n);
    groups.push(...entries.map((e) => e.report));
    const reference = chooseReference(
      entries.map((e) => ({ group: e.group, candidate: e.forDisparity })),
      settings.references,
    );
    references[cohort.name] = reference?.attributes ?? null;
    const result = cohortDisparities(
      cohort.name,
      entries.map((e) => e.forDisparity),
      overallCounts,
      reference,
      settings.confidence,
    );
    disparities.push(...result.disparities);
    excluded.push(...result.exclusions);
  }
  disparities = adjustForMultipleTests(disparities);

  const summary: Record<string, Summary> = {};
  const summaryToOverall: Record<string, Summary> = {};
  for (const cohort of cohortsOf(settings.attributes, settings.intersections)) {
    const own = disparities.filter((d) => d.attribute === cohort.name);
    summary[cohort.name] = summarize(own, 'between_groups');
    summaryToOverall[cohort.name] = summarize(own, 'to_overall');
  }
  return {
    confidence: settings.confidence,
    min_samples: settings.minSamples,
    overall,
    groups,
    references,
    disparities,
    summary,
    summary_to_overall: summaryToOverall,
    excluded,
  };
}

function groupReport(
  attribute: string,
  attributes: Readonly<Record<string, AttributeValue>>,
  summed: CellStatistics,
  settings: AuditSettings,
  insufficient: boolean,
): GroupReport {
  const counts = summed.confusion(0);
  const evaluation = evaluateGroup(summed, settings.confidence);
  return {
    attribute,
    attributes,
    n: totalCount(counts),
    tp: counts.tp,
    fp: counts.fp,
    tn: counts.tn,
    fn: counts.fn,
    insufficient,
    metrics: evaluation.metrics,
    calibration: evaluation.calibration,
    auc_binning_error: evaluation.auc_binning_error,
  };
}

function checkReferences(
  cellValues: readonly (readonly AttributeValue[])[],
  settings: AuditSettings,
): void {
  for (const [attribute, value] of Object.entries(settings.references)) {
    const at = settings.attributes.indexOf(attribute);
    if (at < 0) continue;
    const available = [...new Set(cellValues.map((values) => values[at] ?? null))].sort((a, b) =>
      (a ?? '').localeCompare(b ?? ''),
    );
    if (!available.includes(value)) throw new UnknownReferenceError(attribute, value, available);
  }
}

/**
 * The reference group of a cohort: among groups matching every user-chosen reference value of
 * the cohort's attributes, the largest with enough rows. Null when none qualifies.
 */
function chooseReference(
  candidates: readonly { group: CohortGroup; candidate: DisparityGroup }[],
  chosen: Readonly<Record<string, string>>,
): DisparityGroup | null {
  const matching = candidates.filter(({ group }) =>
    Object.entries(group.attributes).every(
      ([name, value]) => chosen[name] === undefined || chosen[name] === value,
    ),
  );
  const sufficient = matching.filter(({ candidate }) => !candidate.insufficient);
  return sufficient[0]?.candidate ?? null;
}
