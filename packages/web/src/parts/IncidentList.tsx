import type { Incident } from '../api/types.js';
import { DEFAULT_ROUTE, formatRoute, withRoute } from '../app/route.js';
import { formatCohort, formatTime } from '../format.js';
import { cohortOf } from './CohortTable.js';

/** Alert episodes, newest first, with what people did about them and when. */
export function IncidentList({ incidents }: { readonly incidents: readonly Incident[] }) {
  if (incidents.length === 0) return <p>No alert has fired.</p>;
  return (
    <table class="data">
      <caption>Alert episodes from the incident log, with their handling.</caption>
      <thead>
        <tr>
          <th scope="col">Fired</th>
          <th scope="col">Severity</th>
          <th scope="col">What</th>
          <th scope="col">Evidence when it fired</th>
          <th scope="col">State</th>
          <th scope="col">What was done</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((incident) => (
          <tr key={`${incident.fingerprint}-${String(incident.episode)}`}>
            <td>{incident.fired_at === null ? '—' : formatTime(incident.fired_at)}</td>
            <td>{incident.severity}</td>
            <td>
              <a
                href={formatRoute(
                  withRoute(DEFAULT_ROUTE, {
                    view: 'oncall',
                    model: incident.model,
                    attribute: incident.attribute,
                    version: incident.version,
                    metric: incident.metric,
                    cohort: cohortOf(incident.cohort),
                  }),
                )}
              >
                {incident.model} {incident.version}: {incident.metric} for{' '}
                {formatCohort(incident.cohort)}
              </a>
            </td>
            <td>{incident.summary}</td>
            <td>
              {incident.state === 'resolved' && incident.resolved_at !== null
                ? `resolved ${formatTime(incident.resolved_at)}`
                : incident.state}
            </td>
            <td>
              {incident.history
                .filter((entry) => entry.kind !== 'fired')
                .map(
                  (entry) =>
                    `${entry.kind}${entry.by === null ? '' : ` by ${entry.by}`} at ${formatTime(entry.ts)}`,
                )
                .join('; ') || 'nothing yet'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
