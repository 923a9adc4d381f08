import { apiPath, getJson } from '../api/client.js';
import { usePolling } from '../api/usePolling.js';
import {
  alertList,
  deploymentList,
  modelList,
  modelMetrics,
  sloList,
  type Alert,
  type Deployment,
  type ModelInfo,
  type ModelMetrics,
  type Slo,
} from '../api/types.js';
import { useApp } from '../app/context.js';
import { withRoute } from '../app/route.js';
import { seriesColour } from '../charts/palette.js';
import { TimeSeriesChart, type LineSeries } from '../charts/TimeSeriesChart.js';
import { durationMs, formatCohort, stepFor } from '../format.js';
import { AlertCard } from '../parts/AlertCard.js';
import { CohortTable, cohortOf } from '../parts/CohortTable.js';
import { LoadState } from '../parts/LoadState.js';
import { ViewControls } from '../parts/ViewControls.js';

interface OnCallData {
  readonly models: readonly ModelInfo[];
  readonly model: ModelInfo | null;
  readonly attribute: string | null;
  /** The metric the series shows (the only one its points carry). */
  readonly metric: string;
  readonly metrics: ModelMetrics | null;
  readonly alerts: readonly Alert[];
  readonly deployments: readonly Deployment[];
  readonly slos: readonly Slo[];
}

async function loadOnCall(
  model: string | null,
  attribute: string | null,
  version: string | null,
  metric: string | null,
  window: string,
): Promise<OnCallData> {
  const [{ models }, { alerts }, { slos }] = await Promise.all([
    getJson('/v1/models', modelList),
    getJson('/v1/alerts', alertList),
    getJson('/v1/slos', sloList),
  ]);
  const info = models.find((m) => m.name === model) ?? models[0] ?? null;
  if (info === null) {
    return {
      models,
      model: null,
      attribute: null,
      metric: metric ?? 'fpr',
      metrics: null,
      alerts,
      deployments: [],
      slos,
    };
  }
  const chosen = attribute ?? defaultAttribute(info, alerts, slos);
  const shown = metric ?? seriesMetric(info, chosen, alerts, slos);
  const base = `/v1/models/${encodeURIComponent(info.name)}`;
  const step = stepFor(durationMs(window) ?? 6 * 3_600_000);
  const [metrics, deployments] = await Promise.all([
    // The series carries only the metric shown: every metric of every group at every point
    // made the answer megabytes long.
    getJson(
      apiPath(`${base}/metrics`, {
        window,
        attribute: chosen,
        version,
        step,
        series_metrics: shown,
      }),
      modelMetrics,
    ),
    getJson(apiPath(`${base}/deployments`, { window }), deploymentList).then(
      (answer) => answer.deployments,
      () => [] as Deployment[],
    ),
  ]);
  return {
    models,
    model: info,
    attribute: chosen,
    metric: shown,
    metrics,
    alerts,
    deployments,
    slos,
  };
}

/** The metric shown when the URL names none: the active alert's, else the SLO's, else FPR. */
function seriesMetric(
  model: ModelInfo,
  attribute: string | null,
  alerts: readonly Alert[],
  slos: readonly Slo[],
): string {
  const active = alerts.find(
    (alert) =>
      alert.model === model.name && (alert.state === 'firing' || alert.state === 'pending'),
  );
  const slo = slos.find(
    (candidate) => candidate.model === model.name && candidate.attribute === attribute,
  );
  return active?.metric ?? slo?.metric ?? 'fpr';
}

function defaultAttribute(
  model: ModelInfo,
  alerts: readonly Alert[],
  slos: readonly Slo[],
): string | null {
  const firing = alerts.find((alert) => alert.model === model.name && alert.state === 'firing');
  if (firing !== undefined) return firing.attribute;
  const slo = slos.find(
    (candidate) => candidate.model === model.name && candidate.attribute !== null,
  );
  return slo?.attribute ?? model.attributes[0] ?? null;
}

/** For whoever is paged: what is wrong, for whom, since when, and what changed around then. */
export function OnCallView() {
  const { route, refresh } = useApp();
  const window = route.window ?? '6h';
  const key = `oncall:${route.model ?? ''}:${route.attribute ?? ''}:${route.version ?? ''}:${route.metric ?? ''}:${window}`;
  const loaded = usePolling(
    key,
    () => loadOnCall(route.model, route.attribute, route.version, route.metric, window),
    refresh,
  );
  return (
    <>
      <div class="view-head">
        <h1>On-call</h1>
      </div>
      <LoadState loaded={loaded} what="the on-call view">
        {(data) => (
          // Marks the view as showing data, for the browser tests and the bench's timing.
          <div data-view-ready="oncall">
            <OnCallBody data={data} window={window} />
          </div>
        )}
      </LoadState>
    </>
  );
}

