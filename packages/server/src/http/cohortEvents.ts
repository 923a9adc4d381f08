import { RequestError } from '../errors.js';
import type { MonitorService } from '../service/monitorService.js';
import { parseStoredBody } from '../store/storedBody.js';
import { cohortOf, countParameter, knownModel, onlyParameters } from './cohortQuery.js';
import { parseTime } from './timeRange.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/**
 * GET /v1/models/{model}/events?group.<attribute>=<value>&version=&limit=&before=: the most
 * recent retained raw predictions of a cohort, newest first, for debugging what the metrics
 * summarise. A cohort with fewer retained predictions than the privacy minimum cell size is
 * answered `suppressed` without events, as its metrics are.
 */
export function cohortEvents(
  service: MonitorService,
  modelName: string,
  query: URLSearchParams,
): Record<string, unknown> {
  const { config, statistics } = knownModel(service, modelName);
  onlyParameters(query, ['version', 'limit', 'before'], true);
  const { cohort, cells } = cohortOf(query, config, statistics);
  const limit = countParameter(query, 'limit', DEFAULT_LIMIT, MAX_LIMIT);
  const beforeText = query.get('before');
  const before = beforeText === null ? Number.MAX_SAFE_INTEGER : parseTime(beforeText, 'before');
  const version = query.get('version');
  if (version !== null && !statistics.versions.has(version)) {
    throw new RequestError('not_found', `model ${modelName} has no version ${version}`);
  }
  // Retained predictions of versions the statistics no longer hold are not listed.
  const versions = version === null ? [...statistics.versions.keys()] : [version];
  const head = { model: modelName, cohort, version };
  const minCellSize = service.config.privacy.minCellSize;
  const retained = service.store.retained;
  if (retained.countUpTo(modelName, cells, versions, minCellSize) < minCellSize) {
    return {
      ...head,
      suppressed: true,
      reason: `fewer than ${String(minCellSize)} retained predictions (privacy minimum cell size)`,
      events: [],
    };
  }
  // Everyone's newest come straight from the (model, ts) index, not per cell and version.
  const rows =
    Object.keys(cohort).length === 0 && version === null
      ? retained.newestOfModel(modelName, before, limit)
      : retained.newest(modelName, cells, versions, before, limit);
  const events = rows.map((row) => {
    const body = parseStoredBody(row.body);
    if (typeof body === 'string') throw new Error(`prediction ${row.id}: ${body}`);
    return {
      id: row.id,
      version: row.version,
      ts: new Date(row.ts).toISOString(),
      score: row.score,
      decision: row.decision,
      label: row.label,
      outcome_ts: row.outcomeTs === null ? null : new Date(row.outcomeTs).toISOString(),
      label_lag_seconds: row.outcomeTs === null ? null : (row.outcomeTs - row.ts) / 1000,
      groups: body.groups,
      features: body.features,
      traffic: body.traffic,
    };
  });
  return { ...head, suppressed: false, events };
}
