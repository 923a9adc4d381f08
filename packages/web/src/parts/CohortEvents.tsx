import { apiPath, getJson } from '../api/client.js';
import { cohortEvents } from '../api/debugTypes.js';
import { usePolling } from '../api/usePolling.js';
import { useApp } from '../app/context.js';
import { formatNumber, formatSeconds, formatTime } from '../format.js';
import { LoadState } from './LoadState.js';

interface Props {
  readonly model: string;
  readonly cohort: Readonly<Record<string, string>> | null;
  readonly version: string | null;
}

/** The newest raw predictions of the cohort, with their outcome when it has arrived. */
export function CohortEvents({ model, cohort, version }: Props) {
  const { refresh } = useApp();
  const query: Record<string, string | null> = { version, limit: '25' };
  for (const [name, value] of Object.entries(cohort ?? {})) query[`group.${name}`] = value;
  const path = apiPath(`/v1/models/${encodeURIComponent(model)}/events`, query);
  const loaded = usePolling(path, () => getJson(path, cohortEvents), refresh);
  return (
    <LoadState loaded={loaded} what="recent events">
      {(data) =>
        data.suppressed ? (
          <p>Suppressed: the cohort has fewer predictions than the privacy minimum cell size.</p>
        ) : data.events.length === 0 ? (
          <p>No retained events for this cohort.</p>
        ) : (
          <table class="data">
            <caption>
              Newest {data.events.length} predictions{cohort === null ? '' : ' of the cohort'} kept
              in the store.
            </caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Id</th>
                <th scope="col">Version</th>
                <th scope="col">Score</th>
                <th scope="col">Decision</th>
                <th scope="col">Label</th>
                <th scope="col">Label lag</th>
                <th scope="col">Groups</th>
                <th scope="col">Features</th>
              </tr>
            </thead>
            <tbody>
              {data.events.map((event) => (
                <tr key={event.id}>
                  <td>{formatTime(event.ts)}</td>
                  <td>
                    <code>{event.id}</code>
                  </td>
                  <td>{event.version}</td>
                  <td>{formatNumber(event.score)}</td>
                  <td>{event.decision}</td>
                  <td>{event.label === null ? 'pending' : event.label}</td>
                  <td>
                    {event.label_lag_seconds === null
                      ? '—'
                      : formatSeconds(Math.round(event.label_lag_seconds))}
                  </td>
                  <td>
                    {Object.entries(event.groups)
                      .map(([k, v]) => `${k}=${v}`)
                      .join(', ')}
                  </td>
                  <td>
                    {event.features === null
                      ? '—'
                      : Object.entries(event.features)
                          .map(([k, v]) => `${k}=${v}`)
                          .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </LoadState>
  );
}
