import { apiPath, getJson } from '../api/client.js';
import { usePolling } from '../api/usePolling.js';
import {
  alertList,
  incidentList,
  modelList,
  modelMetrics,
  sloList,
  type Alert,
  type Incident,
  type ModelInfo,
  type ModelMetrics,
  type Slo,
} from '../api/types.js';
import { useApp } from '../app/context.js';
import { formatRoute, withRoute } from '../app/route.js';
import { attributeRisk, type AttributeRisk } from '../app/risk.js';
import { IntervalBar } from '../charts/IntervalBar.js';
import { STATUS_COLOURS, STATUS_TEXT } from '../charts/palette.js';
import { formatCohort, formatEstimate, formatNumber, formatPercent } from '../format.js';
import { cohortOf } from '../parts/CohortTable.js';
import { IncidentList } from '../parts/IncidentList.js';
import { TrendTable } from '../parts/TrendTable.js';
import { LoadState } from '../parts/LoadState.js';
import { WindowSelect } from '../parts/ViewControls.js';

interface ModelOverview {
  readonly model: ModelInfo;
  readonly metrics: ModelMetrics;
}

interface ExecutiveData {
  readonly models: readonly ModelOverview[];
  readonly slos: readonly Slo[];
  readonly alerts: readonly Alert[];
  readonly incidents: readonly Incident[];
}

async function loadExecutive(window: string): Promise<ExecutiveData> {
  const [{ models }, { slos }, { alerts }, { incidents }] = await Promise.all([
    getJson('/v1/models', modelList),
    getJson('/v1/slos', sloList),
    getJson('/v1/alerts', alertList),
    getJson('/v1/incidents?limit=20', incidentList),
  ]);
  const overviews = await Promise.all(
    models.map(async (model) => {
      const base = `/v1/models/${encodeURIComponent(model.name)}/metrics`;
      const metrics = await getJson(apiPath(base, { window, scores: 'false' }), modelMetrics);
      return { model, metrics };
    }),
  );
  return { models: overviews, slos, alerts, incidents };
}

/** For leadership: where the risk is, how sure we are, what budget is left, what happened. */
export function ExecutiveView() {
  const { route, refresh } = useApp();
  const window = route.window ?? '24h';
  const loaded = usePolling(`executive:${window}`, () => loadExecutive(window), refresh);
  return (
    <>
      <div class="view-head">
        <h1>Executive overview</h1>
        <WindowSelect window={window} />
      </div>
      <LoadState loaded={loaded} what="the overview">
        {(data) => (
          // Marks the view as showing data, for the browser tests and the bench's timing.
          <div data-view-ready="executive">
            <ExecutiveBody data={data} window={window} />
          </div>
        )}
      </LoadState>
    </>
  );
}

