/**
 * Every per-group metric fairwatch reports, in report order. The binomial rates can be
 * compared between groups (differences, ratios, tests); the others are reported per group.
 */
export const RATE_METRICS = [
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

export const SCORE_METRICS = ['auc', 'brier', 'ece'] as const;

export const METRICS = ['n', ...RATE_METRICS, 'balanced_accuracy', 'f1', ...SCORE_METRICS] as const;

export type RateMetric = (typeof RATE_METRICS)[number];
export type MetricName = (typeof METRICS)[number];
