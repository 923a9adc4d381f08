import type { Alert } from '../api/types.js';
import { formatRoute, DEFAULT_ROUTE, withRoute } from '../app/route.js';
import { cohortOf } from './CohortTable.js';
import { formatCohort, formatEstimate, formatTime } from '../format.js';

/** Alert episodes, newest first, with what people did about them. */
export function IncidentList({ alerts }: { readonly alerts: readonly Alert[] }) {
  const episodes = alerts
    .filter((alert) => alert.firedAt !== null || alert.state === 'pending')
    .sort((a, b) => (b.firedAt ?? b.activeAt ?? '').localeCompare(a.firedAt ?? a.activeAt ?? ''));
  if (episodes.length === 0) return <p>No alert has fired.</p>;
  return (
    <table class="data">
      <caption>Alert episodes with their handling.</caption>
      <thead>
        <tr>
          <th scope="col">Fired</th>
          <th scope="col">Severity</th>
          <th scope="col">What</th>
          <th scope="col">Gap [95% interval]</th>
          <th scope="col">State</th>
          <th scope="col">What was done</th>
        </tr>
      </thead>
      <tbody>
        {episodes.map((alert) => (
          <tr key={alert.fingerprint}>
            <td>{alert.firedAt === null ? 'pending' : formatTime(alert.firedAt)}</td>
            <td>{alert.severity}</td>
            <td>
              <a
                href={formatRoute(
                  withRoute(DEFAULT_ROUTE, {
                    view: 'oncall',
                    model: alert.model,
                    attribute: alert.attribute,
                    version: alert.version,
                    metric: alert.metric,
                    cohort: cohortOf(alert.group.attributes),
                  }),
                )}
              >
                {alert.model} {alert.version}: {alert.metric} for{' '}
                {formatCohort(alert.group.attributes)}
              </a>
            </td>
            <td>{formatEstimate(alert.value, alert.interval)}</td>
            <td>
              {alert.state === 'resolved' && alert.resolvedAt !== null
                ? `resolved ${formatTime(alert.resolvedAt)}`
                : alert.state}
            </td>
            <td>
              {[
                alert.acknowledgedBy !== null ? `acknowledged by ${alert.acknowledgedBy}` : null,
                alert.silencedBy !== null ? `silenced by ${alert.silencedBy}` : null,
              ]
                .filter((text) => text !== null)
                .join('; ') || 'nothing yet'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