function OnCallBody({ data, window }: { readonly data: OnCallData; readonly window: string }) {
  const { route, navigate } = useApp();
  if (data.model === null || data.metrics === null || data.attribute === null) {
    return <p>No model has reported predictions yet. Post predictions to /v1/predictions.</p>;
  }
  const { model, metrics, attribute } = data;
  const active = data.alerts.filter(
    (alert) =>
      alert.model === model.name && (alert.state === 'firing' || alert.state === 'pending'),
  );
  const metric = data.metric;
  const reference = metrics.references[attribute] ?? {};
  const focus =
    Object.keys(route.cohort).length > 0
      ? route.cohort
      : cohortOf(active.find((alert) => alert.attribute === attribute)?.group.attributes ?? {});
  const sameCohort = (
    a: Record<string, string | null>,
    b: Record<string, string | null>,
  ): boolean =>
    Object.keys(a).length > 0 &&
    Object.entries(a).every(([k, v]) => b[k] === v) &&
    Object.keys(a).length === Object.keys(b).length;
  const groups = metrics.groups.filter(
    (group) => group.attribute === attribute && !group.suppressed,
  );
  const series: LineSeries[] = groups.map((group, index) => {
    const emphasis = sameCohort(group.attributes, focus) || sameCohort(group.attributes, reference);
    return {
      label: `${formatCohort(group.attributes)}${sameCohort(group.attributes, reference) ? ' (reference)' : ''}`,
      colour: emphasis
        ? seriesColour(sameCohort(group.attributes, reference) ? 0 : 1)
        : seriesColour(index + 2),
      emphasis,
      points: metrics.series.map((point) => {
        const match = point.groups.find((candidate) =>
          sameCohort(candidate.attributes, group.attributes),
        );
        return {
          t: Date.parse(point.from),
          value: match?.metrics[metric]?.value ?? null,
          ci: match?.metrics[metric]?.ci ?? null,
          n: match?.n ?? 0,
        };
      }),
    };
  });
  series.sort((a, b) => Number(a.emphasis) - Number(b.emphasis));
  return (
    <>
      <ViewControls
        models={data.models}
        model={model}
        attribute={attribute}
        window={window}
        metric={metric}
      />
      <section aria-labelledby="alerts-title">
        <h2 id="alerts-title">Active alerts on {model.name}</h2>
        {active.length === 0 ? (
          <p>No alert is firing or pending on {model.name}.</p>
        ) : (
          active.map((alert) => <AlertCard key={alert.fingerprint} alert={alert} />)
        )}
      </section>
      <section aria-labelledby="series-title">
        <h2 id="series-title">
          {metric} by {attribute} over the last {window}
          {route.version !== null ? ` (version ${route.version})` : ''}
        </h2>
        <label class="inline">
          Group in focus{' '}
          <select
            value={formatCohort(focus)}
            onChange={(event) => {
              const chosen = groups.find(
                (group) => formatCohort(group.attributes) === event.currentTarget.value,
              );
              if (chosen !== undefined)
                navigate(withRoute(route, { cohort: cohortOf(chosen.attributes) }));
            }}
          >
            {Object.keys(focus).length === 0 && <option value="everyone">choose a group</option>}
            {groups.map((group) => (
              <option key={formatCohort(group.attributes)} value={formatCohort(group.attributes)}>
                {formatCohort(group.attributes)}
              </option>
            ))}
          </select>
        </label>
        <TimeSeriesChart
          title={`${metric} per ${attribute} group over time, with 95% intervals for the group in focus and the reference`}
          series={series}
          markers={data.deployments.map((d) => ({
            t: Date.parse(d.ts),
            label: `${d.kind} ${d.version}`,
          }))}
          from={Date.parse(metrics.from)}
          to={Date.parse(metrics.to)}
          yLabel={metric}
        />
      </section>
      <section aria-labelledby="cohorts-title">
        <h2 id="cohorts-title">Sample sizes and label lag</h2>
        <CohortTable metrics={metrics} attribute={attribute} metric={metric} />
      </section>
    </>
  );
}
