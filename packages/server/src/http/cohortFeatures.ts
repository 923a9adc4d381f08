import { RequestError } from '../errors.js';
import type { MonitorService } from '../service/monitorService.js';
import { cohortOf, countParameter, knownModel, onlyParameters } from './cohortQuery.js';
import { FeatureSample, featureDistributions } from './featureDistributions.js';
import { timeRange } from './timeRange.js';

/** The most rows one request reads: the newest in the window. */
export const MAX_SCANNED_ROWS = 50_000;
const DEFAULT_BINS = 20;
const MAX_BINS = 200;

/**
 * GET /v1/models/{model}/features?group.<attribute>=<value>&window=1h&bins=20: each feature's
 * distribution in the cohort and in everyone else over the same window, from the retained raw
 * events, so drift between a cohort and the rest is visible. At most `MAX_SCANNED_ROWS` of the
 * window's newest predictions are read; `sampled` says when the window held more.
 */
export function cohortFeatures(
  service: MonitorService,
  modelName: string,
  query: URLSearchParams,
  maxRows = MAX_SCANNED_ROWS,
): Record<string, unknown> {
  const { config, statistics } = knownModel(service, modelName);
  onlyParameters(query, ['window', 'from', 'to', 'bins'], true);
  const { cohort, cells } = cohortOf(query, config, statistics);
  if (Object.keys(cohort).length === 0) {
    throw new RequestError('bad_request', 'name the cohort with group.<attribute>=<value>');
  }
  const bins = countParameter(query, 'bins', DEFAULT_BINS, MAX_BINS);
  const { from, to } = timeRange(query, service.clock.now());

  const inCohort = new Set(cells);
  const mine = new FeatureSample();
  const rest = new FeatureSample();
  const window = service.store.retained.windowFeatures(modelName, from, to, maxRows);
  for (const row of window.rows) (inCohort.has(row.cell) ? mine : rest).add(row.features);
  const scanned = window.rows.length;
  const sampled = window.more;
  const head = {
    model: modelName,
    cohort,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    bins,
    rows_scanned: scanned,
    sampled,
  };
  const minCellSize = service.config.privacy.minCellSize;
  if (mine.rows < minCellSize || rest.rows < minCellSize) {
    return {
      ...head,
      suppressed: true,
      reason: `the cohort or the rest has fewer than ${String(minCellSize)} predictions in the window (privacy minimum cell size)`,
      features: [],
    };
  }
  return {
    ...head,
    cohort_rows: mine.rows,
    rest_rows: rest.rows,
    suppressed: false,
    features: featureDistributions(mine, rest, bins),
  };
}
