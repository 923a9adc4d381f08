import type { Quadrant } from '../statistics/confusionCounts.js';
import type { RateMetric } from './metricNames.js';

/**
 * Each rate as successes / trials over confusion-matrix quadrants, with the reason it is
 * undefined when its trials are zero.
 */
export interface RateDefinition {
  readonly numerator: readonly Quadrant[];
  readonly denominator: readonly Quadrant[];
  readonly undefinedReason: string;
}

/**
 * Rates that are one minus another over the same trials (fnr = 1 - tpr, ...). Comparing the
 * complement of a rate is the same test, so tests are identified by the primary rate.
 */
export const COMPLEMENT_OF: Readonly<Partial<Record<RateMetric, RateMetric>>> = {
  fnr: 'tpr',
  tnr: 'fpr',
  fdr: 'ppv',
  for: 'npv',
};

/** The rate whose test also answers for `metric`. */
export function primaryRate(metric: RateMetric): RateMetric {
  return COMPLEMENT_OF[metric] ?? metric;
}

const ALL: readonly Quadrant[] = ['tp', 'fp', 'tn', 'fn'];
const ACTUAL_POSITIVES: readonly Quadrant[] = ['tp', 'fn'];
const ACTUAL_NEGATIVES: readonly Quadrant[] = ['fp', 'tn'];
const PREDICTED_POSITIVES: readonly Quadrant[] = ['tp', 'fp'];
const PREDICTED_NEGATIVES: readonly Quadrant[] = ['tn', 'fn'];

const NO_ROWS = 'no rows';
const NO_POSITIVES = 'no actual positives (tp + fn = 0)';
const NO_NEGATIVES = 'no actual negatives (fp + tn = 0)';
const NO_PREDICTED_POSITIVES = 'no predicted positives (tp + fp = 0)';
const NO_PREDICTED_NEGATIVES = 'no predicted negatives (tn + fn = 0)';

export const RATE_DEFINITIONS: Readonly<Record<RateMetric, RateDefinition>> = {
  selection_rate: { numerator: ['tp', 'fp'], denominator: ALL, undefinedReason: NO_ROWS },
  prevalence: { numerator: ['tp', 'fn'], denominator: ALL, undefinedReason: NO_ROWS },
  tpr: { numerator: ['tp'], denominator: ACTUAL_POSITIVES, undefinedReason: NO_POSITIVES },
  fnr: { numerator: ['fn'], denominator: ACTUAL_POSITIVES, undefinedReason: NO_POSITIVES },
  fpr: { numerator: ['fp'], denominator: ACTUAL_NEGATIVES, undefinedReason: NO_NEGATIVES },
  tnr: { numerator: ['tn'], denominator: ACTUAL_NEGATIVES, undefinedReason: NO_NEGATIVES },
  ppv: {
    numerator: ['tp'],
    denominator: PREDICTED_POSITIVES,
    undefinedReason: NO_PREDICTED_POSITIVES,
  },
  fdr: {
    numerator: ['fp'],
    denominator: PREDICTED_POSITIVES,
    undefinedReason: NO_PREDICTED_POSITIVES,
  },
  npv: {
    numerator: ['tn'],
    denominator: PREDICTED_NEGATIVES,
    undefinedReason: NO_PREDICTED_NEGATIVES,
  },
  for: {
    numerator: ['fn'],
    denominator: PREDICTED_NEGATIVES,
    undefinedReason: NO_PREDICTED_NEGATIVES,
  },
  accuracy: { numerator: ['tp', 'tn'], denominator: ALL, undefinedReason: NO_ROWS },
};
