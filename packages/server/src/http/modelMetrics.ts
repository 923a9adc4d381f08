import { RATE_METRICS, auditFindings, type AuditFindings, type RateMetric } from '@fairwatch/core';
import { RequestError } from '../errors.js';
import { parseDuration } from '@fairwatch/contracts';
import type { MonitorService } from '../service/monitorService.js';
import { timeRange } from './timeRange.js';
import {
  CELL_FIELDS,
  LAG_BINS,
  LAG_BINS_START,
  LAG_BIN_UPPER_SECONDS,
  PENDING,
  PREDICTED_POSITIVE,
  PREDICTIONS,
} from '../windows/cellCounts.js';
import { coreStatisticsOf } from '../windows/coreStatistics.js';
import { windowTotals, type WindowTotals } from '../windows/windowTotals.js';
import { scoreDistributionOf } from './scoreDistribution.js';
import { seriesCohortGroups, seriesGroups, seriesRates } from './seriesGroups.js';

const MAX_STEPS = 500;

/**
 * GET /v1/models/{model}/metrics: per-group metrics with intervals and disparities over a
 * window, in the audit report's shapes, computed from merged buckets. With `step`, a time
 * series of per-group metrics as well.
 */
export function modelMetrics(
  service: MonitorService,
  modelName: string,
  query: URLSearchParams,
): unknown {
  const modelConfig = service.config.models.find((model) => model.name === modelName);
  const statistics = service.statistics.model(modelName);
  if (modelConfig === undefined || statistics === undefined) {
    throw new RequestError('not_found', `unknown model ${modelName}`);
  }
  const now = service.clock.now();
  const { from, to } = timeRange(query, now);
  const attribute = query.get('attribute');
  if (
    attribute !== null &&
    !modelConfig.attributes.includes(attribute) &&
    !modelConfig.intersections.some((i) => i.join('&') === attribute)
  ) {
    throw new RequestError(
      'bad_request',
      `attribute ${attribute} is not configured for ${modelName}; use ${modelConfig.attributes.join(', ')}`,
    );
  }
  const version = query.get('version');
  if (version !== null && !statistics.versions.has(version)) {
    throw new RequestError('not_found', `model ${modelName} has no version ${version}`);
  }
  const tierIndex = service.statistics.tiers.findIndex((spec) => from >= now - spec.keepMs);
  const tierAt = tierIndex < 0 ? service.statistics.tiers.length - 1 : tierIndex;
  const cells = statistics.cells.size;
  const sumOver = (start: number, end: number, withScores = true): WindowTotals =>
    windowTotals(statistics, version, tierAt, start, end, withScores);
  const minCellSize = service.config.privacy.minCellSize;
  const cellValues = statistics.cells.cellValues();
  const settings = {
    attributes: modelConfig.attributes,
    intersections: modelConfig.intersections.length > 0,
    references: seenReferences(modelConfig.references, modelConfig.attributes, cellValues),
    minSamples: Math.max(modelConfig.minSamples, minCellSize),
    confidence: 0.95,
  };
  const findingsOf = (totals: WindowTotals): AuditFindings =>
    auditFindings(coreStatisticsOf(totals.counts, totals.scores, cells), cellValues, settings);
  const keep = (name: string): boolean => attribute === null || name === attribute || name === '';

  // `scores=false` leaves out the score metrics and distributions of the window (the executive
  // view reads only rates and disparities); series points have them only with `scores=true`.
  const scoresParameter = query.get('scores');
  if (scoresParameter !== null && scoresParameter !== 'true' && scoresParameter !== 'false')
    throw new RequestError('bad_request', `scores must be true or false, not ${scoresParameter}`);
  const seriesMetrics = rateMetricList(query.get('series_metrics'));
  const totals = sumOver(from, to, scoresParameter !== 'false');
  const findings = findingsOf(totals);
  const cohortGroups = seriesCohortGroups(cellValues, settings, keep);
  const cellsByGroup = new Map(
    cohortGroups.map((group) => [groupKey(group.attribute, group.attributes), group.cells]),
  );
  const groups = findings.groups
    .filter((group) => keep(group.attribute))
    .map((group) => {
      if (group.n < minCellSize) {
        return {
          attribute: group.attribute,
          attributes: group.attributes,
          suppressed: true,
          reason: `fewer than ${String(minCellSize)} labelled predictions (privacy minimum cell size)`,
        };
      }
      const groupCells =
        cellsByGroup.get(groupKey(group.attribute, group.attributes)) ??
        matchingCells(cellValues, modelConfig.attributes, group.attributes);
      return { ...group, suppressed: false, ...monitoringCounts(totals, groupCells) };
    });
  const body: Record<string, unknown> = {
    model: modelName,
    version,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    resolution: service.statistics.tiers[tierAt]!.name,
    confidence: findings.confidence,
    min_samples: findings.min_samples,
    overall: {
      ...findings.overall,
      ...monitoringCounts(totals, matchingCells(cellValues, modelConfig.attributes, {})),
    },
    groups,
    references: findings.references,
    disparities: findings.disparities.filter((d) => keep(d.attribute)),
    summary: Object.fromEntries(Object.entries(findings.summary).filter(([name]) => keep(name))),
    excluded: findings.excluded.filter((e) => keep(e.attribute)),
  };
  const stepText = query.get('step');
  if (stepText !== null) {
    const step = parseDuration(stepText);
    if (step === null || step <= 0)
      throw new RequestError('bad_request', `step ${stepText} is not a duration such as 5m or 1h`);
    if ((to - from) / step > MAX_STEPS) {
      throw new RequestError(
        'bad_request',
        `step ${stepText} makes more than ${String(MAX_STEPS)} points; use a longer step`,
      );
    }
    const series: unknown[] = [];
    // Score metrics per point only when asked for: building a point's score distributions costs
    // several times its rates, and the dashboard's series show rates.
    const seriesScores = scoresParameter === 'true' && seriesMetrics === null;
    for (let start = from; start < to; start += step) {
      const end = Math.min(to, start + step);
      const part = sumOver(start, end, seriesScores);
      series.push({
        from: new Date(start).toISOString(),
        to: new Date(end).toISOString(),
        groups:
          seriesMetrics === null
            ? seriesGroups(
                coreStatisticsOf(part.counts, part.scores, cells),
                cohortGroups,
                settings.confidence,
                minCellSize,
              )
            : seriesRates(
                part.counts,
                cohortGroups,
                seriesMetrics,
                settings.confidence,
                minCellSize,
              ),
      });
    }
    body.series = series;
  }
  return body;
}