function ExecutiveBody({
  data,
  window,
}: {
  readonly data: ExecutiveData;
  readonly window: string;
}) {
  const { route } = useApp();
  const columns = [
    ...new Set(data.models.flatMap(({ model }) => [...model.attributes, ...model.intersections])),
  ];
  const risks = new Map<string, AttributeRisk>();
  for (const { model, metrics } of data.models) {
    for (const attribute of [...model.attributes, ...model.intersections]) {
      risks.set(
        `${model.name}|${attribute}`,
        attributeRisk(metrics, attribute, data.slos, data.alerts),
      );
    }
  }
  const top = [...risks.entries()]
    .flatMap(([key, risk]) =>
      risk.significant.map((rated) => ({ model: key.split('|')[0]!, rated })),
    )
    .sort((a, b) => b.rated.excess - a.rated.excess)
    .slice(0, 10);
  return (
    <>
      <section aria-labelledby="heatmap-title">
        <h2 id="heatmap-title">Risk by model and sensitive attribute (last {window})</h2>
        <table class="heatmap">
          <caption>
            Each cell: the worst disparity that is significant after Benjamini–Hochberg (q &lt;
            0.05), judged against its SLO band. Select a cell for the on-call view.
          </caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.models.map(({ model }) => (
              <tr key={model.name}>
                <th scope="row">{model.name}</th>
                {columns.map((attribute) => {
                  const risk = risks.get(`${model.name}|${attribute}`);
                  if (risk === undefined)
                    return (
                      <td key={attribute} class="not-configured">
                        not configured
                      </td>
                    );
                  const worst = risk.worst;
                  const cohort = worst?.disparity.group ?? {};
                  const link = formatRoute(
                    withRoute(route, {
                      view: 'oncall',
                      model: model.name,
                      attribute,
                      metric: worst?.disparity.metric ?? null,
                      cohort: cohortOf(cohort),
                    }),
                  );
                  return (
                    <td
                      key={attribute}
                      style={{ background: STATUS_COLOURS[risk.status] }}
                      class={`risk ${risk.status}`}
                    >
                      <a href={link}>
                        <strong>
                          {risk.breachByAlertOnly
                            ? 'alert firing for a version'
                            : STATUS_TEXT[risk.status]}
                        </strong>
                        {worst !== null && (
                          <span class="cell-detail">
                            {worst.disparity.metric} {worst.measure}{' '}
                            {formatCohort(worst.disparity.group ?? {})}:{' '}
                            {formatEstimate(worst.disparity.value, worst.disparity.ci)}
                          </span>
                        )}
                        {risk.firing > 0 && (
                          <span class="cell-detail">{risk.firing} firing alert(s)</span>
                        )}
                      </a>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <p class="legend-row">
          {(['ok', 'watch', 'breach', 'nodata'] as const).map((status) => (
            <span key={status} class="legend">
              <span
                class="swatch"
                style={{ background: STATUS_COLOURS[status] }}
                aria-hidden="true"
              />
              {STATUS_TEXT[status]}
            </span>
          ))}
        </p>
      </section>

      <section aria-labelledby="top-title">
        <h2 id="top-title">Top disparities</h2>
        {top.length === 0 ? (
          <p>No disparity is significant after multiple-testing control in the last {window}.</p>
        ) : (
          <table class="data">
            <caption>
              Reference-group comparisons, worst first; the shaded band is what the SLO allows.
            </caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Group vs reference</th>
                <th scope="col">Metric</th>
                <th scope="col">Estimate [95% interval]</th>
                <th scope="col">q</th>
                <th scope="col">Against the band</th>
              </tr>
            </thead>
            <tbody>
              {top.map(({ model, rated }, index) => (
                <tr key={index}>
                  <td>{model}</td>
                  <td>
                    {formatCohort(rated.disparity.group ?? {})} vs{' '}
                    {formatCohort(rated.disparity.reference ?? {})}
                  </td>
                  <td>
                    {rated.disparity.metric} {rated.measure}
                  </td>
                  <td>{formatEstimate(rated.disparity.value, rated.disparity.ci)}</td>
                  <td>{formatNumber(rated.disparity.q_value, 4)}</td>
                  <td>
                    <IntervalBar
                      value={rated.disparity.value}
                      ci={rated.disparity.ci}
                      band={rated.band}
                      measure={rated.measure}
                      label={`${rated.disparity.metric} ${rated.measure}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="budget-title">
        <h2 id="budget-title">SLO error budgets</h2>
        <table class="data">
          <caption>
            Error budget left over each SLO's period, for its worst comparison; below 0 means
            exhausted.
          </caption>
          <thead>
            <tr>
              <th scope="col">SLO</th>
              <th scope="col">Status</th>
              <th scope="col">Budget left</th>
              <th scope="col">Worst comparison</th>
            </tr>
          </thead>
          <tbody>
            {data.slos.map((slo) => {
              const worst = [...slo.comparisons].sort(
                (a, b) => a.errorBudgetRemaining - b.errorBudgetRemaining,
              )[0];
              const left = worst?.errorBudgetRemaining ?? 1;
              return (
                <tr key={slo.slo}>
                  <th scope="row">{slo.slo}</th>
                  <td>{slo.status}</td>
                  <td>
                    <span
                      class="budget"
                      role="meter"
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={Math.round(Math.max(0, left) * 100)}
                      aria-label={`${slo.slo} budget left`}
                    >
                      <span
                        class={left < 0.25 ? 'budget-fill low' : 'budget-fill'}
                        style={{ width: formatPercent(Math.max(0, Math.min(1, left))) }}
                      />
                    </span>{' '}
                    {formatPercent(left)}
                  </td>
                  <td>
                    {worst === undefined
                      ? 'no comparisons yet'
                      : `${worst.version} ${formatCohort(worst.group)} vs ${formatCohort(worst.comparedWith)}: ${formatEstimate(worst.value, worst.interval)}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="trend-title">
        <h2 id="trend-title">Trends (last 24 hours, hourly)</h2>
        <TrendTable models={data.models.map(({ model }) => model)} slos={data.slos} />
      </section>

      <section aria-labelledby="incidents-title">
        <h2 id="incidents-title">Recent incidents</h2>
        <IncidentList incidents={data.incidents} />
      </section>
    </>
  );
}
