import type { Attributes, Group, ModelMetrics } from '../api/types.js';
import { useApp } from '../app/context.js';
import { formatRoute, withRoute } from '../app/route.js';
import { formatCohort, formatCount, formatEstimate, medianLag } from '../format.js';

interface Props {
  readonly metrics: ModelMetrics;
  readonly attribute: string;
  readonly metric: string;
}

/** Every group of the attribute: sample sizes, label lag, and the metric with its interval. */
export function CohortTable({ metrics, attribute, metric }: Props) {
  const { route } = useApp();
  const groups = metrics.groups.filter((group) => group.attribute === attribute);
  return (
    <table class="data">
      <caption>
        Groups of {attribute}: {metric} over {metrics.from.slice(11, 16)}–{metrics.to.slice(11, 16)}
        Z ({Math.round(metrics.confidence * 100)}% intervals; groups under {metrics.min_samples}{' '}
        labelled predictions are marked and never alerted on)
      </caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col">{metric}</th>
          <th scope="col">Labelled (n)</th>
          <th scope="col">Predictions</th>
          <th scope="col">Pending labels</th>
          <th scope="col">Median label lag</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => (
          <tr
            key={formatCohort(group.attributes)}
            class={group.insufficient || group.suppressed ? 'insufficient' : ''}
          >
            <th scope="row">
              <a
                href={formatRoute(
                  withRoute(route, {
                    view: 'debug',
                    attribute,
                    cohort: cohortOf(group.attributes),
                  }),
                )}
              >
                {formatCohort(group.attributes)}
              </a>
            </th>
            <td>
              {group.suppressed
                ? 'suppressed'
                : formatEstimate(
                    group.metrics[metric]?.value ?? null,
                    group.metrics[metric]?.ci ?? null,
                  )}
            </td>
            <td>{group.suppressed ? '—' : formatCount(group.n)}</td>
            <td>{group.suppressed ? '—' : formatCount(group.predictions)}</td>
            <td>{group.suppressed ? '—' : formatCount(group.pending_labels)}</td>
            <td>{group.suppressed ? '—' : medianLag(group.label_lag)}</td>
            <td>{statusOf(group)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A group's attribute values as a route's cohort (a missing value cannot be selected). */
export function cohortOf(attributes: Attributes): Record<string, string> {
  return Object.fromEntries(
    Object.entries(attributes).filter((entry): entry is [string, string] => entry[1] !== null),
  );
}

export function statusOf(group: Group): string {
  if (group.suppressed) return group.reason ?? 'suppressed (privacy minimum cell size)';
  if (group.insufficient) return 'below minimum samples';
  return 'ok';
}
