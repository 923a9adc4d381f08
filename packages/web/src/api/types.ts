/**
 * The API responses the dashboard reads, as decoders; the types follow from them. Fields a
 * view does not use are not decoded.
 */
import {
  array,
  boolean,
  interval,
  nullable,
  number,
  object,
  oneOf,
  optional,
  record,
  string,
  type Decoder,
} from './decode.js';

export type Attributes = Record<string, string | null>;
const attributes: Decoder<Attributes> = record(nullable(string));

export const metricValue = object({ value: nullable(number), ci: nullable(interval) });

const metricMap = record(metricValue);

export const modelList = object({
  models: array(
    object({
      name: string,
      threshold: nullable(number),
      attributes: array(string),
      intersections: array(string),
      versions: array(object({ version: string, first_seen: string, last_seen: string })),
    }),
  ),
});
export type ModelInfo = ReturnType<typeof modelList>['models'][number];

/** A reliability-diagram bin, in the audit report's shape. */
const calibrationBin = object({
  low: number,
  high: number,
  n: number,
  mean_score: nullable(number),
  observed_rate: metricValue,
});

const scoreDistribution = object({
  edges: array(number),
  labelled: object({ positive: array(number), negative: array(number) }),
  all: array(number),
});

const labelLag = array(object({ le_seconds: nullable(number), outcomes: number }));

export const group = object({
  attribute: string,
  attributes,
  suppressed: optional(boolean, false),
  reason: optional(nullable(string), null),
  n: optional(number, 0),
  tp: optional(number, 0),
  fp: optional(number, 0),
  tn: optional(number, 0),
  fn: optional(number, 0),
  insufficient: optional(boolean, false),
  metrics: optional(metricMap, {}),
  predictions: optional(number, 0),
  pending_labels: optional(number, 0),
  decision_rate: optional(nullable(number), null),
  label_lag: optional(labelLag, []),
  calibration: optional(nullable(array(calibrationBin)), null),
  score_distribution: optional(nullable(scoreDistribution), null),
});
export type Group = ReturnType<typeof group>;
export type CalibrationBin = ReturnType<typeof calibrationBin>;

export const disparity = object({
  attribute: string,
  metric: string,
  kind: string,
  group: optional(nullable(attributes), null),
  // "overall" for to_overall comparisons: only reference comparisons name a group here.
  reference: (value: unknown, path: string) =>
    typeof value === 'string' ? null : nullable(attributes)(value, path),
  value: nullable(number),
  ci: nullable(interval),
  p_value: optional(nullable(number), null),
  q_value: optional(nullable(number), null),
});
export type Disparity = ReturnType<typeof disparity>;

export const modelMetrics = object({
  model: string,
  from: string,
  to: string,
  resolution: string,
  confidence: number,
  min_samples: number,
  overall: group,
  groups: array(group),
  references: record(attributes),
  disparities: array(disparity),
  excluded: optional(
    array(
      object({ attribute: string, reason: optional(string, ''), group: optional(attributes, {}) }),
    ),
    [],
  ),
  series: optional(
    array(
      object({
        from: string,
        to: string,
        groups: array(object({ attribute: string, attributes, n: number, metrics: metricMap })),
      }),
    ),
    [],
  ),
});
export type ModelMetrics = ReturnType<typeof modelMetrics>;

export const sloList = object({
  slos: array(
    object({
      slo: string,
      model: string,
      metric: string,
      kind: oneOf(['difference', 'ratio']),
      band: interval,
      status: string,
      attribute: optional(nullable(string), null),
      comparisons: array(
        object({
          version: string,
          group: attributes,
          comparedWith: attributes,
          value: nullable(number),
          interval: nullable(interval),
          groupTrials: number,
          comparedTrials: number,
          breached: boolean,
          burnRates: record(number),
          errorBudgetRemaining: number,
        }),
      ),
    }),
  ),
});
export type Slo = ReturnType<typeof sloList>['slos'][number];

const groupSample = object({ attributes, n: number, value: nullable(number) });

export const alert = object({
  fingerprint: string,
  slo: string,
  severity: string,
  state: oneOf(['inactive', 'pending', 'firing', 'resolved']),
  model: string,
  version: string,
  attribute: string,
  group: groupSample,
  comparedWith: groupSample,
  metric: string,
  kind: oneOf(['difference', 'ratio']),
  value: nullable(number),
  interval: nullable(interval),
  band: interval,
  burnRates: record(number),
  errorBudgetRemaining: number,
  activeAt: nullable(string),
  firedAt: nullable(string),
  resolvedAt: nullable(string),
  acknowledgedBy: nullable(string),
  silencedBy: nullable(string),
  recentDeployments: array(object({ version: string, ts: string, kind: string })),
  runbookUrl: nullable(string),
  dashboardUrl: string,
  summary: string,
});
export type Alert = ReturnType<typeof alert>;
export const alertList = object({ alerts: array(alert) });

export const deploymentList = object({
  deployments: array(object({ version: string, ts: string, kind: string })),
});
export type Deployment = ReturnType<typeof deploymentList>['deployments'][number];

export const incidentList = object({
  incidents: array(
    object({
      fingerprint: string,
      episode: number,
      state: string,
      slo: string,
      severity: string,
      model: string,
      version: string,
      attribute: string,
      cohort: attributes,
      metric: string,
      summary: string,
      fired_at: nullable(string),
      resolved_at: nullable(string),
      acknowledged_by: nullable(string),
      acknowledged_at: nullable(string),
      silenced_by: nullable(string),
      history: array(object({ kind: string, ts: string, by: optional(nullable(string), null) })),
    }),
  ),
});
export type Incident = ReturnType<typeof incidentList>['incidents'][number];
