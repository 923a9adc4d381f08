/**
 * The validated service configuration: what `fairwatch.yaml` means once every default is
 * filled in. Keys are camelCase, durations are milliseconds (named `...Ms`), and nothing is
 * optional: an absent value is either its default or `null` where "none" is meaningful.
 */

import type { Severity } from '../alert.js';

/**
 * The binomial rates an SLO can compare between groups, in report order. The same list as
 * `RATE_METRICS` in @fairwatch/core (a test keeps them equal; contracts cannot import core).
 */
export const RATE_METRIC_NAMES = [
  'selection_rate',
  'prevalence',
  'tpr',
  'fpr',
  'tnr',
  'fnr',
  'ppv',
  'npv',
  'fdr',
  'for',
  'accuracy',
] as const;

export type RateMetricName = (typeof RATE_METRIC_NAMES)[number];

/** `difference` is group - compared; `ratio` is group / compared. */
export const DISPARITY_KINDS = ['difference', 'ratio'] as const;
export type DisparityKind = (typeof DISPARITY_KINDS)[number];

/** Compare each group with the model's reference group, or the extreme groups with each other. */
export const COMPARISONS = ['reference', 'between_groups'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const SEVERITIES = ['page', 'ticket'] as const satisfies readonly Severity[];

export const RECEIVER_TYPES = ['webhook', 'alertmanager'] as const;
export type ReceiverType = (typeof RECEIVER_TYPES)[number];

export interface ListenAddress {
  /** A host name or IP address; an IPv6 address without its brackets. */
  readonly host: string;
  /** 0 to 65535; 0 asks the operating system for a free port. */
  readonly port: number;
}

export interface ServerConfig {
  readonly listen: ListenAddress;
  /** Base URL of dashboard links in alerts, without a trailing slash. */
  readonly publicUrl: string;
  /** SQLite file, or `:memory:`. */
  readonly store: string;
  /** The finest statistics bucket; divides one hour. */
  readonly bucketMs: number;
  readonly evaluationIntervalMs: number;
  readonly maxBodyBytes: number;
  /** Predictions stamped further than this in the future are rejected. */
  readonly maxFutureSkewMs: number;
  /** How long an outcome may wait for its prediction. */
  readonly outcomeHoldMs: number;
}

export interface RetentionConfig {
  /** At least `server.outcomeHoldMs`. */
  readonly rawEventsMs: number;
  readonly minuteBucketsMs: number;
  readonly hourBucketsMs: number;
  readonly dayBucketsMs: number;
}

export interface PrivacyConfig {
  /** Groups with fewer members are never published. */
  readonly minCellSize: number;
}

export interface ModelConfig {
  /** Unique; letters, digits, `_`, `.` and `-`. */
  readonly name: string;
  /** Scores at or above it are positive decisions; in [0, 1]. */
  readonly threshold: number;
  /** The sensitive attributes groups are cut by; unique, non-empty. */
  readonly attributes: readonly string[];
  /** Each a list of two or more distinct attributes of this model. */
  readonly intersections: readonly (readonly string[])[];
  /** Reference group value by attribute; an attribute not listed uses its largest group. */
  readonly references: Readonly<Record<string, string>>;
  readonly minSamples: number;
}

/** A multiwindow burn-rate rule: it fires when both windows burn the error budget this fast. */
export interface BurnRateRule {
  readonly severity: Severity;
  readonly longWindowMs: number;
  /** Shorter than longWindowMs. */
  readonly shortWindowMs: number;
  /** Greater than 0. */
  readonly burnRate: number;
}

export interface SloConfig {
  /** Unique; letters, digits, `_`, `.` and `-`. */
  readonly name: string;
  /** A configured model's name. */
  readonly model: string;
  /** An attribute of the model, or a configured intersection written `segment&sex`. */
  readonly attribute: string;
  /** The attribute alone, or the intersection's attributes in their configured order. */
  readonly attributes: readonly string[];
  readonly metric: RateMetricName;
  readonly kind: DisparityKind;
  readonly compare: Comparison;
  /** Allowed [low, high] of the disparity; low < high, and low > 0 for a ratio. */
  readonly band: readonly [number, number];
  readonly windowMs: number;
  /** Per group, counted in the metric's denominator. */
  readonly minSamples: number;
  /** The SLO target, in (0, 1). */
  readonly objective: number;
  readonly periodMs: number;
  /** Alpha for the evidence that a disparity is outside the band, in (0, 0.5). */
  readonly falseAlarmRate: number;
  /** How long a breach stays pending before it fires. */
  readonly forMs: number;
  readonly runbookUrl: string | null;
  /** Names of the receivers to notify; all receivers unless the file lists some. */
  readonly receivers: readonly string[];
  readonly alerts: readonly BurnRateRule[];
}

interface ReceiverCommon {
  /** Unique; letters, digits, `_`, `.` and `-`. */
  readonly name: string;
  /** An http(s) URL. */
  readonly url: string;
  readonly maxAttempts: number;
  readonly timeoutMs: number;
}

export interface WebhookReceiverConfig extends ReceiverCommon {
  readonly type: 'webhook';
  /** The signing secret: `secret` as written, or the value of the `secret_env` variable. */
  readonly secret: string;
  /** The environment variable the secret was read from, or null for an inline secret. */
  readonly secretEnv: string | null;
}

export interface AlertmanagerReceiverConfig extends ReceiverCommon {
  readonly type: 'alertmanager';
}

export type ReceiverConfig = WebhookReceiverConfig | AlertmanagerReceiverConfig;

export interface AlertingConfig {
  readonly groupWaitMs: number;
  readonly groupIntervalMs: number;
  readonly repeatIntervalMs: number;
}

export interface ServiceConfig {
  readonly server: ServerConfig;
  readonly retention: RetentionConfig;
  readonly privacy: PrivacyConfig;
  readonly models: readonly ModelConfig[];
  readonly slos: readonly SloConfig[];
  readonly receivers: readonly ReceiverConfig[];
  readonly alerting: AlertingConfig;
}
