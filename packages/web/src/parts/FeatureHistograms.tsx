import { apiPath, getJson } from '../api/client.js';
import { featureHistograms } from '../api/debugTypes.js';
import { usePolling } from '../api/usePolling.js';
import { useApp } from '../app/context.js';
import { Histogram } from '../charts/Histogram.js';
import { seriesColour } from '../charts/palette.js';
import { formatCount } from '../format.js';
import { LoadState } from './LoadState.js';

interface Props {
  readonly model: string;
  readonly cohort: Readonly<Record<string, string>> | null;
  readonly window: string;
}

/** Each feature's distribution in the cohort against everyone else, from retained raw events. */
export function FeatureHistograms({ model, cohort, window }: Props) {
  const { refresh } = useApp();
  const query: Record<string, string | null> = { window, bins: '20' };
  for (const [name, value] of Object.entries(cohort ?? {})) query[`group.${name}`] = value;
  const path = apiPath(`/v1/models/${encodeURIComponent(model)}/features`, query);
  const loaded = usePolling(
    cohort === null ? null : path,
    () => getJson(path, featureHistograms),
    refresh,
  );
  if (cohort === null) return <p>Choose a cohort to compare its features with everyone else's.</p>;
  return (
    <LoadState loaded={loaded} what="feature distributions">
      {(data) =>
        data.features.length === 0 ? (
          <p>The retained predictions of this window carry no features.</p>
        ) : (
          <>
            {data.sampled && (
              <p class="muted">
                From the newest {formatCount(data.rows_scanned)} predictions of the window.
              </p>
            )}
            <div class="grid">
              {data.features.map((feature) =>
                feature.cohort !== null && feature.rest !== null ? (
                  <Histogram
                    key={feature.name}
                    title={feature.name}
                    edges={feature.cohort.edges}
                    series={[
                      { label: 'cohort', colour: seriesColour(1), counts: feature.cohort.counts },
                      {
                        label: 'everyone else',
                        colour: seriesColour(0),
                        counts: feature.rest.counts,
                      },
                    ]}
                  />
                ) : (
                  <table key={feature.name} class="data">
                    <caption>{feature.name}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Value</th>
                        <th scope="col">Cohort</th>
                        <th scope="col">Everyone else</th>
                      </tr>
                    </thead>
                    <tbody>
                      {(feature.cohort_values ?? []).map((entry) => (
                        <tr key={entry.value}>
                          <td>{entry.value}</td>
                          <td>{formatCount(entry.count)}</td>
                          <td>
                            {formatCount(
                              feature.rest_values?.find((other) => other.value === entry.value)
                                ?.count ?? 0,
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ),
              )}
            </div>
          </>
        )
      }
    </LoadState>
  );
}
