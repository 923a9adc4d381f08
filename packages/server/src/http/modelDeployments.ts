import type { MonitorService } from '../service/monitorService.js';
import { knownModel, onlyParameters } from './cohortQuery.js';
import { timeRange } from './timeRange.js';

/**
 * GET /v1/models/{model}/deployments?window=|from=&to=: the model's deployments in the range,
 * oldest first, as markers for its time series.
 */
export function modelDeployments(
  service: MonitorService,
  modelName: string,
  query: URLSearchParams,
): { deployments: { version: string; ts: string; kind: string }[] } {
  knownModel(service, modelName);
  onlyParameters(query, ['window', 'from', 'to']);
  const { from, to } = timeRange(query, service.clock.now());
  return {
    deployments: service.store.deploymentsBetween(modelName, from, to).map((row) => ({
      version: row.version,
      ts: new Date(row.ts).toISOString(),
      kind: row.kind,
    })),
  };
}
