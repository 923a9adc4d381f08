/** Responses of the debug view's endpoints: raw events, feature distributions, ingestion health. */
import {
  array,
  boolean,
  nullable,
  number,
  object,
  optional,
  record,
  string,
  type Decoder,
} from './decode.js';

/** A value of a raw event's groups or features, shown as text. */
const shownValue: Decoder<string> = (value) => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};

export const cohortEvents = object({
  suppressed: boolean,
  events: array(
    object({
      id: string,
      version: string,
      ts: string,
      score: nullable(number),
      decision: number,
      label: nullable(number),
      label_lag_seconds: nullable(number),
      groups: record(shownValue),
      features: nullable(record(shownValue)),
      traffic: optional(nullable(string), null),
    }),
  ),
});

const side = object({
  counts: optional(array(number), []),
  other: optional(number, 0),
  missing: number,
});

export const featureDistributions = object({
  sampled: boolean,
  rows_scanned: number,
  suppressed: boolean,
  cohort_rows: optional(number, 0),
  rest_rows: optional(number, 0),
  features: array(
    object({
      name: string,
      kind: string,
      edges: optional(array(number), []),
      values: optional(array(object({ value: string, cohort: number, rest: number })), []),
      cohort: optional(nullable(side), null),
      rest: optional(nullable(side), null),
      reason: optional(nullable(string), null),
    }),
  ),
});
export type FeatureDistribution = ReturnType<typeof featureDistributions>['features'][number];

const eventCounts = object({
  accepted: number,
  ingested: number,
  duplicates: number,
  held: number,
  rejected: number,
  rejected_by_reason: record(number),
});

export const ingestHealth = object({
  events: record(eventCounts),
  rejected_requests: record(number),
  held_outcomes: number,
  models: array(object({ model: string, pending_labels: number, last_event_ts: nullable(string) })),
  store: object({ retained_predictions: number, bytes: number }),
});