/**
 * The rate metrics `series_metrics=fpr,tpr` names, in order without repeats; null (every
 * metric) when absent.
 */
function rateMetricList(text: string | null): RateMetric[] | null {
  if (text === null) return null;
  const names: RateMetric[] = [];
  for (const name of text.split(',')) {
    const metric = RATE_METRICS.find((candidate) => candidate === name);
    if (metric === undefined) {
      throw new RequestError(
        'bad_request',
        `series_metrics names ${name === '' ? 'an empty metric' : name}, which is not a rate metric; use ${RATE_METRICS.join(', ')}`,
      );
    }
    if (!names.includes(metric)) names.push(metric);
  }
  return names;
}

/**
 * The configured reference values that some prediction has carried. Core refuses a reference
 * no cell has (a typo in an audit's --reference); in the service it only means the group has
 * not been seen yet, so its cohort falls back to the largest group until it is.
 */
function seenReferences(
  references: Readonly<Record<string, string>>,
  attributes: readonly string[],
  cellValues: readonly (readonly (string | null)[])[],
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(references).filter(([attribute, value]) => {
      const at = attributes.indexOf(attribute);
      return at >= 0 && cellValues.some((values) => values[at] === value);
    }),
  );
}

/** A group's identity: its cohort and its values. */
function groupKey(attribute: string, values: Readonly<Record<string, string | null>>): string {
  return `${attribute}|${JSON.stringify(values)}`;
}

/** The cells whose attribute values match every value `group` names. */
function matchingCells(
  cellValues: readonly (readonly (string | null)[])[],
  attributes: readonly string[],
  group: Readonly<Record<string, string | null>>,
): number[] {
  const cells: number[] = [];
  cellValues.forEach((values, cell) => {
    const matches = Object.entries(group).every(
      ([name, value]) => values[attributes.indexOf(name)] === value,
    );
    if (matches) cells.push(cell);
  });
  return cells;
}

/**
 * What the service knows beyond the audit's labelled metrics: all predictions, pending labels,
 * label lag, and the score histograms (all predictions, and labelled ones by label).
 */
function monitoringCounts(totals: WindowTotals, cells: readonly number[]): Record<string, unknown> {
  let predictions = 0;
  let positive = 0;
  let pending = 0;
  const lag = new Array<number>(LAG_BINS).fill(0);
  for (const cell of cells) {
    const offset = cell * CELL_FIELDS;
    const counts = totals.counts;
    predictions += counts[offset + PREDICTIONS]!;
    positive += counts[offset + PREDICTED_POSITIVE]!;
    pending += counts[offset + PENDING]!;
    for (let bin = 0; bin < LAG_BINS; bin++) lag[bin]! += counts[offset + LAG_BINS_START + bin]!;
  }
  return {
    predictions,
    pending_labels: pending,
    decision_rate: predictions > 0 ? positive / predictions : null,
    label_lag: lag.map((count, bin) => ({
      le_seconds: bin < LAG_BIN_UPPER_SECONDS.length ? LAG_BIN_UPPER_SECONDS[bin] : null,
      outcomes: count,
    })),
    score_distribution: totals.scores === null ? null : scoreDistributionOf(totals.scores, cells),
  };
}
