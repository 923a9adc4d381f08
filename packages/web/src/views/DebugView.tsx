import { apiPath, getJson } from '../api/client.js';
import { usePolling } from '../api/usePolling.js';
import {
  modelList,
  modelMetrics,
  type Group,
  type ModelInfo,
  type ModelMetrics,
} from '../api/types.js';
import { useApp } from '../app/context.js';
import { seriesColour } from '../charts/palette.js';
import { Histogram } from '../charts/Histogram.js';
import { ReliabilityDiagram } from '../charts/ReliabilityDiagram.js';
import { formatCohort, formatNumber } from '../format.js';
import { ConfusionMatrix } from '../parts/ConfusionMatrix.js';
import { CohortEvents } from '../parts/CohortEvents.js';
import { FeatureHistograms } from '../parts/FeatureHistograms.js';
import { IngestHealth } from '../parts/IngestHealth.js';
import { LoadState } from '../parts/LoadState.js';
import { ViewControls } from '../parts/ViewControls.js';

interface DebugData {
  readonly models: readonly ModelInfo[];
  readonly model: ModelInfo | null;
  readonly attribute: string | null;
  readonly metrics: ModelMetrics | null;
}

async function loadDebug(
  model: string | null,
  attribute: string | null,
  version: string | null,
  window: string,
): Promise<DebugData> {
  const { models } = await getJson('/v1/models', modelList);
  const info = models.find((m) => m.name === model) ?? models[0] ?? null;
  if (info === null) return { models, model: null, attribute: null, metrics: null };
  const chosen = attribute ?? info.attributes[0] ?? null;
  const metrics = await getJson(
    apiPath(`/v1/models/${encodeURIComponent(info.name)}/metrics`, {
      window,
      attribute: chosen,
      version,
    }),
    modelMetrics,
  );
  return { models, model: info, attribute: chosen, metrics };
}

/** For whoever digs in: the raw counts, calibration, score and feature distributions, events. */
export function DebugView() {
  const { route, refresh } = useApp();
  const window = route.window ?? '6h';
  const key = `debug:${route.model ?? ''}:${route.attribute ?? ''}:${route.version ?? ''}:${window}`;
  const loaded = usePolling(
    key,
    () => loadDebug(route.model, route.attribute, route.version, window),
    refresh,
  );
  return (
    <>
      <div class="view-head">
        <h1>Debug</h1>
      </div>
      <LoadState loaded={loaded} what="the debug view">
        {(data) => (
          // Marks the view as showing data, for the browser tests and the bench's timing.
          <div data-view-ready="debug">
            <DebugBody data={data} window={window} />
          </div>
        )}
      </LoadState>
    </>
  );
}

function matches(group: Group, cohort: Readonly<Record<string, string>>): boolean {
  const entries = Object.entries(cohort);
  return entries.length > 0 && entries.every(([name, value]) => group.attributes[name] === value);
}

function DebugBody({ data, window }: { readonly data: DebugData; readonly window: string }) {
  const { route } = useApp();
  if (data.model === null || data.metrics === null || data.attribute === null) {
    return <p>No model has reported predictions yet.</p>;
  }
  const { model, metrics, attribute } = data;
  const groups = metrics.groups.filter((group) => group.attribute === attribute);
  const focus = groups.find((group) => matches(group, route.cohort)) ?? null;
  const shown = focus === null ? groups : [focus, ...groups.filter((group) => group !== focus)];
  const withScores = shown.filter(
    (group) => !group.suppressed && group.score_distribution !== null,
  );
  const withCalibration = shown.filter(
    (group) => !group.suppressed && group.calibration !== null && group.calibration.length > 0,
  );
  return (
    <>
      <ViewControls models={data.models} model={model} attribute={attribute} window={window} />
      <p>
        {focus === null
          ? `All groups of ${attribute}; choose a group in the on-call view's table to focus on it.`
          : `Cohort in focus: ${formatCohort(focus.attributes)}.`}
      </p>
      <section aria-labelledby="confusion-title">
        <h2 id="confusion-title">Confusion matrices</h2>
        <div class="grid">
          {focus !== null && <ConfusionMatrix group={focus} />}
          <ConfusionMatrix group={metrics.overall} />
          {(focus === null ? groups.slice(0, 8) : []).map((group) => (
            <ConfusionMatrix key={formatCohort(group.attributes)} group={group} />
          ))}
        </div>
      </section>
      <section aria-labelledby="calibration-title">
        <h2 id="calibration-title">Reliability diagram per group</h2>
        {withCalibration.length === 0 ? (
          <p>
            No scores with outcomes in this window: predictions carry no score, or labels have not
            arrived.
          </p>
        ) : (
          <div class="grid">
            {withCalibration.slice(0, 12).map((group, index) => (
              <ReliabilityDiagram
                key={formatCohort(group.attributes)}
                label={`${formatCohort(group.attributes)} (n=${String(group.n)}, ECE ${formatNumber(group.metrics['ece']?.value ?? null)})`}
                bins={group.calibration ?? []}
                colour={seriesColour(index)}
              />
            ))}
          </div>
        )}
      </section>
      <section aria-labelledby="scores-title">
        <h2 id="scores-title">Score distribution per group and label</h2>
        {withScores.length === 0 ? (
          <p>No score distributions in this window.</p>
        ) : (
          <div class="grid">
            {withScores.slice(0, 12).map((group) => {
              const distribution = group.score_distribution!;
              return (
                <Histogram
                  key={formatCohort(group.attributes)}
                  title={`${formatCohort(group.attributes)}: AUC ${formatNumber(group.metrics['auc']?.value ?? null)}`}
                  edges={distribution.edges}
                  series={[
                    {
                      label: 'label 1',
                      colour: seriesColour(1),
                      counts: distribution.labelled.positive,
                    },
                    {
                      label: 'label 0',
                      colour: seriesColour(0),
                      counts: distribution.labelled.negative,
                    },
                  ]}
                />
              );
            })}
          </div>
        )}
      </section>
      <section aria-labelledby="features-title">
        <h2 id="features-title">Feature distributions</h2>
        <FeatureHistograms
          model={model.name}
          cohort={focus === null ? null : route.cohort}
          window={window}
        />
      </section>
      <section aria-labelledby="events-title">
        <h2 id="events-title">Recent events</h2>
        <CohortEvents
          model={model.name}
          cohort={focus === null ? null : route.cohort}
          version={route.version}
        />
      </section>
      <section aria-labelledby="ingest-title">
        <h2 id="ingest-title">Ingestion health</h2>
        <IngestHealth />
      </section>
    </>
  );
}
