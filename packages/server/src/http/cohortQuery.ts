import type { ModelConfig } from '@fairwatch/contracts';
import { RequestError } from '../errors.js';
import type { MonitorService } from '../service/monitorService.js';
import type { ModelStatistics } from '../windows/modelStatistics.js';

const GROUP_PREFIX = 'group.';

/** A model the query names, with its configuration and statistics; unknown is a 404. */
export function knownModel(
  service: MonitorService,
  name: string,
): { config: ModelConfig; statistics: ModelStatistics } {
  const config = service.config.models.find((model) => model.name === name);
  const statistics = service.statistics.model(name);
  if (config === undefined || statistics === undefined) {
    throw new RequestError('not_found', `unknown model ${name}`);
  }
  return { config, statistics };
}

/** Refuses parameters a route does not read, so a misspelt one is not silently ignored. */
export function onlyParameters(
  query: URLSearchParams,
  allowed: readonly string[],
  cohort = false,
): void {
  const names = cohort ? ['group.<attribute>', ...allowed] : allowed;
  for (const name of new Set(query.keys())) {
    if ((cohort && name.startsWith(GROUP_PREFIX)) || allowed.includes(name)) continue;
    throw new RequestError('bad_request', `unknown parameter ${name}; use ${names.join(', ')}`);
  }
  for (const name of allowed) {
    if (query.getAll(name).length > 1)
      throw new RequestError('bad_request', `${name} is given twice`);
  }
}

/**
 * The cohort of `group.<attribute>=<value>` parameters: every given attribute must match (an
 * empty value selects predictions without that attribute). Returns the selection and the
 * model's cells in it.
 */
export function cohortOf(
  query: URLSearchParams,
  config: ModelConfig,
  statistics: ModelStatistics,
): { cohort: Record<string, string | null>; cells: number[] } {
  const cohort: Record<string, string | null> = {};
  for (const [name, value] of query) {
    if (!name.startsWith(GROUP_PREFIX)) continue;
    const attribute = name.slice(GROUP_PREFIX.length);
    if (!config.attributes.includes(attribute)) {
      throw new RequestError(
        'bad_request',
        `attribute ${attribute} is not configured for ${config.name}; use ${config.attributes.join(', ')}`,
      );
    }
    if (attribute in cohort) throw new RequestError('bad_request', `${name} is given twice`);
    cohort[attribute] = value === '' ? null : value;
  }
  const positions = Object.entries(cohort).map(
    ([attribute, value]) => [statistics.cells.attributes.indexOf(attribute), value] as const,
  );
  const cells: number[] = [];
  statistics.cells.cellValues().forEach((values, cell) => {
    if (positions.every(([at, value]) => values[at] === value)) cells.push(cell);
  });
  return { cohort, cells };
}

/** A whole number parameter in [1, max], or `fallback` when absent. */
export function countParameter(
  query: URLSearchParams,
  name: string,
  fallback: number,
  max: number,
): number {
  const text = query.get(name);
  if (text === null) return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 1 && value <= max)) {
    throw new RequestError(
      'bad_request',
      `${name} must be a whole number from 1 to ${String(max)}`,
    );
  }
  return value;
}
