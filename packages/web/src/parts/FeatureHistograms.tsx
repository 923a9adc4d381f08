import { apiPath, getJson } from '../api/client.js';
import { featureDistributions, type FeatureDistribution } from '../api/debugTypes.js';
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
    () => getJson(path, featureDistributions),
    refresh,
  );
  if (cohort === null) return <p>Choose a cohort to compare its features with everyone else's.</p>;
  return (
    <LoadState loaded={loaded} what="feature distributions">
      {(data) =>
        data.suppressed ? (
          <p>
            Suppressed: the cohort or everyone else has fewer predictions in the window than the
            privacy minimum cell size.
          </p>
        ) : data.features.length === 0 ? (
          <p>The retained predictions of this window carry no features.</p>
        ) : (
          <>
            <p class="muted">
              {formatCount(data.cohort_rows)} predictions of the cohort against{' '}
              {formatCount(data.rest_rows)} of everyone else
              {data.sampled
                ? `, from the newest ${formatCount(data.rows_scanned)} of the window`
                : ''}
              .
            </p>
            <div class="grid">
              {data.features.map((feature) => (
                <FeatureChart key={feature.name} feature={feature} />
              ))}
            </div>
          </>
        )
      }
    </LoadState>
  );
}

function FeatureChart({ feature }: { readonly feature: FeatureDistribution }) {
  if (feature.kind === 'numeric' && feature.cohort !== null && feature.rest !== null) {
    return (
      <Histogram
        title={`${feature.name} (missing: cohort ${formatCount(feature.cohort.missing)}, rest ${formatCount(feature.rest.missing)})`}
        edges={feature.edges}
        series={[
          { label: 'cohort', colour: seriesColour(1), counts: feature.cohort.counts },
          { label: 'everyone else', colour: seriesColour(0), counts: feature.rest.counts },
        ]}
      />
    );
  }
  if (feature.kind === 'categorical') {
    return (
      <table class="data">
        <caption>{feature.name}</caption>
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col">Cohort</th>
            <th scope="col">Everyone else</th>
          </tr>
        </thead>
        <tbody>
          {feature.values.map((entry) => (
            <tr key={entry.value}>
              <td>{entry.value}</td>
              <td>{formatCount(entry.cohort)}</td>
              <td>{formatCount(entry.rest)}</td>
            </tr>
          ))}
          <tr>
            <td>other / missing</td>
            <td>
              {formatCount(feature.cohort?.other ?? 0)} /{' '}
              {formatCount(feature.cohort?.missing ?? 0)}
            </td>
            <td>
              {formatCount(feature.rest?.other ?? 0)} / {formatCount(feature.rest?.missing ?? 0)}
            </td>
          </tr>
        </tbody>
      </table>
    );
  }
  return (
    <p>
      {feature.name}: not shown ({feature.reason ?? feature.kind})
    </p>
  );
}
