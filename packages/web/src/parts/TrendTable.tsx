import { apiPath, getJson } from '../api/client.js';
import { modelMetrics, type ModelInfo, type Slo } from '../api/types.js';
import { usePolling } from '../api/usePolling.js';
import { useApp } from '../app/context.js';
import { gapTrend, trendMetric, trendMetrics } from '../app/trend.js';
import { Sparkline } from '../charts/Sparkline.js';
import { formatNumber } from '../format.js';
import { LoadState } from './LoadState.js';

interface Props {
  readonly models: readonly ModelInfo[];
  readonly slos: readonly Slo[];
}

/**
 * Hourly trends of the largest gap between groups. Loaded on its own, after the rest of the
 * overview, so the heatmap and budgets never wait for it. Each series carries only the metrics
 * the table shows, and the window's own score metrics are left out: the table reads neither.
 */
export function TrendTable({ models, slos }: Props) {
  const { refresh } = useApp();
  const key = `trends:${models.map((model) => model.name).join(',')}`;
  const loaded = usePolling(
    key,
    () =>
      Promise.all(
        models.map(async (model) => ({
          model,
          trend: await getJson(
            apiPath(`/v1/models/${encodeURIComponent(model.name)}/metrics`, {
              window: '24h',
              step: '1h',
              scores: 'false',
              series_metrics: trendMetrics(slos, model),
            }),
            modelMetrics,
          ),
        })),
      ),
    refresh,
  );
  return (
    <LoadState loaded={loaded} what="the trends">
      {(trends) => (
        <table class="data">
          <caption>
            Largest gap between groups of each attribute, per hour. Shaded: the range the gap can
            take when each group&apos;s rate lies in its 95% interval (not a simultaneous interval).
            Groups under the minimum samples are left out.
          </caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Attribute</th>
              <th scope="col">Metric</th>
              <th scope="col">Gap over time</th>
              <th scope="col">Latest</th>
            </tr>
          </thead>
          <tbody>
            {trends.flatMap(({ model, trend }) =>
              [...model.attributes, ...model.intersections].map((attribute) => {
                const metric = trendMetric(slos, model.name, attribute);
                const points = gapTrend(trend, attribute, metric);
                const latest = [...points].reverse().find((point) => point !== null) ?? null;
                return (
                  <tr key={`${model.name}|${attribute}`}>
                    <td>{model.name}</td>
                    <td>{attribute}</td>
                    <td>{metric}</td>
                    <td>
                      <Sparkline
                        values={points.map((point) => point?.gap ?? null)}
                        ranges={points.map((point) =>
                          point?.low == null || point.high === null
                            ? null
                            : ([point.low, point.high] as const),
                        )}
                        label={`${model.name} ${attribute} ${metric} gap per hour`}
                        band={0.05}
                      />
                    </td>
                    <td>
                      {formatNumber(latest?.gap ?? null)}
                      {latest?.low != null && latest.high !== null && (
                        <span class="muted">
                          {' '}
                          ({formatNumber(latest.low)} to {formatNumber(latest.high)})
                        </span>
                      )}
                    </td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      )}
    </LoadState>
  );
}
