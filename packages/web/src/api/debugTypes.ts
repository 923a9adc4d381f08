/** Responses of the debug view's endpoints: raw events, feature histograms, ingestion health. */
import {
  array,
  nullable,
  number,
  object,
  optional,
  record,
  string,
  boolean,
  type Decoder,
} from './decode.js';

const scalar: Decoder<string> = (value) =>
  value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

export const cohortEvents = object({
  suppressed: optional(boolean, false),
  events: optional(
    array(
      object({
        id: string,
        version: string,
        ts: string,
        score: optional(nullable(number), null),
        decision: number,
        label: optional(nullable(number), null),
        label_lag_seconds: optional(nullable(number), null),
        groups: optional(record(scalar), {}),
        features: optional(nullable(record(scalar)), null),
      }),
    ),
    [],
  ),
});
export type CohortEvent = ReturnType<typeof cohortEvents>['events'][number];

const numericHistogram = object({ edges: array(number), counts: array(number) });
const categoryCounts = array(object({ value: string, count: number }));

export const featureHistograms = object({
  sampled: optional(boolean, false),
  rows_scanned: optional(number, 0),
  features: array(
    object({
      name: string,
      kind: string,
      cohort: optional(nullable(numericHistogram), null),
      rest: optional(nullable(numericHistogram), null),
      cohort_values: optional(nullable(categoryCounts), null),
      rest_values: optional(nullable(categoryCounts), null),
    }),
  ),
});
export type FeatureHistogramSet = ReturnType<typeof featureHistograms>;

export const ingestHealth: Decoder<unknown> = (value) => value;
